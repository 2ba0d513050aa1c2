"""Figures side by side: which ones agree, which disagree, which form a series.

Disagreement is computed, never typed by an editor (issue 8, item 4). Figures
of one ``measure`` are grouped by *when* they count: the same ``as_of`` date, or
the same ``period`` (start and end), at the precision the editor wrote. Within a
group, identical amounts agree and different amounts disagree. The same measure
at different dates is a series, never a disagreement.

Retracted figures (``status: retracted``) take no part in any comparison: they
are left out of every group's ``figure_ids`` and so of every verdict. A measure
whose figures are all retracted still has a view, with no groups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from generator.check.link import FactBase
from generator.model.kinds import FIGURES
from generator.model.records import Figure
from generator.model.values import PartialDate

UNDATED = "date not stated"
DASH = "\u2013"  # en dash, as in "105–110"


@dataclass(frozen=True)
class Group:
    """Figures of one measure whose as_of or period match exactly."""

    when: str
    sort_key: tuple[Any, ...]
    figure_ids: tuple[str, ...]
    verdict: str  # "single" | "agree" | "disagree"
    spread: str | None  # "105–110" for a disagreement whose numbers differ; None when only the wording does


@dataclass(frozen=True)
class MeasureView:
    """Every group of one measure, oldest first, undated last."""

    measure: str
    unit: str
    groups: tuple[Group, ...]

    @property
    def is_series(self) -> bool:
        return len(self.groups) > 1

    @property
    def disagrees(self) -> bool:
        return any(group.verdict == "disagree" for group in self.groups)


# --- amounts ---------------------------------------------------------------

def number_text(value: int | float) -> str:
    return format(value, ",")


def figure_amount(fig: Figure) -> str:
    """The amount as a reader says it: "110", "about 80", "more than 80", "80–90"."""
    about = "about " if fig.approximate else ""
    if fig.value is not None:
        return about + number_text(fig.value)
    low = None if fig.min is None else number_text(fig.min)
    high = None if fig.max is None else number_text(fig.max)
    if low is not None and high is not None:
        return f"{about}more than {low}, up to {high}" if fig.min_exclusive else f"{about}{low}{DASH}{high}"
    if low is not None:
        return about + ("more than " if fig.min_exclusive else "at least ") + low
    return f"{about}at most {high}"


def same_amount(a: Figure, b: Figure) -> bool:
    return _amount_key(a) == _amount_key(b)


def _amount_key(fig: Figure) -> tuple[Any, ...]:
    return (fig.value, fig.min, fig.max, fig.min_exclusive, fig.approximate)


def _bounds(fig: Figure) -> tuple[int | float, int | float]:
    """Lowest and highest number a figure names (a one-sided range names one)."""
    numbers = [n for n in (fig.value, fig.min, fig.max) if n is not None]
    return min(numbers), max(numbers)


def _spread(figures: list[Figure]) -> str | None:
    """'105–110'; None when the figures name one number and differ only in wording ('about 80', 'more than 80')."""
    low = min(_bounds(f)[0] for f in figures)
    high = max(_bounds(f)[1] for f in figures)
    return f"{number_text(low)}{DASH}{number_text(high)}" if low != high else None


# --- when ------------------------------------------------------------------

def when_key(fig: Figure) -> tuple[Any, ...]:
    """Figures with equal keys count the same thing at the same time."""
    if fig.as_of:
        return ("as_of", fig.as_of)
    if fig.period:
        return ("period", fig.period.start, fig.period.end)
    return ("undated",)


def when_text(fig: Figure) -> str:
    if fig.as_of:
        return fig.as_of.human()
    if fig.period:
        return _period_text(fig.period.start, fig.period.end)
    return UNDATED


def _period_text(start: PartialDate, end: PartialDate | None) -> str:
    if end is None:
        return f"from {start.human()}"
    if end == start:
        return start.human()
    return f"{start.human()} {DASH} {end.human()}"


def _sort_key(fig: Figure) -> tuple[Any, ...]:
    """Chronological by first then last possible day; undated after every dated group."""
    start = fig.as_of or (fig.period.start if fig.period else None)
    if start is None:
        return (1,)
    end = fig.as_of or (fig.period.end if fig.period else None)
    last = end.latest().isoformat() if end else "9999-12-31"
    return (0, start.earliest().isoformat(), last, when_key(fig)[0])


# --- views -----------------------------------------------------------------

def _group(members: list[tuple[str, Figure]]) -> Group:
    members = sorted(members, key=lambda item: item[0])
    figures = [fig for _, fig in members]
    first = figures[0]
    if len(figures) == 1:
        verdict, spread = "single", None
    elif all(same_amount(first, other) for other in figures[1:]):
        verdict, spread = "agree", None
    else:
        verdict, spread = "disagree", _spread(figures)
    return Group(when_text(first), _sort_key(first), tuple(fid for fid, _ in members), verdict, spread)


def measure_view(measure: str, figures: list[tuple[str, Figure]]) -> MeasureView:
    """``figures`` are (id, figure) pairs of one measure, retracted ones included."""
    by_when: dict[tuple[Any, ...], list[tuple[str, Figure]]] = defaultdict(list)
    for fid, fig in figures:
        if fig.status != "retracted":
            by_when[when_key(fig)].append((fid, fig))
    groups = sorted((_group(members) for members in by_when.values()), key=lambda g: g.sort_key)
    unit = min(figures, key=lambda item: item[0])[1].unit
    return MeasureView(measure, unit, tuple(groups))


def measure_views(base: FactBase) -> dict[str, MeasureView]:
    """One view per measure, keyed and sorted by measure."""
    by_measure: dict[str, list[tuple[str, Figure]]] = defaultdict(list)
    for fid, fig in base.records(FIGURES).items():
        by_measure[fig.measure].append((fid, fig))
    return {measure: measure_view(measure, by_measure[measure]) for measure in sorted(by_measure)}


def breakdown(base: FactBase, figure_id: str) -> str | None:
    """How a total adds up, e.g. "86 + 24 = 110"; None when the figure lists no parts."""
    total = base.get(FIGURES, figure_id)
    if not total.parts:
        return None
    parts = " + ".join(figure_amount(base.get(FIGURES, pid)) for pid in total.parts)
    return f"{parts} = {figure_amount(total)}"
