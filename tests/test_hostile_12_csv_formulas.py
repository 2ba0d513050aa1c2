"""Issue 16, defect 12: CSV cells that begin with =, + , - or @ are kept exact (the CSV and JSON are
the data, and "-5" or "+972…" are not formulas to strip), and the Data page warns spreadsheet users
and says how to open the files safely (SECURITY.md explains the choice)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generator import build_factbase
from generator.render import export

from sitebuild import Page, make_project, mkdocs_build

FORMULAS = ['=HYPERLINK("https://evil.example","click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)"]


@pytest.fixture
def formula_project(project: Path) -> Path:
    for n, text in enumerate(FORMULAS):
        escaped = text.replace("'", "''")
        (project / "content" / "actors" / f"formula-{n}.yaml").write_text(
            f"name: '{escaped}'\ntype: person\nsources: [daily-report]\n", encoding="utf-8")
    return project


def test_formula_leading_cells_are_exported_exactly(formula_project: Path) -> None:
    files = export.export_files(build_factbase(formula_project / "content"))
    rows = {row["id"]: row["name"] for row in csv.DictReader(io.StringIO(files["data/actors.csv"].decode()))}
    facts = json.loads(files["data/facts.json"])
    for n, text in enumerate(FORMULAS):
        assert rows[f"formula-{n}"] == text
        assert facts["actors"][f"formula-{n}"]["name"] == text


def test_the_data_page_warns_spreadsheet_users(formula_project: Path) -> None:
    result = mkdocs_build(make_project(formula_project / "content", formula_project))
    assert result.returncode == 0, result.stderr[-2000:]
    page = Page((formula_project / "site" / "data" / "index.html").read_text(encoding="utf-8"))
    text = " ".join(" ".join(page.texts).split())
    assert "Opening the CSV files in a spreadsheet" in page.headings
    assert "may run such a cell as a formula when the file is opened directly" in text
    assert "Nothing in the files is changed to prevent this" in text
