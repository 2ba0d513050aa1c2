"""What readers type into the search box, in a real browser, on the bundled site and the fixture site.

Each query names a record that must be among the first five results. The table is the
reader-measurement list (../shared/research/reader-measurements.md) and more: plurals and
singulars, possessives, names with and without diacritics, Hebrew and Arabic aliases (with and
without their attached article), numbers, dates as the page writes them and as ISO dates,
several words. A result shows what the record is, its title and its most telling line (the
quote, the figure, the event's date and place), never the page's furniture.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from browsing import NO_CHROMIUM, chromium, serving

from conftest import FIXTURE_CONTENT, ROOT
from sitebuild import make_project, mkdocs_build

pytestmark = NO_CHROMIUM

QUERIES = [  # (typed, a record that must be in the first five results)
    ("hostages", "figures/released-hostages-voi/"),
    ("hostage", "figures/hostages-remaining-ommcom/"),
    ("ceasefire", "statements/france-calls-for-ceasefire/"),
    ("ceasefires", "statements/germany-calls-for-ceasefire/"),
    ("released", "figures/released-hostages-women-children-seed/"),
    ("Kirby", "actors/john-kirby/"),
    ("Burns", "actors/william-burns/"),
    ("Spoljaric", "actors/mirjana-spoljaric/"),
    ("Spoljarić", "actors/mirjana-spoljaric/"),
    ("spoljaric's", "actors/mirjana-spoljaric/"),
    ("Atlantic", "events/atlantic-council-discussion/"),
    ("Herzog's", "events/herzog-ambassadors-briefing/"),
    ("disputed", "methodology/"),
    ("Sinwar", "actors/yahya-sinwar/"),
    ("Naem", "actors/basem-naem/"),
    ("Geneva", "events/icrc-geneva-press-conference/"),
    ("Warsaw", "events/warsaw-meeting/"),
    ("Mossad", "actors/mossad/"),
    ("fundraiser", "events/biden-fundraiser-remarks/"),
    ("humanitarian pauses", "statements/herzog-ambassadors-ready-for-pause/"),
    ("Red Cross", "actors/icrc/"),
    ("Al Thani", "actors/mohammed-bin-abdulrahman-al-thani/"),
    ("envoys", "events/herzog-ambassadors-briefing/"),
    ("negotiations", "statements/hamas-rejects-prisoner-exchange-talks/"),
    ("prisoners", "statements/hamas-rejects-prisoner-exchange-talks/"),
    ("Biden's", "statements/biden-indiscriminate-bombing/"),
    ("truces", "events/late-november-truce/"),
    ("110", "figures/released-hostages-total/"),
    ("19 December", "statements/herzog-seed-willing-to-negotiate-truce/"),
    ("2023-12-19", "statements/herzog-ambassadors-thanks-member-states/"),
    ("Bill Burns", "actors/william-burns/"),
    ("William Burns Warsaw", "events/warsaw-meeting/"),
    ("Times of Israel", "figures/countries-at-herzog-briefing-toi/"),
    ("moral failure", "sources/zero-ready-red-cross-moral-failure/"),
]
FIXTURE_QUERIES = [  # the fixture tree holds the Hebrew and Arabic aliases
    ("עדה לידר", "actors/ada-leader/"),
    ("לידר", "actors/ada-leader/"),
    ("جماعة الجنوب", "actors/south-group/"),
    ("جنوب", "actors/south-group/"),  # written with its article, الجنوب, in the alias
    ("A. Leader", "actors/ada-leader/"),
    ("Ada Leaders", "actors/ada-leader/"),
    ("110", "figures/released-daily/"),
    ("19 December", "statements/ada-ready/"),
    ("pauses", "statements/ada-ready/"),
    ("ambassador", "events/ambassadors-briefing/"),
]
FURNITURE = ("Download this record", "All data", "Cite this page", "[^", "last changed", "Supporting passage")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(ROOT / "content", tmp_path_factory.mktemp("search-site"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    with serving(project / "site") as url:
        yield url + "/"


@pytest.fixture(scope="module")
def served_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(FIXTURE_CONTENT, tmp_path_factory.mktemp("search-fixture-site"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    with serving(project / "site") as url:
        yield url + "/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _opened(browser: Any, url: str) -> Any:
    page = browser.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


@pytest.fixture(scope="module")
def search_page(browser: Any, served: str) -> Iterator[Any]:
    page = _opened(browser, served)
    yield page
    page.close()


@pytest.fixture(scope="module")
def fixture_page(browser: Any, served_fixture: str) -> Iterator[Any]:
    page = _opened(browser, served_fixture)
    yield page
    page.close()


def results(page: Any, query: str) -> list[dict[str, str]]:
    """Type the query as a reader does; the results shown for it: address, kind, title, line."""
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "")
    page.keyboard.type(query)
    answered = f".md-search-result__list[data-query={json.dumps(query, ensure_ascii=False)}]"
    page.wait_for_selector(answered, state="attached")  # the list shows this query's results
    shown = page.eval_on_selector_all(
        ".md-search-result__item > a",
        """els => els.map(a => ({href: a.href, kind: a.querySelector('.rs-search__kind').textContent,
                                 title: a.querySelector('h1').textContent, line: a.querySelector('p').textContent,
                                 text: a.innerText}))""")
    page.keyboard.press("Escape")
    return list(shown)


def first_results(page: Any, query: str, served: str) -> list[str]:
    """The first five result addresses (site-relative)."""
    return [r["href"].removeprefix(served).split("?")[0] for r in results(page, query)[:5]]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_a_reader_query_finds_its_page(search_page: Any, served: str, query: str, expected: str) -> None:
    assert expected in first_results(search_page, query, served)


@pytest.mark.parametrize(("query", "expected"), FIXTURE_QUERIES)
def test_a_query_in_any_script_finds_its_page(fixture_page: Any, served_fixture: str, query: str,
                                              expected: str) -> None:
    assert expected in first_results(fixture_page, query, served_fixture)


def test_results_show_the_title_and_the_telling_line_not_the_furniture(search_page: Any, served: str) -> None:
    shown = {r["href"].removeprefix(served): r for r in results(search_page, "Herzog")}
    statement = shown["statements/herzog-ambassadors-ready-for-pause/"]
    assert statement["kind"] == "Statement" and statement["title"].startswith("Isaac Herzog")
    assert statement["line"].startswith("“I can reiterate the fact that Israel is ready for another humanitarian")
    event = shown["events/herzog-ambassadors-briefing/"]
    assert (event["kind"], event["title"]) == ("Event", "Herzog briefs foreign ambassadors in Jerusalem")
    assert event["line"].startswith("19 December 2023, ")
    figure = {r["href"].removeprefix(served): r for r in results(search_page, "110")}[
        "figures/released-hostages-total/"]
    assert figure["kind"] == "Figure" and figure["line"].startswith("110 people")
    for result in [*shown.values(), figure]:
        assert not any(bit in result["text"] for bit in FURNITURE), result


def test_search_loads_nothing_until_the_reader_types_and_nothing_from_elsewhere(browser: Any, served: str) -> None:
    page = _opened(browser, served + "statements/")
    assert not any("/pagefind/" in url for url in page.requested)  # the first view carries no index
    kirby = first_results(page, "Kirby", served)[:2]
    assert sorted(kirby) == ["actors/john-kirby/", "statements/kirby-deal-not-imminent/"]
    assert any("/pagefind/" in url for url in page.requested)
    assert [url for url in page.requested if not url.startswith(served)] == []
    page.close()
