"""Atom feeds of the changes: the whole fact base's, each topic's and each actor's (new and changed records).

Written with feedgen, which builds the XML with lxml and refuses a feed or entry without the elements
Atom requires (id, title, updated). Every date comes from git's commits, or from SOURCE_DATE_EPOCH for a
feed with no entry, so two builds of the same commit give the same bytes. Entry ids are UUIDs derived
from the commit and the record, so a reader's feed client never sees an entry twice.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

from generator.check.link import FactBase
from generator.model.kinds import KINDS
from generator.render.views import topic_lists
from generator.site.gitdates import build_date
from generator.site.history import Change, Key, SiteHistory, describe

# Material's script reads every <link rel="alternate"> as another language's copy of the site and fetches
# sitemap.xml beside its address: an empty one in each feed folder answers it (else a 404 on every page).
EMPTY_SITEMAP = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                 b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n')
FEED_LIMIT = 50  # entries per feed: the newest; the Changes page and each record's history keep the rest
_NAMESPACE = uuid.UUID("5b0f3c1e-8f0a-4c55-9f0e-2a6d1f6c9e10")  # this generator's: ids made from it are ours

Title = Callable[[str, str], str]


def feed_path(page: str) -> str | None:
    """The feed announced by a page (its Markdown path), if it has one: the Changes page, a topic, an actor."""
    if page == "changes.md":
        return "feeds/changes.xml"
    parts = page.removesuffix(".md").split("/")
    if len(parts) == 2 and parts[0] in ("topics", "actors") and parts[1] != "index" and page.endswith(".md"):
        return f"feeds/{parts[0]}/{parts[1]}.xml"
    return None


def feed_files(base: FactBase, history: SiteHistory, title_of: Title, site_name: str, site_url: str = "",
               kept: dict[Hashable, bytes] | None = None) -> dict[str, bytes]:
    """``feeds/changes.xml``, ``feeds/topics/<topic>.xml`` and ``feeds/actors/<id>.xml``.

    ``kept``: a long-lived process's feeds from its last build, by everything a feed shows; a feed whose
    entries, titles and dates are the same is not made again (most are, after an edit under serve)."""
    streams = _streams(base, history)
    wanted = [("feeds/changes.xml", "changes.md", f"{site_name}: changes", ("changes", ""))]
    wanted += [(f"feeds/topics/{t}.xml", f"topics/{t}.md", f"{site_name}: topic {t}", ("topics", t))
               for t in sorted(_topics(base))]
    wanted += [(f"feeds/actors/{rid}.xml", f"actors/{rid}.md", f"{site_name}: {title_of('actors', rid)}",
                ("actors", rid)) for rid in sorted(base.entries.get("actors", {}))]
    before: dict[Hashable, bytes] = kept if kept is not None else {}
    made: dict[Hashable, bytes] = {}
    feeds = {}
    for path, page, title, stream in wanted:
        changes = streams.get(stream, [])
        shown = tuple((change, title_of(*now) if (now := history.now(change)) else None) for change in changes)
        key = (path, page, title, site_name, site_url, shown, "" if changes else build_date())
        made[key] = feeds[path] = before.get(key) or _feed(path, page, title, changes, history, title_of,
                                                          site_name, site_url)
    if kept is not None:
        kept.clear()
        kept.update(made)
    for folder in sorted({path.rsplit("/", 1)[0] for path in feeds}):
        feeds[f"{folder}/sitemap.xml"] = EMPTY_SITEMAP
    return feeds


def _topics(base: FactBase) -> set[str]:
    return {topic for _, _, topics in topic_lists(base) for topic in topics}


def _streams(base: FactBase, history: SiteHistory) -> dict[tuple[str, str], list[Change]]:
    """Which feeds each change goes to: all of them to Changes; to a topic or actor when its record is theirs."""
    actors_of: dict[Key, set[str]] = defaultdict(set)
    for (kind, rid), refs in base.backlinks.items():
        if kind == "actors":
            for ref in refs:
                actors_of[(ref.kind, ref.id)].add(rid)
    streams: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for change in history.changes:
        now = history.now(change)
        targets = [("changes", "")]
        if now is not None:
            record = base.get(*now)
            targets += [("topics", t) for t in getattr(record, "topics", [])]
            targets += [("actors", a) for a in sorted(actors_of.get(now, ()))]
            targets += [now] if now[0] == "actors" else []
        for target in targets:
            if len(streams[target]) < FEED_LIMIT:
                streams[target].append(change)
    return streams


def _feed(path: str, page: str, title: str, changes: Iterable[Change], history: SiteHistory, title_of: Title,
          site_name: str, site_url: str) -> bytes:
    depth = path.count("/")
    feed = FeedGenerator()
    feed.id(_absolute(path, site_url) or _urn("feed", site_name, path))
    feed.title(title)
    feed.author({"name": site_name})
    feed.link(href=_link(page_url(page), depth, site_url), rel="alternate", type="text/html")
    feed.link(href=_absolute(path, site_url) or path.rsplit("/", 1)[-1], rel="self", type="application/atom+xml")
    feed.language("en")
    newest = None
    for change in changes:
        newest = newest or change.time
        _entry(feed, change, history, title_of, depth, site_url)
    feed.updated(_when(newest) if newest else _epoch())
    return bytes(feed.atom_str(pretty=True))


def _entry(feed: FeedGenerator, change: Change, history: SiteHistory, title_of: Title, depth: int,
           site_url: str) -> None:
    now = history.now(change)
    kind = KINDS[change.kind].singular.capitalize()
    name = f"“{title_of(*now)}”" if now else f"{change.id} (removed)"
    entry = feed.add_entry(order="append")
    entry.id(_urn(change.commit, change.kind, change.id))
    entry.title(f"{'Correction. ' if change.correction else ''}{kind} {name} {change.action}")
    entry.updated(_when(change.time))
    entry.summary(f"{describe(change)}. {change.subject}")
    if change.correction:
        entry.category(term="correction")
    # A record removed for good has no page: its entry leads to the Changes page (Atom wants a link or content).
    page = f"{now[0]}/{now[1]}.md" if now is not None else "changes.md"
    entry.link(href=_link(page_url(page), depth, site_url), rel="alternate", type="text/html")


def page_url(page: str) -> str:
    """A Markdown page's address on the site (directory URLs): ``actors/x.md`` → ``actors/x/``."""
    stem = page.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def _link(url: str, depth: int, site_url: str) -> str:
    """Absolute when the site's address is known, else relative to the feed's own folder."""
    return _absolute(url, site_url) or "../" * depth + url


def _absolute(url: str, site_url: str) -> str:
    return f"{site_url.rstrip('/')}/{url}" if site_url else ""


def _urn(*parts: str) -> str:
    return uuid.uuid5(_NAMESPACE, "/".join(parts)).urn


def _when(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(UTC)


def _epoch() -> datetime:
    """A feed with no entry: the build's date (SOURCE_DATE_EPOCH's day when set), at midnight UTC."""
    return datetime.fromisoformat(build_date()).replace(tzinfo=UTC)
