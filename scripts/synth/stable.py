"""Draws that a part added to ``training_data/parts`` moves only where it is drawn (``--stable-draws``).

The shipped draw uses one ``random.Random`` per template and one for all text documents, and ``choice`` picks an
index from the list's length: one article more and every later pick of every page and text document that draws from
the article pool lands elsewhere, so a screen of a data change measures a whole new draw as much as the change
(session 43: eight listing articles moved product pages by 0.016). In a stable draw each page and each text document
has its own generator, and ``choice`` is rendezvous hashing: every item gets a fixed score from the call's random
number and its own content, the lowest score wins, and each call consumes the same 64 bits whatever the list holds.
An item added to a list wins only the picks it scores lowest on (about one in the list's length); every other pick,
and everything drawn after it, stays as it was.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Sequence
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")

_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
# Lists hashed once and reused (the article pool, a language's lines, a slot's snippets), keyed by identity: a list
# must not change in place during a run. An entry holds its list, so no other list can take its identity while the
# entry lives; ``clear_cache`` ends a run. Strings are immutable, so they are keyed by value: a string built afresh for
# each call (an alphabet joined from two) is one entry, not one per call.
_CACHE: dict[int, tuple[Sequence[Any], np.ndarray]] = {}
_STR_CACHE: dict[str, np.ndarray] = {}
_CACHE_MIN_ITEMS = 32


def item_key(item: Any) -> str:
    """The text an item is known by: an article by its language and slug, a string as itself, anything else as
    JSON (a group of injected lines, a tuple)."""
    slug, lang = getattr(item, "slug", None), getattr(item, "lang", None)
    if isinstance(slug, str) and isinstance(lang, str):
        return f"article:{lang}/{slug}"
    if isinstance(item, str):
        return item
    return json.dumps(item, ensure_ascii=False, default=str)


def item_hashes(items: Sequence[Any]) -> np.ndarray:
    """A 64-bit hash per item from its key and, for a repeated item, which repeat it is (a list that repeats an
    item to weigh it keeps that weight)."""
    seen: dict[str, int] = {}
    out = np.empty(len(items), dtype=np.uint64)
    for i, item in enumerate(items):
        key = item_key(item)
        repeat = seen.get(key, 0)
        seen[key] = repeat + 1
        digest = hashlib.blake2b(f"{repeat}\x00{key}".encode(), digest_size=8).digest()
        out[i] = np.frombuffer(digest, dtype=np.uint64)[0]
    return out


def _cached_hashes(items: Sequence[Any]) -> np.ndarray:
    if len(items) < _CACHE_MIN_ITEMS:
        return item_hashes(items)
    if isinstance(items, str):
        if items not in _STR_CACHE:
            _STR_CACHE[items] = item_hashes(items)
        return _STR_CACHE[items]
    entry = _CACHE.get(id(items))
    if entry is not None and entry[0] is items and len(entry[1]) == len(items):
        return entry[1]
    hashes = item_hashes(items)
    _CACHE[id(items)] = (items, hashes)
    return hashes


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a bijection of 64-bit integers that scatters nearby inputs."""
    with np.errstate(over="ignore"):
        values = (values ^ (values >> np.uint64(30))) * _MIX_1
        values = (values ^ (values >> np.uint64(27))) * _MIX_2
        return values ^ (values >> np.uint64(31))


class StableRandom(random.Random):
    """``random.Random`` whose ``choice`` is rendezvous hashing over the items' contents (see the module)."""

    def choice(self, seq: Sequence[T]) -> T:
        if not len(seq):
            raise IndexError("cannot choose from an empty sequence")
        scores = _mix(_cached_hashes(seq) ^ np.uint64(self.getrandbits(64)))
        return seq[int(np.argmin(scores))]


def clear_cache() -> None:
    """Forget the hashed lists (the end of a generator run)."""
    _CACHE.clear()
    _STR_CACHE.clear()
