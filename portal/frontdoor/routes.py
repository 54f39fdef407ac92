"""The workspace pages: the queue and a referral (decisions, notes and exports come next)."""

from __future__ import annotations

from typing import Any

from flask import abort, g, render_template, request

from portal.data import referral_store, staff_store
from portal.frontdoor import bp
from portal.frontdoor.auth import staff_required
from portal.i18n import LANGUAGES
from portal.services import frontdoor_queue
from portal.taxonomy import AREAS, NEED_KEYS, NEEDS_BY_KEY


@bp.get("/")
@staff_required()
def home() -> str:
    """The queue: safeguarding-flagged first, then newest; no family's words in the list."""
    args = request.args
    filters: dict[str, Any] = {
        "status": args.get("status") if args.get("status") in ("new", "withdrawn") else None,
        "flagged_only": args.get("flagged") == "1",
        "need": args.get("need") if args.get("need") in NEED_KEYS else None,
        "area": args.get("area") if args.get("area") in AREAS else None,
        "lang": args.get("lang") if args.get("lang") in LANGUAGES else None,
    }
    return render_template(
        "frontdoor/home.html",
        user=g.staff,
        rows=frontdoor_queue.rows(**filters),
        filters=filters,
        needs=NEEDS_BY_KEY,
        areas=AREAS,
        languages=LANGUAGES,
        decision_hours=frontdoor_queue.decision_hours(),
    )


@bp.get("/referrals/<reference>")
@staff_required()
def referral(reference: str) -> str:
    found = referral_store.by_reference(reference)
    if found is None:
        abort(404)
    referral_store.record_audit(found, g.staff, "viewed")
    return render_template(
        "frontdoor/referral.html",
        referral=found,
        consent=referral_store.consent_for(found),
        hours_left=frontdoor_queue.hours_left(found),
        needs=NEEDS_BY_KEY,
        languages=LANGUAGES,
        audit=referral_store.audit_for(found) if g.staff.role in ("manager", "admin") else [],
    )


@bp.get("/sign-ins")
@staff_required("manager", "admin")
def sign_ins() -> str:
    """Managers see who signed in, failed or was locked out."""
    return render_template("frontdoor/sign_ins.html", events=staff_store.recent_events())
