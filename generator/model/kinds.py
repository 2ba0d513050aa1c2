"""The registry of record kinds: each kind declared once, and read by every stage.

A kind is a folder of ``content/`` holding records of one model. What the rest of
the generator needs to know about it is here or derived from its model: which
fields name other records (the ``RefersTo`` marks in ``records``), whether it
cites sources (its model extends ``Cited``), its title and index order.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

from generator.model.records import Actor, Cited, Event, Figure, Record, Source, Statement
from generator.model.values import RefersTo

R = TypeVar("R", bound=Record, covariant=True)  # a Kind[Actor] is a Kind[Record]
FieldSpec = tuple[str, ...]  # a field path inside a record; "*" stands for every item of a list


@dataclass(frozen=True)
class Kind(Generic[R]):
    """One kind of record: its folder, its model, and how readers see it."""

    name: str  # the folder under content/ and the first part of every page address: "actors"
    singular: str  # "actor": in messages, template names and schema files
    title: str  # what readers call the kind: headings, breadcrumbs
    model: type[R]
    title_field: str  # the field that names a record; when it refers to another record: its title, then the date
    sort_field: str | None  # the index is sorted by this field; None: in date order, paged by month
    newest_first: bool = False  # for a kind in date order

    @property
    def cited(self) -> bool:
        """Whether its records cite sources (and so are checked against them)."""
        return issubclass(self.model, Cited)

    @property
    def dated(self) -> bool:
        return self.sort_field is None

    @functools.cached_property
    def references(self) -> tuple[tuple[FieldSpec, str], ...]:
        """(field path, target kind) for every field that names another record, read from the model."""
        return tuple(reference_specs(self.model))


ACTORS = Kind("actors", "actor", "Actors", Actor, title_field="name", sort_field="type")
STATEMENTS = Kind("statements", "statement", "Statements", Statement, title_field="speaker", sort_field=None,
                  newest_first=True)
FIGURES = Kind("figures", "figure", "Figures", Figure, title_field="label", sort_field="measure")
EVENTS = Kind("events", "event", "Events", Event, title_field="title", sort_field=None)
SOURCES = Kind("sources", "source", "Sources", Source, title_field="title", sort_field="publisher")

# Every kind, in the order the site lists them.
KINDS: dict[str, Kind[Record]] = {kind.name: kind for kind in (ACTORS, STATEMENTS, FIGURES, EVENTS, SOURCES)}
CITED_KINDS = tuple(kind for kind in KINDS.values() if kind.cited)
# A kind by its folder name or its singular: what an editor types on the command line.
KIND_NAMES = {**{kind.name: kind for kind in KINDS.values()}, **{kind.singular: kind for kind in KINDS.values()}}


def reference_specs(model: type[BaseModel], prefix: FieldSpec = ()) -> Iterator[tuple[FieldSpec, str]]:
    for name, info in model.model_fields.items():
        yield from _specs(info.annotation, tuple(info.metadata), prefix + (name,))


def _specs(annotation: Any, metadata: tuple[Any, ...], path: FieldSpec) -> Iterator[tuple[FieldSpec, str]]:
    marks = [meta.kind for meta in metadata if isinstance(meta, RefersTo)]
    if marks:
        yield path, marks[0]
        return
    origin = get_origin(annotation)
    if origin is Annotated:
        yield from _specs(get_args(annotation)[0], get_args(annotation)[1:], path)
    elif origin is list:
        yield from _specs(get_args(annotation)[0], (), path + ("*",))
    elif origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            yield from _specs(arg, (), path)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from reference_specs(annotation, path)
