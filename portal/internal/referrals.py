"""POST /internal/referrals: the action server hands over a family's referral."""

from __future__ import annotations

from flask import jsonify, request
from werkzeug.wrappers import Response

from portal.internal import bp
from portal.services.content.contacts import current_contacts
from portal.services.referrals import handover
from portal.services.referrals import messages as referral_messages
from portal.services.referrals import submit as referrals


@bp.post("/referrals")
def submit_referral() -> tuple[Response, int]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify({"errors": ["the body must be a JSON object"]}), 400
    try:
        submitted = referrals.submit(body)
    except referrals.NoConsent as error:
        return jsonify({"error": str(error), "stored": False}), 422
    except referrals.ReferralRefused as error:
        return jsonify({"errors": error.problems, "stored": False}), 422
    front_door = current_contacts().get("front_door")
    answer = {
        "reference": submitted.referral.reference,
        "created": submitted.created,
        "respond_within_hours": front_door.response_hours if front_door else None,
    }
    return jsonify(answer), 201 if submitted.created else 200


@bp.post("/referral-drafts/<submission_key>/submit")
def submit_draft(submission_key: str) -> tuple[Response, int]:
    """The action server sends the family's finished form, by its key only."""
    try:
        submitted = referrals.submit_draft(submission_key)
    except referrals.NoSuchDraft:
        handover.refused("no_such_draft")
        return jsonify({"error": "no form was sent under this key", "stored": False}), 404
    except referrals.NoConsent as error:
        handover.refused("no_consent")
        return jsonify({"error": str(error), "stored": False}), 422
    except referrals.ReferralRefused as error:
        handover.refused("refused")
        return jsonify({"errors": error.problems, "stored": False}), 422
    referral = submitted.referral
    answer = {
        "reference": referral.reference,
        "created": submitted.created,
        "message": referral_messages.sent(referral),
    }
    return jsonify(answer), 201 if submitted.created else 200
