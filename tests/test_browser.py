"""A reader in a real browser: search by alias, follow links and come back, nothing leaves localhost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browsing import NO_CHROMIUM, chromium, serving

from conftest import FIXTURE_CONTENT
from sitebuild import make_project, mkdocs_build

pytestmark = NO_CHROMIUM


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(FIXTURE_CONTENT, tmp_path_factory.mktemp("browser-site"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    with serving(project / "site") as url:
        yield url


@pytest.fixture
def browser_page(served: str) -> Iterator[tuple[object, list[str], list[str]]]:
    with chromium() as browser:
        page = browser.new_page()
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        yield page, errors, requests


@pytest.mark.parametrize(("query", "actor"), [("עדה לידר", "ada-leader"), ("جماعة الجنوب", "south-group"),
                                              ("A. Leader", "ada-leader")])
def test_search_finds_an_actor_by_alias_in_any_script(served: str, browser_page: tuple, query: str,
                                                       actor: str) -> None:
    page, errors, requests = browser_page
    page.goto(served + "/")
    page.wait_for_load_state("networkidle")
    page.click("input.md-search__input")
    page.keyboard.type(query)  # Material searches on key events, as a reader types
    result = page.wait_for_selector(f".md-search-result__item a[href*='actors/{actor}']", timeout=15000)
    assert result is not None
    _assert_clean(served, errors, requests)


def test_following_the_speaker_link_and_back(served: str, browser_page: tuple) -> None:
    page, errors, requests = browser_page
    page.goto(served + "/statements/ada-ready/")
    page.click("article a[href='../../actors/ada-leader/']")
    page.wait_for_url("**/actors/ada-leader/")
    assert page.inner_text("article h1").startswith("Ada Leader")
    page.go_back()
    page.wait_for_url("**/statements/ada-ready/")
    assert "Northland is ready for another pause." in page.inner_text("article blockquote")
    _assert_clean(served, errors, requests)


def _assert_clean(served: str, errors: list[str], requests: list[str]) -> None:
    assert errors == []
    outside = [url for url in requests if not url.startswith(served) and not url.startswith("data:")]
    assert outside == []


def test_index_tables_sort_when_a_header_is_clicked(served: str, browser_page: tuple) -> None:
    page, errors, requests = browser_page
    page.goto(served + "/statements/")
    header = page.locator("article table th", has_text="Speaker")
    header.click()
    first = page.locator("article table tbody tr td:nth-child(2)").all_inner_texts()
    header.click()
    second = page.locator("article table tbody tr td:nth-child(2)").all_inner_texts()
    assert header.get_attribute("aria-sort") in ("ascending", "descending")
    assert first == sorted(first) or first == sorted(first, reverse=True)
    assert second == list(reversed(first)) and first != second
    _assert_clean(served, errors, requests)
