"""What a reader needs to know about a record, computed once from the fact base.

Pure functions over the linked fact base: titles, dates, ordering, backlinks
grouped for display. Templates only lay these out.
"""

from __future__ import annotations

from calendar import month_name
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.check import parts
from generator.check.compare import Group as Comparison
from generator.check.compare import MeasureView, breakdown, figure_amount, interval, interval_text, part_text
from generator.check.link import FactBase
from generator.model.kinds import ACTORS, EVENTS, FIGURES, KINDS, STATEMENTS
from generator.model.records import Actor, Cited, Event, Figure, Period
from generator.model.values import PartialDate
from generator.render import words

KIND_TITLES = {**{kind.name: kind.title for kind in KINDS.values()}, "topics": "Topics"}
Item = tuple[str, str]  # (kind, id) of a record listed with records of another kind
T = TypeVar("T")


def title(base: FactBase, kind: str, record_id: str) -> str:
    """The human name of any record, used for links and headings."""
    record = base.get(kind, record_id)
    if kind == STATEMENTS.name:  # who spoke (one speaker, several, or as the source describes them), and when
        statement = base.get(STATEMENTS, record_id)
        return f"{speaker_names(base, statement)}, {statement.date.human()}"
    name = str(getattr(record, KINDS[kind].title_field))
    target = _refers_to(kind, KINDS[kind].title_field)
    if target is None:
        return name
    return f"{title(base, target, name)}, {words.date_text(when(record))}"


def _refers_to(kind: str, field: str) -> str | None:
    """The kind a record's field names, when it names one (a statement's title is its speaker's)."""
    return next((target for spec, target in KINDS[kind].references if spec == (field,)), None)


def joined(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def speaker_names(base: FactBase, statement: Any) -> str:
    """Who spoke, as the source says: 'Ada Leader', 'A and B', 'Israeli officials (Israel)'."""
    names = joined([base.get(ACTORS, a).name for a in statement.speakers])
    return f"{statement.speaker_description} ({names})" if statement.speaker_description else names


def when(record: BaseModel) -> PartialDate | None:
    """The date a record sits at on a timeline (events: their start)."""
    for name in ("date", "start", "as_of", "published"):
        value = getattr(record, name, None)
        if isinstance(value, PartialDate):
            return value
    period = getattr(record, "period", None)
    return period.start if isinstance(period, Period) else None


def span(record: BaseModel) -> str:
    """A date or span at its precision: '19 December 2023', 'November 2023 – 1 December 2023'."""
    date, start, end = (getattr(record, name, None) for name in ("date", "start", "end"))
    if isinstance(date, PartialDate):
        return words.date_text(date)
    if isinstance(start, PartialDate) and isinstance(end, PartialDate) and end != start:
        return f"{words.date_text(start)} – {words.date_text(end)}"
    return words.date_text(start if isinstance(start, PartialDate) else None)


def period_text(figure: Figure) -> str:
    if figure.as_of:
        return f"as of {words.date_text(figure.as_of)}"
    if figure.period:
        return span(figure.period)
    return "date not stated"


def date_key(value: PartialDate | None) -> tuple[int, int, int]:
    """Sort key that puts 'December 2023' before the dated days of December (never an invented day)."""
    return (value.year, value.month, value.day) if value else (0, 0, 0)


def newest_first(base: FactBase, kind: str, ids: list[str]) -> list[str]:
    return sorted(ids, key=lambda i: (date_key(when(base.get(kind, i))), i), reverse=True)


def chronological(base: FactBase, kind: str, ids: list[str]) -> list[str]:
    return sorted(ids, key=lambda i: (date_key(when(base.get(kind, i))), i))


def linked_ids(base: FactBase, kind: str, record_id: str, from_kind: str, *fields: str) -> list[str]:
    """Ids of ``from_kind`` records that link to this record (through the given fields, or any)."""
    refs = base.linking_to(kind, record_id, from_kind)
    return sorted({r.id for r in refs if not fields or r.field in fields})


def month_label(key: tuple[int, int]) -> str:
    year, month = key
    if not year:
        return "Date not stated"
    return f"{month_name[month]} {year}" if month else f"{year} (month not stated)"


def in_date_order(base: FactBase, items: list[Item]) -> list[Item]:
    """Events and statements together, by date (a month-only date before that month's days), then kind and id."""
    return sorted(items, key=lambda item: (date_key(when(base.get(*item))), item[0], item[1]))


def timeline(base: FactBase) -> list[Group]:
    """Events and statements by month, in date order; month-only dates open their month."""
    return month_groups(base, in_date_order(base, [(kind, rid) for kind in ("events", "statements")
                                                    for rid in base.entries[kind]]))


Group = tuple[str, str, list[Item]]  # a month's slug ('2023-12'), heading ('December 2023') and records
Months = list[tuple[str, list[Item]]]


def month_groups(base: FactBase, items: list[Item]) -> list[Group]:
    """Date-ordered records (oldest or newest first) cut where the month changes."""
    groups: list[Group] = []
    last: tuple[int, int] | None = None
    for kind, rid in items:
        date = when(base.get(kind, rid))
        key = (date.year, date.month or 0) if date else (0, 0)
        if key != last:
            groups.append((month_slug(key), month_label(key), []))
            last = key
        groups[-1][2].append((kind, rid))
    return groups


def month_slug(key: tuple[int, int]) -> str:
    year, month = key
    return "undated" if not year else f"{year:04d}-{month:02d}" if month else f"{year:04d}"


def date_pages(groups: list[Group], size: int) -> list[tuple[str, Months]]:
    """A date-ordered listing as pages (name, months): one page when it fits in ``size`` rows; otherwise each
    month opens its own page(s), named by the month. So adding or editing a record rewrites only its
    month's page (and, when a month appears, the pager on each page), never every page after it."""
    if sum(len(items) for _, _, items in groups) <= size:
        return [("", [(heading, items) for _, heading, items in groups])]
    return [(slug if n == 0 else f"{slug}-{n + 1}", [(heading, part)])
            for slug, heading, items in groups for n, part in enumerate(chunks(items, size))]


def chunks(items: list[T], size: int) -> list[list[T]]:
    """``items`` cut into pages of at most ``size``; no items make one empty page."""
    return [items[start:start + size] for start in range(0, len(items), size)] or [[]]


def page_span(months: Months) -> str:
    """'January 2022 – March 2022': the months one timeline page covers."""
    if not months:
        return "no records"
    first, last = months[0][0], months[-1][0]
    return first if first == last else f"{first} – {last}"


def topics(base: FactBase) -> dict[str, list[Item]]:
    """Every topic, by slug, with the events and statements carrying it, and the figures counted at those
    events, in date order."""
    members: dict[str, set[Item]] = {}
    for kind, rid, record_topics in topic_lists(base):
        for topic in record_topics:
            members.setdefault(topic, set()).add((kind, rid))
    for rid, figure in base.records(FIGURES).items():
        for topic in base.get(EVENTS, figure.event).topics if figure.event else ():
            members[topic].add((FIGURES.name, rid))
    return {topic: in_date_order(base, list(members[topic])) for topic in sorted(members)}


def topic_lists(base: FactBase) -> list[tuple[str, str, list[str]]]:
    """(kind, id, topics) of every event, then every statement, in id order."""
    return ([(EVENTS.name, rid, r.topics) for rid, r in sorted(base.records(EVENTS).items())]
            + [(STATEMENTS.name, rid, r.topics) for rid, r in sorted(base.records(STATEMENTS).items())])


def of_kind(items: list[Item], kind: str) -> list[str]:
    """The ids of one kind among mixed (kind, id) items, in their order."""
    return [rid for item_kind, rid in items if item_kind == kind]


def count(number: int, noun: str) -> str:
    """'1 statement', '2 statements', '0 events'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def actor_type(value: str) -> str:
    return words.actor_type(value)


def statement_kind(value: str) -> str:
    return {"quote": "Quote: the exact words, as a source quotes them",
            "paraphrase": "Paraphrase: a source's summary, not the exact words",
            "position": "Position: a stance attributed by a source"}[value]


def excerpt(text: str, limit: int = 120) -> str:
    """A statement shortened on a word boundary for tables."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def participant_role(event: Event, actor_id: str) -> str:
    roles = [p.role for p in event.participants if p.actor == actor_id and p.role]
    return "; ".join(roles) or "participant"


def how_named(actor: Actor, target: str) -> str:
    """Why another actor's record names this one: a role in it, or membership."""
    roles = [r.title for r in actor.roles if r.of == target]
    if target in actor.member_of:
        roles.append("member")
    return "; ".join(roles)


def group_by(base: FactBase, kind: str, ids: list[str], field: str) -> list[tuple[str, list[str]]]:
    """Consecutive runs of ids sharing a field value (ids are already ordered by it)."""
    groups: list[tuple[str, list[str]]] = []
    for rid in ids:
        value = str(getattr(base.get(kind, rid), field))
        if not groups or groups[-1][0] != value:
            groups.append((value, []))
        groups[-1][1].append(rid)
    return groups


def verdict_text(base: FactBase, group: Comparison) -> str:
    """What the figures counted at one date say together (computed; each figure's status is separate)."""
    if group.verdict == "agree":
        return f"✅ The {len(group.figure_ids)} figures for {group.when} give the same number."
    if group.verdict == "compatible":  # differently worded, not in conflict: no warning sign
        wordings = " and ".join(f"“{figure_amount(base.get(FIGURES, f))}”" for f in group.figure_ids)
        return (f"The {len(group.figure_ids)} figures for {group.when} are worded differently but compatible: "
                f"{wordings}; one number satisfies them all.")
    if group.verdict == "disagree":
        amounts = sorted({figure_amount(base.get(FIGURES, f)) for f in group.figure_ids})
        spread = f" (spread {group.spread})" if group.spread else ""
        return f"⚠️ The figures for {group.when} differ: {' vs '.join(amounts)}{spread}."
    return f"One figure for {group.when}."


def group_verdict(group: Comparison) -> str:
    """A short verdict for one date's figures, for the home page's table."""
    count = len(group.figure_ids)
    return {"agree": f"{count} figures, same number", "compatible": f"{count} figures, compatible wordings",
            "disagree": f"{count} figures that differ"}.get(group.verdict, "one figure")


def view_verdict(view: MeasureView) -> str:
    verdicts = {g.verdict for g in view.groups}
    if "disagree" in verdicts:
        return "figures differ"
    if "compatible" in verdicts:
        return "figures compatible"
    if view.is_series:
        return "a series over time (earlier dates first)"
    return "figures agree" if "agree" in verdicts else "one figure"


def officials(base: FactBase, actor_id: str) -> list[str]:
    """Actors who hold a role in, or are members of, this one (``roles.of``, ``member_of``)."""
    return linked_ids(base, "actors", actor_id, "actors")


def statements_by_officials(base: FactBase, actor_id: str) -> list[str]:
    """What an organisation or state said through its people: its officials' and members' statements."""
    said = {s for person in officials(base, actor_id)
            for s in linked_ids(base, "actors", person, "statements", "speaker")}
    return newest_first(base, "statements", sorted(said))


def outside_groups(view: MeasureView, members: list[str]) -> list[str]:
    """Figures left out of every comparison (retracted ones) still appear on the index."""
    grouped = {f for g in view.groups for f in g.figure_ids}
    return [m for m in members if m not in grouped]


def headline(measures: Mapping[str, MeasureView], limit: int = 8) -> list[tuple[str, MeasureView]]:
    """Measures where sources are compared come first: that is what readers look for."""
    def weight(item: tuple[str, MeasureView]) -> tuple[int, str]:
        return (-max((len(g.figure_ids) for g in item[1].groups), default=0), item[0])

    return sorted(measures.items(), key=weight)[:limit]


def breakdown_text(base: FactBase, figure_id: str) -> str:
    return breakdown(base, figure_id) or ""


# --- the second edition's fields: speakers, variants, copies, parts, derived dates -----------

def variants(base: FactBase, statement_id: str) -> list[str]:
    """Every other rendering of the same utterance: the statements joined to this one by variant_of, either way."""
    family, todo = {statement_id}, [statement_id]
    while todo:
        current = todo.pop()
        original = base.get(STATEMENTS, current).variant_of
        linked = [r.id for r in base.linking_to("statements", current, "statements") if r.field == "variant_of"]
        for other in ([original] if original else []) + linked:
            if other not in family:
                family.add(other)
                todo.append(other)
    return sorted(family - {statement_id})


def copies(base: FactBase, source_id: str) -> list[str]:
    """Sources that say they copy this one (copy_of)."""
    return sorted(r.id for r in base.linking_to("sources", source_id, "sources") if r.field == "copy_of")


def language_text(statement: Any) -> str:
    """'English (said in Arabic)': the language of the text as recorded, and the one it was said in."""
    recorded = words.language_name(statement.language) if statement.language else "not stated"
    if statement.original_language and statement.original_language != statement.language:
        return f"{recorded} (said in {words.language_name(statement.original_language)})"
    return recorded


def date_basis(record: Any) -> str:
    """' (derived: …)' after a date the source does not print; '' otherwise."""
    return f" (derived from {record.date_basis})" if getattr(record, "date_basis", None) else ""


PartRow = tuple[str, str]  # (figure id, which part)


def known_parts(base: FactBase, total_id: str) -> list[tuple[str, list[PartRow], str, str]]:
    """The total's known parts, by the dimensions they break it down by: (dimensions, rows, sum, flag)."""
    total = base.get(FIGURES, total_id)
    out = []
    for dimensions, ids in sorted(parts.known_parts(base, total_id).items()):
        ids = sorted(ids)
        spans = [interval(base.get(FIGURES, pid)) for pid in ids]
        low = sum((s[0][0] or Decimal(0) for s in spans), Decimal(0))
        high_ends = [s[1][0] for s in spans]
        high = None if None in high_ends else sum((h for h in high_ends if h is not None), Decimal(0))
        summed = interval_text(((low, any(s[0][1] for s in spans)), (high, False)))
        out.append((", ".join(dimensions), [(pid, part_text(base.get(FIGURES, pid))) for pid in ids], summed,
                    _parts_flag(interval(total), low, high)))
    return out


def _parts_flag(total: Any, low: Decimal, high: Decimal | None) -> str:
    """Whether the known parts make up the whole total, or leave some of it not broken down."""
    (total_low, _), (total_high, _) = total
    if total_low is not None and high is not None and high < total_low:
        return f"⚑ {format(total_low - high, ',')} of the total not broken down by the sources"
    if total_low == total_high == low == high:
        return "✓ the known parts add up to the total"
    return "the known parts fit within the total"
def differing(measures: Mapping[str, MeasureView], verdict: str = "disagree") -> list[tuple[str, Comparison]]:
    """(measure, group) for every date at which the figures for one measure differ ("disagree"), or are
    worded differently but can all be true ("compatible")."""
    return [(measure, group) for measure, view in measures.items() for group in view.groups
            if group.verdict == verdict]


def with_status(base: FactBase, status: str) -> list[Item]:
    """Every record of a cited kind with this status, by kind then date."""
    return [(kind.name, rid) for kind in KINDS.values() if issubclass(kind.model, Cited)
            for rid in chronological(base, kind.name, [rid for rid in base.entries[kind.name]  # few: sorted after
                                                       if getattr(base.get(kind.name, rid), "status", None) == status])]


def dated_differently(base: FactBase) -> list[tuple[Item, list[str]]]:
    """Every record some source dates differently, by kind then date, with the statements made at it (an
    event's date is theirs too)."""
    rows = []
    for kind in KINDS.values():
        if not issubclass(kind.model, Cited):
            continue
        dated = [rid for rid in base.entries[kind.name] if _dated_differently(base.get(kind.name, rid))]
        for rid in chronological(base, kind.name, dated):  # few: sorted once found
            said_there = linked_ids(base, EVENTS.name, rid, STATEMENTS.name, "event") if kind is EVENTS else []
            rows.append(((kind.name, rid), chronological(base, STATEMENTS.name, said_there)))
    return rows


def _dated_differently(record: Any) -> bool:
    return isinstance(record, Cited) and bool(record.dates_given_differently())


def event_dated_differently(base: FactBase, record: BaseModel) -> str | None:
    """The id of the record's event when some source gives that event's date differently."""
    event_id = getattr(record, "event", None)
    event = base.get(EVENTS, event_id) if event_id else None
    if isinstance(event, Cited) and event.dates_given_differently():
        return str(event_id)
    return None


def given_date_text(value: PartialDate | str) -> str:
    """A source's own date: '15 December 2023', or its words in quotation marks ('“on Friday”')."""
    return words.date_text(value) if isinstance(value, PartialDate) else f"“{value}”"


def dispute_text(record: BaseModel) -> str:
    """What the record says about the dispute: its editor's note, else its context or description."""
    for name in ("notes", "context", "description"):
        text = getattr(record, name, None)
        if text:
            return excerpt(str(text), 300)
    return "see the record's sources"
