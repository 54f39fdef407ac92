"""The workspace pages: the queue, a referral, and their exports (JSON, print, CSV)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from flask import abort, g, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from portal.frontdoor import bp
from portal.frontdoor.auth import staff_required
from portal.i18n import LANGUAGES
from portal.services.frontdoor import casefile, staff_auth
from portal.services.frontdoor import export as referral_export
from portal.services.frontdoor import queue as frontdoor_queue
from portal.services.frontdoor import work as referral_work
from portal.taxonomy import AGE_BAND_KEYS, AGE_BANDS_BY_KEY, AREAS, NEED_KEYS, NEEDS_BY_KEY


def _queue_filters(args: MultiDict[str, str]) -> dict[str, Any]:
    """The queue's filters from the query string; anything unknown is ignored, not an error."""
    return {
        "status": args.get("status") if args.get("status") in ("new", "withdrawn") else None,
        "flagged_only": args.get("flagged") == "1",
        "need": args.get("need") if args.get("need") in NEED_KEYS else None,
        "area": args.get("area") if args.get("area") in AREAS else None,
        "lang": args.get("lang") if args.get("lang") in LANGUAGES else None,
        "age_band": args.get("age_band") if args.get("age_band") in AGE_BAND_KEYS else None,
    }


def _filter_query(filters: dict[str, Any]) -> dict[str, Any]:
    """The same filters as query parameters, so the CSV link carries what is on screen."""
    query = {key: filters[key] for key in ("status", "need", "area", "lang", "age_band") if filters[key]}
    if filters["flagged_only"]:
        query["flagged"] = "1"
    return query


def _download(body: str, mimetype: str, filename: str) -> Response:
    # The blueprint's after_request marks this no-store, like every staff page.
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/")
@staff_required()
def home() -> str:
    """The queue: safeguarding-flagged first, then newest; no family's words in the list."""
    filters = _queue_filters(request.args)
    return render_template(
        "frontdoor/home.html",
        user=g.staff,
        rows=frontdoor_queue.rows(**filters),
        filters=filters,
        csv_filters=_filter_query(filters),
        needs=NEEDS_BY_KEY,
        areas=AREAS,
        age_bands=AGE_BANDS_BY_KEY,
        languages=LANGUAGES,
        decision_hours=frontdoor_queue.decision_hours(),
    )


# Exports are POSTs with the form's CSRF token: each writes an audit line in the worker's name,
# which a link on another site must not be able to do.
@bp.post("/queue.csv")
@staff_required()
def queue_csv() -> Response:
    """The filtered queue for a spreadsheet: no free text, no contact details, no postcodes."""
    rows = frontdoor_queue.rows(**_queue_filters(request.form))
    casefile.exported([row.referral for row in rows], g.staff)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")
    return _download(referral_export.queue_csv(rows), "text/csv", f"referral-queue-{stamp}.csv")


def _referral_or_404(reference: str) -> Any:
    found = casefile.find(reference)
    if found is None:
        abort(404)
    return found


def _referral_context(found: Any) -> dict[str, Any]:
    """What the referral page and its print view both show."""
    return {**casefile.contents(found), "needs": NEEDS_BY_KEY, "languages": LANGUAGES}


def _referral_page(found: Any, error: str | None = None, status: int = 200) -> tuple[str, int]:
    casefile.opened(found, g.staff)
    html = render_template(
        "frontdoor/referral.html",
        error=error,
        can_decide=g.staff.role in referral_work.DECIDERS,
        audit=casefile.audit_trail(found, g.staff),
        **_referral_context(found),
    )
    return html, status


@bp.get("/referrals/<reference>")
@staff_required()
def referral(reference: str) -> tuple[str, int]:
    return _referral_page(_referral_or_404(reference))


@bp.post("/referrals/<reference>/export.json")
@staff_required()
def referral_json(reference: str) -> Response:
    """The referral as a worker sees it, as a JSON download (audited)."""
    found = _referral_or_404(reference)
    body = json.dumps(referral_export.referral_as_dict(found), ensure_ascii=False, indent=2)
    casefile.opened(found, g.staff, "exported_json")
    return _download(body, "application/json", f"{found.reference}.json")


@bp.post("/referrals/<reference>/print")
@staff_required()
def referral_print(reference: str) -> str:
    """The referral laid out for paper, without the forms (audited as printed)."""
    found = _referral_or_404(reference)
    casefile.opened(found, g.staff, "printed")
    return render_template(
        "frontdoor/referral_print.html",
        printed_by=g.staff,
        printed_at=datetime.now(timezone.utc),
        **_referral_context(found),
    )


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
    return render_template("frontdoor/sign_ins.html", events=staff_auth.recent_events())
