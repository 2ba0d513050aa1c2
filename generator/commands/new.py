"""``research-site new``: a commented skeleton of a new record, every field with its help from the model."""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path

from pydantic.fields import FieldInfo

from generator.model import fields
from generator.model.errors import UsageError
from generator.model.fields import field_help, field_order, is_required
from generator.model.jsonschema import SCHEMA_DIR
from generator.model.kinds import KIND_NAMES, KINDS
from generator.model.values import nested_model
from generator.read.load import id_problem

_WRAP = 100


def scaffold(kind: str, schema_ref: str | None = None) -> str:
    """The commented skeleton of a new record of ``kind`` (plural folder name)."""
    singular = KINDS[kind].singular
    schema_ref = schema_ref or f"../../{SCHEMA_DIR.as_posix()}/{singular}.schema.json"
    lines = [f"# yaml-language-server: $schema={schema_ref}",
             f"# A new {singular}. Fill in every required field; uncomment the optional ones you need.",
             "# Then run: research-site check", ""]
    for name in field_order(kind):
        lines += _field_block(kind, name) + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _field_block(kind: str, name: str) -> list[str]:
    model = KINDS[kind].model
    required = is_required(kind, name)
    about = f"{name} ({'required' if required else 'optional'}): {field_help(kind, model, (name,))}"
    lines = textwrap.wrap(about, _WRAP - 2, initial_indent="# ", subsequent_indent="#   ")
    lines.append(("" if required else "# ") + f"{name}:")
    return lines + ["# " + line for line in _nested_skeleton(kind, model.model_fields[name], name)]


def _nested_skeleton(kind: str, info: FieldInfo, name: str) -> list[str]:
    """Commented lines showing the sub-fields of a mapping or a list of mappings."""
    inner = nested_model(info.annotation)
    if inner is None:
        return []
    is_list = fields.is_list(info)
    lines = []
    for index, (sub, sub_info) in enumerate(inner.model_fields.items()):
        lead = ("- " if index == 0 else "  ") if is_list else ""
        need = "required: " if sub_info.is_required() else ""
        lines.append(f"  {lead}{sub}:  # {need}{field_help(kind, inner, (name, sub))}")
    return lines


def cmd_new(args: argparse.Namespace) -> int:
    kind = KIND_NAMES[args.kind].name
    problem = id_problem(args.id)
    if problem:
        raise UsageError(problem)
    content = Path(args.content)
    if not content.is_dir():
        raise UsageError(f"content folder not found: {content}")
    path = content / kind / f"{args.id}.yaml"
    schema = content.parent / SCHEMA_DIR / f"{KINDS[kind].singular}.schema.json"
    text = scaffold(kind, Path(os.path.relpath(schema, path.parent)).as_posix())
    path.parent.mkdir(exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        print(f"research-site: {path.as_posix()} already exists: edit it, or choose another id", file=sys.stderr)
        return 1
    print(f"wrote {path.as_posix()}: fill in the required fields, then run 'research-site check'")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    new = sub.add_parser("new", help="write a commented skeleton for a new record")
    new.add_argument("kind", choices=sorted(KIND_NAMES, key=lambda k: (k in KINDS, k)),
                     metavar="KIND", help=", ".join(kind.singular for kind in KINDS.values()))
    new.add_argument("id", help="the new record's id: lowercase a-z, 0-9 and single hyphens")
    new.add_argument("--content", default="content", help="the content folder (default: content)")
    new.set_defaults(run=cmd_new)
