"""What each field means and how to write it, read from the model: its one description and its type.

The ``new`` skeleton, the JSON Schema tooltips, the Data page's column dictionary
and CONTRIBUTING.md's field tables all say it in these words (``field_help``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.model.kinds import KINDS
from generator.model.values import PartialDate, check_slug, nested_model, parse_flag, parse_number

# Optional in the model, but a model rule asks for one of them: listed with the required fields.
RULE_REQUIRED = {"figures": ("value",), "events": ("date",)}
FieldPath = tuple[str, ...]


def field_order(kind: str) -> list[str]:
    """Required fields first; within each group the kind's own fields, then the shared ones."""
    model = KINDS[kind].model
    shared = {name for base in model.__bases__ if issubclass(base, BaseModel) for name in base.model_fields}
    names = [n for n in model.model_fields if n not in shared] + [n for n in model.model_fields if n in shared]
    return sorted(names, key=lambda name: not is_required(kind, name))


def is_required(kind: str, name: str) -> bool:
    return KINDS[kind].model.model_fields[name].is_required() or name in RULE_REQUIRED.get(kind, ())


def field_help(kind: str, model: type[BaseModel], path: FieldPath) -> str:
    """What a field means, how to write it, and its default: '<meaning>; one of: a, b; default: a'."""
    info = model.model_fields[path[-1]]
    meaning = info.description or ""
    pieces = [meaning, format_hint(kind, path, info), default_hint(info)]
    return "; ".join(piece for piece in pieces if piece)


def format_hint(kind: str, path: FieldPath, info: FieldInfo) -> str:
    parts = list(type_parts(info))
    values = [arg for part in parts if get_origin(part) is Literal for arg in get_args(part)]
    if values:
        return "one of: " + ", ".join(values)
    if PartialDate in parts and str in parts:
        return "YYYY, YYYY-MM or YYYY-MM-DD as precise as the source, or the source's words"
    if PartialDate in parts:
        return "YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source"
    if parse_number in parts:
        return "digits, e.g. 240 or 2.5 (no thousands separators)"
    if parse_flag in parts:
        return "true or false"
    pattern = next((meta.json_schema for meta in parts if hasattr(meta, "json_schema")), None)
    if pattern and "pattern" in pattern:
        return _PATTERN_HINTS.get(pattern["pattern"], "")
    if check_slug in parts and not re.search(r"\bids?\b", info.description or ""):  # the meaning already says so
        return _id_hint(kind, path, is_list(info))
    return ""


# How to write the text fields whose pattern is a standard's.
_PATTERN_HINTS = {r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$": "a BCP 47 language tag, e.g. en, he, ar",
                  r"^[A-Z]{2}$": "an ISO 3166-1 alpha-2 country code, e.g. IL, QA, US",
                  r"^Q[1-9][0-9]*$": "a Wikidata id, e.g. Q42",
                  "^https?://": "a link starting with https:// or http://"}


def _id_hint(kind: str, path: FieldPath, many: bool) -> str:
    target = reference_target(kind, path)
    where = f" from content/{target}/" if target else " (lowercase words joined by hyphens)"
    return ("a list of ids" if many else "an id") + where


def reference_target(kind: str, path: FieldPath) -> str | None:
    """Which folder a reference field points into, read from the registry."""
    for spec, target in KINDS[kind].references:
        if tuple(step for step in spec if step != "*") == path:
            return target
    return None


def default_hint(info: FieldInfo) -> str:
    default = info.default
    if info.is_required() or default is None or default == []:
        return ""
    return f"default: {yaml_scalar(default)}"


def yaml_scalar(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def is_list(info: FieldInfo) -> bool:
    return any(get_origin(part) is list for part in type_parts(info))


def type_parts(info: FieldInfo) -> Iterator[Any]:
    """Every type, argument and validator function inside a field's declared type."""
    yield from _annotation_parts(info.annotation)
    for meta in info.metadata:
        yield getattr(meta, "func", meta)


def _annotation_parts(annotation: Any) -> Iterator[Any]:
    yield annotation
    for meta in getattr(annotation, "__metadata__", ()):
        yield getattr(meta, "func", meta)
    for arg in get_args(annotation):
        yield from _annotation_parts(arg)


def field_table(kind: str) -> str:
    """A Markdown table of a kind's fields for CONTRIBUTING.md; a mapping's sub-fields follow it."""
    model = KINDS[kind].model
    rows = ["| Field | | What it is and how to write it |", "|---|---|---|"]
    for name in field_order(kind):
        rows.append(_row(kind, model, (name,), is_required(kind, name)))
        inner = nested_model(model.model_fields[name].annotation)
        if inner is not None:
            rows += [_row(kind, inner, (name, sub), info.is_required()) for sub, info in inner.model_fields.items()]
    return "\n".join(rows)


def _row(kind: str, model: type[BaseModel], path: FieldPath, required: bool) -> str:
    text = field_help(kind, model, path).replace("|", "\\|")
    return f"| `{'.'.join(path)}` | {'required' if required else 'optional'} | {text} |"


FIELDS_START, FIELDS_END = "<!-- fields:start (research-site schema writes this) -->", "<!-- fields:end -->"


def field_tables() -> str:
    """Every kind's field table, between the markers of CONTRIBUTING.md's 'Fields' section."""
    blocks = [f"### {kind.title}: `content/{kind.name}/`\n\n{field_table(kind.name)}" for kind in KINDS.values()]
    return FIELDS_START + "\n\n" + "\n\n".join(blocks) + "\n\n" + FIELDS_END


def with_field_tables(guide: str) -> str:
    """The editors' guide with its field tables (between the markers) made from the model again."""
    start, end = guide.find(FIELDS_START), guide.find(FIELDS_END)
    if start < 0 or end < 0:
        return guide
    return guide[:start] + field_tables() + guide[end + len(FIELDS_END):]
