"""Chart points: each figure of a measure placed in time and in number, for the charts and the open data.

Where a point sits comes from the comparison code (:func:`generator.check.compare.interval`): the chart
draws exactly the numbers a figure's wording allows, never an interval of its own. A date is drawn at
its precision (a month is the whole month, never a made-up day). Retracted figures are no longer a
claim of any source and are not drawn; undated ones have no place on a time axis (both stay in the
tables). The open data publishes the same points (``data/measures/<measure>.json`` and ``.csv``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.check.compare import ABOUT_SHARE, MeasureView, figure_amount, interval, part_text, when_text
from generator.check.link import FactBase
from generator.model.kinds import FIGURES
from generator.model.records import Figure

Number = int | float


class Point(BaseModel):
    """One figure as a chart draws it: its span of days and the numbers its wording allows."""

    model_config = ConfigDict(frozen=True)

    measure: str = Field(description="what is counted: the measure the chart belongs to")
    part: str = Field("", description="which part of the measure the figure counts (nationality: Thai), "
                                      "empty for the whole: a chart draws one part, or the whole")
    figure: str = Field(description="the figure's id: its page is /figures/<id>/")
    amount: str = Field(description='the amount in the source\'s words, e.g. "about 80" or "80–90"')
    unit: str = Field(description="what one unit of the figure is, e.g. people, days, trucks")
    named: Number | None = Field(None, description="the number the source names, drawn as the mark's symbol; "
                                                   "empty for a range")
    exact: bool = Field(description="true when the source gives the number without a qualifier (a filled "
                                    "symbol; a qualified number is hollow); true or false")
    low: Number | None = Field(None, description="the lowest number the wording allows (about 80: 75); empty "
                                                 "when it sets no lower bound (fewer than, at most)")
    low_open: bool = Field(False, description="true when low itself is excluded (more than 80: 80 is not "
                                              "allowed), else false")
    high: Number | None = Field(None, description="the highest number the wording allows; empty when it sets no "
                                                  "upper bound (more than, at least)")
    high_open: bool = Field(False, description="true when high itself is excluded (fewer than 80), else false")
    when: str = Field(description="the date or span the figure describes, in words, at the source's precision")
    start: str = Field(description="the first day that date or span can mean (YYYY-MM-DD): a month starts on "
                                   "its first day")
    end: str | None = Field(None, description="the last day that date or span can mean (YYYY-MM-DD); empty "
                                              "for a span with no end")
    precision: Literal["day", "month", "year", "span"] = Field(
        description="how precisely the date is known: day, month or year, or span for a period")
    verdict: str = Field(description="how the figure compares with the others of the same measure and date: "
                                     "single, agree, compatible or disagree")
    reported_by: str | None = Field(None, description="the actor that gave the figure")
    source_ids: list[str] = Field(description="the sources giving the figure: ids from sources.csv")

    @property
    def days(self) -> tuple[int, int | None]:
        """First and last day as ordinals (None: no end)."""
        first = date.fromisoformat(self.start).toordinal()
        return first, None if self.end is None else date.fromisoformat(self.end).toordinal()


def _number(value: Decimal | None) -> Number | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _dated(fig: Figure) -> tuple[str, str | None, str] | None:
    """(first day, last day, precision), or None for an undated figure."""
    if fig.as_of is not None:
        return fig.as_of.earliest().isoformat(), fig.as_of.latest().isoformat(), fig.as_of.precision
    if fig.period is not None:
        start, end = fig.period.start, fig.period.end
        precision = start.precision if end == start else "span"  # November to November is the month
        return start.earliest().isoformat(), end.latest().isoformat() if end else None, precision
    return None


def point(measure: str, figure_id: str, fig: Figure, verdict: str, share: Decimal = ABOUT_SHARE) -> Point | None:
    """The figure as drawn; None when it is not drawn (retracted or undated)."""
    dated = _dated(fig)
    if dated is None or fig.status == "retracted":
        return None
    (low, low_open), (high, high_open) = interval(fig, share)
    start, end, precision = dated
    return Point(measure=measure, part=part_text(fig), figure=figure_id, amount=figure_amount(fig), unit=fig.unit,
                 named=fig.value, exact=fig.value is not None and fig.qualifier == "exactly",
                 low=_number(low), low_open=low_open, high=_number(high), high_open=high_open,
                 when=when_text(fig), start=start, end=end, precision=precision,
                 verdict=verdict, reported_by=fig.reported_by, source_ids=[c.source for c in fig.sources])


def measure_points(base: FactBase, views: dict[str, MeasureView],
                   share: Decimal = ABOUT_SHARE) -> dict[str, list[Point]]:
    """Each measure's drawn points, by date then id (a measure with none drawn has an empty list)."""
    verdicts = {fid: group.verdict for view in views.values() for group in view.groups for fid in group.figure_ids}
    out: dict[str, list[Point]] = defaultdict(list)
    for fid, fig in sorted(base.records(FIGURES).items()):
        drawn = point(fig.measure, fid, fig, verdicts.get(fid, "single"), share)
        if drawn is not None:
            out[fig.measure].append(drawn)
    return {measure: sorted(out.get(measure, []), key=lambda p: (p.part, p.start, p.end or "9999", p.figure))
            for measure in sorted(views)}


def columns() -> list[str]:
    return list(Point.model_fields)
