"""Parts of a figure: a complete breakdown (``parts``) and known parts of a total (``part_of``).

* **Complete breakdowns.** A figure listing ``parts`` must equal their sum (or contain it in
  its min–max range); the parts must share its unit and its date or fall within
  its period. A mismatch is an error, or a warning when any amount involved is
  approximate.
* **Known parts.** A figure with ``part_of`` counts part of a total of the same
  measure and unit, at its date or within its period. The known parts of one
  total that break it down the same way (by nationality, say) cannot add up to
  more than the total allows: the lowest sum their wordings allow above the
  highest number the total's wording allows is an error.
"""

from __future__ import annotations

from decimal import Decimal

from generator.check.compare import DASH, figure_amount, interval, number_text, part_text, when_key, when_text
from generator.check.link import Entry, FactBase, problem_at
from generator.model.errors import Problem
from generator.model.kinds import FIGURES
from generator.model.records import Figure

Bounds = tuple[Decimal | None, Decimal | None]  # None: unbounded on that side


def _dec(number: int | float | None) -> Decimal | None:
    return None if number is None else Decimal(str(number))


def bounds(fig: Figure) -> Bounds:
    if fig.value is not None:
        number = _dec(fig.value)
        if fig.qualifier in ("more-than", "at-least"):
            return number, None
        return (None, number) if fig.qualifier in ("fewer-than", "at-most") else (number, number)
    return _dec(fig.min), _dec(fig.max)


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a + b


def bounds_text(low: Decimal | None, high: Decimal | None) -> str:
    if low == high:
        return format(low, ",")
    if high is None:
        return f"at least {format(low, ',')}"
    if low is None:
        return f"at most {format(high, ',')}"
    return f"{format(low, ',')}{DASH}{format(high, ',')}"


def sum_fits(parts: Bounds, total: Bounds, exclusive: bool) -> bool:
    """Whether the parts' possible sums overlap the total's possible amounts."""
    (p_low, p_high), (t_low, t_high) = parts, total
    above_min = t_low is None or p_high is None or (p_high > t_low if exclusive else p_high >= t_low)
    below_max = t_high is None or p_low is None or p_low <= t_high
    return above_min and below_max


def _when_fits(part: Figure, total: Figure) -> bool:
    if when_key(part) == when_key(total):
        return True
    if not (part.period and total.period):
        return False
    end = total.period.end.latest() if total.period.end else None
    part_end = part.period.end.latest() if part.period.end else None
    inside_end = end is None or (part_end is not None and part_end <= end)
    return part.period.start.earliest() >= total.period.start.earliest() and inside_end


def _part_problems(entry: Entry[Figure], index: int, part_id: str, part: Figure) -> list[Problem]:
    total = entry.record
    problems = []
    if part.unit.strip().casefold() != total.unit.strip().casefold():
        problems.append(problem_at(entry, ("parts", index), f"'{part_id}' counts {part.unit}, not {total.unit}: "
                                                           "parts must share the total's unit"))
    if not _when_fits(part, total):
        problems.append(problem_at(entry, ("parts", index), f"'{part_id}' is dated {when_text(part)}, "
                                                           f"which is not within {when_text(total)}"))
    return problems


def parts_problems(entry: Entry[Figure], base: FactBase) -> list[Problem]:
    """Parts that do not add up to their total, or count something else."""
    total = entry.record
    parts = [(i, pid, base.get(FIGURES, pid)) for i, pid in enumerate(total.parts)]
    problems = [p for i, pid, part in parts for p in _part_problems(entry, i, pid, part)]
    if not parts or problems:
        return problems
    low = high = Decimal(0)
    for _, _, part in parts:
        part_low, part_high = bounds(part)
        low, high = _add(low, part_low), _add(high, part_high)  # type: ignore[assignment]
    if sum_fits((low, high), bounds(total), total.min_exclusive or total.qualifier == "more-than"):
        return []
    terms = " + ".join(bounds_text(*bounds(part)) for _, _, part in parts)
    field_name = "value" if total.value is not None else "range"
    approximate = any(f.approximate or f.qualifier != "exactly" for f in [total] + [part for _, _, part in parts])
    message = f"{terms} = {bounds_text(low, high)}, but {field_name} is {figure_amount(total)}"
    return [problem_at(entry, ("parts",), message, "warning" if approximate else "error")]


def part_of_problems(entry: Entry[Figure], base: FactBase) -> list[Problem]:
    """A part that counts another measure or unit, or another time, than its total."""
    part = entry.record
    if part.part_of is None:
        return []
    total: Figure = base.get(FIGURES, part.part_of)
    if part.measure != total.measure:
        return [problem_at(entry, ("part_of",), f"'{part.part_of}' counts {total.measure}, not {part.measure}: "
                                              "a part has its total's measure (breakdown says which part)")]
    if part.unit.strip().casefold() != total.unit.strip().casefold():
        return [problem_at(entry, ("part_of",), f"'{part.part_of}' counts {total.unit}, not {part.unit}: "
                                              "a part counts in its total's unit")]
    if not _when_fits(part, total):
        return [problem_at(entry, ("part_of",), f"this part is dated {when_text(part)}, which is not within "
                                              f"{when_text(total)}, the date of '{part.part_of}'")]
    return []


def known_parts(base: FactBase, total_id: str) -> dict[tuple[str, ...], list[str]]:
    """The figures naming ``total_id`` in part_of (retracted ones left out), by the dimensions they break it down by."""
    by_dimensions: dict[tuple[str, ...], list[str]] = {}
    for ref in base.linking_to("figures", total_id, "figures"):
        part = base.get(FIGURES, ref.id)
        if ref.field == "part_of" and part.status != "retracted":
            by_dimensions.setdefault(tuple(sorted(part.breakdown or {})), []).append(ref.id)
    return by_dimensions


def excess_problems(entry: Entry[Figure], base: FactBase) -> list[Problem]:
    """Known parts of this total that add up to more than its wording allows."""
    total = entry.record
    (_, _), (high, high_open) = interval(total)
    if high is None:
        return []
    problems = []
    for dimensions, ids in known_parts(base, entry.id).items():
        lows = [interval(base.get(FIGURES, pid))[0] for pid in ids]
        least = sum((low or Decimal(0) for low, _ in lows), Decimal(0))
        above = any(is_open for _, is_open in lows)
        if least > high or (least == high and (high_open or above)):
            terms = ", ".join(f"{pid} {figure_amount(base.get(FIGURES, pid))} "
                              f"({part_text(base.get(FIGURES, pid))})" for pid in sorted(ids))
            field_name = "value" if total.value is not None else "max"
            sum_text = ("more than " if above else "") + number_text(least)
            problems.append(problem_at(entry, (field_name,), f"its known parts by {', '.join(dimensions)} add up to "
                                     f"{sum_text}, but the total is {figure_amount(total)} ({terms}): "
                                     "correct a part or the total"))
    return problems
