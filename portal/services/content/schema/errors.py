"""Content errors an editor can act on: the file, the field and what is wrong, one line each.

pydantic reports problems as locations and its own wording ("Extra inputs are not
permitted"); editors need "content/guides/x.md: front matter.titel: is not a known
field". This module turns one into the other, so every model can use pydantic's
structure while the messages stay in the content guide's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

ModelT = TypeVar("ModelT", bound=BaseModel)

# What pydantic's own checks mean for a content file.
MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a known field (check the spelling)",
    "model_type": "must be a mapping of field: value",
    "model_attributes_type": "must be a mapping of field: value",
    "dict_type": "must be a mapping of field: value",
}
# Location parts that are pydantic's bookkeeping, not a field an editor wrote:
# "[key]" marks a mapping key, the others name which shape of a field was chosen.
HIDDEN_PARTS = frozenset({"[key]", "<always>", "<periods>"})


class ContentError(ValueError):
    """A content file that cannot be loaded, naming the file, the field and the fault.

    `field` and `problem` are the first fault; `problems` lists every fault found in
    the file, and the message has one line per fault.
    """

    def __init__(self, path: str, field: str, problem: str, more: Sequence[tuple[str, str]] = ()) -> None:
        self.path, self.field, self.problem = path, field, problem
        self.problems: list[tuple[str, str]] = [(field, problem), *more]
        super().__init__("\n".join(f"{path}: {name}: {text}" for name, text in self.problems))


class FieldProblem(ValueError):
    """Raised by a validator when the fault is in a field below the one it checks
    (e.g. a stage of `stages`), so the message can still name that field."""

    def __init__(self, loc: tuple[str | int, ...], problem: str) -> None:
        super().__init__(problem)
        self.loc, self.problem = loc, problem


def problem(message: str) -> PydanticCustomError:
    """A fault in the editor's words, reported by pydantic exactly as written."""
    return PydanticCustomError("content", message)


def field_name(where: str, loc: Sequence[str | int]) -> str:
    """('contacts', 4, 'phone') -> 'contacts[4].phone'; `where` names the top (e.g. 'service')."""
    parts = [where] if where else []
    for part in loc:
        if part in HIDDEN_PARTS:
            continue
        if isinstance(part, int) and parts:
            parts[-1] += f"[{part}]"
        else:
            parts.append(f"[{part}]" if isinstance(part, int) else str(part))
    return ".".join(parts) or "file"


def describe(error: ValidationError, where: str = "") -> list[tuple[str, str]]:
    """Every fault pydantic found, as (field, problem) in the editor's words."""
    faults: list[tuple[str, str]] = []
    for detail in error.errors():
        loc: tuple[str | int, ...] = tuple(detail["loc"])
        message = MESSAGES.get(detail["type"], detail["msg"])
        cause = (detail.get("ctx") or {}).get("error")
        if isinstance(cause, FieldProblem):
            loc, message = loc + cause.loc, cause.problem
        elif detail["type"] == "value_error" and cause is not None:
            message = str(cause)
        fault = (field_name(where, loc), message)
        if fault not in faults:
            faults.append(fault)
    return faults


def validate(
    model: type[ModelT], path: str, raw: Any, where: str = "", context: dict[str, Any] | None = None
) -> ModelT:
    """`raw` as a `model`, or a ContentError listing every fault in it."""
    try:
        return model.model_validate(raw, context=context)
    except ValidationError as error:
        (field, first), *more = describe(error, where)
        raise ContentError(path, field, first, more) from None
