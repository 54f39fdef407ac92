"""Rasa's JSON-schema checks with validators built once.

Rasa 3.6 calls `jsonschema.validate` on every reply from the action server and
on every event list posted to its HTTP API; each call checks the schema itself
and builds a new validator. Under ten conversations at once that was more than
half of the Rasa server's CPU (profiled with py-spy; figures in
benchmarks/README.md). This keeps the same checks, with the same schemas and
the same error messages, and builds each validator once. Imported with the
project's components, so it applies wherever the model is loaded.
"""

from __future__ import annotations

from functools import cache
from http import HTTPStatus
from typing import Any

import rasa.server
from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from sanic.request import Request

_validator: Any = None


@cache
def _events_validator() -> Any:
    validator_class = validators.validator_for(rasa.server.EVENTS_SCHEMA)
    validator_class.check_schema(rasa.server.EVENTS_SCHEMA)
    return validator_class(rasa.server.EVENTS_SCHEMA)


def validate_events_in_request_body(request: Request) -> None:
    """Rasa's own check of events posted to its HTTP API (rasa/server.py)."""
    events = request.json if isinstance(request.json, list) else [request.json]
    try:
        _events_validator().validate(events)
    except ValidationError as error:
        raise rasa.server.ErrorResponse(
            HTTPStatus.BAD_REQUEST,
            "BadRequest",
            f"Failed to validate the events format. "
            f"For more information about the format visit the docs. Error: {error}",
            help_url=rasa.server._docs("/pages/http-api"),
        ) from error


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    global _validator
    if _validator is None:
        schema = RemoteAction.action_response_format_spec()
        validator_class = validators.validator_for(schema)
        validator_class.check_schema(schema)
        _validator = validator_class(schema)
    try:
        _validator.validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise


RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
rasa.server.validate_events_in_request_body = validate_events_in_request_body
