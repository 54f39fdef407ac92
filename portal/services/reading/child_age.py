"""From a child's date of birth or due date to the age band that fits.

Nothing here is stored: the date is used once, to choose what to show.
"""

from __future__ import annotations

from datetime import date

from portal.taxonomy import AGE_BANDS

OLDEST_YEARS = 25


class DateProblem(ValueError):
    """A date that cannot be a child's birth or due date."""


def years_between(born: date, today: date) -> int:
    years = today.year - born.year
    if (today.month, today.day) < (born.month, born.day):
        years -= 1
    return years


def age_band_for(child_date: date, today: date) -> str:
    if child_date > today:
        if (child_date - today).days > 300:
            raise DateProblem("due date too far ahead")
        return "pregnancy"
    years = years_between(child_date, today)
    if years > OLDEST_YEARS:
        raise DateProblem("older than 25")
    for band in AGE_BANDS:
        if band.min_years <= years <= band.max_years:
            return band.key
    raise DateProblem("no age band")  # pragma: no cover - the bands cover 0 to 25
