"""The shared vocabularies: need categories, age bands and areas.

One source of truth: triage, guides, services, referrals and the assistant's need
intents (bot/domain/core.yml) all use these keys. Labels are translated in the catalogues.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Need:
    key: str
    label: object  # a lazy, translated string
    covers: object
    outcome: object


NEEDS: tuple[Need, ...] = (
    Need(
        "parenting",
        _l("Parenting and behaviour"),
        _l("Behaviour, routines, boundaries, parenting courses and teenagers"),
        _l("Improved family relationships"),
    ),
    Need(
        "family_relationships",
        _l("Family relationships"),
        _l("Arguments, separation, co-parenting and family breakdown"),
        _l("Improved family relationships"),
    ),
    Need(
        "early_years",
        _l("Pregnancy, babies and young children"),
        _l("Pregnancy, a new baby, sleep, feeding, speech and free childcare"),
        _l("Good early years development"),
    ),
    Need(
        "education",
        _l("School"),
        _l("Going to school, school refusal, exclusion, bullying and changing school"),
        _l("Getting a good education"),
    ),
    Need(
        "send",
        _l("Special educational needs and disabilities"),
        _l("SEND support, autism and ADHD assessments, and EHC plans"),
        _l("Getting a good education"),
    ),
    Need(
        "mental_health",
        _l("Feelings and mental health"),
        _l("Worry, low mood and emotional wellbeing, for children and parents"),
        _l("Improved mental and physical health"),
    ),
    Need(
        "physical_health",
        _l("Health"),
        _l("GP and dentist, long-term conditions, healthy eating and vaccinations"),
        _l("Improved mental and physical health"),
    ),
    Need(
        "substance_use",
        _l("Alcohol and drugs"),
        _l("Alcohol or drug use by a parent or a young person"),
        _l("Promoting recovery and reducing harm from substance use"),
    ),
    Need(
        "domestic_abuse",
        _l("Domestic abuse"),
        _l("Controlling, threatening or violent relationships"),
        _l("Safe from domestic abuse"),
    ),
    Need(
        "housing", _l("Housing"), _l("Eviction, homelessness, repairs and overcrowding"), _l("Secure housing")
    ),
    Need(
        "money",
        _l("Money, food and bills"),
        _l("Food, bills, debt, benefits and the cost of living"),
        _l("Financial stability"),
    ),
    Need(
        "work_skills",
        _l("Work, training and courses"),
        _l("Jobs, training, courses, and young people not in education or work"),
        _l("Financial stability"),
    ),
    Need(
        "youth_safety",
        _l("Keeping young people safe"),
        _l("Exploitation, county lines, gangs, crime and going missing"),
        _l("Children safe from abuse and exploitation"),
    ),
)
NEED_KEYS: tuple[str, ...] = tuple(need.key for need in NEEDS)
NEEDS_BY_KEY = {need.key: need for need in NEEDS}


@dataclass(frozen=True)
class AgeBand:
    key: str
    label: object
    min_years: int  # -1 means pregnancy
    max_years: int


AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand("pregnancy", _l("Pregnancy"), -1, -1),
    AgeBand("0-2", _l("Babies and toddlers (0 to 2)"), 0, 2),
    AgeBand("3-4", _l("Young children (3 to 4)"), 3, 4),
    AgeBand("5-11", _l("Primary school age (5 to 11)"), 5, 11),
    AgeBand("12-16", _l("Secondary school age (12 to 16)"), 12, 16),
    AgeBand("17-25", _l("Young adults (17 to 25)"), 17, 25),
)
AGE_BAND_KEYS: tuple[str, ...] = tuple(band.key for band in AGE_BANDS)
AGE_BANDS_BY_KEY = {band.key: band for band in AGE_BANDS}

AREAS: tuple[str, ...] = (
    "North Wirral",
    "South Wirral",
    "East Wirral",
    "West Wirral",
    "Wirral-wide",
    "National",
)


def age_bands_for_years(min_years: int, max_years: int) -> list[str]:
    """The bands a service's age range overlaps (-1 stands for pregnancy)."""
    return [b.key for b in AGE_BANDS if b.min_years <= max_years and b.max_years >= min_years]
