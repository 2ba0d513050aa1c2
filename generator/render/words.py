"""Human words for what the records hold as codes: dates, languages, countries, types, measure and topic slugs.

Language and country names and the date style come from Babel (CLDR data), in the site's language, so no
table of names is kept here. One date style everywhere, as precise as the source: '19 December 2023',
'December 2023', '2023'.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from generator.model.values import PartialDate

LOCALE = "en"  # the language the templates are written in
_PATTERNS = {"day": "d MMMM y", "month": "LLLL y", "year": "y"}
STATUS_MEANINGS = {  # the methodology page's definitions, shortened for a tooltip
    "reported": "Reported: at least one source states it; no independent report confirms or contradicts it yet",
    "confirmed": "Confirmed: two or more of the sources held report it and agree",
    "disputed": "Disputed: the sources disagree about it; the record cites each side",
    "retracted": "Retracted: a source has withdrawn or corrected it; kept so the correction is visible",
}
_ACTOR_TYPES = {"organization": "Organisation", "intergovernmental-organization": "Intergovernmental organisation"}


def date_text(value: PartialDate | None, missing: str = "date not stated") -> str:
    """A date at its precision, in the one style the site uses."""
    if value is None:
        return missing
    return _date_text(value.year, value.month, value.day)


@functools.lru_cache(maxsize=4096)
def _date_text(year: int, month: int, day: int) -> str:
    precision = "day" if day else "month" if month else "year"
    return format_date(date(year, month or 1, day or 1), _PATTERNS[precision], locale=LOCALE)


def iso_date_text(value: str) -> str:
    """'2023-11-14' (a git or build date) in the site's style; anything else as it is."""
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return value
    return _date_text(parsed.year, parsed.month, parsed.day)


@functools.lru_cache(maxsize=512)
def language_name(tag: str) -> str:
    """'en' → 'English', 'fr-CA' → 'French (Canada)'; an unknown tag stays as written."""
    try:
        return str(Locale.parse(tag.replace("-", "_")).get_display_name(LOCALE))
    except (ValueError, UnknownLocaleError):
        name = Locale.parse(LOCALE).languages.get(tag.split("-")[0].lower())
        return str(name) if name else tag


@functools.lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """'IL' → 'Israel' (ISO 3166-1 alpha-2)."""
    return str(Locale.parse(LOCALE).territories.get(code.upper(), code))


def code_words(value: str) -> str:
    """A type code as words: 'news-report' → 'News report', 'social-media-post' → 'Social media post'."""
    return value.replace("-", " ").capitalize()


def actor_type(value: str) -> str:
    return _ACTOR_TYPES.get(value, code_words(value))


def term_name(terms: dict[str, dict[str, Any]], vocabulary: str, slug: str) -> str:
    """A measure's or topic's name from its Term file; without one, its slug's words."""
    term = terms.get(vocabulary, {}).get(slug)
    return str(term.name) if term is not None else code_words(slug)


def opening(text: str, words: int = 8) -> str:
    """The first words of a statement, for link texts that tell statements apart."""
    parts = text.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"
