"""Stage 3: resolve every reference between records and index the links both ways."""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast, overload

from generator.model.errors import Problem
from generator.model.kinds import ACTORS, KINDS, STATEMENTS, Kind
from generator.model.records import Cited, Record
from generator.read.load import RawRecord
from generator.read.yamlload import dotted

R = TypeVar("R", bound=Record)
S = TypeVar("S", bound=Record)
UNIQUE_LISTS = ("member_of", "about", "topics", "parts", "aliases", "speaker", "authors", "former_ids")
# Fields naming another record of the same kind as "the same thing, told elsewhere": following them must end.
CHAINS = {"statements": "variant_of", "sources": "copy_of"}


@dataclass(frozen=True, order=True)
class Ref:
    """A link from one record's field to another record."""

    kind: str
    id: str
    field: str


@dataclass
class Entry(Generic[R]):
    """A validated record with where it came from."""

    kind: str
    id: str
    record: R
    raw: RawRecord

    def of(self, model: type[S]) -> Entry[S] | None:
        """This entry typed as holding a ``model`` record, or None when its record is another kind's."""
        return cast("Entry[S]", self) if isinstance(self.record, model) else None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)


@dataclass
class FactBase:
    """Every record, by kind and id, with the links between them resolved both ways."""

    entries: dict[str, dict[str, Entry[Record]]] = field(default_factory=dict)
    backlinks: dict[tuple[str, str], list[Ref]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # provenance warnings: reported, never fatal
    terms: dict[str, dict[str, Any]] = field(default_factory=dict)  # names of measures and topics (read.terms)

    @overload
    def get(self, kind: Kind[R], record_id: str) -> R: ...
    @overload
    def get(self, kind: str, record_id: str) -> Record: ...
    def get(self, kind: Kind[Any] | str, record_id: str) -> Any:  # the overloads above type it
        """A record by kind and id: typed when the kind is given as its ``Kind`` (templates pass the name)."""
        return self.entries[kind if isinstance(kind, str) else kind.name][record_id].record

    def entries_of(self, kind: Kind[R]) -> dict[str, Entry[R]]:
        """A kind's entries, typed: each holds a ``kind.model`` record (``link`` files them so)."""
        return cast("dict[str, Entry[R]]", self.entries.get(kind.name, {}))

    @overload
    def records(self, kind: Kind[R]) -> dict[str, R]: ...
    @overload
    def records(self, kind: str) -> dict[str, Record]: ...
    def records(self, kind: Kind[Any] | str) -> dict[str, Any]:
        return {rid: e.record for rid, e in self.entries[kind if isinstance(kind, str) else kind.name].items()}

    def linking_to(self, kind: str, record_id: str, from_kind: str | None = None) -> list[Ref]:
        refs = self.backlinks.get((kind, record_id), [])
        return [r for r in refs if from_kind is None or r.kind == from_kind]

    def counts(self) -> dict[str, int]:
        return {kind: len(items) for kind, items in self.entries.items()}


FieldPath = tuple[str | int, ...]


def walk(value: Any, spec: tuple[str, ...], path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every (path, id) that a reference spec points at inside one record."""
    if not spec:
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, list):  # a field taking one id or a list of them (speaker)
            yield from ((path + (index,), item) for index, item in enumerate(value) if isinstance(item, str))
        return
    head, rest = spec[0], spec[1:]
    if head == "*":
        for index, item in enumerate(value or []):
            yield from walk(item, rest, path + (index,))
    else:
        yield from walk(getattr(value, head, None), rest, path + (head,))


def references(kind: str, record: Record) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(field path, target kind, target id) for every reference in a record."""
    for spec, target in KINDS[kind].references:
        for path, target_id in walk(record, spec):
            yield path, target, target_id


def link(validated: list[tuple[RawRecord, Record]],
         invalid: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
         broken: dict[tuple[str, str], str] | None = None) -> tuple[FactBase, list[Problem]]:
    """Resolve references; dangling, wrong-kind, repeated and circular ones are problems.

    ``invalid`` names records that exist but failed validation: references to
    them are not reported again as dangling. ``broken`` maps records whose file
    did not parse to that file: a reference to one names it as the cause.
    """
    broken = broken or {}
    base = FactBase(entries={kind: {} for kind in KINDS})
    for raw, record in validated:
        base.entries[raw.kind][raw.id] = Entry(raw.kind, raw.id, record, raw)
    problems: list[Problem] = []
    backlinks: dict[tuple[str, str], set[Ref]] = defaultdict(set)
    for kind in KINDS:
        for entry in base.entries[kind].values():
            problems += _repeats(entry)
            for path, target, target_id in references(kind, entry.record):
                if (target, target_id) in invalid:
                    continue
                if (target, target_id) in broken and target_id not in base.entries[target]:
                    problems.append(problem_at(entry, path, f"unknown {KINDS[target].singular} '{target_id}': "
                                                     f"{broken[(target, target_id)]} has errors of its own, "
                                                     "fix those first"))
                    continue
                problem = _resolve(base, entry, path, target, target_id)
                if problem:
                    problems.append(problem)
                else:
                    backlinks[(target, target_id)].add(Ref(kind, entry.id, str(path[0])))
    base.backlinks = {key: sorted(refs, key=_ref_order) for key, refs in sorted(backlinks.items())}
    if not problems:
        problems += [p for kind, name in CHAINS.items() for p in _cycles(base, kind, name)]
        problems += _unnamed_people(base)
    return base, problems


def _ref_order(ref: Ref) -> tuple[str, str, str]:
    """Ref's own order (kind, id, field), as a tuple: the dataclass's comparison was a tenth of ``link``."""
    return ref.kind, ref.id, ref.field


def _unnamed_people(base: FactBase) -> list[Problem]:
    """A speaker the source does not name is never attributed to a person: speaker is the body they speak for."""
    problems = []
    for entry in base.entries_of(STATEMENTS).values():
        record = entry.record
        if not record.speaker_description:
            continue
        for index, actor_id in enumerate(record.speakers):
            if base.get(ACTORS, actor_id).type == "person":
                path: tuple[str | int, ...] = ("speaker",) if isinstance(record.speaker, str) else ("speaker", index)
                problems.append(problem_at(entry, path, f"'{actor_id}' is a person: for a speaker the source does not "
                                                 "name, speaker is the body they speak for (a state, an "
                                                 "organisation), never a person"))
    return problems


def _cycles(base: FactBase, kind: str, name: str) -> list[Problem]:
    """Records whose chain of ``name`` (variant_of, copy_of) comes back to them: one must be the original."""
    problems = []
    for entry in base.entries[kind].values():
        seen = [entry.id]
        current = getattr(entry.record, name)
        while current is not None and current not in seen:
            seen.append(current)
            current = getattr(base.get(kind, current), name)
        if current == entry.id:
            loop = " → ".join(seen + [entry.id])
            problems.append(problem_at(entry, (name,), f"{loop} is a circle: one of them is the original, "
                                                f"remove its {name}"))
    return problems


def _resolve(base: FactBase, entry: Entry[Record], path: FieldPath, target: str, target_id: str) -> Problem | None:
    if target_id in base.entries[target]:
        if target == entry.kind and target_id == entry.id:
            return problem_at(entry, path, f"a {KINDS[target].singular} cannot refer to itself")
        return None
    for other, items in base.entries.items():
        if target_id in items:
            there = items[target_id].raw.display
            return problem_at(entry, path, f"'{target_id}' is {_article(KINDS[other].singular)} ({there}), "
                                          f"not {_article(KINDS[target].singular)}")
    hint = difflib.get_close_matches(target_id, sorted(base.entries[target]), n=1, cutoff=0.75)
    suffix = f" (did you mean '{hint[0]}'?)" if hint else ""
    return problem_at(entry, path, f"unknown {KINDS[target].singular} '{target_id}'{suffix}: "
                                  f"add content/{target}/{target_id}.yaml or fix the id")


def _article(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _repeats(entry: Entry[Record]) -> list[Problem]:
    """The same source twice in one citation list, or the same id twice in a list."""
    problems = []
    fields = type(entry.record).model_fields  # a missing attribute costs pydantic an exception: ask only its own
    values = [(name, getattr(entry.record, name)) for name in UNIQUE_LISTS if name in fields]
    lists: list[tuple[str, list[Any]]] = [(name, list(value)) for name, value in values if isinstance(value, list)]
    if isinstance(entry.record, Cited):
        lists.append(("sources", [c.source for c in entry.record.sources]))
    for name, items in lists:
        if len(items) < 2:
            continue
        seen: dict[Any, int] = {}
        for index, item in enumerate(items):
            written = item.name if hasattr(item, "name") else item
            key = unicodedata.normalize("NFC", written)  # "é" as one character or as e + U+0301: the same alias
            if key in seen:
                path = (name, index, "source") if name == "sources" else (name, index)
                message = f"'{written}' is listed twice (also {name}[{seen[key]}]): keep one"
                problems.append(problem_at(entry, path, message))
            seen.setdefault(key, index)
    return problems


def problem_at(entry: Entry[Any], path: FieldPath, message: str, severity: str = "error") -> Problem:
    """A problem pointing at one field of a record: its file, line, column and dotted path."""
    line, col = entry.raw.doc.position(path)
    return Problem(entry.raw.display, line, col, dotted(path), message, severity)
