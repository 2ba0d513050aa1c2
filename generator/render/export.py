"""Open data: the whole fact base as JSON and CSV files, byte for byte the same on every build.

``data/facts.json`` holds every record exactly as the model dumps it, so
``load_facts`` rebuilds the same model instances from it (the round trip is
tested); the CSV files flatten the same records for spreadsheets.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.check.compare import measure_views
from generator.check.link import FactBase
from generator.model import fields
from generator.model.kinds import KINDS
from generator.model.records import Citation, Record
from generator.model.values import nested_model
from generator.render import points
from generator.render.points import Point

CITATION_COLUMNS = ("kind", "id", "position", *Citation.model_fields)  # every field of a citation, as declared

# Columns that are no field of a record; every other column is described by its field in the model.
EXTRA_COLUMNS: dict[str, str] = {
    "id": "the record's id: its file name under content/ and the last part of its page address",
    "kind": "the folder of the citing record (actors, statements, figures or events)",
    "position": "1 for the record's first citation, 2 for the second, and so on",
}


def dump(record: Record) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude_defaults=False)


def facts(base: FactBase) -> dict[str, dict[str, dict[str, Any]]]:
    """Every record as plain JSON data, by kind and id."""
    return {kind: {rid: dump(record) for rid, record in sorted(base.records(kind).items())} for kind in KINDS}


@dataclass(frozen=True)
class Licence:
    """The terms the data is published under (the plugin's ``licence`` setting) and whom to credit."""

    name: str
    url: str
    credit: str

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "url": self.url, "attribution": self.credit}


# The default licence of the content (the site owner's choice: the plugin's `licence` and `licence_url`).
DEFAULT_LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")


@dataclass(frozen=True)
class Encoded:
    """One record as the data files hold it: its compact JSON, its row of its kind's CSV file and its
    citations' rows of citations.csv (each a CSV line). Under serve a kept record keeps these."""

    json: str
    row: str
    citations: str


def encode(kind: str, rid: str, record: dict[str, Any]) -> Encoded:
    names = columns(kind)[1:]
    cited = [[kind, rid, str(position), *(cell(name, citation.get(name)) for name in Citation.model_fields)]
             for position, citation in enumerate(record.get("sources", []), start=1)]
    return Encoded(compact(record), _csv_lines([[rid] + [cell(name, record.get(name)) for name in names]]),
                   _csv_lines(cited))


def export_files(base: FactBase, dumped: dict[str, dict[str, dict[str, Any]]] | None = None,
                 drawn: dict[str, list[Point]] | None = None, licence: Licence | None = None,
                 encoded: dict[str, dict[str, Encoded]] | None = None) -> dict[str, bytes]:
    """Every open-data file, keyed by its path in the built site (``dumped``: ``facts(base)``, ``drawn``: the
    charts' points, ``encoded``: each dumped record ``encode``d, if already made). With a ``licence``,
    facts.json names it and data/datapackage.json states it for every file."""
    data = dumped if dumped is not None else facts(base)
    if drawn is None:
        drawn = points.measure_points(base, measure_views(base))
    if encoded is None:
        encoded = {kind: {rid: encode(kind, rid, record) for rid, record in records.items()}
                   for kind, records in data.items()}
    files = {"data/facts.json": _facts_json(encoded, licence),
             "data/citations.csv": _csv_file(CITATION_COLUMNS, [encoded[kind][rid].citations
                                                                 for kind, records in data.items() for rid in records])}
    if licence is not None:
        files["data/datapackage.json"] = _datapackage(list(data), licence)
    for kind, records in data.items():
        files[f"data/{kind}.csv"] = _csv_file(columns(kind), [encoded[kind][rid].row for rid in records])
        files.update({f"{kind}/{rid}.json": _record_file(encoded[kind][rid].json) for rid in records})
    for measure, drawn_points in drawn.items():
        files.update(measure_files(measure, drawn_points))
    return dict(sorted(files.items()))


def measure_files(measure: str, drawn: list[Point]) -> dict[str, bytes]:
    """A chart's points, so anyone can redraw it: ``data/measures/<measure>.json`` and ``.csv``."""
    rows = [p.model_dump(mode="json") for p in drawn]
    names = points.columns()
    return {f"data/measures/{measure}.json": (compact({"measure": measure, "points": rows}) + "\n").encode("utf-8"),
            f"data/measures/{measure}.csv": _csv(names, [[cell(name, row[name]) for name in names] for row in rows])}


def load_facts(data: bytes) -> dict[str, dict[str, Record]]:
    """Model instances rebuilt from ``data/facts.json``."""
    parsed = json.loads(data.decode("utf-8"))
    return {kind: {rid: KINDS[kind].model.model_validate(record) for rid, record in records.items()}
            for kind, records in parsed.items() if kind in KINDS}  # not "license"


def columns(kind: str) -> list[str]:
    return ["id", *KINDS[kind].model.model_fields]


def data_columns() -> dict[str, dict[str, str]]:
    """Each CSV file's columns, in order, with what they mean (for the Data page): the model's descriptions."""
    files = {f"data/{kind}.csv": {name: column_meaning(kind, KINDS[kind].model, name) for name in columns(kind)}
             for kind in sorted(KINDS)}
    files["data/citations.csv"] = {name: column_meaning("actors", Citation, name) for name in CITATION_COLUMNS}
    files["data/measures/<measure>.csv"] = {name: column_meaning("figures", Point, name) for name in points.columns()}
    return files


def column_meaning(kind: str, model: type[BaseModel], name: str) -> str:
    """A field's description, then how its value is written in the CSV file."""
    if name not in model.model_fields:
        return EXTRA_COLUMNS[name]
    info = model.model_fields[name]
    path = ("sources", name) if model is Citation else (name,)
    return "; ".join(piece for piece in (info.description, _csv_hint(kind, path, info)) if piece)


def _csv_hint(kind: str, path: tuple[str, ...], info: FieldInfo) -> str:
    target = fields.reference_target(kind, path)
    if path == ("sources",):
        return 'source ids, separated by "; " (quotes and locators are in citations.csv)'
    if nested_model(info.annotation) is not None:
        return "as JSON"
    if target and fields.is_list(info):
        return f'ids from {target}.csv, separated by "; "'
    if target:
        return f"an id from {target}.csv"
    if fields.is_list(info):
        return 'separated by "; "'
    return fields.format_hint(kind, path, info)


def cell(name: str, value: Any) -> str:
    """One value as CSV text: lists of ids joined by "; ", nested mappings as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if name == "sources":
        return "; ".join(citation["source"] for citation in value)
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def _facts_json(encoded: dict[str, dict[str, Encoded]], licence: Licence | None = None) -> bytes:
    """facts.json indented by kind and id, one compact record a line: readable, and json's C encoder
    does the records (indent=2 throughout is pure Python and most of the export's time)."""
    members = {kind: _block([f"{compact(rid)}: {record.json}" for rid, record in sorted(records.items())], "  ")
               for kind, records in encoded.items()}
    if licence is not None:
        members["license"] = compact(licence.as_json())
    return (_block([f"{compact(key)}: {text}" for key, text in sorted(members.items())], "") + "\n").encode("utf-8")


def _datapackage(kinds: list[str], licence: Licence) -> bytes:
    """A Frictionless Data Package descriptor: the licence of every data file, and what each file is."""
    resources = [{"name": "facts", "path": "facts.json", "format": "json", "mediatype": "application/json"}]
    resources += [{"name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv"}
                  for name in [*sorted(kinds), "citations"]]
    package = {"name": "research-site-facts", "title": licence.credit, "resources": resources,
               "licenses": [{"title": licence.name, "path": licence.url}]}
    return (json.dumps(package, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _block(members: list[str], indent: str) -> str:
    """A JSON object from its ``"key": value`` members, one a line, as json.dumps(indent=2) lays it out."""
    if not members:
        return "{}"
    return "{\n" + ",\n".join(f"{indent}  {member}" for member in members) + f"\n{indent}}}"


@functools.lru_cache(maxsize=1 << 15)  # under serve a kept record's text is the same object: so is its file
def _record_file(text: str) -> bytes:
    return (text + "\n").encode("utf-8")


def compact(data: Any) -> str:
    """Without indent, json uses its C encoder (indent=2 is pure Python: slow 10,000 times)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))




def _csv(header: list[str] | tuple[str, ...], rows: list[list[str]]) -> bytes:
    return _csv_file(header, [_csv_lines(rows)])


def _csv_lines(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _csv_file(header: list[str] | tuple[str, ...], lines: list[str]) -> bytes:
    """A CSV file from its header and its rows already written as CSV lines."""
    return (_csv_lines([list(header)]) + "".join(lines)).encode("utf-8")
