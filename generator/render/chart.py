"""A measure's figures over time, as static SVG written at build time (issue 19).

Our own small writer rather than a charting library: the libraries that draw SVG in Python (matplotlib,
pygal, plotly, altair) either need a browser script, embed fonts and ids that change per run, or cannot
make each mark a keyboard-reachable link with its own title; and a chart here is a few dozen elements
(at 10,000 records a measure has 1–4 figures), written in microseconds with no new dependency.

Rules kept here: no script and no reference to another host (no ``xmlns``, no external href); colours
only through CSS classes (``research-site.css`` maps them to Material's custom properties, so dark mode
works); each reporter has a shape and a dash pattern as well as a colour (black-and-white printing);
every text from YAML goes through :func:`escape.text`; the same points give the same bytes.

How a figure is drawn (the caption says the same to readers): a filled symbol is an exact number, a
hollow one a qualified number ("about", "more than"); a bar (one day) or a box (a month, a year, a
period) covers every number the wording allows; a bound the wording leaves open runs to the plot's
edge and ends in an arrow; a month or a period is drawn across its whole span, never as one day;
figures for the same date sit side by side, so two sources never hide each other.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from generator.check.compare import number_text
from generator.render import escape
from generator.render.points import Point

WIDTH, HEIGHT = 640, 270
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 34, 34  # the plot area's margins: tick labels left and below, the tip line above
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 120, 28, 3
SHAPES = ("circle", "square", "triangle", "diamond", "down", "cross")
SERIES = 6  # colours, shapes and dash patterns repeat after this many reporters (research-site.css: s0–s5)
DODGE = 18.0  # px between figures of the same date
ARROW = 5.0
MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # not the locale's

Href = Callable[[str], str]  # figure id → the address of its page, from the page being written


@dataclass(frozen=True)
class Scale:
    """Days (ordinals) and numbers to pixels, inside a box."""

    first: float
    last: float
    low: float
    high: float
    box: tuple[float, float, float, float]  # left, top, right, bottom

    def x(self, day: float) -> float:
        left, _, right, _ = self.box
        return left + (day - self.first) / (self.last - self.first) * (right - left)

    def y(self, value: float) -> float:
        _, top, _, bottom = self.box
        return bottom - (value - self.low) / (self.high - self.low) * (bottom - top)


def _f(number: float) -> str:
    """A coordinate with one decimal, the same text on every machine."""
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def nice_step(span: float, ticks: int = 4) -> float:
    """1, 2 or 5 times a power of ten, so that about ``ticks`` steps cover ``span``."""
    raw = max(span, 1e-9) / ticks
    power = 10.0 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def scale(points: Sequence[Point], box: tuple[float, float, float, float], pad: float = 0.04) -> Scale:
    """Every point's whole span of days and every bounded number inside the box, zero included."""
    days = [p.days for p in points]
    first = min(d[0] for d in days)
    last = max((d[1] if d[1] is not None else d[0]) for d in days) + 1  # the last day's end
    if any(d[1] is None for d in days):  # a span with no end: leave room for it to run on
        last += max(7, (last - first) // 5)
    if last - first < 14:  # one or two days: a fortnight around them, so a point is not a wall
        middle = (first + last) / 2
        first, last = math.floor(middle - 7), math.ceil(middle + 7)
    margin = (last - first) * pad
    numbers = [v for p in points for v in (p.low, p.high, p.named) if v is not None]
    low = min([0.0, *numbers])
    top = max([*numbers, low + 1])
    step = nice_step(top - low)
    high = math.ceil(top / step) * step
    if any(p.high is None for p in points) or high - top < step * 0.2:  # room above for arrows and caps
        high += step
    return Scale(first - margin, last + margin, low, high, box)


# --- axes ----------------------------------------------------------------------

def _month_starts(first: date, last: date) -> list[date]:
    months = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        if date(year, month, 1) >= first:
            months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def time_ticks(sc: Scale) -> list[tuple[float, str]]:
    """(day, label): days for a few weeks, months for a few years, years beyond."""
    first, last = date.fromordinal(math.ceil(sc.first)), date.fromordinal(math.floor(sc.last))
    length = (last - first).days
    if length <= 62:
        step = max(1, math.ceil(length / 6))
        days = range(first.toordinal(), last.toordinal() + 1, step)
        return [(d + 0.5, f"{date.fromordinal(d).day} {MONTHS[date.fromordinal(d).month]}") for d in days]
    if length <= 3 * 366:
        months = _month_starts(first, last)
        every = max(1, math.ceil(len(months) / 6))
        return [(m.toordinal(), f"{MONTHS[m.month]} {m.year}") for m in months[::every]]
    years = [date(y, 1, 1) for y in range(first.year + 1, last.year + 1)]
    every = max(1, math.ceil(len(years) / 6))
    return [(y.toordinal(), str(y.year)) for y in years[::every]]


def value_ticks(sc: Scale) -> list[float]:
    step = nice_step(sc.high - sc.low)
    ticks, value = [], math.ceil(sc.low / step) * step
    while value <= sc.high + step * 1e-9:
        ticks.append(value)
        value += step
    return ticks


def _tick_label(value: float) -> str:
    return number_text(int(round(value))) if abs(value - round(value)) < 1e-9 else number_text(round(value, 6))


def axes(sc: Scale, unit: str) -> str:
    left, top, right, bottom = sc.box
    parts = ['<g class="rs-chart__axes" aria-hidden="true">']
    for value in value_ticks(sc):
        y = _f(sc.y(value))
        parts.append(f'<line class="rs-chart__grid" x1="{_f(left)}" y1="{y}" x2="{_f(right)}" y2="{y}"/>'
                     f'<text class="rs-chart__label" x="{_f(left - 6)}" y="{y}" text-anchor="end" '
                     f'dominant-baseline="middle">{escape.text(_tick_label(value))}</text>')
    for day, label in time_ticks(sc):
        x = _f(sc.x(day))
        parts.append(f'<line class="rs-chart__tick" x1="{x}" y1="{_f(bottom)}" x2="{x}" y2="{_f(bottom + 4)}"/>'
                     f'<text class="rs-chart__label" x="{x}" y="{_f(bottom + 16)}" text-anchor="middle">'
                     f'{escape.text(label)}</text>')
    parts.append(f'<line class="rs-chart__axis" x1="{_f(left)}" y1="{_f(bottom)}" x2="{_f(right)}" '
                 f'y2="{_f(bottom)}"/>'
                 f'<text class="rs-chart__label" x="{_f(left - 6)}" y="{_f(top - 8)}" text-anchor="end">'
                 f'{escape.text(unit)}</text></g>')
    return "".join(parts)


# --- marks ---------------------------------------------------------------------

def symbol(shape: str, x: float, y: float, r: float, css: str) -> str:
    """A marker of one of SHAPES centred on (x, y)."""
    if shape == "circle":
        return f'<circle class="{css}" cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}"/>'
    if shape == "square":
        return f'<rect class="{css}" x="{_f(x - r)}" y="{_f(y - r)}" width="{_f(2 * r)}" height="{_f(2 * r)}"/>'
    if shape == "cross":
        return (f'<path class="{css}" d="M{_f(x - r)} {_f(y - r)}L{_f(x + r)} {_f(y + r)}'
                f'M{_f(x + r)} {_f(y - r)}L{_f(x - r)} {_f(y + r)}"/>')
    corners = {"triangle": ((0, -1.2), (1.1, 0.8), (-1.1, 0.8)), "down": ((0, 1.2), (1.1, -0.8), (-1.1, -0.8)),
               "diamond": ((0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0))}[shape]
    path = "L".join(f"{_f(x + dx * r)} {_f(y + dy * r)}" for dx, dy in corners)
    return f'<path class="{css}" d="M{path}Z"/>'


def _arrow(x: float, y: float, direction: str) -> str:
    """An arrowhead at (x, y) pointing up, down or right: the wording sets no bound that way."""
    a = ARROW
    tips = {"up": (f"M{_f(x - a)} {_f(y + a * 1.4)}L{_f(x)} {_f(y)}L{_f(x + a)} {_f(y + a * 1.4)}"),
            "down": (f"M{_f(x - a)} {_f(y - a * 1.4)}L{_f(x)} {_f(y)}L{_f(x + a)} {_f(y - a * 1.4)}"),
            "right": (f"M{_f(x - a * 1.4)} {_f(y - a)}L{_f(x)} {_f(y)}L{_f(x - a * 1.4)} {_f(y + a)}")}
    return f'<path class="rs-chart__arrow" d="{tips[direction]}"/>'


def describe(p: Point, names: Callable[[Point], tuple[str, str]]) -> str:
    """What a mark says on hover and focus: who, how much, when. ``names``: (publishers, reporter)."""
    publishers, reporter = names(p)
    by = f", reported by {reporter}" if reporter else ""
    return f"{publishers}: {p.amount} {p.unit}, {p.when}{by}"


@dataclass
class Chart:
    """A measure's chart, laid out once; each page draws it with its own figure's mark highlighted."""

    points: list[Point]
    sc: Scale
    series: dict[str, int]  # figure id → its counter's place in the legend
    texts: dict[str, str]  # figure id → what its mark says
    href: Href
    head: str
    tail: str
    offsets: dict[str, float] = field(default_factory=dict)
    marks: dict[str, str] = field(default_factory=dict)

    def svg(self, current: str | None = None) -> Markup:
        body = "".join(self.mark(p, p.figure == current) if p.figure == current else self.marks[p.figure]
                       for p in self.points)
        return Markup(self.head + body + self.tail)

    def mark(self, p: Point, current: bool = False) -> str:
        """One figure: a link to its page holding its shapes, its title and its tip line."""
        sc, k = self.sc, self.series[p.figure] % SERIES
        left, top, right, bottom = sc.box
        first, last = p.days
        point_like = p.precision == "day"
        # Figures of one date sit side by side: a day's mark moves whole; a span keeps its true ends and
        # only its symbol moves (a month drawn into the next one would claim a day it does not).
        offset = self.offsets.get(p.figure, 0.0)
        xa = sc.x(first) + (offset if point_like else 0.0)
        xb = (sc.x(last + 1) if last is not None else right) + (offset if point_like else 0.0)
        cx = (xa + xb) / 2 + (0.0 if point_like else offset)
        y_low = sc.y(p.low) if p.low is not None else bottom
        y_high = sc.y(p.high) if p.high is not None else top
        shapes = []
        if p.low != p.high or p.low is None:  # an interval: every number the wording allows
            if point_like:
                shapes.append(f'<line class="rs-chart__bar" x1="{_f(cx)}" y1="{_f(y_low)}" x2="{_f(cx)}" '
                              f'y2="{_f(y_high)}"/>')
                shapes += _ends(p, cx - 4, cx + 4, y_low, y_high)
            else:
                shapes.append(f'<rect class="rs-chart__band" x="{_f(xa)}" y="{_f(y_high)}" width="{_f(xb - xa)}" '
                              f'height="{_f(max(y_low - y_high, 1.5))}"/>')
                shapes += _ends(p, xa, xb, y_low, y_high)
        elif not point_like:  # one number over a month, a year or a period
            y = sc.y(p.low or 0)
            shapes.append(f'<line class="rs-chart__span" x1="{_f(xa)}" y1="{_f(y)}" x2="{_f(xb)}" y2="{_f(y)}"/>'
                          f'<line class="rs-chart__span" x1="{_f(xa)}" y1="{_f(y - 4)}" x2="{_f(xa)}" '
                          f'y2="{_f(y + 4)}"/>')
            if last is not None:
                shapes.append(f'<line class="rs-chart__span" x1="{_f(xb)}" y1="{_f(y - 4)}" x2="{_f(xb)}" '
                              f'y2="{_f(y + 4)}"/>')
        if last is None:  # a period with no end runs to the right edge
            shapes.append(_arrow(right, (y_low + y_high) / 2, "right"))
        at_y = sc.y(p.named) if p.named is not None else (y_low + y_high) / 2
        fill = "rs-chart__dot" if p.exact else "rs-chart__dot rs-chart__dot--hollow"
        if p.named is not None:
            shapes.append(symbol(SHAPES[k], cx, at_y, 4.5, fill))
        if current:
            shapes.append(f'<circle class="rs-chart__ring" cx="{_f(cx)}" cy="{_f(at_y)}" r="9"/>')
        hit = (f'<rect class="rs-chart__hit" x="{_f(min(xa, cx - 7))}" y="{_f(min(y_high, at_y) - 7)}" '
               f'width="{_f(max(xb - xa, 14))}" height="{_f(max(y_low, at_y) - min(y_high, at_y) + 14)}"/>')
        text = escape.text(self.texts[p.figure])
        css = f"rs-chart__mark rs-chart__s{k}" + (" rs-chart__mark--current" if current else "")
        aria = ' aria-current="page"' if current else ""
        tip = f'<text class="rs-chart__tip" x="{_f(left)}" y="14">{text}</text>'
        return (f'<a class="{css}" href="{escape.text(self.href(p.figure))}"{aria} aria-label="{text}">'
                f'<title>{text}</title>{hit}{"".join(shapes)}{tip}</a>')


def _ends(p: Point, x1: float, x2: float, y_low: float, y_high: float) -> list[str]:
    """The ends of an interval: a cap where a bound is included, an open circle where it is excluded
    (more than 80), an arrow where the wording sets no bound."""
    middle = (x1 + x2) / 2
    out = []
    for value, is_open, y, direction in ((p.low, p.low_open, y_low, "down"), (p.high, p.high_open, y_high, "up")):
        if value is None:
            out.append(_arrow(middle, y, direction))
        elif is_open:
            out.append(f'<circle class="rs-chart__open" cx="{_f(middle)}" cy="{_f(y)}" r="2.5"/>')
        else:
            out.append(f'<line class="rs-chart__cap" x1="{_f(x1)}" y1="{_f(y)}" x2="{_f(x2)}" y2="{_f(y)}"/>')
    return out


def series_of(points: Sequence[Point], who: Callable[[Point], str]) -> dict[str, int]:
    """Each counter's place in the legend (and so its colour, shape and dash), in alphabetical order.
    ``who`` names who counted: the reporting actor, or else the source that gives the number."""
    return {key: index for index, key in enumerate(sorted({who(p) for p in points}, key=str.casefold))}


def dodge(points: Sequence[Point]) -> dict[str, float]:
    """Horizontal offsets that set figures of the same date side by side instead of on top of each other."""
    same: dict[tuple[str, str | None], list[str]] = {}
    for p in points:
        same.setdefault((p.start, p.end), []).append(p.figure)
    return {fid: (i - (len(ids) - 1) / 2) * DODGE for ids in same.values() for i, fid in enumerate(ids)}


def summary(points: Sequence[Point], unit: str, texts: dict[str, str] | None = None, listed: int = 12) -> str:
    """The chart's text alternative: every figure it draws (or, past ``listed``, their dates and numbers), and
    the dates where sources disagree."""
    if not points:
        return "No figure of this measure can be drawn: every one is undated or retracted (they are in the table)."
    dates = sorted({(p.start, p.when) for p in points})
    count = f"{len(points)} figure{'s' if len(points) > 1 else ''}"
    when = dates[0][1] if len(dates) == 1 else f"from {dates[0][1]} to {dates[-1][1]}"
    if texts is not None and len(points) <= listed:
        text = f"{count}, {when}: " + "; ".join(texts[p.figure] for p in points) + "."
    else:
        numbers = [v for p in points for v in (p.low, p.high, p.named) if v is not None]
        low, high = min(numbers), max(numbers)
        amounts = number_text(low) if low == high else f"between {number_text(low)} and {number_text(high)}"
        open_ended = " or more" if any(p.high is None for p in points) else ""
        text = f"{count}, {when}, {amounts}{open_ended} {unit}."
    disputed = sorted({(p.start, p.when) for p in points if p.verdict == "disagree"})
    if disputed:
        text += " Sources disagree for " + ", ".join(when for _, when in disputed) + "."
    return text


def build(points: list[Point], key: str, unit: str, texts: dict[str, str], href: Href,
          who: Callable[[Point], str], caption: str) -> Chart:
    """Lay a chart out: ``key`` (a slug) makes its ids unique on the page, ``who`` names each mark's counter."""
    sc = scale(points, (LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM))
    alt = summary(points, unit, texts)
    head = (f'<figure class="rs-chart" data-search-exclude=""><svg class="rs-chart__svg" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-labelledby="rs-chart-{key}-t" '
            f'aria-describedby="rs-chart-{key}-d"><title id="rs-chart-{key}-t">{escape.text(caption)}</title>'
            f'<desc id="rs-chart-{key}-d">{escape.text(alt)}</desc>{axes(sc, unit)}<g class="rs-chart__marks">')
    counters = series_of(points, who)
    keys = "".join(f'<li>{legend_symbol(k)} {escape.text(name)}</li>' for name, k in counters.items())
    tail = (f'</g></svg><figcaption><strong>{escape.text(caption)}.</strong> {escape.text(alt)}'
            f'<ul class="rs-chart__legend">{keys}</ul>'
            '<span class="rs-chart__key">Filled symbol: the exact number the source gives; hollow: a number it '
            'qualifies (about, more than). A bar or a box covers every number the wording allows; an arrow: no '
            'bound that way. A month or a period is drawn across its whole span. Figures of the same date sit '
            'side by side. Retracted and undated figures are only in the table.</span></figcaption></figure>')
    chart = Chart(points, sc, {p.figure: counters[who(p)] for p in points}, texts, href, head, tail, dodge(points))
    chart.marks = {p.figure: chart.mark(p) for p in points}
    return chart


def legend_symbol(k: int) -> str:
    """The reporter's shape, small, for the legend (decorative: the name beside it says who)."""
    k %= SERIES
    return (f'<svg class="rs-chart__swatch rs-chart__s{k}" viewBox="0 0 24 12" width="24" height="12" '
            f'aria-hidden="true"><line class="rs-chart__span" x1="1" y1="6" x2="23" y2="6"/>'
            f'{symbol(SHAPES[k], 12, 6, 4, "rs-chart__dot")}</svg>')


def sparkline(points: Sequence[Point], label: str) -> Markup:
    """A small picture of a measure for the figures index: every mark as a dot, bar or box, no text. Its
    parts carry no class (research-site.css styles them by element): there are a hundred on an index page."""
    box = (SPARK_PAD, SPARK_PAD, SPARK_WIDTH - SPARK_PAD, SPARK_HEIGHT - SPARK_PAD)
    parts = [f'<svg class="rs-spark" viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" role="img" '
             f'aria-label="{escape.text(label)}">']
    sc = scale(points, box, pad=0.06)
    offsets = dodge(points)
    for p in points:
        first, last = p.days
        xa = sc.x(first) + offsets[p.figure] / 3
        xb = (sc.x(last + 1) if last is not None else box[2]) + offsets[p.figure] / 3
        y_low = sc.y(p.low) if p.low is not None else box[3]
        y_high = sc.y(p.high) if p.high is not None else box[1]
        cx = (xa + xb) / 2
        if p.precision != "day":
            parts.append(f'<rect x="{_f(xa)}" y="{_f(y_high)}" width="{_f(xb - xa)}" '
                         f'height="{_f(max(y_low - y_high, 1.5))}"/>')
        elif p.low != p.high or p.low is None:
            parts.append(f'<line x1="{_f(cx)}" y1="{_f(y_low)}" x2="{_f(cx)}" y2="{_f(y_high)}"/>')
        if p.named is not None:
            parts.append(f'<circle cx="{_f(cx)}" cy="{_f(sc.y(p.named))}" r="2"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
