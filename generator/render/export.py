"""Open data: the whole fact base as JSON and CSV files, byte for byte the same on every build.

``data/facts.json`` holds every record exactly as the model dumps it, so
``load_facts`` rebuilds the same model instances from it (the round trip is
tested); the CSV files flatten the same records for spreadsheets.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from generator.check.link import FactBase
from generator.model.records import KINDS, Record

CITATION_COLUMNS = ("kind", "id", "position", "source", "quote", "locator")

# What each column of the CSV files means: shown on the site's Data page.
COLUMNS: dict[str, str] = {
    "id": "the record's id: its file name under content/ and the last part of its page address",
    "notes": "editorial notes shown on the record's page",
    "sources": "ids of the sources cited, in order, separated by \"; \" (quotes and locators are in citations.csv)",
    "status": "reported, confirmed, disputed or retracted (see the methodology page)",
    "name": "the actor's name as most English-language sources write it",
    "type": "what sort of actor, event or source it is",
    "aliases": "other names of the actor, as JSON: a list of {name, lang}",
    "description": "a short neutral description of the actor or event",
    "roles": "offices the actor holds or held, as JSON: a list of {title, of, start, end}",
    "member_of": "ids of the actors this actor belongs to, separated by \"; \"",
    "country": "ISO 3166-1 alpha-2 country code",
    "wikidata": "Wikidata id",
    "speaker": "id of the actor who made the statement",
    "date": "when the statement was made or the event happened: YYYY, YYYY-MM or YYYY-MM-DD, "
            "only as precise as the sources",
    "text": "the statement's words: exact for a quote, a summary for a paraphrase or position",
    "kind": "in statements.csv: quote, paraphrase or position; in citations.csv: the folder of the "
            "citing record (actors, statements, figures or events)",
    "language": "BCP 47 language tag (e.g. en, he, ar) of the statement or source",
    "context": "where, when and to whom the statement was made",
    "event": "id of the event the statement or figure belongs to",
    "about": "ids of the actors the statement or figure is about, separated by \"; \"",
    "topics": "topic ids, separated by \"; \"",
    "label": "what the figure counts, in words",
    "measure": "id of what is counted: figures with the same measure and date or period are compared",
    "value": "the number the source gives (empty when it gives a range)",
    "min": "the low end of a range",
    "max": "the high end of a range",
    "min_exclusive": "true when the source says \"more than\" the min",
    "approximate": "true when the source says \"about\", \"around\" or \"nearly\"",
    "unit": "what one unit of the figure is, e.g. people or days",
    "as_of": "the date the figure describes",
    "period": "the span the figure covers, as JSON: {start, end}",
    "reported_by": "id of the actor that gave the figure",
    "parts": "ids of the figures that add up to this one, separated by \"; \"",
    "title": "the event's or source's title",
    "start": "the first day, month or year of the event",
    "end": "the last day, month or year of the event",
    "location": "where the event happened",
    "participants": "actors who took part in the event, as JSON: a list of {actor, role}",
    "publisher": "who published the source",
    "url": "link to the source",
    "published": "the source's publication date",
    "accessed": "when the source was read",
    "archive_url": "link to an archived copy of the source",
    "position": "in citations.csv: 1 for the record's first citation, 2 for the second, and so on",
    "source": "in citations.csv: id of the cited source",
    "quote": "in citations.csv: the words in the source that support the record",
    "locator": "in citations.csv: where in the source, e.g. \"paragraph 4\"",
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


def export_files(base: FactBase, dumped: dict[str, dict[str, dict[str, Any]]] | None = None,
                 licence: Licence | None = None) -> dict[str, bytes]:
    """Every open-data file, keyed by its path in the built site (``dumped``: ``facts(base)``, if already made).
    With a ``licence``, facts.json names it and data/datapackage.json states it for every file."""
    data = dumped if dumped is not None else facts(base)
    encoded = {kind: {rid: _compact(record) for rid, record in records.items()} for kind, records in data.items()}
    files = {"data/facts.json": _facts_json(encoded, licence),
             "data/citations.csv": _csv(CITATION_COLUMNS, _citation_rows(data))}
    if licence is not None:
        files["data/datapackage.json"] = _datapackage(list(data), licence)
    for kind, records in data.items():
        files[f"data/{kind}.csv"] = _csv(columns(kind), _record_rows(kind, records))
        files.update({f"{kind}/{rid}.json": (text + "\n").encode("utf-8") for rid, text in encoded[kind].items()})
    return dict(sorted(files.items()))


def load_facts(data: bytes) -> dict[str, dict[str, Record]]:
    """Model instances rebuilt from ``data/facts.json``."""
    parsed = json.loads(data.decode("utf-8"))
    return {kind: {rid: KINDS[kind].model_validate(record) for rid, record in records.items()}
            for kind, records in parsed.items() if kind in KINDS}  # not "license"


def columns(kind: str) -> list[str]:
    return ["id", *KINDS[kind].model_fields]


def _record_rows(kind: str, records: dict[str, dict[str, Any]]) -> list[list[str]]:
    names = columns(kind)[1:]
    return [[rid] + [cell(name, record.get(name)) for name in names] for rid, record in records.items()]


def _citation_rows(data: dict[str, dict[str, dict[str, Any]]]) -> list[list[str]]:
    return [[kind, rid, str(position), citation["source"], cell("quote", citation.get("quote")),
             cell("locator", citation.get("locator"))]
            for kind, records in data.items() for rid, record in records.items()
            for position, citation in enumerate(record.get("sources", []), start=1)]


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


def _facts_json(encoded: dict[str, dict[str, str]], licence: Licence | None = None) -> bytes:
    """facts.json indented by kind and id, one compact record a line: readable, and json's C encoder
    does the records (indent=2 throughout is pure Python and most of the export's time)."""
    members = {kind: _block([f"{_compact(rid)}: {text}" for rid, text in sorted(records.items())], "  ")
               for kind, records in encoded.items()}
    if licence is not None:
        members["license"] = _compact(licence.as_json())
    return (_block([f"{_compact(key)}: {text}" for key, text in sorted(members.items())], "") + "\n").encode("utf-8")


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


def _compact(data: Any) -> str:
    """Without indent, json uses its C encoder (indent=2 is pure Python: slow 10,000 times)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))




def _csv(header: list[str] | tuple[str, ...], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
