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
    source: SourceId = Field(description="the cited source")
    quote: Text | None = Field(None, description="the source's own words that support the record, copied exactly")
    locator: Text | None = Field(None, description='where in the source the words are, e.g. "paragraph 4"')


Citations = Annotated[list[Citation], short_form("source"), AfterValidator(non_empty),
                      Field(description="the sources behind the record: each a source id, or "
                                        "{source, quote, locator}")]


class Record(Strict):
    """Fields every kind shares."""

    notes: Text | None = Field(None, description="editorial notes, shown on the record's page")


class Cited(Record):
    sources: Citations
    status: Status = Field("reported", description="how well established the record is (see the methodology "
                                                   "page); to correct a record, retract it: never delete it")


class Source(Record):
    title: Text = Field(description="the headline or title, as published")
    publisher: Text = Field(description="who published the source")
    type: Literal["news-report", "official-statement", "transcript", "report", "dataset",
                  "social-media-post", "video"] = Field(description="what sort of source it is")
    url: Url | None = Field(None, description="the link to the source")
    published: DateField | None = Field(None, description="the publication date the source states")
    accessed: DateField | None = Field(None, description="when an editor read the source")
    language: Language | None = Field(None, description="the language the source is written in")
    archive_url: Url | None = Field(None, description="a link to an archived copy of the source")


class Alias(Strict):
    name: Text = Field(description="the other name, as written")
    lang: Language | None = Field(None, description="the language of that name")


class Role(Strict):
    title: Text = Field(description="the office, e.g. President")
    of: ActorId | None = Field(None, description="the organisation or state the office is held in")
    start: DateField | None = Field(None, description="when the role began")
    end: DateField | None = Field(None, description="when the role ended (left out while it lasts)")

    @model_validator(mode="after")
    def _ordered(self) -> Role:
        _check_order(self.start, self.end)
        return self


def _check_order(start: PartialDate | None, end: PartialDate | None) -> None:
    if start and end and end.latest() < start.earliest():
        raise fail("date_order", "{end} is before the start, {start}", at="end", end=str(end), start=str(start))


class Actor(Cited):
    name: Text = Field(description="the actor's name as most English-language sources write it")
    type: Literal["person", "organization", "state", "armed-group", "intergovernmental-organization",
                  "government-body"] = Field(description="what sort of actor it is")
    aliases: Annotated[list[Alias], short_form("name")] = Field(
        [], description="other names of the actor: each a name, or {name, lang}")
    description: Text | None = Field(None, description="one or two neutral sentences on who the actor is")
    roles: list[Role] = Field([], description="offices the actor holds or held: each a title, and where known "
                                              "of, start and end")
    member_of: list[ActorId] = Field([], description="the organisations this actor belongs to")
    country: Country | None = Field(None, description="the actor's country")
    wikidata: Wikidata | None = Field(None, description="the actor's entry in Wikidata")


class Statement(Cited):
    speaker: ActorId = Field(description="the actor who made the statement")
    date: DateField = Field(description="when the statement was made")
    text: Text = Field(description="the statement's words: exact for a quote, a faithful summary for a "
                                   "paraphrase or position")
    kind: Literal["quote", "paraphrase", "position"] = Field(
        "quote", description="quote: the exact words a source puts in quotation marks; paraphrase: a source's "
                             "summary of what was said; position: a stance attributed with no words quoted")
    language: Language | None = Field(None, description="the language the words were said in")
    context: Text | None = Field(None, description="where, when and to whom the statement was made")
    event: EventId | None = Field(None, description="the event at which the statement was made")
    about: list[ActorId] = Field([], description="the actors the statement is about")
    topics: list[Topic] = Field([], description="topics the statement belongs to, such as humanitarian-pause")


class Period(Strict):
    start: DateField = Field(description="the first day, month or year of the span")
    end: DateField | None = Field(None, description="the last day, month or year of the span")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        _check_order(self.start, self.end)
        return self


class Figure(Cited):
    label: Text = Field(description="what the figure counts, in a few words")
    measure: Slug = Field(description="what is counted, as a short id: figures with the same measure and date "
                                      "or period are compared")
    value: Number | None = Field(None, description="the number the source gives (for a range, leave it out and "
                                                   "give min and/or max)")
    min: Number | None = Field(None, description="the low end of a range")
    max: Number | None = Field(None, description="the high end of a range")
    min_exclusive: Flag = Field(False, description='true when the source says "more than" the min')
    approximate: Flag = Field(False, description='true when the source says "about", "around" or "nearly"')
    unit: Text = Field(description="what one unit of the figure is, e.g. people, days, trucks")
    as_of: DateField | None = Field(None, description="the date the figure describes (or give period instead)")
    period: Period | None = Field(None, description="the span the figure covers: {start, end}")
    reported_by: ActorId | None = Field(None, description="the actor that gave the figure")
    about: list[ActorId] = Field([], description="the actors the figure is about")
    event: EventId | None = Field(None, description="the event the figure belongs to")
    parts: list[FigureId] = Field([], description="the figures that add up to this one")

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
    actor: ActorId = Field(description="the actor who took part")
    role: Text | None = Field(None, description="their part in it, e.g. host, mediator")


class Event(Cited):
    title: Text = Field(description="what happened, in a few words")
    date: DateField | None = Field(None, description="when the event happened (for a span, leave it out and "
                                                     "give start and end)")
    start: DateField | None = Field(None, description="the first day, month or year of the event")
    end: DateField | None = Field(None, description="the last day, month or year of the event")
    type: Literal["meeting", "negotiation", "truce", "release", "vote", "statement",
                  "military-operation", "other"] = Field("other", description="what sort of event it is")
    location: Text | None = Field(None, description="where the event happened")
    participants: Annotated[list[Participant], short_form("actor")] = Field(
        [], description="actors who took part: each an actor id, or {actor, role}")
    description: Text | None = Field(None, description="a few neutral sentences on what happened")
    topics: list[Topic] = Field([], description="topics the event belongs to, such as humanitarian-pause")

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


# --- names for the slugs that records share --------------------------------

class Term(Strict):
    """The human name of a measure or topic: ``content/measures/<slug>.yaml``, ``content/topics/<slug>.yaml``.

    Optional: a slug without one is shown with its hyphens as spaces. The slug stays in URLs and data.
    """

    name: Text = Field(description="what readers see instead of the slug, e.g. 'Hostages released'")
    description: Text | None = Field(None, description="one sentence on what it covers, shown on its pages")


VOCABULARIES = ("measures", "topics")  # folders of Term files: figures' `measure`, statements' and events' `topics`
