"""The portal's verdict on one message: patterns first, then the classifier, sure or unsure."""

from portal.services import safeguarding


def test_a_buttons_payload_is_not_read_as_the_familys_words() -> None:
    for payload in ("/affirm", '/inform_age{"age_band":"5-11"}', "/ref:about:children"):
        assert not safeguarding.assess(payload)


def test_typed_text_starting_with_a_slash_is_still_checked() -> None:
    assert safeguarding.assess("/ he is hitting me right now").kinds


def test_a_partners_violence_also_gets_the_domestic_abuse_reply() -> None:
    finding = safeguarding.assess("my partner hits me")
    assert "domestic_abuse" in finding.kinds


def test_a_sure_pattern_interrupts() -> None:
    finding = safeguarding.assess("my baby isnt breathing")
    assert finding.certain and finding.layer == "pattern" and finding.kinds == ["medical_emergency"]


def test_short_answers_are_left_to_the_patterns() -> None:
    for answer in ("he's nine", "Birkenhead", "skip"):
        assert not safeguarding.assess(answer), answer
