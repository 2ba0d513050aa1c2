"""The built site over the fixture tree: every page kind, links both ways, comparisons, footnotes."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from conftest import FIXTURE_CONTENT
from sitebuild import make_project, mkdocs_build, page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(FIXTURE_CONTENT, tmp_path_factory.mktemp("fixture-site"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def hrefs(site: Path, url: str) -> set[str]:
    return {href for href, _ in page(site, url).links}


@pytest.mark.parametrize("url", ["", "actors/ada-leader", "statements/ada-ready", "figures/released-daily",
                                 "events/ambassadors-briefing", "sources/daily-report", "actors", "statements",
                                 "figures", "events", "sources", "timeline", "tags", "data"])
def test_every_page_kind_exists(site: Path, url: str) -> None:
    assert (site / url / "index.html").is_file()


def test_statement_links_to_speaker_and_back(site: Path) -> None:
    assert "../../actors/ada-leader/" in hrefs(site, "statements/ada-ready")
    assert "../../statements/ada-ready/" in hrefs(site, "actors/ada-leader")


def test_actor_page_shows_aliases_roles_and_backlinks(site: Path) -> None:
    ada = page(site, "actors/ada-leader")
    assert ada.headings[0] == "Ada Leader"
    assert "עדה לידר" in ada.text and "A. Leader" in ada.text
    assert "../northland/" in hrefs(site, "actors/ada-leader")
    northland = page(site, "actors/northland")
    assert ("../ada-leader/", "Ada Leader") in northland.links  # named by Ada's role
    assert "../../figures/released-daily/" in hrefs(site, "actors/northland")  # reported by


def test_event_lists_participants_and_statements(site: Path) -> None:
    links = hrefs(site, "events/ambassadors-briefing")
    assert {"../../actors/ada-leader/", "../../actors/northland/", "../../statements/ada-ready/"} <= links
    assert "host" in page(site, "events/ambassadors-briefing").text


def test_source_page_lists_every_record_citing_it(site: Path) -> None:
    links = hrefs(site, "sources/daily-report")
    expected = {"../../actors/ada-leader/", "../../actors/northland/", "../../statements/ada-ready/",
                "../../figures/released-daily/", "../../events/ambassadors-briefing/"}
    assert expected <= links
    assert "https://example.org/news/leader-offers-pause?id=1&lang=en" in links


def test_figure_page_compares_every_source(site: Path) -> None:
    fig = page(site, "figures/released-daily")
    assert "⚠️ Sources disagree" in fig.text
    assert "about 105 vs 110" in fig.text or "110 vs about 105" in fig.text
    assert "../released-wire/" in hrefs(site, "figures/released-daily")


def test_citations_are_numbered_footnotes_with_quote(site: Path) -> None:
    statement = page(site, "statements/ada-ready")
    assert statement.footnotes == 1
    assert "Supporting passage: “\"Northland is ready for another pause,\" she said.”" in statement.text
    assert "(paragraph 2)" in statement.text
    assert "https://example.org/news/leader-offers-pause?id=1&lang=en" in hrefs(site, "statements/ada-ready")


def test_dates_keep_their_precision_on_the_timeline(site: Path) -> None:
    timeline = page(site, "timeline")
    assert timeline.headings[:2] == ["Timeline", "December 2023"]
    text = timeline.text
    assert text.index("December 2023 statement") < text.index("19 December 2023")


def test_records_are_not_in_the_navigation(site: Path) -> None:
    nav = [h for h in page(site, "actors/ada-leader").nav_links if not h.startswith("#")]  # not the TOC
    assert "../" in nav  # the Actors index is in the navigation
    assert len(nav) < 30  # the kinds' index pages and hand-written pages, never the records
    assert not any("ada-leader" in href or "northland" in href for href in nav)


def test_breadcrumb_leads_back_to_the_index(site: Path) -> None:
    assert ("../", "Actors") in page(site, "actors/ada-leader").links


def test_invalid_content_stops_the_build_before_writing(tmp_path: Path) -> None:
    project = make_project(FIXTURE_CONTENT, tmp_path / "p")
    (project / "site").mkdir()
    (project / "site" / "old.html").write_text("previous build")
    bad = "speaker: nobody\ndate: 2023\ntext: x\nsources: [daily-report]\n"
    (project / "content" / "statements" / "bad.yaml").write_text(bad)
    result = mkdocs_build(project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert ("content/statements/bad.yaml:1:10: speaker: unknown actor 'nobody': "
            "add content/actors/nobody.yaml or fix the id") in output
    assert "Traceback" not in output
    assert [p.name for p in (project / "site").iterdir()] == ["old.html"]


def test_no_page_asks_another_host(site: Path) -> None:
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for marker in ('src="http', "src=\"//", 'href="//', "fonts.googleapis", "@import url(http"):
            assert marker not in text, f"{html}: {marker}"
        for stylesheet in ('<link rel="stylesheet" href="http',):
            assert stylesheet not in text


def test_record_pages_offer_a_citation_and_a_download(site: Path) -> None:
    statement = page(site, "statements/ada-ready")
    # Outside git the date is the build's: SOURCE_DATE_EPOCH=1700000000 is 14 November 2023.
    assert ("Cite this page: Gaza truce diplomacy, December 2023: a sourced fact base, "
            "“Ada Leader, 19 December 2023”, /statements/ada-ready/, last changed 2023-11-14.") in statement.text
    assert "../ada-ready.json" in hrefs(site, "statements/ada-ready")
    assert (site / "statements" / "ada-ready.json").is_file()


@pytest.mark.parametrize(("url", "title"), [("actors/ada-leader", "Ada Leader"),
                                            ("statements/ada-ready", "Ada Leader, 19 December 2023"),
                                            ("figures/released-wire", "People released during the pause"),
                                            ("sources/wire-report", "Group rejects talks")])
def test_browser_tab_and_search_title_is_the_record_name(site: Path, url: str, title: str) -> None:
    text = (site / url / "index.html").read_text(encoding="utf-8")
    shown = re.search(r"<title>(.*?)</title>", text, re.S)
    assert shown and unescape(shown.group(1)).startswith(f"{title} - ")
