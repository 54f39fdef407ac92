"""The portal and the assistant's classifier put text in the same normal form.

The bot's copy (bot/components/text_normalise.py) cannot import the portal
(another virtual environment), so this checks the two agree.
"""

import importlib.util

from portal.services.reading.normalise import normalise
from tests.conftest import PROJECT_ROOT

SAMPLES = [
    "Chcę  się ZABIĆ",
    "copilul meu nu vrea să meargă la școală",
    "أريد أن أتحدث مع أحد",
    "мій син не ходить до школі",
    "我儿子不想上学",
    "he’s killing me\u200f with tantrums",
    "Łódź",
    "Straße",
    "ـــمرحبـــا",
]


def test_bot_copy_matches_the_portal() -> None:
    spec = importlib.util.spec_from_file_location(
        "bot_text_normalise", PROJECT_ROOT / "bot/components/text_normalise.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for sample in SAMPLES:
        assert module.normalise(sample) == normalise(sample)


def test_accents_case_and_arabic_variants_fold_together() -> None:
    assert normalise("Chcę się ZABIĆ") == "chce sie zabic"
    assert normalise("Łódź") == "lodz"
    assert normalise("أريد") == normalise("اريد")
