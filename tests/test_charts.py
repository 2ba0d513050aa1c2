"""Charts of figures over time (issue 19): what each kind of figure draws, read from the SVG's elements.

A tiny tree (the fixture tree plus invented figures): a series of daily counts, a range, a single
figure, and the fixture's month-precision disagreement (110 vs about 105 in November 2023).
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from test_second_edition import second_edition_content

from generator import build_factbase
from generator.render import chart
from generator.render.charts import relative_address
from generator.render.export import export_files
from generator.render.pages import Renderer, SiteInfo

from conftest import FIXTURE_CONTENT, ROOT

TEMPLATES = ROOT / "site_config" / "templates"

FIGURES = {
    "trucks-day-1": "value: 50\nas_of: 2023-11-24\nreported_by: northland\n",
    "trucks-day-2": "value: 80\nas_of: 2023-11-25\n",
    "trucks-day-3": "value: 120\nas_of: 2023-11-26\nreported_by: northland\n",
    "trucks-range": "min: 130\nmax: 160\nas_of: 2023-11-27\n",
    "fuel-single": "value: 3\nas_of: 2023-11-28\n",
}


def _figure(fid: str, amount: str) -> str:
    measure, unit = ("fuel-deliveries", "deliveries") if fid.startswith("fuel") else ("trucks-entered", "trucks")
    return (f"label: {measure}\nmeasure: {measure}\nunit: {unit}\n{amount}"
            "sources:\n  - source: wire-report\n")


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("charts") / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    for fid, amount in FIGURES.items():
        (root / "figures" / f"{fid}.yaml").write_text(_figure(fid, amount), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def pages(content: Path) -> dict[str, str]:
    return Renderer(build_factbase(content), TEMPLATES, SiteInfo(name="Test")).pages()


def charts(markdown: str) -> list[ET.Element]:
    """Every chart on a page, parsed as XML (so it is also well-formed)."""
    return [ET.fromstring(block) for block in re.findall(r'<figure class="rs-chart".*?</figure>', markdown, re.S)]


def marks(figure: ET.Element) -> list[ET.Element]:
    return [a for a in figure.iter("a") if "rs-chart__mark" in a.get("class", "")]


def classes(element: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in element.iter() if name in e.get("class", "").split()]


def by_href(figure: ET.Element) -> dict[str, ET.Element]:
    return {a.get("href", ""): a for a in marks(figure)}


def symbol_centre(mark: ET.Element) -> tuple[float, float]:
    dot = classes(mark, "rs-chart__dot")[0]
    if dot.tag == "circle":
        return float(dot.get("cx", "")), float(dot.get("cy", ""))
    if dot.tag == "rect":
        half = float(dot.get("width", "")) / 2
        return float(dot.get("x", "")) + half, float(dot.get("y", "")) + half
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", dot.get("d", ""))]
    return sum(numbers[0::2]) / len(numbers[0::2]), sum(numbers[1::2]) / len(numbers[1::2])


def test_a_series_is_one_mark_per_figure_in_date_order_each_a_link_with_its_source(pages: dict[str, str]) -> None:
    [figure] = charts(pages["figures/measure/trucks-entered.md"])
    drawn = by_href(figure)
    assert list(drawn) == ["../../trucks-day-1/", "../../trucks-day-2/", "../../trucks-day-3/", "../../trucks-range/"]
    xs = [symbol_centre(drawn[f"../../trucks-day-{n}/"])[0] for n in (1, 2, 3)]
    ys = [symbol_centre(drawn[f"../../trucks-day-{n}/"])[1] for n in (1, 2, 3)]
    assert xs == sorted(xs) and ys == sorted(ys, reverse=True)  # later is right, more is higher
    for mark in marks(figure):
        title = mark.find("title")
        assert title is not None and title.text and title.text.startswith("Example Wire: ")
        assert mark.get("aria-label") == title.text
    day_1 = drawn["../../trucks-day-1/"].find("title")
    assert day_1 is not None and day_1.text == "Example Wire: 50 trucks, 24 November 2023, reported by Northland"
    exact = classes(drawn["../../trucks-day-2/"], "rs-chart__dot")[0]
    assert "rs-chart__dot--hollow" not in exact.get("class", "")  # an exact number is a filled symbol
    svg = figure.find("svg")
    assert svg is not None and svg.get("role") == "group"
    desc = figure.find("svg/desc")
    assert desc is not None and desc.text and desc.text.startswith("4 figures, from 24 November 2023 to 27 November")


def test_a_range_is_a_bar_with_two_caps_and_no_symbol(pages: dict[str, str]) -> None:
    [figure] = charts(pages["figures/measure/trucks-entered.md"])
    mark = by_href(figure)["../../trucks-range/"]
    [bar] = classes(mark, "rs-chart__bar")
    caps = classes(mark, "rs-chart__cap")
    assert len(caps) == 2 and not classes(mark, "rs-chart__dot")
    assert {float(cap.get("y1", "")) for cap in caps} == {float(bar.get("y1", "")), float(bar.get("y2", ""))}
    title = mark.find("title")
    assert title is not None and title.text == "Example Wire: 130–160 trucks, 27 November 2023"


def test_month_precision_is_drawn_across_the_whole_month_never_one_day(pages: dict[str, str]) -> None:
    [figure] = charts(pages["figures/measure/people-released.md"])
    mark = by_href(figure)["../../released-daily/"]
    span = classes(mark, "rs-chart__span")[0]
    width = float(span.get("x2", "")) - float(span.get("x1", ""))
    band = classes(by_href(figure)["../../released-wire/"], "rs-chart__band")[0]  # about 105: a box over the month
    assert abs(float(band.get("width", "")) - width) < 0.2
    assert float(band.get("x", "")) == float(span.get("x1", ""))  # both start on 1 November: no dodge of the span
    ticks = [float(t.get("x1", "")) for t in classes(figure, "rs-chart__tick")]
    ticks_per_day = (ticks[-1] - ticks[0]) / _days_between_ticks(figure)
    assert width == pytest.approx(30 * ticks_per_day, rel=0.01)  # November's 30 days


def _days_between_ticks(figure: ET.Element) -> int:
    """Days from the first to the last tick label ('31 Oct', '30 Nov', 'Nov 2023'...)."""
    labels = [t.text or "" for t in figure.iter("text") if t.get("text-anchor") == "middle"]
    first, last = (_label_day(label) for label in (labels[0], labels[-1]))
    return (last - first).days


def _label_day(label: str) -> date:
    from datetime import datetime
    for pattern in ("%d %b %Y", "%b %Y"):
        try:
            return datetime.strptime(label if pattern == "%b %Y" else f"{label} 2023", pattern).date()
        except ValueError:
            continue
    raise AssertionError(label)


def test_disagreement_at_one_date_is_marks_side_by_side_that_do_not_overlap(pages: dict[str, str]) -> None:
    [figure] = charts(pages["figures/measure/people-released.md"])
    daily, wire = by_href(figure)["../../released-daily/"], by_href(figure)["../../released-wire/"]
    (x1, y1), (x2, y2) = symbol_centre(daily), symbol_centre(wire)
    assert abs(x1 - x2) >= 2 * 4.5 + 4  # two symbols' widths apart, with room
    assert y1 < y2  # 110 above about 105
    assert "rs-chart__dot--hollow" in classes(wire, "rs-chart__dot")[0].get("class", "")  # "about": hollow
    assert daily.get("class") != wire.get("class")  # two counters: two colours, shapes and dash patterns
    desc = figure.find("svg/desc")
    assert desc is not None and desc.text and desc.text.endswith("Sources disagree for November 2023.")


def test_a_single_figure_is_one_mark(pages: dict[str, str]) -> None:
    [figure] = charts(pages["figures/fuel-single.md"])
    [mark] = marks(figure)
    assert mark.get("href") == "../fuel-single/" and mark.get("aria-current") == "page"
    assert len(classes(mark, "rs-chart__dot")) == 1 and classes(mark, "rs-chart__ring")
    desc = figure.find("svg/desc")
    assert desc is not None and desc.text == "1 figure, 28 November 2023: Example Wire: 3 deliveries, 28 November 2023."


def test_each_figure_page_highlights_its_own_mark(pages: dict[str, str]) -> None:
    for fid in ("trucks-day-2", "released-wire", "released-daily"):
        [figure] = charts(pages[f"figures/{fid}.md"])
        current = [a for a in marks(figure) if "rs-chart__mark--current" in a.get("class", "")]
        assert [a.get("href") for a in current] == [f"../{fid}/"]
        others = [a.get("href") for a in marks(figure) if a not in current]
        assert others and all(h and h.startswith("../") and h.endswith("/") for h in others)


@pytest.fixture(scope="module")
def second_edition(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    content = second_edition_content(tmp_path_factory.mktemp("second"))
    return Renderer(build_factbase(content), TEMPLATES, SiteInfo()).pages()


def test_open_ends_run_to_the_edge_with_an_arrow_and_an_excluded_bound_is_an_open_circle(
        second_edition: dict[str, str]) -> None:
    [figure] = charts(second_edition["figures/countries-more-than-80.md"])
    more = by_href(figure)["../countries-more-than-80/"]
    assert classes(more, "rs-chart__arrow") and classes(more, "rs-chart__open")
    top = min(float(line.get("y1", "")) for line in classes(figure, "rs-chart__grid"))
    [bar] = classes(more, "rs-chart__bar")
    assert min(float(bar.get("y1", "")), float(bar.get("y2", ""))) == top  # up to the plot's top edge
    about = by_href(figure)["../countries-about-80/"]
    assert len(classes(about, "rs-chart__cap")) == 2 and not classes(about, "rs-chart__arrow")


def test_a_part_is_charted_with_the_same_part_only(second_edition: dict[str, str]) -> None:
    """A known part (women, of all people released) is not drawn beside the total, as if the two disagreed."""
    [figure] = charts(second_edition["figures/released-daily-women.md"])
    assert list(by_href(figure)) == ["../released-daily-women/"]
    [whole] = charts(second_edition["figures/released-daily.md"])
    assert "../released-daily-women/" not in by_href(whole)
    measure = charts(second_edition["figures/measure/people-released.md"])
    assert len(measure) == 1 + 3  # the whole, then each part (group: women; nationality: two)


def test_no_script_and_no_reference_to_another_host_in_any_chart(pages: dict[str, str]) -> None:
    blocks = [block for markdown in pages.values()
              for block in re.findall(r"<figure class=\"rs-chart\".*?</figure>|<a class=\"rs-spark-link\".*?</a>",
                                      markdown, re.S)]
    assert len(blocks) > 10
    for block in blocks:
        assert not re.search(r"<script|javascript:|https?:|xlink|xmlns|url\(|style=|<image|<use|<foreignObject|on\w+=",
                             block, re.I), block
        assert all(not h.startswith("/") for h in re.findall(r'href="([^"]*)"', block))


def test_the_figures_index_has_a_sparkline_per_measure_linking_to_its_page(pages: dict[str, str]) -> None:
    index = pages["figures/index.md"]
    sparks = re.findall(r'<a class="rs-spark-link" href="([^"]+)"><svg class="rs-spark"[^>]*role="img" '
                        r'aria-label="([^"]+)">(.*?)</svg> The chart</a>', index)
    assert [href for href, _, _ in sparks] == ["measure/fuel-deliveries/", "measure/people-released/",
                                               "measure/trucks-entered/"]
    assert [label.split("&#44;")[0] for _, label, _ in sparks] == ["1 figure", "2 figures", "4 figures"]
    trucks = sparks[2][2]
    assert trucks.count("<circle") == 3 and trucks.count("<line") == 1  # three counts and a range


def test_chart_points_are_open_data(content: Path) -> None:
    files = export_files(build_factbase(content))
    data = json.loads(files["data/measures/trucks-entered.json"])
    assert data["measure"] == "trucks-entered"
    assert [p["figure"] for p in data["points"]] == ["trucks-day-1", "trucks-day-2", "trucks-day-3", "trucks-range"]
    ranged = data["points"][-1]
    assert (ranged["low"], ranged["high"], ranged["named"], ranged["source_ids"]) == (130, 160, None, ["wire-report"])
    rows = files["data/measures/people-released.csv"].decode("utf-8").splitlines()
    assert rows[0].startswith("measure,part,figure,amount,unit,named,exact,low,low_open,high,high_open")
    assert rows[2] == ("people-released,,released-wire,about 105,people,105,false,102.5,false,107.5,false,"
                       "November 2023,2023-11-01,2023-11-30,month,disagree,,wire-report")


def test_hostile_names_are_escaped_in_the_chart(content: Path, tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(content, root)
    source = root / "sources" / "wire-report.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "publisher: Example Wire", "publisher: '<script>alert(1)</script> \"Wire\" & <b>co</b>'"), encoding="utf-8")
    pages = Renderer(build_factbase(root), TEMPLATES, SiteInfo()).pages()
    [figure] = charts(pages["figures/trucks-day-2.md"])  # parses: nothing broke out of its attribute or element
    title = marks(figure)[0].find("title")
    assert title is not None and title.text and title.text.startswith('<script>alert(1)</script> "Wire" & <b>co</b>')
    assert "<script" not in pages["figures/trucks-day-2.md"]


def test_links_between_built_pages() -> None:
    assert relative_address("figures/b.md", "figures/a.md") == "../b/"
    assert relative_address("figures/b.md", "figures/index.md") == "b/"
    assert relative_address("figures/b.md", "figures/measure/m.md") == "../../b/"
    assert relative_address("figures/a.md", "figures/a.md") == "./"
    assert relative_address("figures/b.md", "figures/a.md", directory_urls=False) == "b.html"


def test_same_bytes_every_time(content: Path, pages: dict[str, str]) -> None:
    again = Renderer(build_factbase(content), TEMPLATES, SiteInfo(name="Test")).pages()
    assert again == pages


def test_scale_steps() -> None:
    assert [chart.nice_step(span) for span in (1, 7, 110, 4500)] == [0.5, 2, 50, 2000]


def test_every_bundled_measure_and_figure_page_has_its_chart() -> None:
    base = build_factbase(ROOT / "content")
    pages = Renderer(base, TEMPLATES, SiteInfo()).pages()
    for measure in {fig.measure for fig in base.records("figures").values()}:
        assert charts(pages[f"figures/measure/{measure}.md"]), measure
    for fid, fig in base.records("figures").items():
        if fig.status != "retracted" and (fig.as_of or fig.period):
            [figure] = charts(pages[f"figures/{fid}.md"])
            assert [a.get("href") for a in marks(figure) if a.get("aria-current")] == [f"../{fid}/"], fid
