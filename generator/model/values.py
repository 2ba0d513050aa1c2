"""The value types of the schema: ids, text, dates, numbers, flags, links, and lists with a short form.

Every scalar arrives as the exact text the editor wrote (see ``yamlload``); the
annotated types below turn that text into dates, numbers and flags, and refuse
anything else with a message that says what to write instead. The records built
from them are in ``records``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, get_args
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

# Patterns are matched against the whole text (fullmatch): "$" alone would let "id\n" through.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_ID_LENGTH = 80
RESERVED_IDS = frozenset({"index", "page", "tags", "search", "data", "all", "new", "assets", "404", "sitemap"})
SLUG = re.compile(SLUG_PATTERN)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
# Characters that can hide or reorder text: C0/C1 controls (but newline and tab)
# and the bidirectional embedding, override and isolate controls.
# U+2028/U+2029 too: YAML, JavaScript and editors disagree on whether they end a line.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]")
# Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt): a renderer draws nothing for them.
_DEFAULT_IGNORABLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
                                "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
                                "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")
# Only letters, digits, punctuation and symbols draw something on their own (marks need a base
# character; separators, controls, private-use and unassigned code points draw nothing portable).
_DRAWN = ("L", "N", "P", "S")
_BLANK_SYMBOLS = frozenset("\u2800")  # BRAILLE PATTERN BLANK: a symbol that draws an empty cell
MAX_NUMBER_DIGITS = 20  # no count in a source is more precise; also keeps floats finite


def fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
    """A schema error whose message is shown to the editor exactly as written."""
    return PydanticCustomError(kind, message, context or None)


# --- ids -------------------------------------------------------------------

def check_slug(value: str) -> str:
    if len(value) > MAX_ID_LENGTH:
        raise fail("slug", "'{value}…' is longer than {limit} characters",
                   value=value[:20], limit=MAX_ID_LENGTH)
    if not SLUG.fullmatch(value):
        raise fail("slug", "'{value}' is not a valid id: use lowercase a-z, 0-9 and single hyphens",
                   value=visible(value))
    return value


def visible(text: str) -> str:
    """Show invisible or look-alike characters as \\u escapes in error messages."""
    return "".join(c if c.isascii() and c.isprintable() else f"\\u{ord(c):04x}" for c in text)


Slug = Annotated[str, AfterValidator(check_slug)]


@dataclass(frozen=True)
class RefersTo:
    """Marks an id field as naming a record of another kind (its folder): the linker resolves it."""

    kind: str


def check_topic(value: str) -> str:
    """A topic is a slug that names a page, ``topics/<topic>/``: so not ``index``, the topics index's own name."""
    check_slug(value)
    if value in RESERVED_IDS:
        raise fail("reserved", "'{value}' is a reserved word and cannot be a topic: choose another", value=value)
    return value


Topic = Annotated[str, AfterValidator(check_topic)]


# --- text ------------------------------------------------------------------

def draws(char: str) -> bool:
    """Whether a character shows something by itself (the rule behind "no blank names")."""
    return (unicodedata.category(char)[0] in _DRAWN and char not in _BLANK_SYMBOLS
            and not _DEFAULT_IGNORABLE.match(char))


def check_text(value: str) -> str:
    value = value.strip()
    if not any(draws(c) for c in value):
        raise fail("empty", "must not be empty or only spaces or invisible characters")
    bad = _FORBIDDEN.search(value)
    if bad:
        name = unicodedata.name(bad.group(), "control character")
        raise fail("control", "contains the invisible character U+{code} ({name}): remove it",
                   code=f"{ord(bad.group()):04X}", name=name)
    return value


Text = Annotated[str, AfterValidator(check_text)]


# --- dates -----------------------------------------------------------------

@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day: never more precise than the source."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{n:02d}" for n in (self.month, self.day) if n]
        return "-".join(parts)

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def human(self) -> str:
        if self.day:
            return f"{self.day} {calendar.month_name[self.month]} {self.year}"
        if self.month:
            return f"{calendar.month_name[self.month]} {self.year}"
        return str(self.year)


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_WORDY = re.compile(r"^(?:(\d{1,2}) )?([A-Za-z]+)\.?,? (?:(\d{1,2}),? )?(\d{4})$")
_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if n} | {
    name.lower(): n for n, name in enumerate(calendar.month_abbr) if n}


def iso_suggestion(text: str) -> str | None:
    """The ISO form of a date written another common way: 21/12/2023, 21.12.2023, 21 December 2023,
    December 21, 2023, Dec 2023. Slashed dates are read day first unless only month first makes sense."""
    found = _DAY_FIRST.match(text)
    if found:
        first, second, year = (int(g) for g in found.groups())
        day, month = (first, second) if second <= 12 else (second, first)
        return _iso(year, month, day)
    found = _YEAR_FIRST.match(text)
    if found:
        return _iso(*(int(g) for g in found.groups()))
    found = _WORDY.match(text)
    if found and found.group(2).lower() in _MONTHS and not (found.group(1) and found.group(3)):
        day = int(found.group(1) or found.group(3) or 0)
        return _iso(int(found.group(4)), _MONTHS[found.group(2).lower()], day)
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


NOT_REAL = ("'{value}' is not a real date: check the month (01 to 12) and the day (it must exist in that month); "
            "if the source gives only the month or the year, write YYYY-MM or YYYY")


def parse_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if not isinstance(value, str):
        raise fail("date", "must be a date written as YYYY, YYYY-MM or YYYY-MM-DD")
    match = _DATE.fullmatch(value.strip())
    if not match:
        suggestion = iso_suggestion(value.strip())
        if suggestion:
            raise fail("date", "'{value}' is not a date in YYYY-MM-DD form: did you mean \"{iso}\"?",
                       value=value, iso=suggestion)
        raise fail("date", "'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD", value=value)
    year, month, day = (int(g) if g else 0 for g in match.groups())
    written_zero = any(g is not None and int(g) == 0 for g in match.groups())  # 2023-00-10 is no date
    try:
        parsed = PartialDate(year, month, day)
        first = parsed.earliest()
    except ValueError:
        raise fail("date", NOT_REAL, value=value) from None
    if written_zero or (month and not 1 <= month <= 12):
        raise fail("date", NOT_REAL, value=value)
    if first > date.today():
        raise fail("date", "'{value}' is in the future: check the year", value=value)
    return parsed


DateField = Annotated[PartialDate, PlainValidator(parse_date), PlainSerializer(str, return_type=str),
                      WithJsonSchema({"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                      "description": "YYYY, YYYY-MM or YYYY-MM-DD, at the precision the source gives"})]


_DATE_LIKE = re.compile(r"^\d{4}(?:$|[-/.T])")  # a year, or a year then a date's separator: must be a date


def parse_date_given(value: Any) -> PartialDate | str:
    """A citation's own date for the record: an ISO date at the source's precision, or the source's words
    for a day it names but does not date ("on Friday"). Anything shaped like a date must be one."""
    if isinstance(value, PartialDate):
        return value
    if not isinstance(value, str):
        raise fail("date", "must be a date written as YYYY, YYYY-MM or YYYY-MM-DD, or the source's words "
                           "for the day (e.g. on Friday)")
    text = value.strip()
    if _DATE_LIKE.match(text):
        return parse_date(text)
    suggestion = iso_suggestion(text)
    if suggestion:
        raise fail("date", "'{value}' is a date: write it as \"{iso}\" (words are for a day the source names "
                           "without a date, e.g. on Friday)", value=value, iso=suggestion)
    return check_text(text)


DateGiven = Annotated[PartialDate | str, PlainValidator(parse_date_given), PlainSerializer(str, return_type=str),
                      WithJsonSchema({"type": "string", "description": "YYYY, YYYY-MM or YYYY-MM-DD, or the "
                                                                       "source's words for the day"})]


# --- numbers, flags, links ------------------------------------------------

def parse_number(value: Any) -> int | float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if not isinstance(value, str) or not _NUMBER.fullmatch(value.strip()):
        raise fail("number", "'{value}' is not a plain number: write digits like 240 or 2.5 "
                   "(no thousands separators, no leading zeros)", value=value)
    text = value.strip()
    if sum(c.isdigit() for c in text) > MAX_NUMBER_DIGITS:
        raise fail("number", "'{value}…' has more than {limit} digits: no source gives a number that precise",
                   value=text[:20], limit=MAX_NUMBER_DIGITS)
    return float(text) if "." in text else int(text)


Number = Annotated[int | float, PlainValidator(parse_number),
                   WithJsonSchema({"type": "number"})]


def parse_flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return bool(value == "true")
    raise fail("flag", "'{value}' is not true or false", value=value)


Flag = Annotated[bool, PlainValidator(parse_flag), WithJsonSchema({"type": "boolean"})]


def check_url(value: str) -> str:
    value = check_text(value)
    if any(c.isspace() or c in '"<>\\`{}|^' for c in value):
        raise fail("url", "'{value}' is not a plain link: it contains spaces or characters that must be escaped",
                   value=visible(value))
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or value.startswith("//"):
        raise fail("url", "'{value}' is not allowed: links must start with http:// or https://",
                   value=visible(value[:80]))
    if "@" in parts.netloc:
        raise fail("url", "'{value}' hides its real host behind a user name: remove the part before '@'",
                   value=visible(value[:80]))
    return value


Url = Annotated[str, AfterValidator(check_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]


def _matching(kind: str, regex: str, advice: str) -> AfterValidator:
    """A validator refusing text that does not match ``regex``, saying what to write instead."""
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise fail(kind, "'{value}' " + advice, value=visible(value))
        return value

    return AfterValidator(check)


_LANGUAGE = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
_COUNTRY = r"^[A-Z]{2}$"
_WIKIDATA = r"^Q[1-9][0-9]*$"
Language = Annotated[str, _matching("language", _LANGUAGE, "is not a BCP 47 language tag (e.g. en, he, ar, fr-CA)"),
                     WithJsonSchema({"type": "string", "pattern": _LANGUAGE})]
Country = Annotated[str, _matching("country", _COUNTRY, "is not an ISO 3166-1 alpha-2 code (e.g. IL, QA, US)"),
                    WithJsonSchema({"type": "string", "pattern": _COUNTRY})]
Wikidata = Annotated[str, _matching("wikidata", _WIKIDATA, "is not a Wikidata id (e.g. Q42)"),
                     WithJsonSchema({"type": "string", "pattern": _WIKIDATA})]


# --- lists that accept a short form ---------------------------------------

def short_form(key: str) -> Any:
    """Let a list item be a bare id/name instead of ``{key: value}``."""
    def expand(items: Any) -> Any:
        if not isinstance(items, list):
            return items
        return [{key: item} if isinstance(item, str) else item for item in items]
    return BeforeValidator(expand)


def non_empty(items: list[Any]) -> list[Any]:
    if not items:
        raise fail("empty_list", "must list at least one item")
    return items


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside a field's declared type: ``list[Role]``, ``Period | None``, Annotated wrappers."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = nested_model(arg)
        if found is not None:
            return found
    return None
