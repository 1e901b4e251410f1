"""Block features, computed in bulk: character statistics with numpy, words and
markup tokens hashed as scikit-learn's ``HashingVectorizer`` hashes them (``cleaner.core.hashing``, a page at a
time), page structure from the blocks' XPaths."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain
from operator import attrgetter

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from cleaner.core.caching import token_cache
from cleaner.core.hashing import MARK, ngram_counts
from cleaner.core.types import BLOCK_SEPARATOR, Block
from cleaner.core.vocabulary import (
    CLASS_GROUPS,
    GROUP_PREFIXES,
    HEADINGS,
    LANDMARKS,
    LEXICON,
    NOT_AD_WORDS,
    NOT_GROUP_PREFIXES,
    STOPWORDS,
    is_ad_label,
)

SCHEMA_VERSION = "9"  # 7: lexicon and cue columns from scikit-learn's own hasher; 8: landmarks, JSON-LD, ad labels;
# 9: template groups
TEXT_FEATURES = 2**17
MARKUP_FEATURES = 2**15
# Words: a CJK character on its own, or a run of other word characters.
TOKEN_PATTERN = r"(?u)[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+"
_SUBWORD = re.compile(r"[a-z]{3,}")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_DIGIT = re.compile(r"\d")
_URLISH = re.compile(r"https?://|www\.|\.com\b|\.org\b|\.net\b|@\w")
_COPYRIGHT = re.compile(r"\(c\)", re.IGNORECASE)


# Character classes, one bit each, looked up for every code point of the page at once.
_ALPHA, _UPPER, _DIGIT_C, _SPACE, _PUNCT, _TERMINAL = 1, 2, 4, 8, 16, 32
# Characters counted on their own, one bit per set (all in the Basic Multilingual Plane).
COUNTED = {
    "question_marks": "?？",
    "percent_signs": "%",
    "currency_signs": "$€£¥",
    "separators": "|•·",
    "copyright": "©",
}
_COUNTED_BIT = {name: 64 << i for i, name in enumerate(COUNTED)}


@lru_cache(maxsize=1)
def _char_table() -> np.ndarray:
    table = np.zeros(0x10000, dtype=np.uint16)
    for cp in range(0x10000):
        ch = chr(cp)
        flags = 0
        if ch.isalpha():
            flags |= _ALPHA
            if ch.isupper():
                flags |= _UPPER
        elif ch.isdigit():
            flags |= _DIGIT_C
        elif ch.isspace():
            flags |= _SPACE
        elif unicodedata.category(ch).startswith("P"):
            flags |= _PUNCT
        if ch in ".!?。！？…":
            flags |= _TERMINAL
        table[cp] = flags
    for name, chars in COUNTED.items():
        for ch in chars:
            table[ord(ch)] |= _COUNTED_BIT[name]
    return table


@dataclass(frozen=True, slots=True)
class Features:
    """Everything the classifier sees for a document's blocks."""

    dense: np.ndarray  # (n_blocks, len(DENSE_NAMES)) float32
    words: sp.csr_matrix  # hashed word 1-2 grams, l2-normalised
    markup: sp.csr_matrix  # hashed tag and class/id tokens, binary

    @property
    def n(self) -> int:
        return self.dense.shape[0]

    @property
    def matrix(self) -> sp.csr_matrix:
        """The model's input: one row per block, columns ``WORD_COLUMNS | MARKUP_COLUMNS | DENSE_COLUMNS``."""
        return sp.hstack([self.words, self.markup, _nonzero_csr(self.dense)], format="csr", dtype=np.float32)


def _nonzero_csr(dense: np.ndarray) -> sp.csr_matrix:
    """``sp.csr_matrix(dense)`` of a 2-D array (its nonzero entries, row by row), without the detour through COO."""
    at = np.flatnonzero(dense)
    rows, columns = np.divmod(at, dense.shape[1])
    indptr = np.zeros(dense.shape[0] + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=dense.shape[0]), out=indptr[1:])
    return sp.csr_matrix((dense.ravel()[at], columns.astype(np.int32), indptr), shape=dense.shape)


@lru_cache(maxsize=1)
def word_vectorizer() -> HashingVectorizer:
    """The word hasher's definition (``word_counts`` gives its matrix; its analyzer names cue tokens)."""
    return HashingVectorizer(
        n_features=TEXT_FEATURES,
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, 2),
        alternate_sign=False,
        norm=None,
        lowercase=False,
        dtype=np.float32,
    )


@lru_cache(maxsize=1)
def markup_vectorizer() -> HashingVectorizer:
    """The markup hasher's definition (``_markup_matrix`` gives its matrix)."""
    return HashingVectorizer(
        n_features=MARKUP_FEATURES,
        analyzer=str.split,
        alternate_sign=False,
        norm=None,
        binary=True,
        lowercase=False,
        dtype=np.float32,
    )


def normalised_text(text: str) -> str:
    """What the word hasher reads: lower case, every digit as 0."""
    return _DIGIT.sub("0", text.lower())


_TOKEN = re.compile(TOKEN_PATTERN)
_TOKEN_OR_MARK = re.compile(f"{TOKEN_PATTERN}|{MARK}")


def word_counts(texts: list[str]) -> sp.csr_matrix:
    """Hashed word 1-2 gram counts of each text, float32: what ``word_vectorizer().transform`` gives for the
    ``normalised_text`` of each, from one regex pass over the page (``cleaner.core.hashing``)."""
    joined = MARK.join(texts)
    if joined.count(MARK) == len(texts) - 1:  # MARK only between texts: a Cc character, lower() stops at it
        elements = _TOKEN_OR_MARK.findall(normalised_text(joined))
    else:
        elements = []
        for i, text in enumerate(texts):
            if i:
                elements.append(MARK)
            elements.extend(_TOKEN.findall(normalised_text(text)))
    return ngram_counts(elements, len(texts), TEXT_FEATURES)


def token_columns(tokens: Sequence[str], n_features: int) -> np.ndarray:
    """The column ``HashingVectorizer(n_features, alternate_sign=False)`` gives each token, from scikit-learn's
    own hasher (the one the vectorizer uses), so lexicon counts and cue names read the same columns."""
    if not tokens:
        return np.zeros(0, dtype=np.int64)
    hashed = FeatureHasher(n_features=n_features, input_type="string", alternate_sign=False).transform(
        [[t] for t in tokens]
    )
    return np.asarray(hashed.indices, dtype=np.int64)


@lru_cache(maxsize=8)
def lexicon_columns(words: frozenset[str]) -> np.ndarray:
    """Word-matrix columns of a lexicon: each word's own token (a CJK compound's bigram, as the analyzer makes it)."""
    analyzer = word_vectorizer().build_analyzer()
    tokens = []
    for word in sorted(words):
        grams = analyzer(word)
        if grams:
            tokens.append(grams[-1])  # the word itself, or the longest n-gram of a word the pattern splits
    return np.unique(token_columns(tokens, TEXT_FEATURES))


@lru_cache(maxsize=8)
def _lexicon_mask(words: frozenset[str]) -> np.ndarray:
    """True at the word-matrix columns of a lexicon."""
    mask = np.zeros(TEXT_FEATURES, dtype=bool)
    mask[lexicon_columns(words)] = True
    return mask


def _word_hits(counts: sp.csr_matrix, words: frozenset[str]) -> np.ndarray:
    """Per row, the summed counts in a lexicon's columns (float32, as the counts)."""
    hit = _lexicon_mask(words)[counts.indices]
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    return np.bincount(rows[hit], weights=counts.data[hit], minlength=counts.shape[0]).astype(counts.dtype)


NEAR_ATTRS = 4  # class/id tokens hashed as they are
SUBWORD_ATTRS = 6  # class/id tokens whose readable parts are hashed
MODEL_ATTR_TOKENS = 16  # class/id tokens the class-group flags read: ``segment.MAX_ATTR_TOKENS`` when trained


@dataclass(frozen=True)
class _GroupFinder:
    """``CLASS_GROUPS`` for one lookup per word: each group word's bits, a pattern giving at every position of a
    word the longest group word of 5+ letters starting there, and for each such word the bits of every group word
    of 5+ letters inside it (any group word found at a position is a prefix of the longest one found there); and
    the ``GROUP_PREFIXES`` with their group's bit."""

    exact: dict[str, int]
    longest: re.Pattern[str]
    inside: dict[str, int]
    prefixes: tuple[tuple[str, int], ...]


@lru_cache(maxsize=1)
def _group_finder() -> _GroupFinder:
    exact: dict[str, int] = {}
    for j, group in enumerate(CLASS_GROUPS.values()):
        for word in group:
            exact[word] = exact.get(word, 0) | 1 << j
    long_words = sorted((w for w in exact if len(w) >= 5), key=lambda w: (-len(w), w))
    inside = {w: 0 for w in long_words}
    for w in long_words:
        for part in long_words:
            if part in w:
                inside[w] |= exact[part]
    groups = list(CLASS_GROUPS)
    prefixes = tuple((p, 1 << groups.index(name)) for name, words in GROUP_PREFIXES.items() for p in words)
    return _GroupFinder(exact, re.compile(f"(?=({'|'.join(map(re.escape, long_words))}))"), inside, prefixes)


@token_cache
def _word_groups(word: str) -> int:
    """Bit ``j`` set when ``word`` names ``CLASS_GROUPS`` entry ``j``: it is one of the group's words or
    contains one of its words of 5+ letters (``cookielawinfo`` is a cookie notice, ``newslettersignup`` a
    newsletter box), or starts with one of its ``GROUP_PREFIXES`` (``pollbox``) and no ``NOT_GROUP_PREFIXES``;
    ``NOT_AD_WORDS`` left out."""
    finder = _group_finder()
    word = NOT_AD_WORDS.sub("", word)
    bits = finder.exact.get(word, 0)
    if not word.startswith(NOT_GROUP_PREFIXES):
        for prefix, prefix_bits in finder.prefixes:
            if word.startswith(prefix):
                bits |= prefix_bits
    for found in finder.longest.findall(word):
        bits |= finder.inside[found]
    return bits


@token_cache
def token_groups(token: str) -> int:
    """``CLASS_GROUPS`` bits of one class/id token: of the token itself and of its readable parts."""
    bits = _word_groups(token)
    for sub in subwords(token):
        bits |= _word_groups(sub)
    return bits


def _groups_of(attrs: tuple[str, ...]) -> int:
    bits = 0
    for token in attrs:
        bits |= token_groups(token)
    return bits


def class_groups(attrs: tuple[str, ...]) -> tuple[float, ...]:
    """One 0/1 flag per ``CLASS_GROUPS`` entry for a block's nearest ``MODEL_ATTR_TOKENS`` class/id tokens."""
    bits = _groups_of(attrs[:MODEL_ATTR_TOKENS])
    return tuple(1.0 if bits >> j & 1 else 0.0 for j in range(len(CLASS_GROUPS)))


def template_ids(blocks: Sequence[Block]) -> np.ndarray:
    """Per block, the number of its template: blocks of one tag with the same first two class/id tokens
    (``Block.attrs``) share one (numbered 0, 1, ... in order of first appearance)."""
    keys: dict[tuple[str, tuple[str, ...]], int] = {}
    return np.fromiter((keys.setdefault((b.tag, b.attrs[:2]), len(keys)) for b in blocks), np.int64, len(blocks))


def _class_group_matrix(blocks: list[Block]) -> np.ndarray:
    """``class_groups`` of every block, (n_blocks, len(CLASS_GROUPS)); blocks sharing their tokens computed once,
    each of the page's tokens looked up once."""
    bits: dict[str, int] = {}
    rows: dict[tuple[str, ...], int] = {}
    for b in blocks:
        if b.attrs not in rows:
            groups = 0
            for token in b.attrs[:MODEL_ATTR_TOKENS]:
                found = bits.get(token)
                if found is None:
                    found = bits[token] = token_groups(token)
                groups |= found
            rows[b.attrs] = groups
    packed = np.array([rows[b.attrs] for b in blocks], dtype=np.int64)
    return ((packed[:, None] >> np.arange(len(CLASS_GROUPS))) & 1).astype(np.float64)


@token_cache
def subwords(token: str) -> tuple[str, ...]:
    """Readable parts of a class/id token: ``onetrust-banner-sdk`` -> onetrust, banner, sdk (``newsBox`` -> news,
    box; a token lower case already has no camel-case boundary to split)."""
    lowered = token.lower()
    return tuple(_SUBWORD.findall(lowered if lowered == token else _CAMEL.sub(" ", token).lower()))


TEXT_MARKUP = "kind=text"  # the markup document of a plain-text block


def _context_tokens(tag: str, ancestors: tuple[str, ...]) -> list[str]:
    """The first markup tokens of an HTML block: its tag and its ancestors'."""
    parent = ancestors[0] if ancestors else "-"
    tokens = [f"tag={tag}", f"parent={parent}", f"pair={tag}/{parent}"]
    if len(ancestors) > 1:
        tokens.append(f"grand={ancestors[1]}")
    tokens.extend(f"anc={t}" for t in set(ancestors[:6]))
    return tokens


def markup_doc(block: Block) -> str:
    """The markup tokens of one block, space separated (what the markup hasher reads)."""
    if block.xpath is None:
        return TEXT_MARKUP
    tokens = _context_tokens(block.tag, block.ancestors)
    seen: set[str] = set()
    for i, attr in enumerate(block.attrs[:SUBWORD_ATTRS]):
        if i < NEAR_ATTRS:
            tokens.append(f"near={attr}")
        for sub in subwords(attr):
            if sub not in seen:
                seen.add(sub)
                tokens.append(f"cls={sub}")
    if block.in_form:
        tokens.append("in_form")
    return " ".join(tokens)


def markup_key(block: Block) -> tuple[object, ...]:
    """What ``markup_doc`` reads of a block: blocks with equal keys have the same markup tokens."""
    return (block.xpath is None, block.tag, block.ancestors, block.attrs[:SUBWORD_ATTRS], block.in_form)


def _markup_columns(tokens: str) -> list[int]:
    """The markup-matrix columns of one or more markup tokens: each whitespace-separated part hashed as
    ``markup_vectorizer`` hashes it (its analyzer is ``str.split``)."""
    return [abs(murmurhash3_32(part, seed=0)) % MARKUP_FEATURES for part in tokens.split()]


@token_cache
def _part_column(sub: str) -> int:
    """The markup column of a readable part's ``cls=`` token (a part is letters only: one token)."""
    return abs(murmurhash3_32(f"cls={sub}", seed=0)) % MARKUP_FEATURES


@token_cache
def _attr_columns(attr: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Markup columns of one class/id token: as a ``near=`` token, and of its readable parts' ``cls=`` tokens."""
    return tuple(_markup_columns(f"near={attr}")), tuple(map(_part_column, subwords(attr)))


@token_cache
def _token_columns(token: str) -> tuple[int, ...]:
    """``_markup_columns`` of a tag or ancestor token (``tag=div``, ``anc=li``...), remembered across pages."""
    return tuple(_markup_columns(token))


def _attrs_columns(attrs: tuple[str, ...]) -> list[int]:
    """The markup columns of an HTML block's class/id tokens (``near=`` and ``cls=`` tokens), repeats included."""
    columns: list[int] = []
    for i, attr in enumerate(attrs[:SUBWORD_ATTRS]):
        near, parts = _attr_columns(attr)
        if i < NEAR_ATTRS:
            columns.extend(near)
        columns.extend(parts)
    return columns


def _markup_matrix(blocks: list[Block]) -> sp.csr_matrix:
    """Hashed markup tokens, binary: ``markup_vectorizer``'s matrix of each block's ``markup_doc``, from the
    columns of its parts (tag and ancestors once per page, class/id tokens cached); blocks sharing a markup context
    (list items...) are read once."""
    keys = [(b.tag, b.ancestors, b.attrs, b.in_form, b.xpath is None) for b in blocks]
    unique: dict[tuple[str, tuple[str, ...], tuple[str, ...], bool, bool], int] = {}
    rows = np.fromiter((unique.setdefault(k, len(unique)) for k in keys), dtype=np.int64, count=len(keys))
    contexts: dict[tuple[str, tuple[str, ...]], list[int]] = {}  # the columns of a tag and its ancestors
    attr_columns: dict[tuple[str, ...], list[int]] = {}  # the columns of class/id tokens
    in_form_columns = _markup_columns("in_form")
    columns: list[int] = []
    sizes = np.zeros(len(unique), dtype=np.int64)
    for j, (tag, ancestors, attrs, in_form, is_text) in enumerate(unique):
        size = len(columns)
        if is_text:
            columns.extend(_markup_columns(TEXT_MARKUP))
        else:
            context = contexts.get((tag, ancestors))
            if context is None:
                context = contexts[tag, ancestors] = [
                    c for t in _context_tokens(tag, ancestors) for c in _token_columns(t)
                ]
            named = attr_columns.get(attrs)
            if named is None:
                named = attr_columns[attrs] = _attrs_columns(attrs)
            columns.extend(context)
            columns.extend(named)
            if in_form:
                columns.extend(in_form_columns)
        sizes[j] = len(columns) - size
    cells = np.unique(np.repeat(np.arange(len(unique)) * MARKUP_FEATURES, sizes) + np.array(columns, dtype=np.int64))
    indptr = np.zeros(len(unique) + 1, dtype=np.int32)
    np.cumsum(np.bincount(cells // MARKUP_FEATURES, minlength=len(unique)), out=indptr[1:])
    indices = (cells % MARKUP_FEATURES).astype(np.int32)
    hashed = sp.csr_matrix(
        (np.ones(len(cells), dtype=np.float32), indices, indptr), shape=(len(unique), MARKUP_FEATURES)
    )
    return sp.csr_matrix(hashed[rows])


def _char_stats(texts: list[str]) -> dict[str, np.ndarray]:
    """Per-block character statistics from one numpy pass over the joined text."""
    n = len(texts)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=n)
    joined = "\n".join(texts)
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    cls = _char_table()[np.minimum(cps, 0xFFFF)]
    cls[cps > 0xFFFF] = _ALPHA
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1])) if n else np.zeros(0, np.int64)
    prev_space = np.concatenate(([True], (cls[:-1] & _SPACE) > 0))
    word_char = (cls & (_ALPHA | _DIGIT_C)) > 0
    word_start = word_char & (prev_space | ~np.concatenate(([False], word_char[:-1])))
    next_break = np.concatenate(((cls[1:] & (_SPACE | _PUNCT)) > 0, [True]))
    sentence_end = ((cls & _TERMINAL) > 0) & next_break

    def per_block(mask: np.ndarray) -> np.ndarray:
        if not n:
            return np.zeros(0)
        sums = np.add.reduceat(mask.astype(np.int64), starts) if len(mask) else np.zeros(n)
        # reduceat on an empty block returns the next element: mask those out.
        return np.where(lengths > 0, sums, 0)

    def with_match(pattern: re.Pattern[str]) -> np.ndarray:
        """1 for the blocks in which ``pattern`` matches (the blocks are joined by newlines, none matches one)."""
        found = np.zeros(n)
        positions = [m.start() for m in pattern.finditer(joined)]
        if positions:
            found[np.searchsorted(starts, positions, side="right") - 1] = 1.0
        return found

    def count_of(name: str) -> np.ndarray:
        """How many of ``COUNTED[name]``'s characters each block holds."""
        return per_block((cls & _COUNTED_BIT[name]) > 0)

    alpha = per_block((cls & _ALPHA) > 0)
    upper_start = word_start & ((cls & _UPPER) > 0)
    return {
        "question_marks": count_of("question_marks"),
        "percent_signs": count_of("percent_signs"),
        "currency_signs": count_of("currency_signs"),
        "separators": count_of("separators"),
        "copyright": np.maximum(count_of("copyright") > 0, with_match(_COPYRIGHT)),
        "urlish": with_match(_URLISH),
        "lengths": lengths.astype(np.float64),
        "alpha": alpha,
        "upper": per_block((cls & _UPPER) > 0),
        "digit": per_block((cls & _DIGIT_C) > 0),
        "punct": per_block((cls & _PUNCT) > 0),
        "words": per_block(word_start),
        "cap_words": per_block(upper_start),
        "sentence_ends": per_block(sentence_end),
        "alnum_words": per_block(word_char),
    }


@dataclass(frozen=True)
class BlockPaths:
    """The blocks' enclosing elements (``Block.path``) flattened: element ``flat[k]`` encloses block ``owner[k]``."""

    lengths: np.ndarray  # path length per block
    flat: np.ndarray  # every block's path, one after the other
    owner: np.ndarray  # the block each entry of ``flat`` belongs to
    size: int  # element numbers are below this

    @classmethod
    def of(cls, blocks: Sequence[Block]) -> BlockPaths:
        lengths = np.fromiter((len(b.path) for b in blocks), dtype=np.int64, count=len(blocks))
        flat = np.fromiter(chain.from_iterable(b.path for b in blocks), dtype=np.int64, count=int(lengths.sum()))
        return cls(lengths, flat, np.repeat(np.arange(len(blocks)), lengths), int(flat.max()) + 1 if len(flat) else 0)

    def subtree_sums(self, weights: np.ndarray) -> np.ndarray:
        """Per element, the sum of ``weights`` (one per block) over the blocks inside it."""
        return np.bincount(self.flat, weights=weights[self.owner], minlength=self.size)

    def inside(self, element: int) -> np.ndarray:
        """Whether each block sits in ``element`` (or is it)."""
        return np.bincount(self.owner, weights=(self.flat == element), minlength=len(self.lengths)) > 0

    def deepest(self, fits: np.ndarray) -> int | None:
        """The deepest element (the first of equals) among those where ``fits`` (one flag per element) holds."""
        candidates = np.flatnonzero(fits)
        if not len(candidates):
            return None
        return int(candidates[np.argmax(self.element_depth[candidates])])

    @cached_property
    def element_depth(self) -> np.ndarray:
        """Per element, its greatest depth in a block's path (computed once: ``deepest`` asks it many times)."""
        depth = np.arange(len(self.flat)) - np.repeat(np.cumsum(self.lengths) - self.lengths, self.lengths)
        element_depth = np.zeros(self.size, dtype=np.int64)
        np.maximum.at(element_depth, self.flat, depth)
        return element_depth


def _structure(
    blocks: list[Block], good: np.ndarray, link: np.ndarray, lengths: np.ndarray
) -> tuple[dict[str, np.ndarray], float]:
    """Where each block sits relative to the page's text-dense region (readability-style).

    Every block carries the numbers of its enclosing elements (``Block.path``), so subtree
    totals are one ``bincount`` over the flattened paths.
    """
    n = len(blocks)
    out = {
        k: np.zeros(n)
        for k in (
            "anc1",
            "anc2",
            "anc3",
            "anc5",
            "ld1",
            "ld2",
            "in_best",
            "before",
            "after",
            "dist",
            "siblings",
            "region",
        )
    }
    if not n or not blocks[0].path:
        out["in_best"][:] = out["region"][:] = 1.0
        out["anc1"][:] = out["anc2"][:] = out["anc3"][:] = out["anc5"][:] = 1.0
        out["siblings"][:] = np.log1p(n)
        return out, 1.0
    paths = BlockPaths.of(blocks)
    lens, flat, size = paths.lengths, paths.flat, paths.size
    ends = np.cumsum(lens) - 1  # position of each block's own element in ``flat``
    starts = ends - lens + 1
    sub_good = paths.subtree_sums(good)
    sub_chars = paths.subtree_sums(lengths)
    sub_links = paths.subtree_sums(link)

    def ancestor(level: int) -> np.ndarray:
        return flat[np.maximum(ends - level, starts)]

    region = np.zeros(size)
    has_good = good > 0
    for weight, level in ((1.0, 1), (0.5, 2), (0.25, 3)):
        ids = ancestor(level)[has_good & (lens > level)]
        region += np.bincount(ids, weights=good[has_good & (lens > level)] * weight, minlength=size)
    total_good = float(good.sum()) or 1.0
    for key, level in (("anc1", 1), ("anc2", 2), ("anc3", 3), ("anc5", 5)):
        out[key] = sub_good[ancestor(level)] / total_good
    for key, level in (("ld1", 1), ("ld2", 2)):
        ids = ancestor(level)
        out[key] = sub_links[ids] / np.maximum(sub_chars[ids], 1)
    parents = ancestor(1)
    out["siblings"] = np.log1p(np.bincount(parents, minlength=size)[parents])
    if region.max() <= 0:
        return out, 0.0
    best = int(region.argmax())
    out["region"] = np.max([region[ancestor(k)] for k in (1, 2, 3)], axis=0) / region[best]
    inside = paths.inside(best)
    out["in_best"] = inside.astype(np.float64)
    if inside.any():
        idx = np.flatnonzero(inside)
        first, last = idx[0], idx[-1]
        ids = np.arange(n)
        out["before"] = (ids < first).astype(np.float64)
        out["after"] = (ids > last).astype(np.float64)
        out["dist"] = np.where(ids < first, first - ids, np.where(ids > last, ids - last, 0)) / max(n, 1)
    return out, float(sub_good[best] / total_good)


_WORD = re.compile(r"\w+")
TITLE_MAX_WORDS = 30


def _title_overlap(texts: list[str], words: np.ndarray, title: str | None) -> np.ndarray:
    """Share of a short block's words found in the page's ``<title>`` (headlines score high)."""
    out = np.zeros(len(texts))
    title_words = set(_WORD.findall(title.lower())) if title else set()
    if not title_words:
        return out
    for i in np.flatnonzero((words > 0) & (words <= TITLE_MAX_WORDS)):
        block_words = _WORD.findall(texts[i].lower())
        if block_words:
            out[i] = sum(map(title_words.__contains__, block_words)) / len(block_words)
    return out


OVERLAP_SOURCE_MIN_WORDS = 20  # blocks this long are the document's body of reference for ``document_overlap``
OVERLAP_IN_HTML = False  # plain text only: on pages the markup already tells a teaser list from the article


def _document_overlap(page: Page) -> np.ndarray:
    """Share of a block's hashed words and word pairs (stop words left out) that some *other* block of at least
    ``OVERLAP_SOURCE_MIN_WORDS`` words also has: a subheading or a quote shares the article's words, another
    story's headline, a pitch or a survey invitation mostly does not."""
    if not (page.is_text or OVERLAP_IN_HTML):
        return np.zeros(page.n)
    counts = page.word_counts
    rows = np.repeat(np.arange(page.n), np.diff(counts.indptr))
    valid = ~_lexicon_mask(STOPWORDS)[counts.indices]
    source = page.stats["words"] >= OVERLAP_SOURCE_MIN_WORDS
    in_source = np.bincount(counts.indices[valid & source[rows]], minlength=counts.shape[1])
    elsewhere = in_source[counts.indices] - source[rows] > 0
    shared = np.bincount(rows[valid & elsewhere], minlength=page.n)
    return shared / np.maximum(np.bincount(rows[valid], minlength=page.n), 1)


@dataclass
class Page:
    """What the dense feature columns are computed from: one page's blocks and their bulk statistics."""

    blocks: list[Block]
    texts: list[str]
    stats: dict[str, np.ndarray]
    word_counts: sp.csr_matrix
    struct: dict[str, np.ndarray]
    best_share: float
    link_density: np.ndarray
    title: str | None
    json_ld: str = ""

    @property
    def n(self) -> int:
        return len(self.blocks)

    @property
    def is_text(self) -> bool:
        """A plain-text document (its blocks have no element path)."""
        return self.blocks[0].xpath is None

    @property
    def lengths(self) -> np.ndarray:
        return self.stats["lengths"]

    @property
    def words(self) -> np.ndarray:
        """Word counts, at least 1 (a safe divisor)."""
        return np.maximum(self.stats["words"], 1)

    def per_block(self, value: Callable[[Block], float]) -> np.ndarray:
        return np.fromiter(map(value, self.blocks), dtype=np.float64, count=self.n)

    def per_text(self, value: Callable[[str], float]) -> np.ndarray:
        return np.fromiter(map(value, self.texts), dtype=np.float64, count=self.n)

    @cached_property
    def tag_codes(self) -> tuple[list[str], np.ndarray]:
        """The page's distinct tags, and each block's position among them."""
        index: dict[str, int] = {}
        codes = np.fromiter((index.setdefault(b.tag, len(index)) for b in self.blocks), dtype=np.int64, count=self.n)
        return list(index), codes

    def tag_in(self, tags: frozenset[str]) -> np.ndarray:
        names, codes = self.tag_codes
        return np.array([name in tags for name in names], dtype=np.float64)[codes]

    @cached_property
    def landmark_matrix(self) -> np.ndarray:
        """(n_blocks, len(LANDMARKS)): 1 where a block sits in that landmark; blocks sharing their set computed once."""
        rows: dict[tuple[str, ...], int] = {}
        index = np.fromiter(
            (rows.setdefault(b.landmarks, len(rows)) for b in self.blocks), dtype=np.int64, count=self.n
        )
        unique = np.array([[name in marks for name in LANDMARKS] for marks in rows], dtype=np.float64)
        return unique.reshape(len(rows), len(LANDMARKS))[index]

    def lexicon(self, label: str) -> np.ndarray:
        return np.log1p(_word_hits(self.word_counts, LEXICON[label]))

    @cached_property
    def template_groups(self) -> tuple[np.ndarray, np.ndarray]:
        """Each block's template group (blocks of one tag and the same first two class/id tokens, ``Block.attrs``):
        the share of the page's characters the group holds, and log1p of its size. The cards of a listing, the
        paragraphs of an article body and the items of a menu each form one; a plain-text document has none."""
        if self.is_text:
            return np.zeros(self.n), np.zeros(self.n)
        group = template_ids(self.blocks)
        share = np.bincount(group, weights=self.lengths)[group] / max(float(self.lengths.sum()), 1.0)
        return share, np.log1p(np.bincount(group)[group].astype(np.float64))

    @cached_property
    def class_group_matrix(self) -> np.ndarray:
        return _class_group_matrix(self.blocks)


_TERMINAL_ENDS = [".", "!", "?", "。", "！", "？", '"', "”", "»"]


def _ends_terminal(page: Page) -> np.ndarray:
    last = np.array([t[-1:] for t in page.texts])
    return np.isin(last, _TERMINAL_ENDS).astype(np.float64)


def _repeated(page: Page) -> np.ndarray:
    counts = Counter(page.texts)
    return page.per_text(lambda t: counts[t] > 1)


JSON_LD_MIN_WORDS = 4  # shorter blocks ("Share", a date) appear in any long text by chance


def _in_json_ld(page: Page) -> np.ndarray:
    """1 for a block whose text the page's own JSON-LD states (``articleBody``, ``description``...)."""
    if not page.json_ld:
        return np.zeros(page.n)
    return page.per_text(lambda t: len(t.split()) >= JSON_LD_MIN_WORDS and t in page.json_ld)


def _char_starts(page: Page) -> np.ndarray:
    """Where each block starts in the text the model reads: its offset in a plain-text input; on a page, in its
    blocks joined by blank lines (the offset into the page's text stream, but for the ruled blocks between them,
    ``vocabulary.RULED_TAGS``, which the model does not read)."""
    if page.is_text:
        return page.per_block(attrgetter("start"))
    steps = page.lengths + len(BLOCK_SEPARATOR)
    return (np.cumsum(steps) - steps).astype(np.float64)


def _ad_label(page: Page) -> np.ndarray:
    """1 for a short block that is an ad label ("Advertisement", "Anzeige", "広告"...)."""
    return page.per_text(is_ad_label)


def _landmark_columns() -> list[tuple[str, Callable[[Page], np.ndarray]]]:
    def column(j: int) -> Callable[[Page], np.ndarray]:
        return lambda page: page.landmark_matrix[:, j]

    return [(f"in_{name}", column(j)) for j, name in enumerate(LANDMARKS)]


def _class_group_columns() -> list[tuple[str, Callable[[Page], np.ndarray]]]:
    def column(j: int) -> Callable[[Page], np.ndarray]:
        return lambda page: page.class_group_matrix[:, j]

    return [(f"inside_{group}", column(j)) for j, group in enumerate(CLASS_GROUPS)]


# The feature registry: every dense column's name beside how it is computed, in column order.
DENSE_FEATURES: tuple[tuple[str, Callable[[Page], np.ndarray]], ...] = (
    ("log_chars", lambda p: np.log1p(p.lengths)),
    ("log_words", lambda p: np.log1p(p.stats["words"])),
    ("mean_word_len", lambda p: p.stats["alnum_words"] / p.words),
    ("sentence_ends", lambda p: np.log1p(p.stats["sentence_ends"])),
    ("ends_terminal", _ends_terminal),
    ("punct_ratio", lambda p: p.stats["punct"] / np.maximum(p.lengths, 1)),
    ("digit_ratio", lambda p: p.stats["digit"] / np.maximum(p.lengths, 1)),
    ("upper_ratio", lambda p: p.stats["upper"] / np.maximum(p.stats["alpha"], 1)),
    ("capitalised_words", lambda p: p.stats["cap_words"] / p.words),
    ("question", lambda p: (p.stats["question_marks"] > 0).astype(np.float64)),
    ("stopword_density", lambda p: np.minimum(_word_hits(p.word_counts, STOPWORDS) / p.words, 1.0)),
    ("link_density", lambda p: np.minimum(p.link_density, 1.0)),
    ("is_heading", lambda p: p.tag_in(HEADINGS)),
    ("is_li", lambda p: p.tag_in(frozenset({"li", "dd", "dt"}))),
    ("is_td", lambda p: p.tag_in(frozenset({"td", "th"}))),
    ("is_p", lambda p: p.tag_in(frozenset({"p"}))),
    ("is_div", lambda p: p.tag_in(frozenset({"div", "section", "article", "span", "body"}))),
    ("is_control", lambda p: p.tag_in(frozenset({"button", "label", "option", "legend"}))),
    ("is_list_unit", lambda p: p.tag_in(frozenset({"ul", "ol", "dl"}))),
    ("is_table_unit", lambda p: p.tag_in(frozenset({"table"}))),
    ("is_code", lambda p: p.tag_in(frozenset({"pre", "code"}))),
    ("log_lines", lambda p: np.log1p(p.per_text(lambda t: t.count("\n")))),
    ("depth", lambda p: p.per_block(attrgetter("depth"))),
    ("in_form", lambda p: p.per_block(attrgetter("in_form"))),
    ("controls", lambda p: np.log1p(p.per_block(attrgetter("controls")))),
    ("rel_position", lambda p: np.arange(p.n) / max(p.n - 1, 1)),
    (
        "rel_char_position",
        lambda p: _char_starts(p) / max(float(p.lengths.sum()) + 2 * p.n, 1),
    ),
    ("log_page_blocks", lambda p: np.full(p.n, np.log1p(p.n))),
    ("log_page_chars", lambda p: np.full(p.n, np.log1p(float(p.lengths.sum())))),
    ("rel_length", lambda p: p.lengths / max(float(p.lengths.max()), 1.0)),
    ("pipes", lambda p: p.stats["separators"]),
    ("urlish", lambda p: p.stats["urlish"]),
    ("percent", lambda p: (p.stats["percent_signs"] > 0).astype(np.float64)),
    ("currency", lambda p: (p.stats["currency_signs"] > 0).astype(np.float64)),
    ("copyright", lambda p: p.stats["copyright"].astype(np.float64)),
    ("short", lambda p: (p.stats["words"] <= 3).astype(np.float64)),
    ("repeated", _repeated),
    ("template_share", lambda p: p.template_groups[0]),
    ("log_template_count", lambda p: p.template_groups[1]),
    ("log_siblings", lambda p: p.struct["siblings"]),
    ("anc1_share", lambda p: p.struct["anc1"]),
    ("anc2_share", lambda p: p.struct["anc2"]),
    ("anc3_share", lambda p: p.struct["anc3"]),
    ("anc5_share", lambda p: p.struct["anc5"]),
    ("anc1_link_density", lambda p: p.struct["ld1"]),
    ("anc2_link_density", lambda p: p.struct["ld2"]),
    ("in_best", lambda p: p.struct["in_best"]),
    ("before_best", lambda p: p.struct["before"]),
    ("after_best", lambda p: p.struct["after"]),
    ("dist_best", lambda p: p.struct["dist"]),
    ("best_share", lambda p: np.full(p.n, p.best_share)),
    ("region_ratio", lambda p: p.struct["region"]),
    ("title_overlap", lambda p: _title_overlap(p.texts, p.stats["words"], p.title)),
    ("document_overlap", _document_overlap),
    ("poll_words", lambda p: p.lexicon("poll")),
    ("consent_words", lambda p: p.lexicon("consent")),
    ("promo_words", lambda p: p.lexicon("promo")),
    ("is_text_kind", lambda p: np.full(p.n, 1.0 if p.is_text else 0.0)),
    *_class_group_columns(),
    ("in_json_ld", _in_json_ld),
    ("ad_label", _ad_label),
    *_landmark_columns(),
)
DENSE_NAMES: tuple[str, ...] = tuple(name for name, _ in DENSE_FEATURES)
DENSE_INDEX = {name: i for i, name in enumerate(DENSE_NAMES)}
# Where each feature group sits in ``Features.matrix`` (the model's input).
WORD_COLUMNS = slice(0, TEXT_FEATURES)
MARKUP_COLUMNS = slice(TEXT_FEATURES, TEXT_FEATURES + MARKUP_FEATURES)
DENSE_COLUMNS = slice(TEXT_FEATURES + MARKUP_FEATURES, TEXT_FEATURES + MARKUP_FEATURES + len(DENSE_NAMES))
N_COLUMNS = DENSE_COLUMNS.stop
DOCUMENT_START_COLUMN = DENSE_COLUMNS.start + DENSE_INDEX["rel_position"]  # 0 exactly on a document's first block


def extract(blocks: list[Block], title: str | None = None, json_ld: str = "") -> Features:
    """Features of all blocks of one document (``title``: the page's ``<title>``; ``json_ld``: the body text of
    its JSON-LD, if any)."""
    n = len(blocks)
    if not n:
        return Features(
            dense=np.zeros((0, len(DENSE_NAMES)), np.float32),
            words=sp.csr_matrix((0, TEXT_FEATURES), dtype=np.float32),
            markup=sp.csr_matrix((0, MARKUP_FEATURES), dtype=np.float32),
        )
    texts = [b.text for b in blocks]
    stats = _char_stats(texts)
    lengths = stats["lengths"]
    counts = word_counts(texts)
    link = np.fromiter(map(attrgetter("link_chars"), blocks), dtype=np.float64, count=n)
    link_density = link / np.maximum(lengths, 1)
    good = np.where((stats["words"] >= 5) & (link_density < 0.5), lengths * (1 - link_density), 0.0)
    struct, best_share = _structure(blocks, good, link, lengths)
    page = Page(blocks, texts, stats, counts, struct, best_share, link_density, title, json_ld)
    dense = np.column_stack([column(page) for _, column in DENSE_FEATURES]).astype(np.float32)
    words_matrix = counts.log1p()
    inplace_csr_row_normalize_l2(words_matrix)  # what sklearn.preprocessing.normalize does for float32 CSR
    return Features(dense=dense, words=sp.csr_matrix(words_matrix), markup=_markup_matrix(blocks))
