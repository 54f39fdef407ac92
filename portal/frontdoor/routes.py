"""The workspace pages: the queue and a referral (decisions, notes and exports come next)."""

from __future__ import annotations

from typing import Any

from flask import abort, g, redirect, render_template, request, url_for

from portal.data import referral_store, staff_store
from portal.frontdoor import bp
from portal.frontdoor.auth import staff_required
from portal.i18n import LANGUAGES
from portal.services import frontdoor_queue, referral_work
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


def _referral_or_404(reference: str) -> Any:
    found = referral_store.by_reference(reference)
    if found is None:
        abort(404)
    return found


def _referral_page(found: Any, error: str | None = None, status: int = 200) -> tuple[str, int]:
    referral_store.record_audit(found, g.staff, "viewed")
    html = render_template(
        "frontdoor/referral.html",
        error=error,
        decisions=referral_work.DECISIONS,
        can_decide=g.staff.role in referral_work.DECIDERS,
        history=referral_store.history(found),
        referral=found,
        consent=referral_store.consent_for(found),
        hours_left=frontdoor_queue.hours_left(found),
        needs=NEEDS_BY_KEY,
        languages=LANGUAGES,
        audit=referral_store.audit_for(found) if g.staff.role in ("manager", "admin") else [],
    )
    return html, status


@bp.get("/referrals/<reference>")
@staff_required()
def referral(reference: str) -> tuple[str, int]:
    return _referral_page(_referral_or_404(reference))


@bp.post("/referrals/<reference>")
@staff_required()
def work_on_referral(reference: str) -> Any:
    """Assign, note or decide (one form button each); the page comes back with any problem."""
    found = _referral_or_404(reference)
    action = request.form.get("action")
    try:
        if action == "assign":
            referral_work.assign_to_me(found, g.staff)
        elif action == "note":
            referral_work.add_note(found, g.staff, request.form.get("note", ""))
        elif action == "decide":
            referral_work.decide(
                found, g.staff, request.form.get("decision", ""), request.form.get("reason", "")
            )
        else:
            abort(400)
    except referral_work.WorkError as error:
        return _referral_page(found, error=str(error), status=400)
    return redirect(url_for("frontdoor.referral", reference=reference), code=303)


@bp.get("/sign-ins")
@staff_required("manager", "admin")
def sign_ins() -> str:
    """Managers see who signed in, failed or was locked out."""
    return render_template("frontdoor/sign_ins.html", events=staff_store.recent_events())
