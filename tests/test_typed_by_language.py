"""scripts/typed_by_language.py without a model or benchmark data: the country -> language group mapping, id parsing,
and the per-group pooling of two hand-made per-page TypedScores (figures checked by hand)."""

from __future__ import annotations

from types import ModuleType

import pytest

from cleaner.learning.evaluate import TypedScore

from .conftest import load_script


@pytest.fixture(scope="module")
def tbl() -> ModuleType:
    return load_script("typed_by_language")


@pytest.mark.parametrize(
    ("country", "group"),
    [
        ("de", "German"),
        ("at", "German"),
        ("ch", "German"),
        ("AT", "German"),
        ("uk", "English"),
        ("us", "English"),
        ("ca", "English"),
        ("au", "English"),
        ("za", "English"),
        ("ls", "English"),
        ("na", "English"),
        ("fr", "other"),
        ("jp", "other"),
        ("be", "other"),
        ("my", "other"),
        ("xx", "other"),
    ],
)
def test_country_group(tbl: ModuleType, country: str, group: str) -> None:
    assert tbl.group_of_country(country) == group


def test_ids(tbl: ModuleType) -> None:
    assert tbl.country_of("modern-dev/at/DerStandard_2024_05_03") == "at"
    assert tbl.group_by_country("modern-dev/ch/NZZ_2025_01_01") == "German"
    assert tbl.group_by_country("modern-dev/es/MallorcaZeitung_2025_04_16") == "other"
    assert tbl.group_by_page_language("modern-dev/es/MallorcaZeitung_2025_04_16") == "German"
    assert tbl.group_by_page_language("modern-dev/es/ABC_2025_01_13") == "other"
    with pytest.raises(ValueError):
        tbl.country_of("cetd/BBC_10")


def page(gold: list[tuple[str, str]], pred: list[tuple[str, str]]) -> TypedScore:
    score = TypedScore()
    score.add(gold, pred)
    return score


def test_aggregate(tbl: ModuleType) -> None:
    # German page: 6 content tokens kept, the 2-token consent line called promo.
    german = page(
        [("Der Bürgermeister eröffnet die neue Brücke", "content"), ("Alle akzeptieren", "consent")],
        [("Der Bürgermeister eröffnet die neue Brücke", "content"), ("Alle akzeptieren", "promo")],
    )
    # English page: 3 of 8 content tokens dropped as boilerplate, the 3-token promo line right.
    english = page(
        [("The mayor opened the new bridge on Tuesday", "content"), ("Subscribe for one", "promo")],
        [("The mayor opened the new", "content"), ("bridge on Tuesday", "boilerplate"), ("Subscribe for one", "promo")],
    )
    groups = tbl.aggregate(
        [("modern-dev/de/A_2025_01_01", german), ("modern-dev/uk/B_2025_01_01", english)], tbl.group_by_country
    )
    assert list(groups) == ["German", "English", "all"]
    assert [n for n, _ in groups.values()] == [1, 1, 2]

    de = groups["German"][1].report()
    assert de["content_retention"] == 1.0
    assert de["labels"]["consent"]["support"] == 2 and de["labels"]["consent"]["recall"] == 0.0
    assert de["labels"]["promo"]["precision"] == 0.0  # its only promo tokens were consent

    en = groups["English"][1].report()
    assert en["labels"]["content"]["support"] == 8
    assert en["content_retention"] == pytest.approx(5 / 8)  # "The mayor opened the new"
    assert en["labels"]["promo"]["f1"] == 1.0

    everything = groups["all"][1].report()  # token counts pool: 14 content tokens, 11 kept
    assert everything["labels"]["content"]["support"] == 14
    assert everything["content_retention"] == pytest.approx(11 / 14)
    assert everything["labels"]["promo"]["precision"] == pytest.approx(3 / 5)
    assert everything["labels"]["promo"]["recall"] == 1.0

    table = tbl.summary_table(groups)
    assert table.count("\n") == 4  # header, rule, three rows
    assert "| German | 1 |" in table and "| **all** | 2 |" in table
