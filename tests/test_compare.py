"""Figures compared: agreement and disagreement are computed from the numbers and dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator import build_factbase
from generator.check.compare import Group, breakdown, figure_amount, measure_views, same_amount
from generator.model.records import Figure

from conftest import FIXTURE_CONTENT

FIGURE = "label: People released\nmeasure: {measure}\nunit: people\n{body}\nsources:\n  - source: wire-report\n"


def add_figure(project: Path, figure_id: str, body: str, quote: str = "", measure: str = "people-released") -> None:
    text = FIGURE.format(body=body.strip(), measure=measure) + (f"    quote: {quote}\n" if quote else "")
    (project / "content" / "figures" / f"{figure_id}.yaml").write_text(text, encoding="utf-8")


def figure(**fields: Any) -> Figure:
    return Figure.model_validate({"label": "x", "measure": "m", "unit": "people",
                                  "sources": ["wire-report"], **fields})


def test_same_period_different_amounts_disagree() -> None:
    view = measure_views(build_factbase(FIXTURE_CONTENT))["people-released"]
    assert view.groups == (Group("November 2023", (0, "2023-11-01", "2023-11-30", "period"),
                                 ("released-daily", "released-wire"), "disagree", "105\u2013110"),)
    assert (view.unit, view.disagrees, view.is_series) == ("people", True, False)


def test_same_period_same_amount_agree(project: Path) -> None:
    wire = project / "content" / "figures" / "released-wire.yaml"
    wire.write_text(wire.read_text().replace("value: 105\nqualifier: about\n", "value: 110\n"))
    view = measure_views(build_factbase(project / "content"))["people-released"]
    assert [(g.verdict, g.spread, g.figure_ids) for g in view.groups] == [
        ("agree", None, ("released-daily", "released-wire"))]
    assert not view.disagrees


def test_same_measure_at_different_dates_is_a_series(project: Path) -> None:
    add_figure(project, "released-december", "value: 30\nperiod:\n  start: 2023-12-01\n  end: 2023-12-07")
    add_figure(project, "released-by-october", "value: 5\nas_of: 2023-10-20")
    add_figure(project, "released-some-time", "min: 80")
    view = measure_views(build_factbase(project / "content"))["people-released"]
    assert [(g.when, g.figure_ids, g.verdict) for g in view.groups] == [
        ("20 October 2023", ("released-by-october",), "single"),
        ("November 2023", ("released-daily", "released-wire"), "disagree"),
        ("1 December 2023 \u2013 7 December 2023", ("released-december",), "single"),
        ("date not stated", ("released-some-time",), "single")]
    assert view.is_series and view.disagrees


def test_retracted_figures_take_no_part(project: Path) -> None:
    november = "period:\n  start: 2023-11\n  end: 2023-11"
    add_figure(project, "released-retracted", f"value: 300\nstatus: retracted\n{november}")
    wire = project / "content" / "figures" / "released-wire.yaml"
    wire.write_text(wire.read_text().replace("period:\n  start: 2023-11\n  end: 2023-11\n", "as_of: 2023-12-01\n"))
    views = measure_views(build_factbase(project / "content"))
    assert [(g.figure_ids, g.verdict) for g in views["people-released"].groups] == [
        (("released-daily",), "single"), (("released-wire",), "single")]


def test_a_measure_with_only_retracted_figures_has_no_groups(project: Path) -> None:
    add_figure(project, "withdrawn", "value: 3\nstatus: retracted", measure="withdrawn-count")
    view = measure_views(build_factbase(project / "content"))["withdrawn-count"]
    assert (view.groups, view.is_series, view.disagrees) == ((), False, False)


def test_views_are_keyed_and_sorted_by_measure(project: Path) -> None:
    add_figure(project, "aid-trucks", "value: 200\nas_of: 2023-11-24", measure="aid-trucks")
    assert list(measure_views(build_factbase(project / "content"))) == ["aid-trucks", "people-released"]


@pytest.mark.parametrize(("fields", "text"), [
    ({"value": 110}, "110"),
    ({"value": 80, "qualifier": "about"}, "about 80"),
    ({"value": 80, "qualifier": "more-than"}, "more than 80"),
    ({"value": 80, "qualifier": "at-least"}, "at least 80"),
    ({"value": 80, "qualifier": "fewer-than"}, "fewer than 80"),
    ({"value": 80, "qualifier": "at-most"}, "at most 80"),
    ({"min": 80, "max": 90, "approximate": "true"}, "about 80\u201390"),
    ({"value": 1200}, "1,200"),
    ({"value": "2.5"}, "2.5"),
    ({"min": 80, "min_exclusive": "true"}, "more than 80"),
    ({"min": 80}, "at least 80"),
    ({"max": 90}, "at most 90"),
    ({"min": 80, "max": 90}, "80\u201390"),
    ({"min": 80, "max": 90, "min_exclusive": "true"}, "more than 80, up to 90"),
])
def test_figure_amount_reads_as_a_reader_says_it(fields: dict[str, Any], text: str) -> None:
    assert figure_amount(figure(**fields)) == text


def test_same_amount_compares_every_part_of_the_amount() -> None:
    assert same_amount(figure(value=110), figure(value=110))
    assert not same_amount(figure(value=110), figure(value=110, qualifier="about"))
    assert not same_amount(figure(min=80), figure(min=80, min_exclusive="true"))
    assert not same_amount(figure(min=80), figure(min=80, max=90))


def test_spread_uses_the_ends_of_ranges(project: Path) -> None:
    add_figure(project, "released-range", "min: 100\nmax: 120\nperiod:\n  start: 2023-11\n  end: 2023-11")
    group = measure_views(build_factbase(project / "content"))["people-released"].groups[0]
    assert (group.verdict, group.spread) == ("disagree", "100\u2013120")


def test_breakdown_shows_how_a_total_adds_up(project: Path) -> None:
    add_figure(project, "released-women", "value: 86\nperiod:\n  start: 2023-11\n  end: 2023-11", "86 women")
    add_figure(project, "released-foreign", "value: 24\nperiod:\n  start: 2023-11\n  end: 2023-11", "24 others")
    daily = project / "content" / "figures" / "released-daily.yaml"
    daily.write_text(daily.read_text() + "parts: [released-women, released-foreign]\n")
    base = build_factbase(project / "content")
    assert breakdown(base, "released-daily") == "86 + 24 = 110"
    assert breakdown(base, "released-wire") is None


def test_figures_differing_only_in_wording_disagree_without_a_spread(project: Path) -> None:
    add_figure(project, "exactly-80", "value: 80\nas_of: 2023-12-19", "80 of them", "countries")
    add_figure(project, "over-80", "value: 80\nqualifier: more-than\nas_of: 2023-12-19", "more than 80", "countries")
    group = measure_views(build_factbase(project / "content"))["countries"].groups[0]
    assert (group.verdict, group.spread) == ("disagree", None)
