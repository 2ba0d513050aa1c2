"""The second edition of the fact model (issue 14) on the built site: joint and unnamed speakers, variants,
copies, known parts, qualifiers compared as intervals, editors' summaries and derived dates.

The fixture tree gets the records of ``tests/fixtures/second-edition/`` (invented facts using every new field).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.check.compare import about_rule, interval, verdict
from generator.model.records import Figure
from generator.packaged import TEMPLATES

from conftest import FIXTURE_CONTENT, TESTS
from sitebuild import make_project, mkdocs_build, page

SECOND_EDITION = TESTS / "fixtures" / "second-edition"
ROOT_TEMPLATES = TEMPLATES


def second_edition_content(where: Path) -> Path:
    content = where / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    for path in SECOND_EDITION.glob("*/*.yaml"):
        shutil.copy(path, content / path.parent.name / path.name)
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("second-edition")
    second_edition_content(where)
    project = make_project(where / "content", where)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def hrefs(site: Path, url: str) -> set[str]:
    return {href for href, _ in page(site, url).links}


def text(site: Path, url: str) -> str:
    """The page's text, without the spaces the parser puts around a link's text."""
    return re.sub(r"\( (.*?) \)", r"(\1)", page(site, url).text)


# --- speakers ----------------------------------------------------------------

def test_a_joint_statement_is_on_each_speakers_page(site: Path) -> None:
    for speaker in ("ada-leader", "lee-envoy"):
        assert "../../statements/joint-call/" in hrefs(site, f"actors/{speaker}")
    statement = page(site, "statements/joint-call")
    assert statement.headings[0] == "Ada Leader and Lee Envoy, 20 December 2023"
    assert {"../../actors/ada-leader/", "../../actors/lee-envoy/"} <= hrefs(site, "statements/joint-call")


def test_a_joint_statements_json_ld_names_every_creator(site: Path) -> None:
    html = (site / "statements" / "joint-call" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["creator"] == [{"@id": "../../actors/ada-leader/"}, {"@id": "../../actors/lee-envoy/"}]


def test_an_unnamed_speaker_is_shown_as_the_source_describes_them(site: Path) -> None:
    assert page(site, "statements/officials-talks").headings[0] == "Northland officials (Northland), 19 December 2023"
    assert "— Northland officials (Northland), 19 December 2023" in text(site, "statements/officials-talks")
    assert "Speaker Northland officials (Northland)" in text(site, "statements/officials-talks")
    assert "Northland officials (Northland)" in text(site, "statements")


# --- variants and copies -------------------------------------------------------

def test_variants_link_to_each_other_both_ways(site: Path) -> None:
    original, variant = page(site, "statements/ada-ready"), page(site, "statements/ada-ready-wire")
    assert "Also reported as" in original.headings and "Also reported as" in variant.headings
    assert "../ada-ready-wire/" in hrefs(site, "statements/ada-ready")
    assert "../ada-ready/" in hrefs(site, "statements/ada-ready-wire")
    assert "English (said in Dutch)" in text(site, "statements/ada-ready-wire")


def test_a_source_page_shows_byline_agency_and_groups_copies(site: Path) -> None:
    copy = page(site, "sources/daily-carries-wire")
    assert "Sam Writer; Alex Reporter" in copy.text
    assert {"../../actors/example-wire/", "../wire-report/"} <= hrefs(site, "sources/daily-carries-wire")
    assert "Reports from this agency" in page(site, "actors/example-wire").headings
    assert "../../sources/daily-carries-wire/" in hrefs(site, "actors/example-wire")
    original = page(site, "sources/wire-report")
    assert "Copies of this report" in original.headings
    assert "../daily-carries-wire/" in hrefs(site, "sources/wire-report")


# --- known parts -------------------------------------------------------------

def test_a_breakdown_table_sums_the_known_parts_and_flags_the_rest(site: Path) -> None:
    total = page(site, "figures/released-daily")
    assert {"Known parts by nationality", "Known parts by group"} <= set(total.headings)
    assert "Known parts together 94 people Total this figure 110 people" in total.text
    assert "⚑ 16 of the total not broken down by the sources." in total.text
    assert "Known parts together more than 40 people" in total.text
    for part in ("released-daily-northlanders", "released-daily-southlanders", "released-daily-women"):
        assert f"../{part}/" in hrefs(site, "figures/released-daily")
        assert "../released-daily/" in hrefs(site, f"figures/{part}")
    assert "this figure counts nationality: Northlander" in page(site, "figures/released-daily-northlanders").text


# --- qualifiers compared as intervals ---------------------------------------------

def fig(value: int, qualifier: str = "exactly") -> Figure:
    return Figure.model_validate({"label": "x", "measure": "m", "unit": "u", "sources": ["s"],
                                  "value": str(value), "qualifier": qualifier})


@pytest.mark.parametrize(("a", "b", "expected"), [
    (fig(80, "more-than"), fig(80, "about"), "compatible"),
    (fig(110), fig(105, "about"), "disagree"),
    (fig(100, "more-than"), fig(110), "compatible"),
    (fig(80), fig(80, "more-than"), "disagree"),
    (fig(80, "about"), fig(80, "about"), "agree"),
    (fig(130, "about"), fig(136), "disagree"),
    (fig(90, "fewer-than"), fig(85, "about"), "compatible"),
    (fig(80, "at-most"), fig(80, "at-least"), "compatible"),
    (fig(80, "fewer-than"), fig(80, "more-than"), "disagree"),
])
def test_wordings_are_compared_as_the_numbers_they_allow(a: Figure, b: Figure, expected: str) -> None:
    assert verdict([a, b]) == expected == verdict([b, a])


def span(**fields: str) -> Figure:
    return Figure.model_validate({"label": "x", "measure": "m", "unit": "u", "sources": ["s"], **fields})


@pytest.mark.parametrize(("a", "b", "expected"), [
    (span(min="80", max="90"), fig(85), "compatible"),
    (span(min="80", max="90"), fig(95), "disagree"),
    (span(min="80", max="90", min_exclusive="true"), fig(80), "disagree"),
    (span(min="80", max="90", approximate="true"), fig(93), "compatible"),  # about 80-90 reaches 95
    (span(min="100"), fig(110, "at-most"), "compatible"),
    (span(max="50"), fig(50, "more-than"), "disagree"),
])
def test_ranges_are_compared_as_intervals_too(a: Figure, b: Figure, expected: str) -> None:
    assert verdict([a, b]) == expected


@pytest.mark.parametrize(("value", "low", "high"), [(80, "75", "85"), (105, "102.5", "107.5"), (130, "125", "135"),
                                                    (7, "6.5", "7.5"), (1200, "1150", "1250")])
def test_about_n_spans_half_the_unit_n_is_rounded_to(value: int, low: str, high: str) -> None:
    assert interval(fig(value, "about")) == ((Decimal(low), False), (Decimal(high), False))


def test_the_width_of_about_is_adjustable() -> None:
    assert verdict([fig(110), fig(105, "about")], Decimal(1)) == "compatible"  # "some 105" is then 100-110
    assert "“about 80” is 70–90" in about_rule(Decimal(1))


def test_the_site_shows_compatible_without_a_warning_and_disagreement_with_one(site: Path) -> None:
    countries = page(site, "figures/countries-about-80").text
    assert ("The 2 figures for 19 December 2023 are worded differently but compatible: “about 80” and "
            "“more than 80”; one number satisfies them all.") in countries
    assert "⚠" not in countries
    trucks = page(site, "figures/trucks-110").text
    assert ("The 2 figures for 19 December 2023 are worded differently but compatible: “110” and "
            "“more than 100”") in trucks
    assert "⚠️ The figures for November 2023 differ: 110 vs about 105 (spread 105–110)." in page(
        site, "figures/released-daily").text
    home = page(site, "").text
    assert "2 figures, compatible wordings" in home
    assert "110 people , about 105 people 2 figures that differ" in home  # the whole, not its known parts


def test_the_methodology_page_states_the_width_of_about(site: Path) -> None:
    assert "“about 80” is 75–85, “about 105” is 102.5–107.5, “about 130” is 125–135" in page(
        site, "methodology").text


def test_the_configured_width_reaches_the_site(tmp_path: Path) -> None:
    second_edition_content(tmp_path)
    project = make_project(tmp_path / "content", tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      templates: site_config/templates\n", "      templates: site_config/templates\n      about_share: 1\n"),
        encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    assert "“about 80” is 70–90" in page(project / "site", "methodology").text
    assert "The 2 figures for November 2023 are worded differently but compatible" in page(
        project / "site", "figures/released-daily").text


# --- summaries and derived dates ------------------------------------------------

class Blocks(HTMLParser):
    """A page's visible text, one block (paragraph, list item, table cell, heading) at a time."""

    BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "blockquote", "div", "dd", "dt", "figcaption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = [""]
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("script", "style")
        if tag in self.BLOCKS:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")
        if tag in self.BLOCKS:
            self.blocks.append("")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.blocks[-1] += data


def quoted(block: str, start: int) -> bool:
    """Whether position ``start`` of a block of text lies inside quotation marks."""
    before = block[:start]
    curly = before.count("“") - before.count("”")
    return curly > 0 or before.count('"') % 2 == 1 or before.rstrip().endswith(("“", '"', "‘", "«"))


def test_a_summary_is_never_inside_quotation_marks_on_any_page(site: Path) -> None:
    summaries = {c["summary"] for path in SECOND_EDITION.glob("*/*.yaml")
                 for c in (yaml.safe_load(path.read_text(encoding="utf-8")).get("sources") or [])
                 if isinstance(c, dict) and c.get("summary")}
    assert len(summaries) == 4
    shown = set()
    for html_file in sorted(site.rglob("*.html")):
        parser = Blocks()
        parser.feed(html_file.read_text(encoding="utf-8"))
        for block in (" ".join(b.split()) for b in parser.blocks):
            for summary in summaries:
                for found in re.finditer(re.escape(summary), block):
                    shown.add(summary)
                    assert not quoted(block, found.start()), f"{html_file}: {block}"
                    assert block[:found.start()].endswith("Editors' summary, not the source's words: "), block
    assert shown == summaries  # every summary is shown somewhere


def test_derived_dates_say_how_beside_the_date_and_in_the_timeline(site: Path) -> None:
    basis = "'Tuesday' in a report dated 20 December 2023"
    assert f"19 December 2023 (derived from {basis})" in page(site, "statements/officials-talks").text
    assert "derived from 'yesterday' in a transcript dated 20 December 2023" in page(
        site, "events/radio-interview").text
    assert "as of 19 December 2023 (derived from 'Tuesday' in a report of that week)" in page(
        site, "figures/trucks-110").text
    timeline = unescape((site / "timeline" / "index.html").read_text(encoding="utf-8"))
    assert f'title="Derived from {basis}"' in timeline


# --- open data -----------------------------------------------------------------

def test_the_exports_carry_every_new_field(site: Path) -> None:
    def rows(name: str) -> dict[str, dict[str, str]]:
        text = (site / "data" / name).read_text(encoding="utf-8")
        return {f"{r['id']}:{r.get('position', '')}": r for r in csv.DictReader(io.StringIO(text))}

    statements = rows("statements.csv")
    assert statements["joint-call:"]["speaker"] == "ada-leader; lee-envoy"
    assert statements["officials-talks:"]["speaker_description"] == "Northland officials"
    assert statements["ada-ready-wire:"]["variant_of"] == "ada-ready"
    assert statements["ada-ready-wire:"]["original_language"] == "nl"
    sources = rows("sources.csv")["daily-carries-wire:"]
    assert (sources["authors"], sources["agency"], sources["copy_of"]) == (
        "Sam Writer; Alex Reporter", "example-wire", "wire-report")
    figure = rows("figures.csv")["released-daily-women:"]
    assert (figure["qualifier"], figure["part_of"], figure["breakdown"]) == (
        "more-than", "released-daily", '{"group":"women"}')
    assert rows("events.csv")["radio-interview:"]["date_basis"].startswith("'yesterday'")
    assert rows("citations.csv")["joint-call:1"]["summary"].startswith("SUMMARY-MARK")
    data_page = page(site, "data").text
    for column in ("speaker_description", "variant_of", "original_language", "authors", "agency", "copy_of",
                   "qualifier", "part_of", "breakdown", "date_basis", "summary"):
        assert re.search(rf"\b{column}\b \S", data_page), column


def test_hostile_text_in_the_new_fields_is_escaped_everywhere(tmp_path: Path) -> None:
    """date_basis lands in an HTML attribute (the timeline's tooltip); summary, speaker_description and
    authors in Markdown: each is escaped like every other text from YAML."""
    from generator import build_factbase
    from generator.render.pages import Renderer, SiteInfo

    content = second_edition_content(tmp_path)
    hostile = '"><img src=x onerror=alert(1)> [link](javascript:alert(1)) *bold*'
    for name, field in (("statements/officials-talks.yaml", "speaker_description: Northland officials"),
                        ("statements/officials-talks.yaml",
                         "date_basis: \"'Tuesday' in a report dated 20 December 2023\""),
                        ("sources/daily-carries-wire.yaml", "  - Sam Writer"),
                        ("statements/joint-call.yaml", "    summary: SUMMARY-MARK the transcript gives the appeal as "
                                                       "one spoken by both")):
        path = content / name
        text = path.read_text(encoding="utf-8")
        assert field in text
        key = field.partition(":")[0]
        replacement = f"  - '{hostile}'" if field.startswith("  - ") else f"{key}: '{hostile}'"
        path.write_text(text.replace(field, replacement), encoding="utf-8")
    pages = Renderer(build_factbase(content), ROOT_TEMPLATES, SiteInfo(name="Test")).pages()
    for markdown in pages.values():
        assert "<img" not in markdown and "](javascript:" not in markdown and "*bold*" not in markdown
    shown = "".join(pages.values()).count("&#34;&#62;&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;")
    assert shown >= 4  # the statement's page and listings, the timeline, the source's page, the footnote


def test_generate_reads_the_width_of_about_from_the_plugins_configuration(tmp_path: Path) -> None:
    from generator.commands.generate import settings

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - research-site:\n      about_share: 1\n", encoding="utf-8")
    assert settings(config)["about_share"] == Decimal(1)
    config.write_text("site_name: x\nplugins:\n  - research-site\n", encoding="utf-8")
    assert settings(config)["about_share"] == Decimal("0.5")
