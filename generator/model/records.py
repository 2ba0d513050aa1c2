"""The declared schema: the editors' contract, and the source of the JSON Schema files.

One model per record kind (registered in ``kinds``), built from the value types
in ``values``. A field that names another record is typed as that kind's id
(``ActorId``...), so the linker, the skeleton and the diff all know where it points.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from generator.model.values import (
    Country,
    DateField,
    Flag,
    Language,
    Number,
    PartialDate,
    RefersTo,
    Slug,
    Text,
    Topic,
    Url,
    Wikidata,
    check_slug,
    fail,
    non_empty,
    short_form,
)

ActorId = Annotated[str, AfterValidator(check_slug), RefersTo("actors")]
EventId = Annotated[str, AfterValidator(check_slug), RefersTo("events")]
FigureId = Annotated[str, AfterValidator(check_slug), RefersTo("figures")]
SourceId = Annotated[str, AfterValidator(check_slug), RefersTo("sources")]


Status = Literal["reported", "confirmed", "disputed", "retracted"]


class Strict(BaseModel):
    """Unknown fields are errors; values are never coerced behind the editor's back."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, hide_input_in_errors=True)


class Citation(Strict):
    source: SourceId = Field(description="id of a record in content/sources/")
    quote: Text | None = Field(None, description="the words in that source that support this record")
    locator: Text | None = Field(None, description='where in the source, e.g. "paragraph 4"')


Citations = Annotated[list[Citation], short_form("source"), AfterValidator(non_empty),
                      Field(description="the sources behind this record: ids, or {source, quote, locator}")]


class Record(Strict):
    """Fields every kind shares."""

    notes: Text | None = Field(None, description="editorial notes shown on the page")


class Cited(Record):
    sources: Citations
    status: Status = Field("reported", description="reported, confirmed, disputed or retracted")


class Source(Record):
    title: Text
    publisher: Text
    type: Literal["news-report", "official-statement", "transcript", "report", "dataset",
                  "social-media-post", "video"]
    url: Url | None = None
    published: DateField | None = None
    accessed: DateField | None = None
    language: Language | None = None
    archive_url: Url | None = None


class Alias(Strict):
    name: Text
    lang: Language | None = None


class Role(Strict):
    title: Text
    of: ActorId | None = Field(None, description="id of the actor this role is held in")
    start: DateField | None = None
    end: DateField | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Role:
        _check_order(self.start, self.end)
        return self


def _check_order(start: PartialDate | None, end: PartialDate | None) -> None:
    if start and end and end.latest() < start.earliest():
        raise fail("date_order", "{end} is before the start, {start}", at="end", end=str(end), start=str(start))


class Actor(Cited):
    name: Text
    type: Literal["person", "organization", "state", "armed-group", "intergovernmental-organization",
                  "government-body"]
    aliases: Annotated[list[Alias], short_form("name")] = []
    description: Text | None = None
    roles: list[Role] = []
    member_of: list[ActorId] = []
    country: Country | None = None
    wikidata: Wikidata | None = None


class Statement(Cited):
    speaker: ActorId
    date: DateField
    text: Text
    kind: Literal["quote", "paraphrase", "position"] = "quote"
    language: Language | None = None
    context: Text | None = None
    event: EventId | None = None
    about: list[ActorId] = []
    topics: list[Topic] = []


class Period(Strict):
    start: DateField
    end: DateField | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        _check_order(self.start, self.end)
        return self


class Figure(Cited):
    label: Text
    measure: Slug
    value: Number | None = None
    min: Number | None = None
    max: Number | None = None
    min_exclusive: Flag = Field(False, description='true when the source says "more than" the min')
    approximate: Flag = False
    unit: Text
    as_of: DateField | None = None
    period: Period | None = None
    reported_by: ActorId | None = None
    about: list[ActorId] = []
    event: EventId | None = None
    parts: list[FigureId] = Field([], description="ids of figures that add up to this one")

    @model_validator(mode="after")
    def _amount(self) -> Figure:
        if self.value is None and self.min is None and self.max is None:
            raise fail("amount", "give a value, or a range with min and/or max", at="value")
        if self.value is not None and (self.min is not None or self.max is not None):
            raise fail("amount", "give either value or min/max, not both", at="value")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise fail("amount", "{min} is greater than max ({max})", at="min", min=self.min, max=self.max)
        if self.as_of and self.period:
            raise fail("when", "give either as_of or period, not both", at="period")
        return self


class Participant(Strict):
    actor: ActorId
    role: Text | None = None


class Event(Cited):
    title: Text
    date: DateField | None = None
    start: DateField | None = None
    end: DateField | None = None
    type: Literal["meeting", "negotiation", "truce", "release", "vote", "statement",
                  "military-operation", "other"] = "other"
    location: Text | None = None
    participants: Annotated[list[Participant], short_form("actor")] = []
    description: Text | None = None
    topics: list[Topic] = []

    @model_validator(mode="after")
    def _when(self) -> Event:
        if self.date is None and self.start is None:
            raise fail("when", "give a date, or a start (and end)", at="date")
        if self.date is not None and (self.start or self.end):
            raise fail("when", "give either date or start/end, not both", at="date")
        _check_order(self.start, self.end)
        return self

    @property
    def when(self) -> PartialDate:
        return self.date or self.start  # type: ignore[return-value]
