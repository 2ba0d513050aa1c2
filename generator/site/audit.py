"""Nothing lost: after a build, check that every record made it into the written site.

Every record has its page (``<kind>/<id>/index.html``) linked from its kind's index; every
statement and event is linked from the page of each of its topics, and each topic's page from
the topics index; every citation has its numbered footnote on that page and its row in ``data/citations.csv``; every
record is in ``data/facts.json`` exactly as the model holds it, has its row in
``data/<kind>.csv`` and its own ``<kind>/<id>.json``; a retracted record is still shown, marked
with its status badge. Each miss is one line, naming the file that should hold it.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any, TypeVar

from generator.check.link import FactBase
from generator.render.export import dump
from generator.render.redirects import former_addresses
from generator.render.views import topic_lists

# Python-Markdown writes these exactly so; text from content cannot imitate them (its '<' is escaped).
_FOOTNOTE = re.compile(r'<li id="fn:(\d+)"')
_BADGE = re.compile(r'<span class="([^"]*\brs-badge\b[^"]*)"[^>]*>([^<]*)</span>')
_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')
Dumped = dict[str, dict[str, dict[str, Any]]]  # every record as export.dump gives it, by kind and id
Written = set[tuple[str, str]] | None  # records whose files a build wrote; None: all of them
T = TypeVar("T")


class SiteReader:
    """What the audit parsed from each file of the built site, with the bytes it parsed.

    Under ``mkdocs serve`` one reader lives across builds: every file is read again, and parsed again
    only when its bytes differ (a dirty build leaves most index pages and data files as they were, and
    parsing them was a tenth of a rebuild at 10,000 records). Callers only read what it returns.
    """

    def __init__(self) -> None:
        self._parsed: dict[tuple[str, str], tuple[bytes, Any]] = {}
        self._used: set[tuple[str, str]] = set()

    def parsed(self, how: str, path: str, data: bytes, parse: Callable[[bytes], T]) -> T:
        key = (how, path)
        self._used.add(key)
        kept = self._parsed.get(key)
        if kept is not None and kept[0] == data:
            return kept[1]  # type: ignore[no-any-return]
        value = parse(data)
        self._parsed[key] = (data, value)
        return value

    def done(self) -> None:
        """Forget what this audit did not read (a removed page)."""
        self._parsed = {key: kept for key, kept in self._parsed.items() if key in self._used}
        self._used = set()


@dataclass
class PageFacts:
    """What the audit reads from a built page: footnote numbers, status badges and links."""

    footnotes: list[int]
    badges: list[tuple[set[str], str]]
    hrefs: list[str]


def page_facts(html: str) -> PageFacts:
    return PageFacts([int(n) for n in _FOOTNOTE.findall(html)],
                     [(set(unescape(c).split()), unescape(t).strip()) for c, t in _BADGE.findall(html)],
                     [unescape(h) for h in _HREF.findall(html)])


def read_page(site: Path, url: str) -> PageFacts | None:
    html = _read_bytes(f"{site}/{url}")
    return None if html is None else page_facts(main_content(html).decode("utf-8"))


def _read_bytes(path: str) -> bytes | None:
    """The file's bytes, or None when there is no such file (one system call fewer than is_file + read)."""
    try:
        with open(path, "rb") as file:
            return file.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def main_content(html: bytes) -> bytes:
    """The page's own content: the theme's navigation is most of the bytes and none of the facts."""
    start, end = html.find(b"<article"), html.rfind(b"</article>")
    return html[start:end] if 0 <= start < end else html


def record_page_problems(base: FactBase, site: Path, kind: str, rid: str) -> list[str]:
    """The page exists, has one footnote per citation, and shows a retraction."""
    url = f"{kind}/{rid}/index.html"
    entry = base.entries[kind][rid]
    page = read_page(site, url)
    if page is None:
        return [f"{url} is missing: {entry.raw.display} has no page"]
    citations = list(getattr(entry.record, "sources", []) or [])
    problems = [f"{url}: footnote {n} (source {c.source}) is missing"
                for n, c in enumerate(citations, start=1) if n not in page.footnotes]
    extra = sorted(set(page.footnotes) - set(range(1, len(citations) + 1)))
    problems += [f"{url}: footnote {n} matches no citation" for n in extra]
    return problems + _status_problems(url, entry.record, page)


def _status_problems(url: str, record: Any, page: PageFacts) -> list[str]:
    status = getattr(record, "status", None)
    if status != "retracted":
        return []
    marked = any(f"rs-badge--{status}" in classes and "rs-badge--key" not in classes and text == status
                 for classes, text in page.badges)  # the legend's badges (rs-badge--key) mark no record
    return [] if marked else [f"{url}: the record is retracted but the page does not say so"]


def index_links(site: Path, kind: str, reader: SiteReader) -> set[str]:
    """Every record page the kind's index pages link to, as ``<kind>/<id>/``."""
    pages = [site / kind / "index.html", *sorted((site / kind / "page").glob("*/index.html"))]
    found: set[str] = set()
    for path in pages:
        html = _read_bytes(str(path))
        if html is not None:
            here = posixpath.dirname(path.relative_to(site).as_posix())
            found |= reader.parsed("links", str(path), main_content(html), functools.partial(_links_from, here))
    return found


def _links_from(here: str, article: bytes) -> frozenset[str]:
    return frozenset(posixpath.normpath(posixpath.join(here, href.split("#")[0])) + "/"
                     for href in page_facts(article.decode("utf-8")).hrefs if "://" not in href)


def topic_problems(base: FactBase, site: Path, reader: SiteReader) -> list[str]:
    """Each topic's page exists, is linked from the topics index and links to every event and statement
    carrying the topic (on its first page or a later one)."""
    listed = index_links(site, "topics", reader)
    linked: dict[str, set[str] | None] = {}  # None: the topic has no page
    problems = []
    for kind, rid, record_topics in topic_lists(base):
        for topic in record_topics:
            if topic not in linked:
                linked[topic], missed = _topic_page(site, topic, listed, reader)
                problems += missed
            links = linked[topic]
            if links is not None and f"{kind}/{rid}/" not in links:
                problems.append(f"{kind}/{rid}/index.html is not linked from its topic page "
                                f"topics/{topic}/index.html")
    return problems


def _topic_page(site: Path, topic: str, listed: set[str], reader: SiteReader) -> tuple[set[str] | None, list[str]]:
    """The record pages a topic's pages link to (None when it has no page), and what is wrong with the page."""
    url = f"topics/{topic}/index.html"
    if not (site / url).is_file():
        return None, [f"{url} is missing: the topic's events and statements are listed nowhere"]
    problems = [] if f"topics/{topic}/" in listed else [f"{url} is not linked from the topics index"]
    return index_links(site, f"topics/{topic}", reader), problems


def _load_json(site: Path, relative: str, reader: SiteReader | None = None) -> Any:
    data = _read_bytes(f"{site}/{relative}")
    if data is None:
        return None
    return json.loads(data) if reader is None else reader.parsed("json", relative, data, json.loads)


def _csv_rows(site: Path, relative: str, reader: SiteReader) -> list[dict[str, str]] | None:
    data = _read_bytes(f"{site}/{relative}")
    return None if data is None else reader.parsed("csv", relative, data, _rows)


def _rows(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8")
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # a cell may be as long as the loader allows
    return list(csv.DictReader(io.StringIO(text)))


def data_problems(base: FactBase, site: Path, kind: str, facts: Any, reader: SiteReader,
                  dumped: Dumped | None = None, written: Written = None) -> list[str]:
    """The kind's records in facts.json (unchanged), in its CSV, and each in its own JSON file.

    ``dumped`` is ``export.facts(base)`` when the caller already has it: the same dumps, not made twice.
    """
    rows = _csv_rows(site, f"data/{kind}.csv", reader)
    if rows is None:
        return [f"data/{kind}.csv is missing"]
    in_csv = {row.get("id") for row in rows}
    problems = []
    for rid, entry in sorted(base.entries[kind].items()):
        record = dumped[kind][rid] if dumped is not None else dump(entry.record)
        if facts is not None and (facts.get(kind) or {}).get(rid) != record:
            problems.append(f"data/facts.json: {kind}/{rid} is missing or differs from {entry.raw.display}")
        if rid not in in_csv:
            problems.append(f"data/{kind}.csv: no row for {rid}")
        if _written(written, kind, rid) and _load_json(site, f"{kind}/{rid}.json") != record:
            problems.append(f"{kind}/{rid}.json is missing or differs from {entry.raw.display}")
    return problems


def citation_problems(base: FactBase, site: Path, reader: SiteReader) -> list[str]:
    rows = _csv_rows(site, "data/citations.csv", reader)
    if rows is None:
        return ["data/citations.csv is missing"]
    present = {(row.get("kind"), row.get("id"), row.get("position"), row.get("source")) for row in rows}
    return [f"data/citations.csv: no row for {kind}/{rid} citation {n} (source {c.source})"
            for kind, entries in sorted(base.entries.items()) for rid, entry in sorted(entries.items())
            for n, c in enumerate(getattr(entry.record, "sources", []) or [], start=1)
            if (kind, rid, str(n), c.source) not in present]


def _written(written: Written, kind: str, rid: str) -> bool:
    return written is None or (kind, rid) in written


def audit_site(base: FactBase, site_dir: Path, dumped: Dumped | None = None, written: Written = None,
               reader: SiteReader | None = None) -> list[str]:
    """Every way in which the built site lost a record, a citation or an export; empty when none.

    ``written``: the records whose page or JSON file this build wrote (a dirty build); the others were
    checked when they were written, and only the indexes, topics and data files are read again for them.
    ``reader``: the last audit's (under serve): files this build left as they were are not parsed again.
    """
    site, reader = Path(site_dir), reader or SiteReader()
    facts = _load_json(site, "data/facts.json", reader)
    problems = [] if facts is not None else ["data/facts.json is missing"]
    for kind in sorted(base.entries):
        linked = index_links(site, kind, reader)
        for rid in sorted(base.entries[kind]):
            if _written(written, kind, rid):
                problems += record_page_problems(base, site, kind, rid)
            if f"{kind}/{rid}/" not in linked:
                problems.append(f"{kind}/{rid}/index.html is not linked from the {kind} index")
        problems += data_problems(base, site, kind, facts, reader, dumped, written)
    problems += topic_problems(base, site, reader) + citation_problems(base, site, reader)
    problems += address_problems(base, site)
    reader.done()
    return problems


def address_problems(base: FactBase, site: Path) -> list[str]:
    """Every former id's old address leads to its record's page."""
    problems = []
    for (kind, rid), olds in sorted(former_addresses(base).items()):
        for old in olds:
            page = _read_bytes(str(site / kind / old / "index.html"))
            if page is None or f'url=../{rid}/"'.encode() not in page:
                problems.append(f"{kind}/{old}/index.html does not lead to {kind}/{rid}/ (a former id's address)")
    return problems
