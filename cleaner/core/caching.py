"""Caches keyed by one class/id token, bounded in entries and in what an entry may hold."""

from __future__ import annotations

from collections.abc import Callable
from functools import _CacheInfo, lru_cache, update_wrapper
from typing import Generic, TypeVar

R = TypeVar("R")
MAX_CACHED_TOKEN = 64  # longer tokens are computed each time, never cached (a 5 MB class name is not kept)


class token_cache(Generic[R]):  # noqa: N801  (used as a decorator, like functools.lru_cache)
    """``fn(token)`` remembered for the last ``maxsize`` tokens of at most ``MAX_CACHED_TOKEN`` characters."""

    def __init__(self, fn: Callable[[str], R], maxsize: int = 65536) -> None:
        self._fn = fn
        self._cached = lru_cache(maxsize=maxsize)(fn)
        update_wrapper(self, fn)

    def __call__(self, token: str) -> R:
        return self._cached(token) if len(token) <= MAX_CACHED_TOKEN else self._fn(token)

    def cache_info(self) -> _CacheInfo:
        return self._cached.cache_info()
