"""Caches keyed by one class/id token, bounded in entries and in what an entry may hold."""

from __future__ import annotations

from collections.abc import Callable
from functools import _CacheInfo, update_wrapper
from typing import TYPE_CHECKING, TypeVar

R = TypeVar("R")
MAX_CACHED_TOKEN = 64  # longer tokens are computed each time, never cached (a 5 MB class name is not kept)


class token_cache(dict[str, R]):  # noqa: N801  (used as a decorator, like functools.lru_cache)
    """``fn(token)`` remembered for tokens of at most ``MAX_CACHED_TOKEN`` characters, up to ``maxsize`` of them
    (emptied when full). A call is the dict's own lookup: a token seen before runs no Python code."""

    def __init__(self, fn: Callable[[str], R], maxsize: int = 65536) -> None:
        super().__init__()
        self._fn = fn
        self._maxsize = maxsize
        self._misses = 0
        update_wrapper(self, fn)

    if TYPE_CHECKING:

        def __call__(self, token: str) -> R: ...

    else:
        __call__ = dict.__getitem__

    def __missing__(self, token: str) -> R:
        value = self._fn(token)
        self._misses += 1
        if len(token) <= MAX_CACHED_TOKEN:
            if len(self) >= self._maxsize:
                self.clear()
            self[token] = value
        return value

    def cache_info(self) -> _CacheInfo:
        """As ``functools.lru_cache``'s, but hits are not counted (a hit is the dict's lookup): 0."""
        return _CacheInfo(0, self._misses, self._maxsize, len(self))
