"""Unit tests of the features stage: hand-made blocks, no model."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import HashingVectorizer

from cleaner.core import features, parse, segment
from cleaner.core.segment import text_blocks
from cleaner.core.types import Block
from cleaner.core.vocabulary import (
    CLASS_GROUPS,
    GROUP_PREFIXES,
    LEXICON,
    NOT_AD_WORDS,
    NOT_GROUP_PREFIXES,
    STOPWORDS,
    consent_platform_tokens,
)


def test_lexicon_columns_are_the_vectorizers_columns_for_every_lexicon_word() -> None:
    vectorizer = features.word_vectorizer()
    analyzer = vectorizer.build_analyzer()
    for words in (*LEXICON.values(), STOPWORDS):
        for word in words:
            own = set(features.lexicon_columns(frozenset([word])).tolist())
            hashed = vectorizer.transform([word]).indices
            token = analyzer(word)[-1]
            # the column of the word's own token, exactly as the vectorizer puts it
            assert own == {int(features.token_columns([token], features.TEXT_FEATURES)[0])}
            assert own <= set(hashed.tolist()), word


def test_token_columns_match_hashing_vectorizer_including_negative_hashes() -> None:
    n = 2**10
    vectorizer = HashingVectorizer(n_features=n, analyzer=str.split, alternate_sign=False, norm=None)
    tokens = ["poll", "vote", "cookie", "the", "subscribe", "cls=onetrust", "tag=p"]
    expected = [int(vectorizer.transform([t]).indices[0]) for t in tokens]
    assert features.token_columns(tokens, n).tolist() == expected


def test_registry_names_every_dense_column_once() -> None:
    assert len(set(features.DENSE_NAMES)) == len(features.DENSE_NAMES)
    blocks, _ = text_blocks("A first paragraph here.\n\nVote now!\n\nA third one.", max_blocks=10, max_block_chars=100)
    feats = features.extract(blocks)
    assert feats.dense.shape == (3, len(features.DENSE_NAMES))
    assert feats.matrix.shape == (3, features.N_COLUMNS)


def test_lexicon_counts_see_the_words_the_old_hashing_missed() -> None:
    blocks, _ = text_blocks("Take our poll and vote\n\nWe use cookies", max_blocks=10, max_block_chars=100)
    feats = features.extract(blocks)
    poll = feats.dense[:, features.DENSE_INDEX["poll_words"]]
    consent = feats.dense[:, features.DENSE_INDEX["consent_words"]]
    assert np.expm1(poll[0]) == 2  # poll, vote
    assert np.expm1(consent[1]) == 1  # cookies


def test_the_document_start_column_is_zero_only_on_the_first_block() -> None:
    blocks, _ = text_blocks("one\n\ntwo\n\nthree", max_blocks=10, max_block_chars=100)
    start = features.extract(blocks).matrix[:, features.DOCUMENT_START_COLUMN].toarray().ravel()
    assert start[0] == 0 and (start[1:] > 0).all()


def test_no_blocks_gives_empty_features() -> None:
    feats = features.extract([])
    assert feats.n == 0 and feats.matrix.shape == (0, features.N_COLUMNS)


def test_huge_class_tokens_are_never_cached() -> None:
    """A page of unique multi-megabyte class names must not stay in memory through the feature caches."""
    from cleaner.core import segment

    huge = "x" * 200_000 + "cookie"
    expected = features.class_groups(("cookie",))
    before = (features.token_groups.cache_info().currsize, features.subwords.cache_info().currsize)
    assert features.class_groups((huge,)) == expected  # still classified
    assert segment.element_facts("div", [("class", huge)])[0] == (huge,)  # segment caches per page only
    after = (features.token_groups.cache_info().currsize, features.subwords.cache_info().currsize)
    assert after == before
    assert features.token_groups.cache_info().maxsize is not None  # every cache is bounded


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["cookie", "nav", "x", "newslettersignup", "share-bar"]), max_size=4)))
def test_class_group_matrix_is_each_blocks_class_groups(attrs: list[list[str]]) -> None:
    blocks = [Block(i, "x", "p", "/p", 0, 1, attrs=tuple(a)) for i, a in enumerate(attrs)]
    got = features._class_group_matrix(blocks)
    assert np.array_equal(got, np.array([features.class_groups(b.attrs) for b in blocks]).reshape(got.shape))


def test_class_group_flags_read_only_the_nearest_names_the_model_was_trained_on() -> None:
    far = (*(f"w{i}" for i in range(features.MODEL_ATTR_TOKENS)), "site-footer")
    assert features.class_groups(("site-footer",)) != features.class_groups(())
    assert features.class_groups(far) == features.class_groups(far[:-1])
    got = features._class_group_matrix([Block(0, "x", "p", "/p", 0, 1, attrs=far)])
    assert np.array_equal(got[0], features.class_groups(far[:-1]))


def test_component_and_sales_page_class_names_are_not_consent_or_ad_groups() -> None:
    groups = list(CLASS_GROUPS)

    def named(token: str) -> set[str]:
        return {g for j, g in enumerate(groups) if features.token_groups(token) >> j & 1}

    assert "consent" not in named("cmp-container") | named("cmp-hdg001")
    assert "consent" in named("onetrust-banner-sdk")
    assert "qc-cmp2-container" in consent_platform_tokens()  # a platform's own "cmp" names: the cmp landmark
    assert "ad" not in named("advertise__link") | named("advertory-core-header-anchor")
    assert "ad" in named("advertisement") and "ad" in named("advert--placeholder")


def test_run_together_poll_names_are_polls_but_pollution_and_vote_counts_are_not() -> None:
    poll = list(CLASS_GROUPS).index("poll")

    def is_poll(token: str) -> bool:
        return bool(features.token_groups(token) >> poll & 1)

    assert is_poll("pollbox") and is_poll("pollradio") and is_poll("quizcontainer") and is_poll("pollBox")
    assert not is_poll("pollution-index") and not is_poll("pollencount") and not is_poll("apollo")
    assert not is_poll("votes") and not is_poll("all_votes")  # a list's rating counts
    assert is_poll("vote_now_button")  # a group word as a readable part, as before


_GROUP_WORDS = sorted({w for group in CLASS_GROUPS.values() for w in group})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_GROUP_WORDS) | st.text(alphabet="abdeilmnorstuw-", max_size=4), max_size=4))
def test_word_groups_in_one_pattern_are_each_groups_words_found(pieces: list[str]) -> None:
    """One lookup per word against the definition: a group's own word, or one of its words of 5+ letters inside
    (``NOT_AD_WORDS`` left out), or a word that starts with one of its ``GROUP_PREFIXES`` and no
    ``NOT_GROUP_PREFIXES``."""
    word = NOT_AD_WORDS.sub("", "".join(pieces))
    expected = 0
    for j, (name, group) in enumerate(CLASS_GROUPS.items()):
        if word in group or any(len(g) >= 5 and g in word for g in group):
            expected |= 1 << j
        if word.startswith(GROUP_PREFIXES.get(name, ())) and not word.startswith(NOT_GROUP_PREFIXES):
            expected |= 1 << j
    assert features._word_groups(word) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcXYZé-_0Σ", max_size=20))
def test_subwords_split_camel_case_and_lower_case_alike(token: str) -> None:
    assert features.subwords(token) == tuple(features._SUBWORD.findall(features._CAMEL.sub(" ", token).lower()))


def test_nonzero_csr_is_scipys_conversion() -> None:
    import scipy.sparse as sp

    rng = np.random.default_rng(4)
    for shape in ((0, 5), (1, 5), (30, 7)):
        dense = (rng.normal(size=shape) * (rng.random(shape) < 0.3)).astype(np.float32)
        if dense.size:
            dense.flat[:3] = [np.nan, -0.0, np.inf]
        got, expected = features._nonzero_csr(dense), sp.csr_matrix(dense)
        assert got.shape == expected.shape and got.dtype == expected.dtype
        assert np.array_equal(got.indptr, expected.indptr) and np.array_equal(got.indices, expected.indices)
        assert np.array_equal(got.data, expected.data, equal_nan=True)


def test_document_overlap_is_high_for_a_subheading_and_zero_for_a_pitch() -> None:
    body = (
        "The city council voted to ban electric scooters from downtown streets after a year of complaints from "
        "residents and shop owners about clutter and accidents on the pavements."
    )
    more = (
        "Operators must remove every scooter from downtown streets by next month, the council said, and the scooter "
        "ban will be reviewed after a year."
    )
    blocks, _ = text_blocks(
        f"{body}\n\nScooter ban\n\nSign up for our morning newsletter\n\n{more}", max_blocks=10, max_block_chars=500
    )
    overlap = features.extract(blocks).dense[:, features.DENSE_INDEX["document_overlap"]]
    assert overlap[1] == 1.0  # "scooter", "ban" and the pair both appear in the long paragraphs
    assert overlap[2] == 0.0  # nothing of the pitch does (stop words do not count)
    assert 0 < overlap[0] < 1 and 0 < overlap[3] < 1  # long paragraphs are measured against the *other* ones


def test_document_overlap_is_zero_without_another_long_block() -> None:
    blocks, _ = text_blocks("Scooter ban\n\nThe scooter ban starts today.", max_blocks=10, max_block_chars=500)
    overlap = features.extract(blocks).dense[:, features.DENSE_INDEX["document_overlap"]]
    assert overlap.tolist() == [0.0, 0.0]


def test_template_groups_give_each_block_its_groups_share_of_the_page_and_size() -> None:
    def block(i: int, text: str, tag: str, attrs: tuple[str, ...]) -> Block:
        return Block(id=i, text=text, tag=tag, xpath=f"/b[{i}]", start=0, end=len(text), attrs=attrs, path=(0, i))

    blocks = [
        block(0, "Menu", "li", ("menu", "nav")),
        block(1, "Card one text", "li", ("card", "grid")),
        block(2, "Card two text", "li", ("card", "grid")),
        block(3, "Card three", "li", ("card", "grid", "featured")),  # only the first two tokens key a group
        block(4, "Card four", "p", ("card", "grid")),  # another tag: another group
    ]
    dense = features.extract(blocks).dense
    share = dense[:, features.DENSE_INDEX["template_share"]]
    count = dense[:, features.DENSE_INDEX["log_template_count"]]
    total = sum(len(b.text) for b in blocks)
    assert np.allclose(share, [4 / total, 36 / total, 36 / total, 36 / total, 9 / total])
    assert np.allclose(count, np.log1p([1, 3, 3, 3, 1]))
    text, _ = text_blocks("One paragraph.\n\nAnother one.", max_blocks=10, max_block_chars=500)
    assert not features.extract(text).dense[:, features.DENSE_INDEX["template_share"]].any()  # plain text: none


def test_blocks_with_one_markup_key_have_one_markup_doc() -> None:
    root = parse.parse_html(
        "<body><div class='card teaser'><p>One story.</p><p>Another story.</p></div>"
        "<div class='card'><p>A third story.</p></div></body>"
    )
    assert root is not None
    blocks = segment.html_blocks(root, max_blocks=100, max_block_chars=1000)[0]
    items = [b for b in blocks if "teaser" in " ".join(b.attrs)]
    assert features.markup_key(items[0]) == features.markup_key(items[1])
    assert features.markup_doc(items[0]) == features.markup_doc(items[1])
    other = next(b for b in blocks if b.text.startswith("A third"))
    assert features.markup_key(other) != features.markup_key(items[0])
    assert features.markup_doc(other) != features.markup_doc(items[0])


def test_a_token_cache_gives_the_function_s_value_and_keeps_no_long_token() -> None:
    from cleaner.core.caching import MAX_CACHED_TOKEN, token_cache

    calls: list[str] = []

    def shout(token: str) -> str:
        calls.append(token)
        return token.upper()

    cached = token_cache(shout, maxsize=2)
    long = "x" * (MAX_CACHED_TOKEN + 1)
    assert [cached(t) for t in ("a", "a", "b", long, long)] == ["A", "A", "B", long.upper(), long.upper()]
    assert calls == ["a", "b", long, long] and cached.cache_info().currsize == 2
    assert cached("c") == "C" and cached.cache_info().currsize == 1  # full: emptied, then "c" kept
