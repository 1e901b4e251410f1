"""Hashed token counts of a page's blocks in bulk: the matrix scikit-learn's ``HashingVectorizer`` gives, without
building a string per bigram or hashing one string at a time.

A page's tokens (its words, or its markup tokens) are joined by spaces and encoded once, and MurmurHash3 (x86,
32 bit, seed 0: scikit-learn's ``murmurhash3_32``, which its hasher uses) runs over every token's and every
bigram's byte range at once with numpy. A bigram "a b" is the byte range from the start of ``a`` to the end of ``b``.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.utils import murmurhash3_32

MARK = "\x00"  # the element between two texts' tokens (no token is this character)
LONG_BYTES = 32  # byte ranges longer than this are hashed one at a time (a few per page at most)

_C1, _C2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)
_M1, _M2 = np.uint32(0x85EBCA6B), np.uint32(0xC2B2AE35)
_N, _FIVE = np.uint32(0xE6546B64), np.uint32(5)
_R = {r: np.uint32(r) for r in (8, 13, 15, 16, 17, 19)}


def _mixed(k: np.ndarray) -> np.ndarray:
    """MurmurHash3's scrambling of a 32-bit block (in place where it can)."""
    k *= _C1
    k = (k << _R[15]) | (k >> _R[17])
    k *= _C2
    return k


def murmur3_32(data: bytes, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``murmurhash3_32(data[s:s + n], seed=0)`` (signed int32, as int64) of every byte range ``(s, n)``.

    All ranges advance one 4-byte block per step, longest first (those still in play are a prefix); ranges over
    ``LONG_BYTES`` go one at a time through scikit-learn's own function. Blocks are read little-endian, as on the
    x86 and ARM machines scikit-learn's C code runs on."""
    starts = np.asarray(starts, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    out = np.zeros(len(starts), dtype=np.int64)
    long = lengths > LONG_BYTES
    for i in np.flatnonzero(long):
        out[i] = murmurhash3_32(data[int(starts[i]) : int(starts[i] + lengths[i])], seed=0)
    short = np.flatnonzero(~long)
    if not len(short):
        return out
    # word[i]: the little-endian 32-bit word at byte i (an unaligned view; the padding covers the last ones)
    word = np.ndarray(shape=(len(data) + 1,), dtype="<u4", buffer=data + b"\0\0\0\0", offset=0, strides=(1,))
    small = (lengths[short] >> 2).astype(np.uint8)  # blocks of 4 bytes: at most LONG_BYTES // 4
    order = short[np.argsort(LONG_BYTES // 4 - small, kind="stable")]  # a radix sort of small integers
    s, n = starts[order], lengths[order]
    blocks = n >> 2
    h = np.zeros(len(s), dtype=np.uint32)
    for j, count in enumerate(np.searchsorted(-blocks, -np.arange(int(blocks[0])), side="left")):
        head = h[:count]
        head ^= _mixed(word[s[:count] + 4 * j])
        head[:] = (head << _R[13]) | (head >> _R[19])
        head *= _FIVE
        head += _N
    tail = (n & 3).astype(np.uint32)
    h ^= _mixed(word[s + 4 * blocks] & ((np.uint32(1) << (tail * _R[8])) - np.uint32(1)))  # mixing 0 gives 0
    h ^= n.astype(np.uint32)
    h ^= h >> _R[16]
    h *= _M1
    h ^= h >> _R[13]
    h *= _M2
    h ^= h >> _R[16]
    out[order] = h.view(np.int32)
    return out


def hashed_columns(hashes: np.ndarray, n_features: int) -> np.ndarray:
    """The column ``FeatureHasher(n_features)`` gives a signed 32-bit hash: ``abs(h) % n_features``."""
    return np.abs(hashes) % n_features


def ngram_counts(elements: list[str], n_rows: int, n_features: int) -> sp.csr_matrix:
    """Hashed counts of the tokens and token bigrams of ``n_rows`` texts, float32.

    ``elements``: the texts' tokens in order, ``MARK`` between two texts; no token holds a space or is ``MARK``.
    The matrix ``HashingVectorizer(n_features=n_features, ngram_range=(1, 2), alternate_sign=False,
    norm=None, dtype=np.float32)`` gives for texts those are the tokens of: a bigram is two tokens joined by a
    space, hashed as that string's UTF-8 bytes, which are a range of the space-joined elements."""
    if not elements:
        return sp.csr_matrix((n_rows, n_features), dtype=np.float32)
    data = " ".join(elements).encode("utf-8")
    spaces = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 32)
    starts = np.concatenate(([0], spaces + 1))
    ends = np.concatenate((spaces, [len(data)]))
    mark = MARK.encode()
    first = np.frombuffer(data + b"\0", dtype=np.uint8)[starts]
    is_mark = (ends - starts == len(mark)) & (first == mark[0])
    row = np.cumsum(is_mark)
    word = np.flatnonzero(~is_mark)
    pair = word[:-1][~is_mark[word[:-1] + 1]]  # a token then a token of the same text
    range_starts = np.concatenate((starts[word], starts[pair]))
    range_ends = np.concatenate((ends[word], ends[pair + 1]))
    columns = hashed_columns(murmur3_32(data, range_starts, range_ends - range_starts), n_features)
    keys, counts = np.unique(np.concatenate((row[word], row[pair])) * n_features + columns, return_counts=True)
    indptr = np.zeros(n_rows + 1, dtype=np.int32)
    np.cumsum(np.bincount(keys // n_features, minlength=n_rows), out=indptr[1:])
    return sp.csr_matrix(
        (counts.astype(np.float32), (keys % n_features).astype(np.int32), indptr), shape=(n_rows, n_features)
    )
