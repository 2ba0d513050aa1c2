"""A reader with a keyboard on a chart (issue 19): Tab moves through the marks, each shows its source."""

from __future__ import annotations

from typing import Any

import test_browser
from browsing import NO_CHROMIUM
from test_browser import _assert_clean

served, browser_page = test_browser.served, test_browser.browser_page  # the built fixture site and a browser tab

pytestmark = NO_CHROMIUM

VISIBLE_TIP = """element => {
    const tip = element.querySelector('.rs-chart__tip');
    return getComputedStyle(tip).visibility === 'visible' ? tip.textContent : null;
}"""


def _focused(page: Any) -> dict[str, str | None]:
    """The focused element's class and href, and its tip's text when the tip is on screen."""
    return page.evaluate("""() => {
        const a = document.activeElement;
        const tip = a && a.querySelector && a.querySelector('.rs-chart__tip');
        return {cls: a.getAttribute('class'), href: a.getAttribute('href'),
                tip: tip && getComputedStyle(tip).visibility === 'visible' ? tip.textContent : null};
    }""")


def test_tab_moves_through_the_marks_and_each_shows_its_source(served: str, browser_page: tuple) -> None:
    page, errors, requests = browser_page
    page.goto(served + "/figures/measure/people-released/")
    page.locator("article a[href='../../released-wire/']").first.wait_for()  # the table's link, before the chart's
    page.locator(".rs-breadcrumb a").last.focus()  # start above the chart, as a reader tabbing down the page
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["cls"] and "rs-chart__mark" in focused["cls"]:
            seen.append(focused)
        elif seen:
            break
    assert [mark["href"] for mark in seen] == ["../../released-daily/", "../../released-wire/"]
    assert seen[0]["tip"] == "The Daily Example: 110 people, November 2023, reported by Northland"
    assert seen[1]["tip"] == "Example Wire: about 105 people, November 2023"
    hidden = page.locator(".rs-chart__mark").evaluate_all(f"marks => marks.map({VISIBLE_TIP})")
    assert hidden == [None, None]  # once focus has left the chart, no tip stays on screen
    page.keyboard.press("Shift+Tab")
    assert _focused(page)["href"] == "../../released-wire/"  # and back again
    page.keyboard.press("Enter")
    page.wait_for_url("**/figures/released-wire/")
    _assert_clean(served, errors, requests)


def test_the_figures_index_sparkline_leads_to_the_measures_chart(served: str, browser_page: tuple) -> None:
    page, errors, requests = browser_page
    page.goto(served + "/figures/")
    spark = page.locator("a.rs-spark-link svg[role='img']").first
    assert "2 figures" in (spark.get_attribute("aria-label") or "")
    spark.click()
    page.wait_for_url("**/figures/measure/people-released/")
    assert page.locator("figure.rs-chart > svg").count() == 1
    _assert_clean(served, errors, requests)
