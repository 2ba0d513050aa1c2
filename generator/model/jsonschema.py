"""JSON Schema files for editors' YAML extensions, generated from the model (never by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.model.errors import Problem
from generator.model.fields import field_help
from generator.model.kinds import KINDS
from generator.model.values import nested_model

SCHEMA_DIR = Path("site_config") / "schema"


def schema_text(kind: str) -> str:
    schema = with_help(kind, KINDS[kind].model.model_json_schema(mode="validation"))
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": f"{KINDS[kind].singular} record", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def with_help(kind: str, schema: dict[str, Any]) -> dict[str, Any]:
    """Each field's tooltip is its full help (meaning, how to write it, default), as in the ``new`` skeleton."""
    model = KINDS[kind].model
    for name, info in model.model_fields.items():
        schema["properties"][name]["description"] = field_help(kind, model, (name,))
        inner = nested_model(info.annotation)
        if inner is not None:
            for sub, prop in schema["$defs"][inner.__name__]["properties"].items():
                prop["description"] = field_help(kind, inner, (name, sub))
    return schema


def schema_files(root: Path) -> dict[Path, str]:
    return {root / SCHEMA_DIR / f"{KINDS[kind].singular}.schema.json": schema_text(kind) for kind in sorted(KINDS)}


def write_schemas(root: Path) -> list[Path]:
    written = []
    for path, text in schema_files(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(root: Path) -> list[Problem]:
    """Committed schema files that no longer match the model (checked only where the folder exists)."""
    if not (root / SCHEMA_DIR).is_dir():
        return []
    problems = []
    for path, text in schema_files(root).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            shown = path.relative_to(root).as_posix()
            problems.append(Problem(shown, 1, 1, "", "schema file is out of date: run 'python -m generator schema'"))
    return problems
