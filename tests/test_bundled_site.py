"""The bundled content builds strictly; methodology numbers and JSON-LD are checked against the facts."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from sitebuild import make_project, mkdocs_build, page

KINDS = ("actors", "statements", "figures", "events")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(ROOT / "content", tmp_path_factory.mktemp("bundled"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def _records(kind: str) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "content" / kind).glob("*.yaml"))]


def _quoted(record: dict) -> bool:
    return any(isinstance(c, dict) and c.get("quote") for c in record["sources"])


def test_methodology_reports_the_counted_provenance(site: Path) -> None:
    text = page(site, "methodology").text
    for kind in KINDS:
        records = _records(kind)
        row = f"{kind.capitalize()} {len(records)} {sum(map(_quoted, records))}"
        assert row in text, row
    sources = _records("sources")
    archived = sum(1 for s in sources if s.get("archive_url"))
    assert f"{archived} of {len(sources)} sources have an archived copy." in text


def _jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def _ids(data: object) -> list[str]:
    if isinstance(data, dict):
        return ([data["@id"]] if "@id" in data else []) + [i for v in data.values() for i in _ids(v)]
    if isinstance(data, list):
        return [i for v in data for i in _ids(v)]
    return []


@pytest.mark.parametrize("kind", ("actors", "statements", "figures", "events", "sources"))
def test_every_record_page_has_json_ld_whose_ids_resolve(site: Path, kind: str) -> None:
    expected_type = {"actors": {"Person", "Organization", "Country"}, "statements": {"Quotation", "CreativeWork"},
                     "figures": {"Observation"}, "events": {"Event"}, "sources": {"NewsArticle", "CreativeWork"}}
    for path in sorted((ROOT / "content" / kind).glob("*.yaml")):
        here = f"{kind}/{path.stem}/"
        data = _jsonld((site / here / "index.html").read_text(encoding="utf-8"))
        assert data["@type"] in expected_type[kind]
        for ref in _ids(data):
            target = posixpath.normpath(posixpath.join(here, ref))
            assert (site / target / "index.html").is_file(), f"{here}: {ref} does not resolve"


def test_quotations_name_their_creator_and_date(site: Path) -> None:
    data = _jsonld((site / "statements/biden-indiscriminate-bombing/index.html").read_text(encoding="utf-8"))
    assert data["@type"] == "Quotation"
    assert data["creator"] == {"@id": "../../actors/joe-biden/"}
    assert data["dateCreated"] == "2023-12-12"


def test_the_ambassadors_count_disagreement_is_shown_in_the_sources_words(site: Path) -> None:
    text = page(site, "figures/countries-at-herzog-briefing-toi").text
    assert "⚠️ The figures for 19 December 2023 differ: about 80 vs more than 80." in text
