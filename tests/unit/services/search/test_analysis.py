"""Each language's analysis makes the words parents type meet the words pages use."""

import pytest

from portal.services.search.analysis import analyzer_for


def terms(lang: str, text: str) -> list[str]:
    return [token.text for token in analyzer_for(lang)(text)]


@pytest.mark.parametrize(
    ("lang", "typed", "written"),
    [
        ("en", "tantrums", "tantrum"),
        ("en", "evicted", "eviction"),
        ("pl", "szkola", "szkoły"),  # typed without Polish letters
        ("pl", "przemocy", "przemoc"),
        ("ro", "scoala", "școala"),  # typed without Romanian letters
        ("ro", "violenta", "violență"),
        ("ar", "مدرسه", "المدرسة"),  # teh marbuta typed as heh, with the article on the page
        ("ar", "الأطفال", "الاطفال"),  # hamza on the alef or not
        ("uk", "школі", "школа"),
        ("uk", "дитини", "дитина"),
    ],
)
def test_forms_of_a_word_meet(lang: str, typed: str, written: str) -> None:
    assert terms(lang, typed) == terms(lang, written)


def test_arabic_diacritics_are_ignored() -> None:
    assert terms("ar", "مَدْرَسَة") == terms("ar", "مدرسة")


def test_chinese_is_split_into_characters_and_pairs() -> None:
    assert terms("zh", "上学") == ["上", "学", "上学"]
    assert "孩子" in terms("zh", "我的孩子不想上学")
    assert "adhd" in terms("zh", "孩子ADHD")


def test_english_stop_words_are_dropped() -> None:
    assert terms("en", "the school and the bus") == ["school", "bus"]
