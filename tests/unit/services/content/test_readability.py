from portal.services.content.readability import count_syllables, measure


def test_syllables() -> None:
    assert [count_syllables(w) for w in ("cat", "baby", "make", "played", "family", "important")] == [
        1,
        2,
        1,
        1,
        3,
        3,
    ]


def test_simple_text_reads_younger_than_complex_text() -> None:
    simple = measure("Your baby cries. That is normal. Hold them close and talk softly.")
    complex_ = measure(
        "Practitioners should consider the developmental implications of persistent inconsolable crying, "
        "particularly where parental resilience is compromised by socioeconomic circumstances."
    )
    assert simple.reading_age < 9 < 14 < complex_.reading_age
