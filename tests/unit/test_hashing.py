"""Unit tests of the bulk word hashing: exactly scikit-learn's murmurhash3_32 and HashingVectorizer."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sklearn.utils import murmurhash3_32

from cleaner.core import features, hashing
from cleaner.core.types import Block

# Letters, digits, punctuation, spaces, CJK, Greek (final sigma), combining marks, astral characters, NUL (MARK).
_ALPHABET = st.sampled_from(list("abcXYZ09 ._-,!\n\t\x00'") + list("ΣσςΑΒİßéÅ中文かなカナ한국어\u0301\u200d😀𝔘٣"))
TEXT = st.text(alphabet=_ALPHABET, max_size=60) | st.text(max_size=40)


def _same(a: sp.spmatrix, b: sp.spmatrix) -> None:
    assert type(a) is type(b) and a.shape == b.shape and a.dtype == b.dtype
    assert a.indices.dtype == b.indices.dtype and a.indptr.dtype == b.indptr.dtype
    assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200)), max_size=30))
def test_murmur3_32_is_scikit_learns(data: bytes, ranges: list[tuple[int, int]]) -> None:
    starts = [min(s, len(data)) for s, _ in ranges]
    lengths = [min(n, len(data) - s) for s, (_, n) in zip(starts, ranges, strict=True)]
    got = hashing.murmur3_32(data, np.array(starts, dtype=np.int64), np.array(lengths, dtype=np.int64))
    assert got.tolist() == [murmurhash3_32(data[s : s + n], seed=0) for s, n in zip(starts, lengths, strict=True)]


def test_hashed_columns_of_the_most_negative_hash() -> None:
    # scikit-learn maps -2**31 to (2**31 - 1 - (n - 1)) % n, which is abs(-2**31) % n
    assert hashing.hashed_columns(np.array([-(2**31), -5, 7]), 2**17).tolist() == [0, 5, 7]


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=8))
def test_word_counts_is_the_hashing_vectorizers_matrix(texts: list[str]) -> None:
    expected = features.word_vectorizer().transform([features.normalised_text(t) for t in texts])
    _same(features.word_counts(texts), expected)


def test_word_counts_of_texts_without_tokens_and_with_the_mark() -> None:
    for texts in (["", " ", "..."], ["a\x00b", "c d"], ["ΑΣ", "Σ", "ΑΣ\x00Α"], ["x" * 500 + " y", "中文 한국어"]):
        expected = features.word_vectorizer().transform([features.normalised_text(t) for t in texts])
        _same(features.word_counts(texts), expected)


def test_ngram_counts_counts_repeats_and_keeps_bigrams_inside_a_text() -> None:
    counts = hashing.ngram_counts(["a", "b", "a", "b", hashing.MARK, "b"], 2, 2**17)
    vectorizer = features.word_vectorizer()
    _same(counts, vectorizer.transform(["a b a b", "b"]))
    assert hashing.ngram_counts([], 3, 8).shape == (3, 8)


MARKUP_TOKEN = st.text(alphabet=st.sampled_from(list("abcXY-_=/09 \t\u00a0\u2028中é\x00")), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["p", "li", "div", "td"]),
            st.lists(st.sampled_from(["ul", "nav", "body", "form"]), max_size=4).map(tuple),
            st.lists(MARKUP_TOKEN, max_size=5).map(tuple),
            st.booleans(),
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
    )
)
@example([("p", (), (" \x00",), True, False), ("li", ("ul",), ("a\x00b", "x\u2028y"), False, False)])
def test_markup_matrix_is_the_markup_vectorizers(
    specs: list[tuple[str, tuple[str, ...], tuple[str, ...], bool, bool]],
) -> None:
    blocks = [
        Block(i, "x", tag, None if text else "/html/body/p", 0, 1, ancestors=anc, attrs=attrs, in_form=form)
        for i, (tag, anc, attrs, form, text) in enumerate(specs)
    ]
    expected = features.markup_vectorizer().transform([features.markup_doc(b) for b in blocks])
    _same(features._markup_matrix(blocks), sp.csr_matrix(expected))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("the and poll vote cookie accept 0")), max_size=60), min_size=1))
def test_word_hits_are_the_lexicon_columns_summed(texts: list[str]) -> None:
    counts = features.word_counts(texts)
    for words in (features.STOPWORDS, features.LEXICON["poll"], features.LEXICON["consent"]):
        expected = np.asarray(counts[:, features.lexicon_columns(words)].sum(axis=1)).ravel()
        got = features._word_hits(counts, words)
        assert got.dtype == expected.dtype and np.array_equal(got, expected)
