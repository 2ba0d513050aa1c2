"""The declared schema: the editors' contract, and the source of the JSON Schema files.

One model per record kind (registered in ``kinds``), built from the value types
in ``values``. A field that names another record is typed as that kind's id
(``ActorId``...), so the linker, the skeleton and the diff all know where it points.
"""

from __future__ import annotations

import calendar
import re
from datetime import date as Day
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from generator.model.values import (
    SLUG,
    SLUG_PATTERN,
    Country,
    DateField,
    DateGiven,
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
    visible,
)

ActorId = Annotated[str, AfterValidator(check_slug), RefersTo("actors")]
EventId = Annotated[str, AfterValidator(check_slug), RefersTo("events")]
FigureId = Annotated[str, AfterValidator(check_slug), RefersTo("figures")]
SourceId = Annotated[str, AfterValidator(check_slug), RefersTo("sources")]
StatementId = Annotated[str, AfterValidator(check_slug), RefersTo("statements")]


def _date_basis() -> Any:
    return Field(None, description="how the date was derived when the source does not print it, e.g. "
                                   "\"'Tuesday' in a report dated 13 December 2023\"; shown beside the date")


Status = Literal["reported", "confirmed", "disputed", "retracted"]
DaySpan = tuple[Day, Day]  # the first and last day a date or span allows


class Strict(BaseModel):
    """Unknown fields are errors; values are never coerced behind the editor's back."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, hide_input_in_errors=True)


class Citation(Strict):
    source: SourceId = Field(description="the cited source")
    quote: Text | None = Field(None, description="the source's own words that support the record, copied "
                                                 "exactly: never an editor's sentence (that is a summary)")
    summary: Text | None = Field(None, description="the editors' summary of what the source says, in their own "
                                                   "words; shown without quotation marks, labelled as a summary")
    locator: Text | None = Field(None, description='where in the source the words are, e.g. "paragraph 4"')
    date_given: DateGiven | None = Field(None, description="for a statement, event or figure: the date this "
                                                           "source gives for it when that is not the record's own "
                                                           "date (a figure's as_of or period), as a date or in the "
                                                           "source's words for a day it names without one (e.g. "
                                                           "on Friday); a date that cannot be the record's lists "
                                                           "the record on the Disagreements page")


Citations = Annotated[list[Citation], short_form("source"), AfterValidator(non_empty),
                      Field(description="the sources behind the record: each a source id, or "
                                        "{source, quote, summary, locator, date_given}")]


class Record(Strict):
    """Fields every kind shares."""

    notes: Text | None = Field(None, description="editorial notes, shown on the record's page")
    former_ids: list[Slug] = Field([], description="ids this record had before (renamed, or merged into it): "
                                                   "each old address redirects to this record's page")


class Cited(Record):
    sources: Citations
    status: Status = Field("reported", description="how well established the record is (see the methodology "
                                                   "page); to correct a record, retract it: never delete it")

    def own_date(self) -> PartialDate | None:
        """The single date the record gives (None for a span or no date)."""
        return None

    def own_span(self) -> DaySpan | None:
        """The first and last day the record's date or span allows (None when it has no date)."""
        return None

    def dates_given_differently(self) -> list[tuple[int, Citation]]:
        """(footnote number, citation) for each source whose date for the record cannot be the record's:
        a date outside the record's span, or words for a day that the source does not date."""
        given = [(number, c, c.date_given) for number, c in enumerate(self.sources, start=1)
                 if c.date_given is not None]
        span = self.own_span() if given else None  # most records have no date_given: no span to work out
        return [(number, c) for number, c, date in given if span is not None and not _within(date, span)]

    @model_validator(mode="after")
    def _dates_given(self) -> Cited:
        for index, citation in enumerate(self.sources):
            if citation.date_given is None:
                continue
            at = ("sources", index, "date_given")
            if self.own_span() is None:
                raise fail("date_given", "this record has no date for a source to give differently: "
                                         "date_given is for statements, events and figures with a date", at=at)
            if isinstance(citation.date_given, PartialDate) and citation.date_given == self.own_date():
                raise fail("date_given", "is the record's own date: leave date_given out (it is for a source "
                                         "that gives another date)", at=at)
            own = self.own_date()
            if isinstance(citation.date_given, str) and own is not None and own.day and _names_weekday(
                    citation.date_given, own.earliest()):
                raise fail("date_given", "'{words}' names the record's own day ({day} is a {weekday}): leave "
                                         "date_given out (it is for a source that gives another date)", at=at,
                           words=citation.date_given, day=str(own), weekday=calendar.day_name[own.earliest().weekday()])
        return self


def _names_weekday(words: str, day: Day) -> bool:
    """Whether the words name that day's weekday and no other ("on Tuesday" for a Tuesday)."""
    named = {n for n, name in enumerate(calendar.day_name) if re.search(rf"\b{name}\b", words, re.IGNORECASE)}
    return named == {day.weekday()}


def _within(given: PartialDate | str, span: DaySpan) -> bool:
    """Whether the source's date can be the record's: words never can be checked, so they count as differing."""
    return isinstance(given, PartialDate) and given.earliest() <= span[1] and given.latest() >= span[0]


def _span(start: PartialDate | None, end: PartialDate | None = None) -> DaySpan | None:
    return (start.earliest(), (end or start).latest()) if start else None


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
    authors: list[Text] = Field([], description="the byline: each author's name as the source prints it")
    agency: ActorId | None = Field(None, description="the news agency (an actor, e.g. Reuters) whose story this "
                                                     "is, when the publisher carries an agency's report")
    copy_of: SourceId | None = Field(None, description="another source with the same report: this one is a copy "
                                                       "of it carried elsewhere (wire copy, syndication)")


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


def parse_speaker(value: Any) -> str | list[str]:
    """One actor id, or a non-empty list of them (a joint statement)."""
    if isinstance(value, str):
        return check_slug(value)
    if not isinstance(value, list):
        raise fail("speaker", "must be an actor id, or a list of actor ids (one '- id' per line)")
    if not value:
        raise fail("empty_list", "must list at least one actor id: a joint statement names every speaker")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise fail("speaker", "must be an actor id", at=index)
        try:
            check_slug(item)
        except PydanticCustomError as exc:
            raise fail("slug", exc.message(), at=index) from None
    return list(value)


Speaker = Annotated[str | list[str], PlainValidator(parse_speaker), RefersTo("actors"),
                    WithJsonSchema({"oneOf": [{"type": "string", "pattern": SLUG_PATTERN},
                                              {"type": "array", "minItems": 1,
                                               "items": {"type": "string", "pattern": SLUG_PATTERN}}]}),
                    Field(description="id of the actor who said it, or a list of ids for a joint statement; for "
                                      "an unnamed speaker, the body they speak for (with speaker_description)")]


class Statement(Cited):
    speaker: Speaker
    speaker_description: Text | None = Field(None, description="who spoke, as the source describes an unnamed "
                                                               "speaker (e.g. \"Israeli officials\"); speaker is "
                                                               "then the body they speak for")
    date: DateField = Field(description="when the statement was made")
    date_basis: Text | None = _date_basis()
    text: Text = Field(description="the statement's words: exact for a quote, a faithful summary for a "
                                   "paraphrase or position")
    kind: Literal["quote", "paraphrase", "position"] = Field(
        "quote", description="quote: the exact words a source puts in quotation marks; paraphrase: a source's "
                             "summary of what was said; position: a stance attributed with no words quoted")
    language: Language | None = Field(None, description="the language of text as recorded here (e.g. en for an "
                                                        "English translation)")
    original_language: Language | None = Field(None, description="the language the words were said in, when "
                                                                 "known and not the language of text")
    variant_of: StatementId | None = Field(None, description="another statement recording the same utterance (a "
                                                             "translation or another outlet's wording): shown "
                                                             "together, never merged")
    context: Text | None = Field(None, description="where, when and to whom the statement was made")
    event: EventId | None = Field(None, description="the event at which the statement was made")
    about: list[ActorId] = Field([], description="the actors the statement is about")
    topics: list[Topic] = Field([], description="topics the statement belongs to, such as humanitarian-pause")

    @model_validator(mode="before")
    @classmethod
    def _described_speaker(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("speaker_description") is not None and "speaker" not in data:
            raise fail("speaker", "needs speaker as well: the id of the body the unnamed speaker speaks for "
                                  "(e.g. the state)", at="speaker_description")
        return data

    def own_date(self) -> PartialDate | None:
        return self.date

    def own_span(self) -> DaySpan | None:
        return _span(self.date)

    @property
    def speakers(self) -> list[str]:
        return [self.speaker] if isinstance(self.speaker, str) else list(self.speaker)


class Period(Strict):
    start: DateField = Field(description="the first day, month or year of the span")
    end: DateField | None = Field(None, description="the last day, month or year of the span")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        _check_order(self.start, self.end)
        return self


Qualifier = Literal["exactly", "about", "more-than", "at-least", "fewer-than", "at-most"]


def _check_breakdown(value: dict[str, str]) -> dict[str, str]:
    if not value:
        raise fail("empty", "must give at least one 'dimension: value' line, e.g. nationality: Thai")
    for key in value:
        if not SLUG.match(key):
            raise fail("slug", "'{key}' is not a valid dimension: use lowercase a-z, 0-9 and single hyphens "
                               "(e.g. nationality, group)", key=visible(key), at=key)
    return value


class Figure(Cited):
    label: Text = Field(description="what the figure counts, in a few words")
    measure: Slug = Field(description="what is counted, as a short id: figures with the same measure and date "
                                      "or period are compared")
    value: Number | None = Field(None, description="the number the source gives (for a range, leave it out and "
                                                   "give min and/or max); say how the source qualifies it with "
                                                   "qualifier")
    qualifier: Qualifier = Field("exactly", description="how the source qualifies the value: exactly (the "
                                                        "default), about, more-than, at-least, fewer-than, at-most")
    min: Number | None = Field(None, description="the low end of a range")
    max: Number | None = Field(None, description="the high end of a range")
    min_exclusive: Flag = Field(False, description='true when the source says "more than" the min')
    approximate: Flag = Field(False, description='true when the source says "about" a range (a single value '
                                                 'takes qualifier: about)')
    unit: Text = Field(description="what one unit of the figure is, e.g. people, days, trucks")
    as_of: DateField | None = Field(None, description="the date the figure describes (or give period instead)")
    period: Period | None = Field(None, description="the span the figure covers: {start, end}")
    date_basis: Text | None = _date_basis()
    reported_by: ActorId | None = Field(None, description="the actor that gave the figure")
    about: list[ActorId] = Field([], description="the actors the figure is about")
    event: EventId | None = Field(None, description="the event the figure belongs to")
    parts: list[FigureId] = Field([], description="the figures that add up to this one (a complete breakdown)")
    part_of: FigureId | None = Field(None, description="the figure (same measure) that this number is a part of, "
                                                       "e.g. the Thai hostages among all hostages freed")
    breakdown: Annotated[dict[str, Text], AfterValidator(_check_breakdown)] | None = Field(
        None, description="which part this figure counts, as dimension: value lines (e.g. nationality: Thai, "
                          "group: women); needed with part_of")

    @model_validator(mode="after")
    def _amount(self) -> Figure:
        if self.value is None and self.min is None and self.max is None:
            raise fail("amount", "give a value, or a range with min and/or max", at="value")
        if self.value is not None and (self.min is not None or self.max is not None):
            raise fail("amount", "give either value or min/max, not both", at="value")
        if self.value is None and self.qualifier != "exactly":
            raise fail("qualifier", "qualifies a single value: for a range use min and max "
                                    "(min_exclusive: true for \"more than\")", at="qualifier")
        if self.value is not None and self.approximate:
            raise fail("qualifier", "is for ranges: write qualifier: about for a single value", at="approximate")
        if self.part_of and not self.breakdown:
            raise fail("breakdown", "a part needs breakdown: say which part it counts, e.g. nationality: Thai",
                       at="part_of")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise fail("amount", "{min} is greater than max ({max})", at="min", min=self.min, max=self.max)
        if self.as_of and self.period:
            raise fail("when", "give either as_of or period, not both", at="period")
        return self

    def own_date(self) -> PartialDate | None:
        return self.as_of

    def own_span(self) -> DaySpan | None:
        return _span(self.as_of) or (_span(self.period.start, self.period.end) if self.period else None)


class Participant(Strict):
    actor: ActorId = Field(description="the actor who took part")
    role: Text | None = Field(None, description="their part in it, e.g. host, mediator")


class Event(Cited):
    title: Text = Field(description="what happened, in a few words")
    date: DateField | None = Field(None, description="when the event happened (for a span, leave it out and "
                                                     "give start and end)")
    start: DateField | None = Field(None, description="the first day, month or year of the event")
    end: DateField | None = Field(None, description="the last day, month or year of the event")
    date_basis: Text | None = _date_basis()
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

    def own_date(self) -> PartialDate | None:
        return self.date

    def own_span(self) -> DaySpan | None:
        return _span(self.date) or _span(self.start, self.end)

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
