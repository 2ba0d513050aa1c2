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


def without_legend(text: str) -> str:
    """A page's text without the status legend, which names every status (disputed, the sources disagree)."""
    return re.sub(r"Status \(each record's own.*?withdrawn or corrected\.", "", text)


def test_the_ambassadors_count_is_compatible_in_the_sources_words(site: Path) -> None:
    """'about 80' and 'more than 80' can both be true (81): compatible, without a warning sign (issue 14)."""
    text = page(site, "figures/countries-at-herzog-briefing-toi").text
    assert ("The 2 figures for 19 December 2023 are worded differently but compatible: “more than 80” and "
            "“about 80”; one number satisfies them all.") in text
    numbers = without_legend(text[text.index("Every source's number"):])
    assert "⚠" not in numbers and "disagree" not in numbers.lower() and "differ:" not in numbers
    briefing = page(site, "events/herzog-ambassadors-briefing").text
    assert "In a recent interaction with 80 envoys" in briefing and "about 80 envoys" not in briefing


# --- issue 15: the facts passages.md corrects, as a reader sees them ------------------

def test_methodology_shows_the_evidence_counts(site: Path) -> None:
    from generator import build_factbase
    from generator.check.evidence import evidence_report

    report = evidence_report(build_factbase(ROOT / "content"))
    text = page(site, "methodology").text
    assert f"Of {report.citations} citations, {report.quoted} give the source's own words" in text
    assert f"{report.summarised} give only the editors' summary" in text
    assert f"{report.verbatim} of {report.quotations} quotations are found word for word" in text
    assert f"{len(report.single)} statements, figures and events rest on a single report" in text
    assert report.summarised >= 2 and report.verbatim == report.quotations and report.single


def test_released_hostages_110_and_some_105_are_shown_disagreeing(site: Path) -> None:
    text = page(site, "figures/released-hostages-total").text
    assert "⚠️ The figures for November 2023 differ: 110 vs about 105 vs more than 100" in text
    assert "Known parts by group" in text and "Known parts by nationality" in text


def test_biden_is_dated_tuesday_and_friday_is_shown_as_breitbarts(site: Path) -> None:
    event = page(site, "events/biden-fundraiser-remarks").text
    assert "12 December 2023 (derived from \"on Tuesday\" in the Conservative Institute report" in event
    assert "disputed" not in without_legend(event)
    breitbart = event[event.index("Breitbart, Biden Trashes Israel"):]
    breitbart = breitbart[:breitbart.index("About this source")]
    assert "on Friday, after telling guests" in breitbart
    assert "Editors' summary, not the source's words: Breitbart's claim" in breitbart
    statement = page(site, "statements/biden-indiscriminate-bombing").text
    assert "12 December 2023 (derived from" in statement


def test_s5_is_not_labelled_afp_anywhere_on_its_page(site: Path) -> None:
    text = page(site, "sources/zero-ready-red-cross-moral-failure").text
    assert "AFP" not in text
    assert "Agency" not in text.split("Editor's note")[0], "the page names no agency"


def test_the_voi_wording_is_shown_as_another_rendering(site: Path) -> None:
    statement = page(site, "statements/spoljaric-moral-failure")
    assert "Also reported as" in statement.text
    assert "../spoljaric-moral-failure-voi/" in [href for href, _ in statement.links]
