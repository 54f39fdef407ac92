"""Public pages for families and practitioners: one blueprint, a module per page group."""

from typing import Any

from flask import Blueprint
from flask_babel import gettext, ngettext

from portal.taxonomy import AGE_BANDS_BY_KEY, NEEDS_BY_KEY

bp = Blueprint("public", __name__)


def age_range(min_age: int, max_age: int) -> str:
    if min_age <= 0 and max_age >= 99:
        return gettext("All ages")
    if min_age < 0 and max_age < 0:
        return gettext("Pregnancy")
    if min_age < 0:
        return ngettext("Pregnancy to %(num)d year", "Pregnancy to %(num)d years", max_age)
    if max_age >= 99:
        return ngettext("%(num)d year and over", "%(num)d years and over", min_age)
    return ngettext("%(min)d to %(num)d year", "%(min)d to %(num)d years", max_age, min=min_age)


LABELS = {
    "free": lambda: gettext("Free"),
    "low_cost": lambda: gettext("Low cost"),
    "paid": lambda: gettext("Paid"),
    "self_referral": lambda: gettext("You can contact them yourself"),
    "professional_referral": lambda: gettext(
        "A professional, such as a teacher or health visitor, must refer you"
    ),
    "both": lambda: gettext("You can contact them yourself, or a professional can refer you"),
}


@bp.app_context_processor
def content_helpers() -> dict[str, Any]:
    return {
        "age_range": age_range,
        "cost_label": lambda key: LABELS[key](),
        "access_label": lambda key: LABELS[key](),
        "age_band_label": lambda key: AGE_BANDS_BY_KEY[key].label,
        "need_label": lambda key: NEEDS_BY_KEY[key].label,
    }


from portal.public import (  # noqa: E402, F401
    browse,
    childhood_offer,
    feedback,
    guides,
    home,
    services_directory,
    short_links,
    withdraw,
)
