"""/sms/simulator (development only): a phone-like page that texts the assistant.

It sends what Twilio would send — a form post to /sms/twilio signed with the
auth token — over HTTP to this same portal, and shows the TwiML replies and
any texts the portal sent through the Twilio stand-in to this number.
"""

from __future__ import annotations

import secrets
import xml.etree.ElementTree as ElementTree

import requests
from flask import abort, current_app, redirect, render_template, request, session, url_for
from twilio.request_validator import RequestValidator
from werkzeug.wrappers import Response

from portal.sms import bp

DEFAULT_NUMBER = "+447700900001"
LOG_LENGTH = 30


@bp.before_request
def simulator_only_when_enabled() -> None:
    if (
        request.endpoint
        and request.endpoint.startswith("sms.simulator")
        and not current_app.config.get("SMS_SIMULATOR")
    ):
        abort(404)


def _log() -> list[dict[str, str]]:
    return list(session.get("sms_simulator_log") or [])


@bp.get("/simulator")
def simulator() -> str:
    number = session.get("sms_simulator_number", DEFAULT_NUMBER)
    return render_template(
        "sms/simulator.html", log=_log(), number=number, sent=_sent_through_stand_in(number), error=None
    )


@bp.post("/simulator")
def simulator_send() -> Response | tuple[str, int]:
    number = (request.form.get("number") or DEFAULT_NUMBER).strip()[:20]
    body = (request.form.get("body") or "").strip()
    session["sms_simulator_number"] = number
    if request.form.get("action") == "clear":
        session.pop("sms_simulator_log", None)
        return redirect(url_for("sms.simulator"), code=303)
    try:
        replies = send_signed(request.url_root.rstrip("/") + url_for("sms.twilio"), number, body)
    except requests.RequestException as error:
        message = f"The webhook could not be reached: {type(error).__name__}"
        page = render_template("sms/simulator.html", log=_log(), number=number, sent=[], error=message)
        return page, 502
    log = _log() + [{"who": "you", "text": body}] + [{"who": "assistant", "text": text} for text in replies]
    session["sms_simulator_log"] = log[-LOG_LENGTH:]
    return redirect(url_for("sms.simulator", _anchor="latest"), code=303)


def send_signed(url: str, number: str, body: str) -> list[str]:
    """Post a text to the webhook exactly as Twilio does, and read the TwiML answer."""
    params = {
        "MessageSid": "SM" + secrets.token_hex(16),
        "AccountSid": current_app.config.get("TWILIO_ACCOUNT_SID") or "AC" + "0" * 32,
        "From": number,
        "To": current_app.config.get("TWILIO_FROM_NUMBER") or "+447700900000",
        "Body": body,
        "NumMedia": "0",
    }
    signature = RequestValidator(current_app.config["TWILIO_AUTH_TOKEN"]).compute_signature(url, params)
    answer = requests.post(url, data=params, headers={"X-Twilio-Signature": signature}, timeout=20)
    answer.raise_for_status()
    return [message.text or "" for message in ElementTree.fromstring(answer.content).iter("Message")]  # noqa: S314 — the portal's own TwiML answer, in the development simulator only


def _sent_through_stand_in(number: str) -> list[str]:
    """Texts the portal sent to this number through the Twilio stand-in (referral updates)."""
    base, account = current_app.config.get("TWILIO_API_BASE"), current_app.config.get("TWILIO_ACCOUNT_SID")
    if not base or not account:
        return []
    try:
        listing = requests.get(
            f"{base}/2010-04-01/Accounts/{account}/Messages.json", params={"To": number}, timeout=2
        ).json()
    except (requests.RequestException, ValueError):
        return []
    return [str(message.get("body", "")) for message in listing.get("messages", [])]
