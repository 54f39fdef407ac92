"""Typed answers to the triage questions, in six languages, and needs from the NLU's ranking."""

import pytest

from portal.services.reading.triage import age_band_from_text, area_from_text, needs_from, understand


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("she's 7", "5-11"),
        ("7", "5-11"),
        ("he is 14 months", "0-2"),
        ("baby is 6 weeks old", "0-2"),
        ("im 30 weeks pregnant", "pregnancy"),
        ("my daughter is 15", "12-16"),
        ("teenager", "12-16"),
        ("19", "17-25"),
        ("ma 7 lat", "5-11"),
        ("synek ma 14 miesięcy", "0-2"),
        ("jestem w ciąży", "pregnancy"),
        ("عمره ٧ سنوات", "5-11"),
        ("بنتي 15", "12-16"),
        ("йому 3 роки", "3-4"),
        ("вагітна", "pregnancy"),
        ("are 4 ani", "3-4"),
        ("sunt însărcinată", "pregnancy"),
        ("孩子七岁", "5-11"),
        ("宝宝14个月", "0-2"),
        ("十五岁", "12-16"),
    ],
)
def test_age_answers(text: str, band: str) -> None:
    assert age_band_from_text(text) == band


def test_an_answer_with_no_age_is_asked_again() -> None:
    assert age_band_from_text("what do you mean") is None
    assert age_band_from_text("42") is None  # not a child's age: ask again


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("north wirral", "North Wirral"),
        ("we're in the west", "West Wirral"),
        ("południe", "South Wirral"),
        ("شرق", "East Wirral"),
        ("skip", "any"),
        ("wolę nie mówić", "any"),
        ("跳过", "any"),
        ("банан", None),
    ],
)
def test_area_answers(text: str, area: str | None) -> None:
    assert area_from_text(text) == area


def test_not_knowing_moves_on_without_the_answer() -> None:
    assert understand("age_band", "no idea", "dont_know") == "any"
    assert understand("area", "nah", "deny") == "any"


def test_needs_keep_a_likely_second_need_and_earlier_ones() -> None:
    ranking = [
        {"name": "need_housing", "confidence": 0.6},
        {"name": "need_education", "confidence": 0.25},
        {"name": "greet", "confidence": 0.1},
        {"name": "need_money", "confidence": 0.05},
    ]
    assert needs_from(ranking, ["parenting"]) == ["housing", "education", "parenting"]
    assert needs_from([{"name": "need_money", "confidence": 1.0}], ["money"]) == ["money"]
    assert needs_from([{"name": "need_nonsense", "confidence": 1.0}], []) == []


@pytest.mark.parametrize("text", ["not sure", "nie wiem", "nu stiu", "не знаю", "ما بعرف", "不知道", "skip"])
def test_not_sure_in_any_language_moves_on(text: str) -> None:
    assert understand("age_band", text, None) == "any"
    assert understand("area", text, None) == "any"
