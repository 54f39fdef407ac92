"""The first safeguarding layer: curated patterns, in six languages, not fooled by idioms.

The full crisis and idiom sets run end to end with the real Rasa in
tests/e2e/test_chat.py; these check the pattern layer on its own, which is
what still answers when Rasa is down.
"""

import pytest

from portal.services import safeguarding
from portal.services.reading.normalise import normalise


def test_every_kind_has_patterns_and_idioms_exist() -> None:
    patterns = safeguarding.load_patterns()
    assert all(patterns.patterns[kind] for kind in safeguarding.KINDS)
    assert len(patterns.idioms) >= 20


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("i want to kill myself", "suicide_self_harm"),
        ("my baby isnt breathing", "medical_emergency"),
        ("hes hitting me right now", "domestic_abuse"),
        ("cant find my 4 year old anywhere", "missing_child"),
        ("chcę się zabić", "suicide_self_harm"),
        ("أريد أن أقتل نفسي", "suicide_self_harm"),
        ("я хочу покінчити з собою", "suicide_self_harm"),
        ("vreau sa ma sinucid", "suicide_self_harm"),
        ("我想自杀", "suicide_self_harm"),
    ],
)
def test_clear_danger_is_found(message: str, kind: str) -> None:
    assert safeguarding.detect(message) is not None
    assert safeguarding.detect(message) == kind


@pytest.mark.parametrize(
    "message",
    [
        "he's killing me with these tantrums",
        "i'm dying for a coffee and a sit down",
        "these bills are killing us",
        "dead tired after the school run",
        "气死我了，孩子不写作业",
        "zabije mnie ten hałas",
        "ma omoara copilul asta cu crizele lui",
        "я вмираю від втоми",
        "my son won't go to school",
        "we can't pay the rent",
    ],
)
def test_ordinary_words_are_not_danger(message: str) -> None:
    assert safeguarding.detect(message) is None


def test_an_idiom_does_not_hide_real_danger_next_to_it() -> None:
    assert (
        safeguarding.detect("he's killing me with his moods and now he's got a knife and says he'll stab me")
        is not None
    )


def test_idiom_only_overrules_the_nlu_only_without_danger() -> None:
    assert safeguarding.is_idiom_only("he's killing me with these tantrums")
    assert not safeguarding.is_idiom_only("i want to kill myself")
    assert not safeguarding.is_idiom_only("my son won't go to school")


def test_normalisation_makes_spelling_variants_equal() -> None:
    assert normalise("Chcę  się ZABIĆ") == normalise("chce sie zabic")
    assert normalise("أريد") == normalise("اريد")
    assert normalise("he’s") == "he's"
    assert normalise("ș ț ă") == "s t a"


def test_ordinary_parent_messages_rarely_fire() -> None:
    """Every non-danger example the assistant learns from or is tested on (about 10,600
    messages in six languages, near-misses included): a false alarm there is a family
    told to call 999 about the rent."""
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[4] / "bot"
    files = [*(root / "data" / "nlu").glob("*.yml"), *(root / "tests" / "nlu").glob("*.yml")]
    # Youth safety and domestic abuse examples may describe harm the taxonomy treats as urgent
    # (county lines, sextortion, a threat to kill): they are not counted as ordinary here.
    texts = [
        line.strip()[2:]
        for path in files
        if "safeguarding" not in path.name
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]
        if block.get("intent") not in {"need_youth_safety", "need_domestic_abuse"}
        for line in block["examples"].splitlines()
        if line.strip().startswith("- ")
    ]
    fired = [text for text in texts if safeguarding.detect(text)]
    assert len(texts) > 5000, len(texts)
    assert len(fired) / len(texts) < 0.003, fired
