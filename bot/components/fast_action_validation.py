"""Check action-server replies against Rasa's schema with a validator built once.

Rasa 3.6 calls `jsonschema.validate` on every reply from the action server,
which checks the schema itself and builds a new validator each time. Under
ten conversations at once that was more than half of the Rasa server's CPU
(profiled with py-spy; figures in benchmarks/README.md). This keeps the same
check, with the same schema and the same error message, and builds the
validator once. Imported with the project's components, so it applies
wherever the model is loaded.
"""

from __future__ import annotations

from typing import Any

from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_validator: Any = None


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
