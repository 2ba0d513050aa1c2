"""Open data export: JSON that rebuilds the same records, CSV with one row per record."""

from __future__ import annotations

import csv
import io
import json

import pytest

from generator import ContentError, build_factbase
from generator.check.link import FactBase
from generator.model.kinds import KINDS
from generator.render.export import CITATION_COLUMNS, columns, data_columns, export_files, load_facts
from generator.render.points import Point

from conftest import FIXTURE_CONTENT, ROOT


def _bundled() -> FactBase:
    try:
        return build_factbase(ROOT / "content")
    except ContentError as exc:
        pytest.skip(f"bundled content is not valid yet: {exc.problems[0]}")


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.mark.parametrize("load", [lambda: build_factbase(FIXTURE_CONTENT), _bundled], ids=["fixture", "bundled"])
def test_facts_json_rebuilds_every_record(load) -> None:
    base = load()
    rebuilt = load_facts(export_files(base)["data/facts.json"])
    assert rebuilt == {kind: base.records(kind) for kind in KINDS}


def test_each_record_has_its_own_json_file() -> None:
    files = export_files(build_factbase(FIXTURE_CONTENT))
    whole = json.loads(files["data/facts.json"])
    assert json.loads(files["figures/released-wire.json"]) == whole["figures"]["released-wire"]
    assert sorted(p for p in files if not p.startswith("data/")) == sorted(
        f"{kind}/{rid}.json" for kind, records in whole.items() for rid in records)


def test_csv_has_one_row_per_record_in_declared_column_order() -> None:
    base = build_factbase(FIXTURE_CONTENT)
    files = export_files(base)
    for kind in KINDS:
        rows = _rows(files[f"data/{kind}.csv"])
        assert [row["id"] for row in rows] == sorted(base.records(kind))
        assert list(rows[0]) == ["id", *KINDS[kind].model.model_fields]


def test_csv_cells_flatten_lists_and_nested_fields() -> None:
    rows = {row["id"]: row for row in _rows(export_files(build_factbase(FIXTURE_CONTENT))["data/actors.csv"])}
    assert rows["ada-leader"]["sources"] == "daily-report"
    assert rows["ada-leader"]["roles"] == '[{"end":null,"of":"northland","start":null,"title":"President"}]'
    assert rows["northland"]["aliases"] == ""
    statement = _rows(export_files(build_factbase(FIXTURE_CONTENT))["data/statements.csv"])[0]
    assert (statement["id"], statement["about"], statement["date"]) == ("ada-ready", "south-group", "2023-12-19")


def test_citations_csv_lists_every_citation_in_order() -> None:
    base = build_factbase(FIXTURE_CONTENT)
    rows = _rows(export_files(base)["data/citations.csv"])
    cited = sum(len(r.sources) for kind in KINDS if kind != "sources" for r in base.records(kind).values())
    assert len(rows) == cited == 8
    assert rows[3] == {"kind": "statements", "id": "ada-ready", "position": "1", "source": "daily-report",
                       "quote": '"Northland is ready for another pause," she said.', "summary": "",
                       "locator": "paragraph 2", "date_given": ""}


def test_a_date_a_source_gives_is_in_citations_csv() -> None:
    """Breitbart's "on Friday" for Biden's fundraiser: every citation field reaches the open data."""
    rows = _rows(export_files(_bundled())["data/citations.csv"])
    friday = [row for row in rows if row["date_given"]]
    assert [(r["id"], r["source"], r["date_given"]) for r in friday] == [
        ("biden-fundraiser-remarks", "breitbart-biden-fundraiser", "on Friday")]


def test_bundled_citations_count_matches() -> None:
    base = _bundled()
    rows = _rows(export_files(base)["data/citations.csv"])
    assert len(rows) == sum(len(r.sources) for kind in KINDS if kind != "sources" for r in base.records(kind).values())


def test_bytes_are_the_same_on_every_build() -> None:
    first = export_files(build_factbase(FIXTURE_CONTENT))
    again = export_files(build_factbase(FIXTURE_CONTENT))
    assert first == again
    assert not any(b"\r" in data for data in first.values())
    assert first["data/facts.json"].endswith(b"}\n")
    record = json.loads(first["figures/released-wire.json"])
    assert list(record) == sorted(record) and list(record["period"]) == ["end", "start"]
    assert "עדה לידר" in first["data/facts.json"].decode("utf-8")


def test_every_column_is_documented_from_the_model() -> None:
    """The Data page's column dictionary: every column of every CSV file, in the model's words."""
    documented = data_columns()
    assert {file: list(names) for file, names in documented.items()} == {
        **{f"data/{kind}.csv": columns(kind) for kind in sorted(KINDS)}, "data/citations.csv": list(CITATION_COLUMNS),
        "data/measures/<measure>.csv": list(Point.model_fields)}
    assert all(meaning.strip() for names in documented.values() for meaning in names.values())
    for kind in KINDS:
        for name, info in KINDS[kind].model.model_fields.items():
            assert str(info.description) in documented[f"data/{kind}.csv"][name]
    for name, info in Point.model_fields.items():
        assert str(info.description) in documented["data/measures/<measure>.csv"][name]
    parts = 'the figures that add up to this one (a complete breakdown); ids from figures.csv, separated by "; "'
    assert documented["data/figures.csv"]["parts"] == parts
    assert documented["data/statements.csv"]["kind"].startswith("quote: the exact words")
