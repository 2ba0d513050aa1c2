"""The built site over the fixture tree: every page kind, links both ways, comparisons, footnotes."""

from __future__ import annotations

import gzip
import json
import re
from html import unescape
from pathlib import Path

import pytest

from generator import build_factbase
from generator.packaged import TEMPLATES
from generator.render import pages as render
from generator.render.pages import Renderer

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
                                 "figures", "events", "sources", "timeline", "topics",
                                 "topics/humanitarian-pause", "data"])
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
    assert "⚠️ The figures for" in fig.text and "differ" in fig.text
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
    assert text.index("December 2023 Statement") < text.index("19 December 2023")


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
    text = statement.text.replace(" ,", ",")  # Page.text puts a space after each element (the address's span)
    assert ("Cite this page: Gaza truce diplomacy, December 2023: a sourced fact base, "
            "“Ada Leader, 19 December 2023”, /statements/ada-ready/, last changed 14 November 2023, accessed on the "
            "day you read it .") in text  # the browser fills in the reader's date and address (test_readers.py)
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


# --- topics: the generator's own pages, complete and paginated ------------------

def test_the_topics_index_lists_each_topic_with_its_counts(site: Path) -> None:
    topics = page(site, "topics")
    assert topics.headings == ["Topics"]
    assert ("What the events and statements are about: each topic's page lists every event and statement that "
            "carries it, and the figures counted at those events, in date order. 1 topic in all. "
            "Topic Events Statements Figures Humanitarian pause 0 1 0 ") in topics.text
    assert ("humanitarian-pause/", "Humanitarian pause") in topics.links
    assert ("topics/", "topics") in page(site, "").links  # the home page's "see also"
    assert "topics/" in page(site, "").nav_links


def test_a_topic_page_lists_its_records_and_leads_back(site: Path) -> None:
    topic = page(site, "topics/humanitarian-pause")
    assert topic.headings == ["Topic: Humanitarian pause", "Statements"]
    assert ("Topic: Humanitarian pause ¶ Home › Topics Every event and statement with this topic, and the figures "
            "counted at those events, in date order; a date known only to the month comes before the dated days of "
            "that month. 0 events, 1 statement and 0 figures in all. Statements ¶ Date Speaker Statement Kind Status "
            "19 December 2023 Ada Leader Northland is ready for another pause. Quote reported ") in topic.text
    assert ("../../statements/ada-ready/", "Northland is ready for another pause.") in topic.links
    assert ("../../actors/ada-leader/", "Ada Leader") in topic.links
    assert "../../statements/group-rejects/" not in hrefs(site, "topics/humanitarian-pause")  # it has no topic


def test_a_record_page_links_to_its_topic_pages(site: Path) -> None:
    statement = page(site, "statements/ada-ready")
    assert ("../../topics/humanitarian-pause/", "Humanitarian pause") in statement.links
    assert "About South Group Topics Humanitarian pause" in statement.text


def test_search_indexes_each_record_with_its_topics_and_no_listing(site: Path) -> None:
    """One search document per record page and hand-written page (not Home, the listings or topic pages)."""
    fragments = [json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for path in (site / "pagefind" / "fragment").glob("*.pf_fragment")]
    docs = {fragment["url"]: fragment for fragment in fragments}
    records = {f"/{p.parent.parent.name}/{p.parent.name}/" for kind in ("actors", "statements", "figures", "events",
                                                                          "sources")
               for p in (site / kind).glob("*/index.html") if p.parent.name != "page"}
    assert set(docs) == records | {"/about/", "/methodology/"}
    assert "humanitarian-pause" in docs["/statements/ada-ready/"]["content"]
    assert docs["/statements/ada-ready/"]["meta"]["summary"] == "“Northland is ready for another pause.”"


def test_material_s_tags_plugin_is_gone(site: Path) -> None:
    assert not (site / "tags").exists() and not (site / "tags.json").exists()
    assert 'class="md-tags"' not in (site / "statements" / "ada-ready" / "index.html").read_text(encoding="utf-8")


EVENT_ON_TOPIC = """title: {title}
date: "{date}"
type: negotiation
topics:
  - humanitarian-pause
sources:
  - daily-report
"""


def _renderer(content: Path) -> Renderer:
    return Renderer(build_factbase(content), TEMPLATES)


def _record_links(markdown: str) -> list[str]:
    return re.findall(r"\]\(((?:\.\./)*(?:events|statements)/[a-z0-9-]+\.md)\)", markdown)


def test_topic_pages_are_paginated_in_date_order(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events = project / "content" / "events"
    (events / "talks-resume.yaml").write_text(EVENT_ON_TOPIC.format(title="Talks resume", date="2023-12-18"))
    (events / "talks-open.yaml").write_text(EVENT_ON_TOPIC.format(title="Talks open", date="2023-11"))
    monkeypatch.setattr(render, "INDEX_PAGE_SIZE", 2)
    renderer = _renderer(project / "content")
    pages = renderer.topic_pages()
    assert list(pages) == ["topics/index.md", "topics/humanitarian-pause.md", "topics/humanitarian-pause/page/2.md"]
    assert ("| Topic | Events | Statements | Figures |\n|---|---|---|---|\n"
            "| [Humanitarian pause](humanitarian-pause.md) | 2 | 1 | 0 |\n") in pages["topics/index.md"]
    first, second = pages["topics/humanitarian-pause.md"], pages["topics/humanitarian-pause/page/2.md"]
    assert _record_links(first) == ["../events/talks-open.md", "../events/talks-resume.md"]
    assert _record_links(second) == ["../../../statements/ada-ready.md"]
    assert first.count("\nPage 1 of 2: **1** [2](humanitarian-pause/page/2.md)\n") == 2  # above and below
    assert second.count("\nPage 2 of 2: [1](../../humanitarian-pause.md) **2**\n") == 2
    assert "[Home](../../../index.md) › [Topics](../../index.md)\n" in second
    for markdown in (first, second):
        assert markdown.startswith("---\nsearch:\n  exclude: true")
        assert "2 events, 1 statement and 0 figures in all." in markdown
    assert "| Topics | [Humanitarian pause](../topics/humanitarian-pause.md) |\n" in renderer.record_page(
        "events", "talks-open")


def test_one_page_of_a_topic_has_no_pager(project: Path) -> None:
    page_one = _renderer(project / "content").topic_pages()["topics/humanitarian-pause.md"]
    assert "Page 1" not in page_one and "## Events" not in page_one
    assert _record_links(page_one) == ["../statements/ada-ready.md"]


def test_without_topics_the_index_says_so(project: Path) -> None:
    statement = project / "content" / "statements" / "ada-ready.yaml"
    statement.write_text(statement.read_text().replace("topics:\n  - humanitarian-pause\n", ""))
    pages = _renderer(project / "content").topic_pages()
    assert list(pages) == ["topics/index.md"]
    assert "0 topics in all.\n\nNo event or statement has a topic yet.\n" in pages["topics/index.md"]


def test_data_page_lists_every_column_in_the_models_words(site: Path) -> None:
    """Column names show as written (no '&#95;' inside code), each with its field's description."""
    data = page(site, "data")
    assert "min_exclusive" in data.text and "&#95;" not in data.text
    assert 'min_exclusive true when the source says "more than" the min; true or false' in data.text
    assert "parts the figures that add up to this one (a complete breakdown); ids from figures.csv" in data.text
