"""The workspace pages. The referral queue comes with the rest of issue 7."""

from __future__ import annotations

from flask import g, render_template

from portal.data import staff_store
from portal.frontdoor import bp
from portal.frontdoor.auth import staff_required


@bp.get("/")
@staff_required()
def home() -> str:
    return render_template("frontdoor/home.html", user=g.staff)


@bp.get("/sign-ins")
@staff_required("manager", "admin")
def sign_ins() -> str:
    """Managers see who signed in, failed or was locked out (referral audit comes with referrals)."""
    return render_template("frontdoor/sign_ins.html", events=staff_store.recent_events())
