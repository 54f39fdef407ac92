"""Signposts that fit: the first suggestion suits the need and the child's age, and when the
area is known one suggestion is a service there. Measured on a labelled set of cases
(signpost_cases.yaml, written from the need taxonomy, not from the content)."""

from __future__ import annotations

from pathlib import Path

import yaml
from flask import Flask

from portal.services.content import catalogue
from portal.services.search import signposts as signposting

CASES = yaml.safe_load((Path(__file__).with_name("signpost_cases.yaml")).read_text(encoding="utf-8"))["cases"]
MIN_FIT = 0.90


def _fits(suggestion: signposting.Suggestion, need: str, age_band: str) -> bool:
    page = catalogue.get_page(suggestion.kind, suggestion.slug, "en")
    return page is not None and need in page.needs and (not page.age_bands or age_band in page.age_bands)


def test_the_set_is_big_enough_and_covers_every_need() -> None:
    from portal.taxonomy import NEED_KEYS

    assert len(CASES) >= 60
    assert {case["need"] for case in CASES} == set(NEED_KEYS)


def test_the_first_suggestion_fits_the_need_and_the_age(app: Flask) -> None:
    fitted, misfits, no_local = 0, [], []
    with app.test_request_context():
        for case in CASES:
            picked = signposting.pick(
                [case["need"]], case["age_band"], case["area"], case["words"], case["lang"]
            )
            if picked and _fits(picked[0], case["need"], case["age_band"]):
                fitted += 1
            else:
                misfits.append(f"{case['need']}/{case['age_band']}/{case['lang']}: {picked[:1]}")
            if case["area"] and not any(s.local for s in picked):
                no_local.append(f"{case['need']}/{case['area']}")
    share = fitted / len(CASES)
    print(f"\nsignpost fit: {fitted} of {len(CASES)} ({100 * share:.0f}%); no local service: {len(no_local)}")
    assert share >= MIN_FIT, "\n".join(misfits)
    assert not no_local, no_local


def test_a_page_in_the_familys_language_comes_before_an_english_one(app: Flask) -> None:
    """Never an English-only page first when one in the family's language exists."""
    wrong = []
    with app.test_request_context():
        for case in CASES:
            if case["lang"] == "en":
                continue
            picked = signposting.pick(
                [case["need"]], case["age_band"], case["area"], case["words"], case["lang"]
            )
            if not picked or picked[0].lang == case["lang"]:
                continue
            translated = [s for s in picked if s.lang == case["lang"]]
            if translated:
                wrong.append(
                    f"{case['need']}/{case['lang']}: {picked[0].slug} (English) before {translated[0].slug}"
                )
    assert not wrong, wrong
