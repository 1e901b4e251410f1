"""Block features, computed in bulk: character statistics with numpy, words and
markup tokens hashed by scikit-learn, page structure from the blocks' XPaths."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils import murmurhash3_32

from .stopwords import LEXICON, STOPWORDS
from .types import Block

SCHEMA_VERSION = "6"
TEXT_FEATURES = 2**17
MARKUP_FEATURES = 2**15
# Words: a CJK character on its own, or a run of other word characters.
TOKEN_PATTERN = r"(?u)[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+"
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SUBWORD = re.compile(r"[a-z]{3,}")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_DIGIT = re.compile(r"\d")
_URLISH = re.compile(r"https?://|www\.|\.com\b|\.org\b|\.net\b|@\w")

# Class/id words that mean the same thing on every site. Blocks get one flag per group when
# any enclosing element's class/id holds one of its words; the hashed markup tokens only see
# the nearest few elements, so the model cannot memorise a template by its outer classes.
CLASS_GROUPS: dict[str, frozenset[str]] = {
    "nav": frozenset("nav navbar navigation menu breadcrumb breadcrumbs header topbar masthead toolbar skip".split()),
    "footer": frozenset("footer foot bottom copyright legal colophon".split()),
    "side": frozenset("sidebar aside widget widgets rail column col secondary".split()),
    "comment": frozenset("comment comments reply replies discussion disqus respond".split()),
    "related": frozenset("related recommended recirc trending popular teaser teasers more readnext".split()),
    "share": frozenset("share sharing social follow".split()),
    "ad": frozenset("ad ads advert advertisement adslot sponsor sponsored promo promoted dfp gpt taboola".split()),
    "consent": frozenset("cookie cookies consent gdpr privacy cmp onetrust didomi cookiebot qc usercentrics".split()),
    "poll": frozenset("poll polls survey vote voting quiz rating".split()),
    "newsletter": frozenset("newsletter subscribe signup subscription paywall membership".split()),
    "article": frozenset("article content entry post story body main text prose".split()),
}
DENSE_NAMES: tuple[str, ...] = (
    "log_chars",
    "log_words",
    "mean_word_len",
    "sentence_ends",
    "ends_terminal",
    "punct_ratio",
    "digit_ratio",
    "upper_ratio",
    "capitalised_words",
    "question",
    "stopword_density",
    "link_density",
    "is_heading",
    "is_li",
    "is_td",
    "is_p",
    "is_div",
    "is_control",
    "depth",
    "in_form",
    "controls",
    "rel_position",
    "rel_char_position",
    "log_page_blocks",
    "log_page_chars",
    "rel_length",
    "pipes",
    "urlish",
    "percent",
    "currency",
    "copyright",
    "short",
    "repeated",
    "log_siblings",
    "anc1_share",
    "anc2_share",
    "anc3_share",
    "anc5_share",
    "anc1_link_density",
    "anc2_link_density",
    "in_best",
    "before_best",
    "after_best",
    "dist_best",
    "best_share",
    "region_ratio",
    "title_overlap",
    "poll_words",
    "consent_words",
    "promo_words",
    "is_text_kind",
    *(f"inside_{group}" for group in CLASS_GROUPS),
)
DENSE_INDEX = {name: i for i, name in enumerate(DENSE_NAMES)}

# Character classes, one bit each, looked up for every code point of the page at once.
_ALPHA, _UPPER, _DIGIT_C, _SPACE, _PUNCT, _TERMINAL = 1, 2, 4, 8, 16, 32


@lru_cache(maxsize=1)
def _char_table() -> np.ndarray:
    table = np.zeros(0x10000, dtype=np.uint8)
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


@lru_cache(maxsize=1)
def word_vectorizer() -> HashingVectorizer:
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
    return HashingVectorizer(
        n_features=MARKUP_FEATURES,
        analyzer=str.split,
        alternate_sign=False,
        norm=None,
        binary=True,
        lowercase=False,
        dtype=np.float32,
    )


@lru_cache(maxsize=8)
def _word_columns(words: frozenset[str]) -> np.ndarray:
    """Hashed columns of single words (collisions with other words are rare and harmless)."""
    cols = {murmurhash3_32(w, seed=0, positive=True) % TEXT_FEATURES for w in words}
    return np.array(sorted(cols), dtype=np.int64)


def _word_hits(counts: sp.csr_matrix, words: frozenset[str]) -> np.ndarray:
    return np.asarray(counts[:, _word_columns(words)].sum(axis=1)).ravel()


NEAR_ATTRS = 4  # class/id tokens hashed as they are
SUBWORD_ATTRS = 6  # class/id tokens whose readable parts are hashed


@lru_cache(maxsize=4096)
def class_groups(attrs: tuple[str, ...]) -> tuple[float, ...]:
    """One 0/1 flag per ``CLASS_GROUPS`` entry for a block's enclosing class/id tokens."""
    words = {w for token in attrs for w in subwords(token)} | set(attrs)
    return tuple(1.0 if words & group else 0.0 for group in CLASS_GROUPS.values())


@lru_cache(maxsize=4096)
def subwords(token: str) -> tuple[str, ...]:
    """Readable parts of a class/id token: ``onetrust-banner-sdk`` -> onetrust, banner, sdk."""
    return tuple(_SUBWORD.findall(_CAMEL.sub(" ", token).lower()))


def markup_doc(block: Block) -> str:
    """The markup tokens of one block, space separated (what the markup hasher reads)."""
    if block.xpath is None:
        return "kind=text"
    anc = block.ancestors
    parent = anc[0] if anc else "-"
    tokens = [f"tag={block.tag}", f"parent={parent}", f"pair={block.tag}/{parent}"]
    if len(anc) > 1:
        tokens.append(f"grand={anc[1]}")
    tokens.extend(f"anc={t}" for t in set(anc[:6]))
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


def _markup_matrix(blocks: list[Block]) -> sp.csr_matrix:
    """Hashed markup tokens; blocks sharing a markup context (list items...) are hashed once."""
    keys = [(b.tag, b.ancestors, b.attrs, b.in_form, b.xpath is None) for b in blocks]
    unique: dict[tuple[object, ...], int] = {}
    rows = np.fromiter((unique.setdefault(k, len(unique)) for k in keys), dtype=np.int64, count=len(keys))
    first: dict[int, int] = {}
    for i, k in enumerate(keys):
        first.setdefault(unique[k], i)
    docs = [markup_doc(blocks[first[j]]) for j in range(len(unique))]
    return sp.csr_matrix(markup_vectorizer().transform(docs)[rows])


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

    alpha = per_block((cls & _ALPHA) > 0)
    upper_start = word_start & ((cls & _UPPER) > 0)
    return {
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
    lens = np.fromiter((len(b.path) for b in blocks), dtype=np.int64, count=n)
    flat = np.fromiter(chain.from_iterable(b.path for b in blocks), dtype=np.int64, count=int(lens.sum()))
    ends = np.cumsum(lens) - 1  # position of each block's own element in ``flat``
    starts = ends - lens + 1
    owner = np.repeat(np.arange(n), lens)
    size = int(flat.max()) + 1
    sub_good = np.bincount(flat, weights=good[owner], minlength=size)
    sub_chars = np.bincount(flat, weights=lengths[owner], minlength=size)
    sub_links = np.bincount(flat, weights=link[owner], minlength=size)

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
    inside = np.bincount(owner, weights=(flat == best), minlength=n) > 0
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
            out[i] = sum(w in title_words for w in block_words) / len(block_words)
    return out


def extract(blocks: list[Block], title: str | None = None) -> Features:
    """Features of all blocks of one document (``title``: the page's ``<title>``, if any)."""
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
    safe_len = np.maximum(lengths, 1)
    words = np.maximum(stats["words"], 1)
    word_counts = word_vectorizer().transform([_DIGIT.sub("0", t.lower()) for t in texts])
    stop = _word_hits(word_counts, STOPWORDS)
    link = np.fromiter((b.link_chars for b in blocks), dtype=np.float64, count=n)
    link_density = link / safe_len
    good = np.where((stats["words"] >= 5) & (link_density < 0.5), lengths * (1 - link_density), 0.0)
    struct, best_share = _structure(blocks, good, link, lengths)
    page_chars = float(lengths.sum())
    starts = np.fromiter((b.start for b in blocks), dtype=np.float64, count=n)
    text_counts = Counter(texts)
    tags = [b.tag for b in blocks]
    is_text = 1.0 if n and blocks[0].xpath is None else 0.0

    def flag(pred: object) -> np.ndarray:
        return np.fromiter((1.0 if pred(t) else 0.0 for t in tags), dtype=np.float64, count=n)  # type: ignore[operator]

    last = np.array([t[-1:] for t in texts]) if n else np.array([], dtype=str)
    columns = {
        "log_chars": np.log1p(lengths),
        "log_words": np.log1p(stats["words"]),
        "mean_word_len": stats["alnum_words"] / words,
        "sentence_ends": np.log1p(stats["sentence_ends"]),
        "ends_terminal": np.isin(last, [".", "!", "?", "。", "！", "？", '"', "”", "»"]).astype(np.float64),
        "punct_ratio": stats["punct"] / safe_len,
        "digit_ratio": stats["digit"] / safe_len,
        "upper_ratio": stats["upper"] / np.maximum(stats["alpha"], 1),
        "capitalised_words": stats["cap_words"] / words,
        "question": np.fromiter(("?" in t or "？" in t for t in texts), dtype=np.float64, count=n),
        "stopword_density": np.minimum(stop / words, 1.0),
        "link_density": np.minimum(link_density, 1.0),
        "is_heading": flag(HEADINGS.__contains__),
        "is_li": flag(lambda t: t in ("li", "dd", "dt")),
        "is_td": flag(lambda t: t in ("td", "th")),
        "is_p": flag(lambda t: t == "p"),
        "is_div": flag(lambda t: t in ("div", "section", "article", "span", "body")),
        "is_control": flag(lambda t: t in ("button", "label", "option", "legend")),
        "depth": np.fromiter((b.depth for b in blocks), dtype=np.float64, count=n),
        "in_form": np.fromiter((b.in_form for b in blocks), dtype=np.float64, count=n),
        "controls": np.log1p(np.fromiter((b.controls for b in blocks), dtype=np.float64, count=n)),
        "rel_position": np.arange(n) / max(n - 1, 1),
        "rel_char_position": starts / max(page_chars + 2 * n, 1),
        "log_page_blocks": np.full(n, np.log1p(n)),
        "log_page_chars": np.full(n, np.log1p(page_chars)),
        "rel_length": lengths / max(float(lengths.max()) if n else 1.0, 1.0),
        "pipes": np.fromiter((t.count("|") + t.count("•") + t.count("·") for t in texts), dtype=np.float64, count=n),
        "urlish": np.fromiter((_URLISH.search(t) is not None for t in texts), dtype=np.float64, count=n),
        "percent": np.fromiter(("%" in t for t in texts), dtype=np.float64, count=n),
        "currency": np.fromiter((any(c in t for c in "$€£¥") for t in texts), dtype=np.float64, count=n),
        "copyright": np.fromiter(("©" in t or "(c)" in t.lower() for t in texts), dtype=np.float64, count=n),
        "short": (stats["words"] <= 3).astype(np.float64),
        "repeated": np.fromiter((text_counts[t] > 1 for t in texts), dtype=np.float64, count=n),
        "log_siblings": struct["siblings"],
        "anc1_share": struct["anc1"],
        "anc2_share": struct["anc2"],
        "anc3_share": struct["anc3"],
        "anc5_share": struct["anc5"],
        "anc1_link_density": struct["ld1"],
        "anc2_link_density": struct["ld2"],
        "in_best": struct["in_best"],
        "before_best": struct["before"],
        "after_best": struct["after"],
        "dist_best": struct["dist"],
        "best_share": np.full(n, best_share),
        "region_ratio": struct["region"],
        "title_overlap": _title_overlap(texts, stats["words"], title),
        "poll_words": np.log1p(_word_hits(word_counts, LEXICON["poll"])),
        "consent_words": np.log1p(_word_hits(word_counts, LEXICON["consent"])),
        "promo_words": np.log1p(_word_hits(word_counts, LEXICON["promo"])),
        "is_text_kind": np.full(n, is_text),
    }
    groups = np.array([class_groups(b.attrs) for b in blocks], dtype=np.float64).reshape(n, len(CLASS_GROUPS))
    for j, group in enumerate(CLASS_GROUPS):
        columns[f"inside_{group}"] = groups[:, j]
    dense = np.column_stack([columns[name] for name in DENSE_NAMES]).astype(np.float32)
    markup = _markup_matrix(blocks)
    words_matrix = normalize(word_counts.log1p(), copy=False)
    return Features(dense=dense, words=sp.csr_matrix(words_matrix), markup=sp.csr_matrix(markup))
