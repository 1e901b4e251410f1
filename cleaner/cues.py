"""Why a block got its label: the strongest evidence, in words a person can read."""

from __future__ import annotations

import numpy as np
from sklearn.utils import murmurhash3_32

from .features import DENSE_NAMES, MARKUP_FEATURES, TEXT_FEATURES, Features, markup_doc, word_vectorizer
from .model import DENSE_WEIGHT, MARKUP_WEIGHT, BlockModel
from .types import LABELS, Block, Label

MAX_CUES = 4
_DENSE_SHOWN = {
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
}


def _word_name(token: str) -> str:
    return f'phrase:"{token}"' if " " in token else f"word:{token}"


def _markup_name(token: str) -> str:
    key, _, value = token.partition("=")
    if key in ("cls", "near"):
        return f"class~{value}"
    if key == "tag":
        return f"tag:{value}"
    if key in ("parent", "grand", "anc"):
        return f"inside:{value}"
    return token


def _dense_name(name: str, value: float) -> str:
    if name == "log_chars":
        return f"chars={int(round(np.expm1(value)))}"
    if name in ("poll_words", "consent_words", "promo_words"):
        return f"{name}={int(round(np.expm1(value)))}"
    if name in (
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
    ):
        return name if value >= 0.5 else f"not_{name}"
    return f"{name}={value:.2f}"


def block_cues(
    model: BlockModel, feats: Features, blocks: list[Block], index: int, label: Label, neighbours: list[Label]
) -> tuple[str, ...]:
    """The few features that pushed block ``index`` hardest towards ``label``."""
    first = model.first.model_
    row = [LABELS[int(c)] if not isinstance(c, str) else c for c in first.classes_].index(label.value)
    coef = first.coef_[row]
    scored: list[tuple[float, str]] = []
    block = blocks[index]
    analyzer = word_vectorizer().build_analyzer()
    words = feats.words.getrow(index)
    weights = dict(zip(words.indices, words.data, strict=False))
    seen_cols: set[int] = set()
    for token in analyzer(block.text.lower()):
        col = murmurhash3_32(token, seed=0, positive=True) % TEXT_FEATURES
        if col in seen_cols or col not in weights:
            continue
        seen_cols.add(col)
        scored.append((float(coef[col] * weights[col]), _word_name(token)))
    for token in set(markup_doc(block).split()):
        col = murmurhash3_32(token, seed=0, positive=True) % MARKUP_FEATURES
        scored.append((float(coef[TEXT_FEATURES + col]) * MARKUP_WEIGHT, _markup_name(token)))
    dense = feats.dense[index]
    scaled = np.clip(model.scaler.transform(dense[None, :])[0], -5, 5) * DENSE_WEIGHT
    offset = TEXT_FEATURES + MARKUP_FEATURES
    for j, name in enumerate(DENSE_NAMES):
        if name in _DENSE_SHOWN:
            scored.append((float(coef[offset + j] * scaled[j]), _dense_name(name, float(dense[j]))))
    scored.sort(key=lambda item: -item[0])
    cues = [name for weight, name in scored if weight > 0][: MAX_CUES - 1]
    before, after = neighbours
    if after is label:
        cues.append(f"before:{label.value}")
    elif before is not Label.CONTENT:
        cues.append(f"after:{before.value}")
    elif after is not Label.CONTENT:
        cues.append(f"before:{after.value}")
    return tuple(dict.fromkeys(cues))
