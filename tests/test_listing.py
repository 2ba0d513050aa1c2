"""Listings in date order (timeline, statements, events) are paged by month once they outgrow one page.

So a page's address names its month, and adding a record rewrites its month's pages
only, not every page after it (what keeps a served rebuild at scale to a few pages).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import build_factbase
from generator.packaged import TEMPLATES
from generator.render import pages as render
from generator.render import views
from generator.render.pages import Renderer

STATEMENT = """speaker: ada-leader
date: "{date}"
kind: paraphrase
text: Ada said something on {date}.
sources:
  - source: daily-report
"""


def add_statement(content: Path, name: str, date: str) -> None:
    (content / "statements" / f"{name}.yaml").write_text(STATEMENT.format(date=date), encoding="utf-8")


def pages_of(content: Path) -> dict[str, str]:
    return Renderer(build_factbase(content), TEMPLATES).pages()


@pytest.fixture
def months(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture facts plus statements in October (1) and November (3) 2023; two rows a page."""
    content = project / "content"
    add_statement(content, "ada-october", "2023-10-02")
    for day in ("05", "06", "07"):
        add_statement(content, f"ada-november-{day}", f"2023-11-{day}")
    monkeypatch.setattr(render, "INDEX_PAGE_SIZE", 2)
    return content


def test_a_listing_that_fits_is_one_page() -> None:
    groups = [("2023-11", "November 2023", [("events", "a")]), ("2023-12", "December 2023", [("events", "b")])]
    assert views.date_pages(groups, 2) == [("", [("November 2023", [("events", "a")]),
                                                 ("December 2023", [("events", "b")])])]


def test_a_longer_listing_has_a_page_per_month_and_parts_for_a_long_month() -> None:
    november = [("statements", f"s{n}") for n in range(3)]
    groups = [("2023-11", "November 2023", november), ("2023-12", "December 2023", [("events", "b")])]
    assert views.date_pages(groups, 2) == [("2023-11", [("November 2023", november[:2])]),
                                           ("2023-11-2", [("November 2023", november[2:])]),
                                           ("2023-12", [("December 2023", [("events", "b")])])]


def test_statements_are_paged_by_month_newest_first(months: Path) -> None:
    pages = pages_of(months)
    listing = sorted(path for path in pages if path.startswith("statements/") and "/page/" in path)
    assert listing == ["statements/page/2023-10.md", "statements/page/2023-11-2.md", "statements/page/2023-11.md"]
    first = pages["statements/index.md"]
    assert "6 in all." in first and "in all" not in pages["statements/page/2023-11.md"]
    assert first.count("\nPage 1 of 4: **December 2023** · [November 2023](page/2023-11.md) · "
                       "[November 2023](page/2023-11-2.md) · [October 2023](page/2023-10.md)\n") == 2
    assert "ada-october.md" in pages["statements/page/2023-10.md"]


def test_the_timeline_is_paged_by_month_oldest_first(months: Path) -> None:
    pages = pages_of(months)
    assert sorted(path for path in pages if path.startswith("timeline")) == [
        "timeline.md", "timeline/page/2023-11-2.md", "timeline/page/2023-11.md", "timeline/page/2023-12-2.md",
        "timeline/page/2023-12.md"]
    assert "## October 2023" in pages["timeline.md"] and "## November" not in pages["timeline.md"]


def test_a_new_record_rewrites_only_its_months_listing_pages(months: Path) -> None:
    before = pages_of(months)
    add_statement(months, "ada-october-later", "2023-10-20")
    after = pages_of(months)
    changed = {path for path in before if before[path] != after[path]}
    assert changed == {
        "statements/index.md",  # "7 in all."
        "statements/page/2023-10.md", "timeline.md",  # October's pages
        "actors/ada-leader.md", "sources/daily-report.md",  # the speaker and the source list it
        "sources/index.md", "actors/index.md",  # which count the source's citations, the actor's statements
        "actors/northland.md", "actors/page/2.md",  # the speaker holds a role in Northland: its officials' statements
    }
