"""Figures side by side: which ones agree, which disagree, which form a series.

Disagreement is computed, never typed by an editor (issue 8, item 4). Figures
of one ``measure`` are grouped by *when* they count: the same ``as_of`` date, or
the same ``period`` (start and end), at the precision the editor wrote; a part
(``breakdown``) is compared only with the same part. Within a group, identical
amounts **agree**; amounts whose intervals share a number (``about 80`` is
75–85, ``more than 80`` is above 80: 81 satisfies both) are **compatible**; the
rest **disagree**. "About N" spans N plus or minus a share (by default half) of
the unit N is rounded to: the place of its last non-zero digit, or five of that
place when that digit is 5 ("about 80" 75–85, "some 105" 102.5–107.5). The same
measure at different dates is a series, never a disagreement.

Retracted figures (``status: retracted``) take no part in any comparison: they
are left out of every group's ``figure_ids`` and so of every verdict. A measure
whose figures are all retracted still has a view, with no groups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.check.link import FactBase
from generator.model.kinds import FIGURES
from generator.model.records import Figure
from generator.model.values import PartialDate

UNDATED = "date not stated"
DASH = "\u2013"  # en dash, as in "105–110"
ABOUT_SHARE = Decimal("0.5")  # "about N" reaches this share of N's rounding unit either side
QUALIFIER_WORDS = {"exactly": "", "about": "about ", "more-than": "more than ", "at-least": "at least ",
                   "fewer-than": "fewer than ", "at-most": "at most "}


@dataclass(frozen=True)
class Group:
    """Figures of one measure whose as_of or period match exactly."""

    when: str
    sort_key: tuple[Any, ...]
    figure_ids: tuple[str, ...]
    verdict: str  # "single" | "agree" | "compatible" | "disagree"
    spread: str | None  # "105–110" for a disagreement whose numbers differ; None when only the wording does
    part: str = ""  # "nationality: Thai" for a group of parts; "" for the measure as a whole

    @property
    def heading(self) -> str:
        return f"{self.when}, {self.part}" if self.part else self.when


@dataclass(frozen=True)
class MeasureView:
    """Every group of one measure, oldest first, undated last."""

    measure: str
    unit: str
    groups: tuple[Group, ...]

    @property
    def is_series(self) -> bool:
        return len({group.when for group in self.groups}) > 1

    @property
    def headed(self) -> bool:
        """Whether the groups need headings: more than one date, or parts beside the whole."""
        return len(self.groups) > 1

    @property
    def disagrees(self) -> bool:
        return any(group.verdict == "disagree" for group in self.groups)


# --- amounts ---------------------------------------------------------------

def number_text(value: int | float | Decimal) -> str:
    if isinstance(value, Decimal):  # an interval's end: 75, 102.5 (never 75.0 or 1E+2)
        value = int(value) if value == value.to_integral_value() else float(value)
    return format(value, ",")


def figure_amount(fig: Figure) -> str:
    """The amount as a reader says it: "110", "about 80", "more than 80", "80–90"."""
    if fig.value is not None:
        return QUALIFIER_WORDS[fig.qualifier] + number_text(fig.value)
    about = "about " if fig.approximate else ""
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
    return (fig.value, fig.qualifier, fig.min, fig.max, fig.min_exclusive, fig.approximate)


# --- intervals -------------------------------------------------------------

Bound = tuple[Decimal | None, bool]  # (number or None for unbounded, open: the number itself excluded)
Interval = tuple[Bound, Bound]  # (low, high)


def rounding_unit(number: Decimal) -> Decimal:
    """The unit a round number is heard to: 80 → 10, 130 → 10, 105 → 5, 2.5 → 0.5, 7 → 1."""
    sign, digits, exponent = abs(number).normalize().as_tuple()
    if not any(digits) or not isinstance(exponent, int):
        return Decimal(1)
    place = Decimal(1).scaleb(exponent)
    return place * 5 if digits[-1] == 5 else place


def about_width(number: Decimal, share: Decimal = ABOUT_SHARE) -> Decimal:
    return rounding_unit(number) * share


def about_rule(share: Decimal = ABOUT_SHARE) -> str:
    """The methodology's sentence on how "about N" is read, with the configured share worked out."""
    def reach(n: Decimal) -> str:
        return interval_text(((n - about_width(n, share), False), (n + about_width(n, share), False)))

    examples = ", ".join(f"“about {n}” is {reach(n)}" for n in (Decimal(80), Decimal(105), Decimal(130)))
    return ("## How wordings are compared\n\n"
            "A number the source qualifies (“about”, “more than”, “at least”, “fewer than”, “at most”) is compared "
            "as every number its wording allows. “About N” reaches, either side of N, "
            f"{format(share.normalize(), 'f')} of the unit N is rounded to (the place of its last non-zero digit, "
            f"or five of that place when the digit is 5): {examples}. "
            "Figures giving the same amount in the same words **agree**; figures whose wordings share at least one "
            "number (“about 80” and “more than 80”: 81) are **compatible**; the rest **disagree**. "
            "The share is set by `about_share` in the research-site plugin's configuration (`mkdocs.yml`).\n")


def _dec(number: int | float) -> Decimal:
    return Decimal(str(number))


def interval(fig: Figure, share: Decimal = ABOUT_SHARE) -> Interval:
    """Every number the figure's wording allows: "about 80" [75, 85]; "more than 80" (80, ∞)."""
    if fig.value is not None:
        n = _dec(fig.value)
        return {"exactly": ((n, False), (n, False)),
                "about": ((n - about_width(n, share), False), (n + about_width(n, share), False)),
                "more-than": ((n, True), (None, False)), "at-least": ((n, False), (None, False)),
                "fewer-than": ((None, False), (n, True)), "at-most": ((None, False), (n, False))}[fig.qualifier]
    low = None if fig.min is None else _dec(fig.min)
    high = None if fig.max is None else _dec(fig.max)
    if fig.approximate:
        low = None if low is None else low - about_width(low, share)
        high = None if high is None else high + about_width(high, share)
    return (low, fig.min_exclusive and not fig.approximate), (high, False)


def common(intervals: list[Interval]) -> Interval | None:
    """The numbers every interval allows, or None when there is none."""
    lows = [i[0] for i in intervals if i[0][0] is not None]
    highs = [i[1] for i in intervals if i[1][0] is not None]
    low: Bound = max(lows, key=lambda b: (b[0], b[1])) if lows else (None, False)
    high: Bound = min(highs, key=lambda b: (b[0], not b[1])) if highs else (None, False)
    if low[0] is not None and high[0] is not None:
        if low[0] > high[0] or (low[0] == high[0] and (low[1] or high[1])):
            return None
    return low, high


def interval_text(span: Interval) -> str:
    (low, low_open), (high, high_open) = span
    if low is not None and low == high:
        return number_text(low)
    if high is None:
        return "any number" if low is None else f"{'more than' if low_open else 'at least'} {number_text(low)}"
    if low is None:
        return f"{'fewer than' if high_open else 'at most'} {number_text(high)}"
    return f"{number_text(low)}{DASH}{number_text(high)}"


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

def verdict(figures: list[Figure], share: Decimal = ABOUT_SHARE) -> str:
    """single, agree (the same amount), compatible (some number fits every wording) or disagree."""
    first = figures[0]
    if len(figures) == 1:
        return "single"
    if all(same_amount(first, other) for other in figures[1:]):
        return "agree"
    return "compatible" if common([interval(f, share) for f in figures]) else "disagree"


def part_text(fig: Figure) -> str:
    """'nationality: Thai, group: women': which part a figure counts."""
    return ", ".join(f"{key}: {value}" for key, value in (fig.breakdown or {}).items())


def _group(members: list[tuple[str, Figure]], share: Decimal) -> Group:
    members = sorted(members, key=lambda item: item[0])
    figures = [fig for _, fig in members]
    first = figures[0]
    found = verdict(figures, share)
    spread = _spread(figures) if found == "disagree" else None
    sort_key = _sort_key(first) + ((part_text(first),) if first.breakdown else ())
    return Group(when_text(first), sort_key, tuple(fid for fid, _ in members), found, spread, part_text(first))


def measure_view(measure: str, figures: list[tuple[str, Figure]], share: Decimal = ABOUT_SHARE) -> MeasureView:
    """``figures`` are (id, figure) pairs of one measure, retracted ones included."""
    by_when: dict[tuple[Any, ...], list[tuple[str, Figure]]] = defaultdict(list)
    for fid, fig in figures:
        if fig.status != "retracted":
            by_when[when_key(fig) + tuple(sorted((fig.breakdown or {}).items()))].append((fid, fig))
    groups = sorted((_group(members, share) for members in by_when.values()), key=lambda g: g.sort_key)
    unit = min(figures, key=lambda item: item[0])[1].unit
    return MeasureView(measure, unit, tuple(groups))


def measure_views(base: FactBase, share: Decimal = ABOUT_SHARE) -> dict[str, MeasureView]:
    """One view per measure, keyed and sorted by measure."""
    by_measure: dict[str, list[tuple[str, Figure]]] = defaultdict(list)
    for fid, fig in base.records(FIGURES).items():
        by_measure[fig.measure].append((fid, fig))
    return {measure: measure_view(measure, by_measure[measure], share) for measure in sorted(by_measure)}


def breakdown(base: FactBase, figure_id: str) -> str | None:
    """How a total adds up, e.g. "86 + 24 = 110"; None when the figure lists no parts."""
    total = base.get(FIGURES, figure_id)
    if not total.parts:
        return None
    parts = " + ".join(figure_amount(base.get(FIGURES, pid)) for pid in total.parts)
    return f"{parts} = {figure_amount(total)}"
