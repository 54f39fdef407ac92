"""The referral form's table of steps: the promises the engine relies on, checked for every
entry, so a question added to the table keeps them too."""

from __future__ import annotations

import pytest

from portal.services.referrals import form
from portal.services.referrals.steps import STEPS, Step

KEYS = [step.key for step in STEPS]


def test_every_step_has_its_own_key() -> None:
    assert len(KEYS) == len(set(KEYS))
    assert not {"check", "sent"} & set(KEYS)  # the engine's own places in the form
    assert all(":" not in key and not key.startswith("_") for key in KEYS)  # buttons and private answers


@pytest.mark.parametrize("step", STEPS, ids=KEYS)
def test_every_step_has_a_summary_label(step: Step) -> None:
    assert str(step.label).strip()


@pytest.mark.parametrize("step", STEPS, ids=KEYS)
def test_a_changed_answer_only_makes_later_answers_stale(step: Step) -> None:
    """Asked again after a change, the form carries on forwards: nothing before it is lost."""
    later = KEYS[KEYS.index(step.key) + 1 :]
    assert set(step.clears) <= set(later)


def test_who_it_is_for_decides_which_questions_about_age_are_asked() -> None:
    for_a_child = form.steps_for({"about": "children"})
    for_themselves = form.steps_for({"about": "self"})
    assert "ages" in for_a_child and "names" in for_a_child and "own_age" not in for_a_child
    assert "own_age" in for_themselves and "ages" not in for_themselves and "names" not in for_themselves
    # Everything else is asked either way, in the table's order.
    shared = [key for key in KEYS if key not in ("own_age", "ages", "names")]
    assert [key for key in for_a_child if key in shared] == shared
    assert [key for key in for_themselves if key in shared] == shared


def test_changing_who_it_is_for_asks_the_age_questions_again() -> None:
    about = next(step for step in STEPS if step.key == "about")
    assert {"own_age", "ages", "names"} <= set(about.clears)


def test_the_next_question_is_the_first_unanswered_one_and_then_the_check() -> None:
    answers: dict[str, object] = {}
    asked = []
    while (step := form.next_step(answers)) != "check":
        asked.append(step)
        answers[step] = "self" if step == "about" else None
    assert asked == form.steps_for({"about": "self"})


def test_only_questions_whose_words_could_be_a_real_answer_refuse_a_typed_skip() -> None:
    words = next(step for step in STEPS if step.key == "words")
    assert words.skippable and not words.skip_by_words  # "nothing" may be what they want to say
