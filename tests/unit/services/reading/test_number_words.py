"""Ages typed in words, in six languages, read as numbers."""

import pytest

from portal.services.reading.normalise import normalise
from portal.services.reading.number_words import number_in_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he's nine", "he's 9"),
        ("she is thirteen", "she is 13"),
        ("ona ma dziewięć lat", "ona ma 9 lat"),
        ("عمره تسع سنين", "عمره 9 سنين"),
        ("йому дев'ять", "иому 9"),
        ("are nouă ani", "are 9 ani"),
        ("孩子十三岁", "孩子13岁"),
        ("他九岁", "他9岁"),
        ("one year old", "1 year old"),
    ],
)
def test_number_words_become_digits(text: str, expected: str) -> None:
    assert number_in_words(normalise(text)) == normalise(expected)


@pytest.mark.parametrize("text", ["the little one is poorly", "no one listens", "opt out of texts"])
def test_ordinary_words_stay_words(text: str) -> None:
    assert number_in_words(text) == text
