"""POST /sms/twilio: a text from a family, answered in TwiML."""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask import Response, current_app, request
from twilio.twiml.messaging_response import MessagingResponse

from portal.extensions import csrf
from portal.services.sms import inbound as sms
from portal.sms import bp


def webhook_url() -> str:
    """The address Twilio signed: SMS_WEBHOOK_URL when a proxy changes what we see."""
    return str(current_app.config.get("SMS_WEBHOOK_URL") or request.url)


@bp.post("/twilio")
@csrf.exempt
def twilio() -> Response:
    # The signed values exactly as Twilio sent them (request.form turns a NUL into a space).
    params = dict(parse_qsl(request.get_data(cache=True, as_text=True), keep_blank_values=True))
    if not sms.is_signed(webhook_url(), params, request.headers.get("X-Twilio-Signature", "")):
        current_app.logger.warning("sms: a request without a valid Twilio signature was refused")
        return Response("Forbidden: the Twilio signature is missing or wrong.\n", 403, mimetype="text/plain")
    try:
        message = sms.inbound(params)
    except sms.BadRequest as error:
        return Response(f"{error}\n", 400, mimetype="text/plain")
    answer = MessagingResponse()
    for text in sms.receive(message):
        answer.message(text)
    return Response(str(answer), 200, mimetype="application/xml")
