"""Stage 2: check each parsed file against the declared schema, with positions."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.model.errors import Problem
from generator.model.kinds import KINDS
from generator.model.records import Record
from generator.model.values import nested_model
from generator.read.load import RawRecord
from generator.read.yamlload import dotted

_SHAPES = {dict: "a mapping", list: "a list", str: "text", type(None): "empty"}


def validate(raw: RawRecord) -> Record | list[Problem]:
    """The record as a model instance, or every schema problem in it."""
    result: Record | list[Problem] = validate_as(raw, KINDS[raw.kind].model)
    return result


def validate_as(raw: RawRecord, model: type[BaseModel]) -> Any:
    """``raw`` as an instance of ``model``, or every schema problem in it."""
    try:
        return model.model_validate(raw.doc.data)
    except ValidationError as exc:
        return [_problem(raw, model, error) for error in exc.errors()]


def _problem(raw: RawRecord, model: type[BaseModel], error: Any) -> Problem:
    loc = tuple(error["loc"])
    at = (error.get("ctx") or {}).get("at")
    if at:
        loc += tuple(at) if isinstance(at, (tuple, list)) else (at,)  # a record's rule may point into a list
    if error["type"] == "missing":
        line, col = raw.doc.position(loc[:-1])
    else:
        line, col = raw.doc.position(loc, at_key=error["type"] == "extra_forbidden")
    return Problem(raw.display, line, col, dotted(loc), _message(model, loc, error))


def _message(model: type[BaseModel], loc: tuple[Any, ...], error: Any) -> str:
    kind, value = error["type"], error.get("input")
    if value is None and kind != "missing":
        return _empty(model, loc, error)
    if kind == "missing":
        return "required field is missing: add it"
    if kind == "extra_forbidden":
        return _unknown_field(model, loc)
    if kind == "literal_error":
        allowed = _allowed_values(error["ctx"]["expected"])
        hint = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
        suffix = f" (did you mean '{hint[0]}'?)" if hint else ""
        return f"'{value}' is not allowed{suffix}: use one of {', '.join(allowed)}"
    if kind in ("string_type", "list_type", "model_type", "model_attributes_type", "dict_type"):
        return _wrong_shape(kind, value)
    return str(error["msg"])


def _empty(model: type[BaseModel], loc: tuple[Any, ...], error: Any) -> str:
    """A field written with no value: say whether it may be left out, and what it takes."""
    owner = _model_at(model, loc[:-1]) if loc and isinstance(loc[-1], str) else None
    field = owner.model_fields.get(str(loc[-1])) if owner else None
    required = field is None or field.is_required()
    choices = ""
    if error["type"] == "literal_error":
        choices = ": use one of " + ", ".join(_allowed_values(error["ctx"]["expected"]))
    if required:
        return f"is empty: this field is required, write a value{choices}"
    return f"is empty: write a value or remove the field{choices}"


def _wrong_shape(kind: str, value: Any) -> str:
    got = _SHAPES.get(type(value), type(value).__name__)
    if value is None:
        return "is empty: write a value or remove the field"
    wants = {"string_type": "text", "list_type": "a list (one '- item' per line)"}
    want = wants.get(kind, "a mapping of 'field: value' lines")
    return f"must be {want}, not {got}"


def _allowed_values(expected: str) -> list[str]:
    return [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]


def _unknown_field(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    owner = _model_at(model, loc[:-1])
    allowed = sorted(owner.model_fields) if owner else []
    name = str(loc[-1])
    hint = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if hint:
        return f"unknown field '{name}' (did you mean '{hint[0]}'?)"
    return f"unknown field '{name}': allowed fields are {', '.join(allowed)}"


def _model_at(model: type[BaseModel], path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The nested model class that a location inside ``model`` points to."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None) if isinstance(current, type) else None
        field = fields.get(part) if fields else None
        if field is None:
            return None
        current = nested_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None
