"""Why a block got its label: the strongest evidence, in words a person can read.

Cues come from the first pass, which is linear: a feature's push towards a label is its
value times its coefficient. Contributions of all flagged blocks are computed at once;
hashed columns get their names from the vocabulary the model kept at training time
(``BlockModel.cue_names``), so no text is re-analysed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.utils import murmurhash3_32

from .features import DENSE_NAMES, MARKUP_FEATURES, TEXT_FEATURES, Features, markup_doc, word_vectorizer
from .model import DENSE_WEIGHT, MARKUP_WEIGHT, BlockModel
from .types import LABELS, Block

_DIGIT = re.compile(r"\d")  # the word hasher sees digits as 0 (features.extract)
MAX_CUES = 4
PER_KIND = 2  # strongest words, markup tokens and named features considered per block
VOCABULARY_PER_LABEL = 4000  # hashed columns whose names a model keeps, per non-content label
_DENSE_SHOWN = frozenset(
    {
        "link_density",
        "stopword_density",
        "log_chars",
        "question",
        "in_form",
        "controls",
        "in_best",
        "after_best",
        "before_best",
        "pipes",
        "copyright",
        "urlish",
        "repeated",
        "percent",
        "currency",
        "is_heading",
        "short",
        "anc1_share",
        "ends_terminal",
        "poll_words",
        "consent_words",
        "promo_words",
        *(name for name in DENSE_NAMES if name.startswith("inside_")),
    }
)
_DENSE_COLUMNS = np.array([j for j, name in enumerate(DENSE_NAMES) if name in _DENSE_SHOWN], dtype=np.int64)
_COUNTS = ("poll_words", "consent_words", "promo_words")
_FLAGS = (
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
    if name in _FLAGS:
        return name if value >= 0.5 else f"not_{name}"
    return f"{name}={value:.2f}"


def vocabulary(blocks: Iterable[Block], coef: np.ndarray, classes: Sequence[int]) -> dict[int, str]:
    """Readable names of the hashed columns that push hardest towards a non-content label.

    ``coef`` is the first pass's (n_labels, n_columns) matrix; the names are cues, so
    words and markup tokens seen in training are hashed once here, at training time.
    """
    analyzer = word_vectorizer().build_analyzer()
    names: dict[int, str] = {}
    for b in blocks:
        for token in analyzer(_DIGIT.sub("0", b.text.lower())):
            names.setdefault(_column(token, TEXT_FEATURES), word_cue(token))
        for token in markup_doc(b).split():
            names.setdefault(TEXT_FEATURES + _column(token, MARKUP_FEATURES), markup_cue(token))
    keep: set[int] = set()
    cols = np.fromiter(names, dtype=np.int64, count=len(names))
    for row, cls in enumerate(classes):
        if LABELS[int(cls)] == "content" or not len(cols):
            continue
        strongest = cols[np.argsort(-coef[row, cols])[:VOCABULARY_PER_LABEL]]
        keep.update(int(c) for c in strongest)
    return {c: names[c] for c in sorted(keep)}


def _column(token: str, n_features: int) -> int:
    """The column ``HashingVectorizer`` gives a token (``alternate_sign=False``)."""
    return int(murmurhash3_32(token, seed=0, positive=True) % n_features)


def _top_entries(matrix: sp.csr_matrix, weights: np.ndarray, k: int) -> list[list[tuple[float, int]]]:
    """Per row, the ``k`` largest positive ``value * weight`` entries as (contribution, column)."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    contrib = matrix.data * weights
    order = np.lexsort((-contrib, rows))
    out: list[list[tuple[float, int]]] = [[] for _ in range(matrix.shape[0])]
    for idx in order:
        r = rows[idx]
        if len(out[r]) < k and contrib[idx] > 0:
            out[r].append((float(contrib[idx]), int(matrix.indices[idx])))
    return out


def _in_text(cue: str, text: str) -> bool:
    """Whether a word cue's words are in the block (hashed columns can collide)."""
    word = cue.split(":", 1)[1].strip('"')
    return word in _DIGIT.sub("0", text.lower())


def page_cues(model: BlockModel, feats: Features, labels: np.ndarray, texts: Sequence[str]) -> list[tuple[str, ...]]:
    """Cues for every block of a page: empty for content, up to ``MAX_CUES`` for the rest."""
    content = LABELS.index("content")
    out: list[tuple[str, ...]] = [()] * feats.n
    flagged = np.flatnonzero(labels != content)
    if not len(flagged):
        return out
    words_coef, markup_coef, dense_coef = model._coef_blocks(feats.words.shape[1], feats.markup.shape[1])
    classes = [int(c) for c in model.first.classes_]
    label_cols = np.array([classes.index(int(k)) for k in labels[flagged]])
    names = model.cue_names
    evidence: list[list[tuple[float, str]]] = [[] for _ in flagged]
    for matrix, coef, scale, offset in (
        (feats.words, words_coef, 1.0, 0),
        (feats.markup, markup_coef, MARKUP_WEIGHT, TEXT_FEATURES),
    ):
        sub = matrix[flagged]
        per_entry = coef[sub.indices, np.repeat(label_cols, np.diff(sub.indptr))] * scale
        named = np.fromiter((offset + c in names for c in sub.indices), dtype=bool, count=len(sub.indices))
        kept = sp.csr_matrix((np.where(named, sub.data, 0.0), sub.indices, sub.indptr), shape=sub.shape)
        for i, entries in enumerate(_top_entries(kept, per_entry, PER_KIND + 1)):
            found = [(w, names[offset + c]) for w, c in entries]
            if offset == 0:
                found = [(w, cue) for w, cue in found if _in_text(cue, texts[flagged[i]])]
            evidence[i].extend(found[:PER_KIND])
    scaled = np.clip(model.scaler.transform(feats.dense[flagged]), -5, 5) * DENSE_WEIGHT
    dense_contrib = scaled[:, _DENSE_COLUMNS] * dense_coef[_DENSE_COLUMNS][:, label_cols].T
    for i, row in enumerate(dense_contrib):
        for j in np.argsort(-row)[:PER_KIND]:
            if row[j] > 0:
                col = int(_DENSE_COLUMNS[j])
                evidence[i].append((float(row[j]), dense_cue(DENSE_NAMES[col], float(feats.dense[flagged[i], col]))))
    for i, b in enumerate(flagged):
        ranked = [name for _, name in sorted(evidence[i], key=lambda item: -item[0])]
        cues = list(dict.fromkeys(ranked))[: MAX_CUES - 1]
        cues.extend(_context_cue(labels, int(b)))
        out[int(b)] = tuple(cues)
    return out


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
