"""What the site's search knows of each record: its title, its most telling line, and the words a reader types.

Made from the fact base, not from the built pages, so the index holds no page furniture
(byline, footnote numbers, download links) and does not depend on the site engine. Each
record becomes one small HTML document that Pagefind indexes (see ``generator/site/search.py``):
the title as the heading (Pagefind weights it above the rest), the telling line as the
result's ``summary``, and the record's own words, names and dates (as the page shows them
and as ISO dates) as the body. Pagefind stems English words on both sides and folds
diacritics, so "truces" finds "truce" and "Spoljaric" finds "Spoljarić".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.check.compare import figure_amount
from generator.check.link import FactBase
from generator.model.kinds import ACTORS, EVENTS, KINDS
from generator.model.values import PartialDate
from generator.render import escape
from generator.render.views import excerpt, period_text, span

# One-letter prefixes written onto the next word ("the", "and", "in", "to" ...): a reader types the word
# without them, so the bare word is indexed as well (an extra word in the index costs nothing when
# the letter was not a prefix). Hebrew: ה ו ב ל מ ש כ; Arabic: و ف, then ب ك ل, then ال.
_HEBREW_PREFIX = re.compile(r"^[הובלמשכ]{1,2}(?=[\u05d0-\u05ea]{2,})")
_ARABIC_PREFIX = re.compile(r"^(?:[وف]?[بكل]?ال|[وف][بكل]?|[بكل])(?=[\u0620-\u064a]{2,})")
# A source's headline is the evidence for the facts, in a journalist's words: ranked below the facts' own titles.
_SOURCE_WEIGHT = 0.1
_WORD = re.compile(r"[\u05d0-\u05ea\u0620-\u064a\u064b-\u065f]+")


@dataclass(frozen=True)
class SearchDoc:
    url: str  # site-relative, as a directory URL: "actors/isaac-herzog/"
    kind: str  # what the result is, in words: "Statement"
    title: str
    summary: str  # the most telling line: the quote, the figure, the event's date and place
    words: tuple[str, ...]  # everything else a reader may type to find it
    weight: float = 1.0  # of every word (the title's counts 7 times more); a source's words count for less

    def html(self, lang: str = "en") -> str:
        """The document Pagefind indexes; every text escaped."""
        return _html(self, lang)


@functools.lru_cache(maxsize=1 << 15)  # a build asks twice (digest, files), a serve rebuild again: mostly the same
def _html(doc: SearchDoc, lang: str) -> str:
    body = "".join(f"<p>{escape.text(w)}</p>" for w in doc.words)
    return (f'<!DOCTYPE html><html lang="{escape.text(lang)}"><head><meta charset="utf-8"></head>'
            f'<body data-pagefind-weight="{doc.weight}">'
            f'<h1 data-pagefind-meta="title" data-pagefind-weight="{7 * doc.weight}">'
            f'{escape.text(doc.title)}</h1>'
            f'<span data-pagefind-meta="kind:{escape.text(doc.kind)}"></span>'
            f'<p data-pagefind-meta="summary">{escape.text(doc.summary)}</p>{body}</body></html>')


def documents(base: FactBase, title_of: Callable[[str, str], str]) -> list[SearchDoc]:
    """One search document per record, in a stable order (kinds as the site lists them, then ids)."""
    docs = []
    for kind in KINDS.values():
        make = _MAKERS.get(kind.name, _any_record)
        for rid in sorted(base.entries.get(kind.name, {})):
            record = base.get(kind.name, rid)
            summary, words = make(base, record)
            docs.append(SearchDoc(f"{kind.name}/{rid}/", kind.singular.capitalize(), title_of(kind.name, rid),
                                  summary, tuple(w for w in _with_bare_words([*words, *_common(record)]) if w),
                                  _SOURCE_WEIGHT if kind.name == "sources" else 1.0))
    return docs


def page_documents(pages: Path) -> list[SearchDoc]:
    """The hand-written pages besides Home (``<pages>/*.md``): title from the first heading, then the text."""
    found = []
    for path in sorted(pages.glob("*.md")):
        if path.name == "index.md":
            continue
        text = path.read_text(encoding="utf-8")
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), path.stem)
        found.append(page_document(f"{path.stem}/", title, text))
    return found


def page_document(url: str, title: str, text: str) -> SearchDoc:
    """A hand-written page (about, methodology): its first paragraph is its telling line."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
    return SearchDoc(url, "Page", title, excerpt(paragraphs[0], 200) if paragraphs else "", (text,))


def _name(base: FactBase, actor_id: str | None) -> str:
    return base.get(ACTORS, actor_id).name if actor_id and actor_id in base.entries["actors"] else ""


def _names(base: FactBase, ids: list[str]) -> list[str]:
    return [_name(base, i) for i in ids]


def _event_title(base: FactBase, event_id: str | None) -> str:
    return base.get(EVENTS, event_id).title if event_id and event_id in base.entries["events"] else ""


def _dates(*values: PartialDate | None) -> list[str]:
    """A date as the page shows it and as ISO: a reader types "19 December" or "2023-12-19"."""
    return [text for value in values if value for text in (value.human(), str(value))]


def _common(record: Any) -> list[str]:
    status = getattr(record, "status", None)
    return [record.notes or "", *(getattr(record, "topics", None) or []), status or ""]


def _statement(base: FactBase, s: Any) -> tuple[str, list[str]]:
    text = f"“{s.text}”" if s.kind == "quote" else str(s.text)
    return text, [s.text, *_names(base, s.speakers), s.speaker_description or "", *_dates(s.date), s.context or "",
                  _event_title(base, s.event), *_names(base, s.about), s.kind]


def _figure(base: FactBase, f: Any) -> tuple[str, list[str]]:
    amount = f"{figure_amount(f)} {f.unit}".strip()
    reporter = _name(base, f.reported_by)
    summary = f"{amount}, {period_text(f)}" + (f", reported by {reporter}" if reporter else "")
    numbers = [str(n) for n in (f.value, f.min, f.max) if n is not None]
    period = [f.period.start, f.period.end] if f.period else []
    return summary, [f.label, amount, *numbers, reporter, *_dates(f.as_of, *period), *_names(base, f.about),
                     _event_title(base, f.event), f.measure.replace("-", " ")]


def _event(base: FactBase, e: Any) -> tuple[str, list[str]]:
    where = f", {e.location}" if e.location else ""
    summary = f"{span(e)}{where}" + (f": {excerpt(e.description, 160)}" if e.description else "")
    return summary, [e.title, *_dates(e.date, e.start, e.end), e.location or "", e.description or "", e.type,
                     *(f"{_name(base, p.actor)} {p.role or ''}" for p in e.participants)]


def _actor(base: FactBase, a: Any) -> tuple[str, list[str]]:
    roles = [f"{r.title} of {_name(base, r.of)}" if r.of else r.title for r in a.roles]
    summary = a.description or "; ".join(roles) or a.type.replace("-", " ")
    return excerpt(summary, 200), [a.name, *(alias.name for alias in a.aliases), a.description or "", *roles,
                                   *_names(base, a.member_of), a.type.replace("-", " "), a.country or ""]


def _source(base: FactBase, s: Any) -> tuple[str, list[str]]:
    published = f", published {s.published.human()}" if s.published else ""
    return f"{s.publisher}{published}", [s.title, s.publisher, *_dates(s.published), s.type.replace("-", " ")]


def _any_record(base: FactBase, record: Any) -> tuple[str, list[str]]:
    """A kind without its own telling line: every text field is searched, none is shown."""
    return "", [str(value) for value in record.model_dump().values() if isinstance(value, str)]


_MAKERS: dict[str, Callable[[FactBase, Any], tuple[str, list[str]]]] = {
    "actors": _actor, "statements": _statement, "figures": _figure, "events": _event, "sources": _source}


def _with_bare_words(words: list[str]) -> Iterator[str]:
    """Each text, then the Hebrew and Arabic words in it without their attached prefix letters."""
    for text in words:
        yield text
        bare = [_bare(w) for w in _WORD.findall(text)]
        extra = " ".join(b for b, w in zip(bare, _WORD.findall(text), strict=True) if b != w)
        if extra:
            yield extra


def _bare(word: str) -> str:
    return _ARABIC_PREFIX.sub("", _HEBREW_PREFIX.sub("", word))
