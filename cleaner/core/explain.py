"""Why a block got its label: the strongest evidence that really fired on it, in words a person can read.

Cues come from the first pass, which is linear: a column's push towards a label is its transformed value times
its coefficient. Hashed columns are named from the vocabulary the model kept at training time, and a name is
shown only when its token is really in the block (its words, or its markup tokens), so a hash collision can
never name a word or a class the block does not have.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from cleaner.core.features import (
    DENSE_COLUMNS,
    DENSE_NAMES,
    MARKUP_COLUMNS,
    MARKUP_FEATURES,
    TEXT_FEATURES,
    WORD_COLUMNS,
    Features,
    markup_doc,
    markup_key,
    normalised_text,
    token_columns,
    word_vectorizer,
)
from cleaner.core.types import LABELS, Block
from cleaner.core.vocabulary import CALL_TO_ACTION, PRIVACY_CHOICE

MAX_CUES = 4
PER_KIND = 2  # strongest words, markup tokens and named features considered per block
VOCABULARY_PER_LABEL = 4000  # hashed columns whose names a model keeps, per non-content label
TOKENS_PER_COLUMN = 3  # tokens kept per hashed column (collisions); the one in the block is shown
_COUNTS = ("poll_words", "consent_words", "promo_words")
_FLAGS = (
    "ad_label",
    "question",
    "in_form",
    "in_best",
    "after_best",
    "before_best",
    "copyright",
    "urlish",
    "repeated",
    "percent",
    "currency",
    "is_heading",
    "short",
    "ends_terminal",
)


# Named features a cue may show: the flags, the counts, statistics people can read, class groups and landmarks.
_DENSE_SHOWN = frozenset(
    {
        *_FLAGS,
        *_COUNTS,
        "link_density",
        "stopword_density",
        "log_chars",
        "controls",
        "pipes",
        "anc1_share",
        "in_json_ld",
        "document_overlap",
        "template_share",
        *(name for name in DENSE_NAMES if name.startswith(("inside_", "in_"))),
    }
)


@dataclass(frozen=True, slots=True)
class FirstPassWeights:
    """What cues are computed from: the first pass's column transform and coefficients, and the vocabulary."""

    transform: Callable[[sp.csr_matrix], sp.csr_matrix]  # model input -> the linear model's input
    coef: np.ndarray  # (n_classes, n_columns)
    classes: tuple[str, ...]
    vocabulary: dict[int, tuple[str, ...]]  # hashed column -> the tokens (words or markup) hashed there
    nameable: np.ndarray = field(init=False, repr=False, compare=False)  # per column: can a cue name it

    def __post_init__(self) -> None:
        object.__setattr__(self, "nameable", nameable_columns(self.vocabulary, self.coef.shape[1]))


def nameable_columns(vocabulary: dict[int, tuple[str, ...]], n_columns: int) -> np.ndarray:
    """Per column, whether ``_named`` may name it: a hashed word or markup column the vocabulary names, or a named
    feature in ``_DENSE_SHOWN``."""
    out = np.zeros(max(n_columns, DENSE_COLUMNS.stop), dtype=bool)
    hashed = [
        c
        for c in vocabulary
        if WORD_COLUMNS.start <= c < WORD_COLUMNS.stop or MARKUP_COLUMNS.start <= c < MARKUP_COLUMNS.stop
    ]
    out[np.array(hashed, dtype=np.intp)] = True
    out[DENSE_COLUMNS] = [name in _DENSE_SHOWN for name in DENSE_NAMES]
    return out


def word_cue(token: str) -> str:
    return f'phrase:"{token}"' if " " in token else f"word:{token}"


def markup_cue(token: str) -> str:
    key, _, value = token.partition("=")
    if key in ("cls", "near"):
        return f"class~{value}"
    if key == "tag":
        return f"tag:{value}"
    if key in ("parent", "grand", "anc"):
        return f"inside:{value}"
    return token


def dense_cue(name: str, value: float) -> str:
    if name == "log_chars":
        return f"chars={int(round(np.expm1(value)))}"
    if name in _COUNTS:
        return f"{name}={int(round(np.expm1(value)))}"
    if name.startswith("inside_"):
        return f"inside~{name[7:]}" if value >= 0.5 else f"not_inside~{name[7:]}"
    if name == "in_json_ld":
        return "in_json_ld" if value >= 0.5 else "not_in_json_ld"
    if name.startswith("in_") and name != "in_best" and name != "in_form":
        return f"landmark:{name[3:]}" if value >= 0.5 else f"not_landmark:{name[3:]}"
    if name in _FLAGS:
        return name if value >= 0.5 else f"not_{name}"
    return f"{name}={value:.2f}"


@lru_cache(maxsize=1)
def _word_analyzer() -> Callable[[str], list[str]]:
    """The word hasher's analyzer, built once (``build_analyzer`` checks and assembles it on every call)."""
    analyzer: Callable[[str], list[str]] = word_vectorizer().build_analyzer()
    return analyzer


def block_words(block: Block) -> list[str]:
    """The word n-grams the features hash for one block."""
    return _word_analyzer()(normalised_text(block.text))


def block_tokens(block: Block) -> tuple[list[str], list[str]]:
    """The word n-grams and the markup tokens the features hash for one block."""
    return block_words(block), markup_doc(block).split()


def vocabulary(blocks: Iterable[Block], coef: np.ndarray, classes: Sequence[str]) -> dict[int, tuple[str, ...]]:
    """Tokens of the hashed columns that push hardest towards a non-content label (built at training time)."""
    words: set[str] = set()
    markup: set[str] = set()
    for b in blocks:
        w, m = block_tokens(b)
        words.update(w)
        markup.update(m)
    tokens = sorted(words) + sorted(markup)
    columns = np.concatenate(
        [token_columns(sorted(words), TEXT_FEATURES), TEXT_FEATURES + token_columns(sorted(markup), MARKUP_FEATURES)]
    )
    by_column: dict[int, list[str]] = {}
    for token, col in zip(tokens, columns.tolist(), strict=True):
        held = by_column.setdefault(col, [])
        if len(held) < TOKENS_PER_COLUMN:
            held.append(token)
    cols = np.fromiter(by_column, dtype=np.int64, count=len(by_column))
    keep: set[int] = set()
    for row, cls in enumerate(classes):
        if str(cls) == "content" or not len(cols):
            continue
        keep.update(int(c) for c in cols[np.argsort(-coef[row, cols])[:VOCABULARY_PER_LABEL]])
    return {c: tuple(by_column[c]) for c in sorted(keep)}


def page_cues(
    weights: FirstPassWeights, feats: Features, labels: np.ndarray, blocks: Sequence[Block]
) -> list[tuple[str, ...]]:
    """Cues for every block of a page (``labels``: indices into ``LABELS``): empty for content, up to
    ``MAX_CUES`` for the rest."""
    content = LABELS.index("content")
    out: list[tuple[str, ...]] = [()] * feats.n
    flagged = np.flatnonzero(labels != content)
    if not len(flagged):
        return out
    transformed = sp.csr_matrix(weights.transform(feats.matrix[flagged]))
    flagged_labels = [LABELS[label] for label in labels[flagged].tolist()]
    rows = np.array([weights.classes.index(label) for label in flagged_labels], dtype=np.intp)
    # every stored value times its row's label coefficient, for the whole page at once
    contribs = transformed.data * weights.coef[np.repeat(rows, np.diff(transformed.indptr)), transformed.indices]
    evidence_of = _ranked_evidence(transformed, contribs, weights.nameable)
    markups: dict[tuple[object, ...], set[str]] = {}  # blocks sharing a markup context (list items...) read once

    def markup_tokens(block: Block) -> set[str]:
        key = markup_key(block)
        tokens = markups.get(key)
        if tokens is None:
            tokens = markups[key] = set(markup_doc(block).split())
        return tokens

    for i, (b, label) in enumerate(zip(flagged.tolist(), flagged_labels, strict=True)):
        evidence = _named(evidence_of, i, blocks[b], feats.dense[b], weights.vocabulary, markup_tokens)
        ranked = [name for _, name in sorted(evidence, key=lambda item: -item[0])]
        phrase = _phrase_cue(label, blocks[b].text)
        cues = (phrase + list(dict.fromkeys(ranked)))[: MAX_CUES - 1]
        cues.extend(_context_cue(labels, b))
        out[b] = tuple(cues)
    return out


@dataclass(frozen=True, slots=True)
class _Ranked:
    """The contributions ``_named`` reads, and their columns: row ``i``'s of kind ``k`` (words, markup, named
    features) are ``cuts[3 * i + k]`` to ``cuts[3 * i + k + 1]``, strongest first. Rows ranked on their own are in
    ``alone``, by row, with their own ``cuts`` (row 0)."""

    values: list[float]
    cols: list[int]
    cuts: list[int]
    alone: dict[int, _Ranked]


def _ranked_evidence(transformed: sp.csr_matrix, contribs: np.ndarray, nameable: np.ndarray) -> _Ranked:
    """Per row and kind of column, the contributions ``_named`` reads, in the order the row's ``argsort(-contrib)``
    gives them up to the first one not positive, less the columns no cue names. One sort for the page: where a row's
    positive contributions of a kind are distinct, that order is theirs; a row with ties (or any NaN on the page) is
    ranked on its own."""
    n = len(transformed.indptr) - 1
    if np.isnan(contribs).any():
        return _Ranked(
            [], [], [0] * (3 * n + 1), {i: _ranked_row(transformed, contribs, nameable, i) for i in range(n)}
        )
    row_of = np.repeat(np.arange(n), np.diff(transformed.indptr))
    keep = np.flatnonzero(contribs > 0)
    keep = keep[nameable[transformed.indices[keep]]]
    cols, values = transformed.indices[keep], contribs[keep]
    group = row_of[keep] * 3 + (cols >= WORD_COLUMNS.stop) + (cols >= MARKUP_COLUMNS.stop)  # row, then kind
    order = np.lexsort((-values, group))
    group, values, cols = group[order], values[order], cols[order]
    tied = (group[1:][(group[1:] == group[:-1]) & (values[1:] == values[:-1])] // 3).tolist()
    cuts = np.searchsorted(group, np.arange(3 * n + 1)).tolist()
    return _Ranked(
        values.tolist(), cols.tolist(), cuts, {i: _ranked_row(transformed, contribs, nameable, i) for i in tied}
    )


def _ranked_row(transformed: sp.csr_matrix, contribs: np.ndarray, nameable: np.ndarray, i: int) -> _Ranked:
    """``_ranked_evidence`` of row ``i`` alone (as row 0), by its own ``argsort(-contrib)``."""
    start, end = transformed.indptr[i], transformed.indptr[i + 1]
    contrib, row_cols = contribs[start:end], transformed.indices[start:end]
    order = np.argsort(-contrib)
    ranked = contrib[order]
    stop = np.flatnonzero(ranked <= 0)
    if len(stop):
        order, ranked = order[: stop[0]], ranked[: stop[0]]
    ranked_cols = row_cols[order]
    shown = nameable[ranked_cols]
    values, cols = ranked[shown], ranked_cols[shown]
    kind = (cols >= WORD_COLUMNS.stop).astype(np.intp) + (cols >= MARKUP_COLUMNS.stop)
    by_kind = np.argsort(kind, kind="stable")
    cuts = np.searchsorted(kind[by_kind], np.arange(4)).tolist()
    return _Ranked(values[by_kind].tolist(), cols[by_kind].tolist(), cuts, {})


def _named(
    ranked: _Ranked,
    row: int,
    block: Block,
    dense: np.ndarray,
    names: dict[int, tuple[str, ...]],
    markup_tokens: Callable[[Block], set[str]],
) -> list[tuple[float, str]]:
    """The strongest positive contributions of each kind (words, markup, named features) that fired here, up to
    ``PER_KIND`` of each, from row ``row`` of the page's ranked contributions of columns a cue can name
    (``_ranked_evidence``) (``markup_tokens``: a block's markup tokens, as ``markup_doc`` gives them)."""
    alone = ranked.alone.get(row)
    if alone is not None:
        ranked, row = alone, 0
    values, cols, cuts = ranked.values, ranked.cols, ranked.cuts
    out: list[tuple[float, str]] = []
    for kind in (0, 1):
        start, end = cuts[3 * row + kind], cuts[3 * row + kind + 1]
        if start == end:
            continue
        tokens = set(block_words(block)) if kind == 0 else markup_tokens(block)
        found = 0
        for j in range(start, end):
            token = next((t for t in names[cols[j]] if t in tokens), None)
            if token is None:
                continue
            out.append((values[j], word_cue(token) if kind == 0 else markup_cue(token)))
            found += 1
            if found >= PER_KIND:
                break
    for j in range(cuts[3 * row + 2], min(cuts[3 * row + 3], cuts[3 * row + 2] + PER_KIND)):
        name = DENSE_NAMES[cols[j] - DENSE_COLUMNS.start]
        out.append((values[j], dense_cue(name, float(dense[cols[j] - DENSE_COLUMNS.start]))))
    return out


def _phrase_cue(label: str, text: str) -> list[str]:
    """``says:call_to_action`` / ``says:privacy_control``: a promo or consent block opens with a phrase that
    ``decide.phrase_labels`` gives that label wherever it stands (whether or not the model already did)."""
    if label == "promo" and CALL_TO_ACTION.match(text):
        return ["says:call_to_action"]
    if label == "consent" and PRIVACY_CHOICE.match(text):
        return ["says:privacy_control"]
    return []


def _context_cue(labels: np.ndarray, i: int) -> list[str]:
    """``after:poll`` / ``before:consent``: the neighbour evidence the context model reads."""
    content = LABELS.index("content")
    label = labels[i]
    before = labels[i - 1] if i > 0 else content
    after = labels[i + 1] if i + 1 < len(labels) else content
    if after == label and label != content:
        return [f"before:{LABELS[label]}"]
    if before != content:
        return [f"after:{LABELS[before]}"]
    if after != content:
        return [f"before:{LABELS[after]}"]
    return []
