"""Stage 4: the linked fact base becomes Markdown pages, through Jinja2 templates.

Engine-neutral: returns ``{path: markdown}``; the MkDocs glue lives in ``plugin``.
All text from YAML passes through :mod:`escape` (Jinja's ``finalize``).
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar, cast

import jinja2
from markupsafe import Markup

from generator.check.compare import ABOUT_SHARE, figure_amount, measure_views
from generator.check.link import FactBase
from generator.model.errors import Problem
from generator.model.kinds import FIGURES, KINDS
from generator.model.records import Cited, Figure
from generator.model.values import check_slug
from generator.render import escape, views, words
from generator.render.charts import Charts, measure_page
from generator.render.points import measure_points
from generator.render.store import Lookups, PageStore
from generator.site.history import SiteHistory, by_day, describe

T = TypeVar("T")

INDEX_PAGE_SIZE = 100  # rows per index page: a reader scrolls less, and a renamed actor re-renders a third as much
DISAGREEMENT_PREVIEW = 20  # rows of each section on the Disagreements page; the rest on the section's own pages
DISAGREEMENT_PAGE_SIZE = 100  # a row may list several figures and their sources: heavier than an index row
BACKLINK_LIMIT = 50  # rows per backlink list on a record page; the rest on the kind's index
# Globals in every template; each file sees those made before it (_macros shows a record's history).
SHARED_MACROS = {"hx": "_history.md.j2", "m": "_macros.md.j2", "fm": "_front.md.j2", "ix": "_index.md.j2"}
HISTORY_LIMIT = 10  # changes listed on a record page; a longer history gets its own page
CHANGES_LIMIT = 200  # changes on the Changes page (the feed and each record's history hold the rest)


@dataclass
class SiteInfo:
    """What templates may say about the site itself."""

    name: str = "Research site"
    url: str = ""
    about_share: Decimal = ABOUT_SHARE  # how far "about N" reaches, as a share of N's rounding unit
    directory_urls: bool = True  # figures/x.md is served as figures/x/ (raw HTML links, such as a chart's, need it)
    extras: dict[str, Any] = field(default_factory=dict)


class RenderError(Exception):
    """A template failed for one record: named, so no half-written site is produced."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def make_env(templates: Path | Sequence[Path], compiled: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """``templates``: one folder, or folders searched in order (a site's overrides, then the packaged defaults)."""
    folders = [templates] if isinstance(templates, Path) else list(templates)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(f) for f in folders]), autoescape=True,
                             finalize=escape.finalize, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             auto_reload=False,  # one environment per build: no need to stat templates per page
                             bytecode_cache=compiled)
    env.filters["href"] = lambda url: Markup(escape.href(url))
    env.filters["slug"] = _slug
    return env


def _slug(value: str) -> Markup:
    """A validated id or topic, safe to write unescaped (front matter, URLs)."""
    return Markup(check_slug(value))


def badge(status: str, key: bool = False) -> Markup:
    """A record's status as a badge, its meaning in a tooltip (every page with badges has the legend, see
    ``_macros.status_legend``): a function, not a macro, because it sits in every table row."""
    value = escape.text(status)
    meaning = escape.text(words.STATUS_MEANINGS.get(status, status))
    extra = " rs-badge--key" if key else ""  # in the legend: marks no record (the audit tells them apart)
    return Markup(f'<span class="rs-badge rs-badge--{value}{extra}" title="{meaning}">{value}</span>')


def cite_refs(record: Cited) -> Markup:
    """'[^1] [^2]': the footnote markers for a record's citations, in order."""
    return Markup(" ".join(f"[^{number}]" for number in range(1, len(record.sources) + 1)))


def amount(figure: Figure) -> Markup:
    """A figure's number and unit ('about 1,200 people'): in every row of every figure table."""
    unit = f" {escape.text(figure.unit)}" if figure.unit else ""
    return Markup(f"{escape.text(figure_amount(figure))}{unit}")


def numbered_pager(first: str, folder: str, pages: int) -> list[tuple[str, str]]:
    """(path, label) of each page of a listing cut by count: ``first``, then ``<folder>/page/<n>.md``."""
    return [(first if n == 1 else f"{folder}/page/{n}.md", str(n)) for n in range(1, pages + 1)]


@functools.lru_cache(maxsize=1024)
def _relative_folder(folder: str, start: str) -> str:
    """relpath between two folders, memoised: pages sit in a handful of folders (relpath is slow at 10,000 pages)."""
    return posixpath.relpath(folder or ".", start or ".")


class Renderer:
    """Renders every page of the site from one fact base.

    ``changed`` gives each record's last-change date for 'cite this page'. A long-lived
    process passes the same ``store`` to every build: pages whose every look-up answers
    as before are not rendered again (see :mod:`generator.render.store`). Without one,
    templates read the fact base itself and nothing is noted.
    """

    def __init__(self, base: FactBase, templates: Path | Sequence[Path], site: SiteInfo | None = None,
                 changed: dict[tuple[str, str], str] | None = None, store: PageStore | None = None,
                 history: SiteHistory | None = None):
        self.base = base
        self.history = history or SiteHistory()
        self.env = make_env(templates, store.compiled if store is not None else None)
        self.site = site or SiteInfo()
        self.changed = changed or {}
        self.page_folder = ""
        self.page_path = "index.md"
        self.measures = measure_views(base, self.site.about_share)
        self.store = store
        self.values: dict[Hashable, Any] = {}  # shared values of this build, when there is no store
        self.lookups = Lookups(base, self.measures, self.changed, self.history.by_record)
        if store is not None:
            self.lookups = store.begin(base, self.lookups, self._setting(templates))
        self.env.globals.update(base=self.lookups.base, site=self.site, views=views, kind_titles=views.KIND_TITLES,
                                title_of=self.title_of, link=self.link, url=self.url, kinds=KINDS,
                                backlink_limit=BACKLINK_LIMIT, last_changed=self.last_changed, words=words,
                                name_of=self.name_of, described=self.described,
                                record_history=self.record_history, describe=describe, history_limit=HISTORY_LIMIT)
        self.env.globals.update(measures=self.lookups.measures, compare_amount=figure_amount,
                                badge=badge, amount=amount, cite_refs=cite_refs)
        self.points = measure_points(base, self.measures, self.site.about_share)
        self.env.globals.update(Charts(self, self.points).globals())
        self.env.globals.update(source_note=self.source_note, breadcrumb=self.breadcrumb)
        self.macros = self._shared_macros()
        self.env.globals.update(self.macros)  # last: the macros see every global above

    def _shared_macros(self) -> dict[str, Any]:
        """The macro files as globals ``m``, ``fm``, ``ix``: an {% import %} per page costs more than most pages."""
        modules = {}
        for name, template in SHARED_MACROS.items():
            try:
                modules[name] = self.env.globals[name] = self.env.get_template(template).module
            except jinja2.TemplateNotFound:
                continue
        return modules

    def _setting(self, templates: Path | Sequence[Path]) -> tuple[Any, ...]:
        """Everything besides the records that shapes a page: the templates' text and the site's settings."""
        sources = tuple((name, self.env.loader.get_source(self.env, name)[0])  # type: ignore[union-attr]
                        for name in sorted(self.env.list_templates()))
        return (str(templates), sources, self.site.name, self.site.url, str(self.site.about_share),
                repr(sorted(self.site.extras.items())),
                repr(sorted((v, sorted(t.items())) for v, t in self.base.terms.items())))

    # --- helpers exposed to templates -----------------------------------
    def last_changed(self, kind: str, record_id: str) -> str:
        return self.lookups.changed.get((kind, record_id), "date unknown")

    def record_history(self, kind: str, record_id: str) -> list[Any]:
        """The record's changes in git, newest first (its former ids' included)."""
        return list(self.lookups.history.get((kind, record_id), ()))

    def title_of(self, kind: str, record_id: str) -> str:
        """Memoised: a busy record is linked from thousands of pages."""
        as_base = cast(FactBase, self.lookups.base)  # it answers the look-ups views.title makes
        return self._shared(("title", kind, record_id), lambda: views.title(as_base, kind, record_id))

    def label_of(self, kind: str, record_id: str) -> str:
        """A link's text: the title, and for a statement the opening words too, so that links differ."""
        if kind != "statements":
            return self.title_of(kind, record_id)

        def label() -> str:
            record = self.lookups.base.get(kind, record_id)
            said = words.opening(record.text)
            return f"{self.title_of(kind, record_id)}: " + (f"“{said}”" if record.kind == "quote" else said)
        return self._shared(("label", kind, record_id), label)

    def name_of(self, vocabulary: str, slug: str) -> str:
        """A measure's or topic's name (the terms are part of every page's setting: see ``_setting``)."""
        return words.term_name(self.base.terms, vocabulary, slug)

    def described(self, vocabulary: str, slug: str) -> str:
        """A measure's or topic's description from its name file, or ''."""
        term = self.base.terms.get(vocabulary, {}).get(slug)
        return str(term.description or "") if term is not None else ""

    def source_note(self, source_id: str) -> Markup:
        """A source's footnote text, laid out by the ``source_text`` macro once per source, not per citation."""
        return self._shared(("source", source_id), lambda: Markup(
            self.macros["m"].source_text(self.lookups.base.get("sources", source_id))))

    def breadcrumb(self, kind: str) -> Markup:
        """The ``breadcrumb`` macro's trail, made once per kind and folder (it links from the page's folder)."""
        return self._shared(("breadcrumb", kind, self.page_folder), lambda: Markup(self.macros["m"].breadcrumb(kind)))

    def _shared(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per build, whichever page asks first (the store notes its look-ups for each)."""
        if self.store is not None:
            return self.store.shared(key, compute)
        if key not in self.values:
            self.values[key] = compute()
        value: T = self.values[key]
        return value

    def url(self, target: str) -> Markup:
        """Relative link from the page being rendered to another page's Markdown file (ids are slugs)."""
        folder, name = posixpath.split(target)
        up = _relative_folder(folder, self.page_folder)
        return Markup(name if up == "." else f"{up}/{name}")

    def link(self, kind: str, record_id: str, label: str | None = None) -> Markup:
        text = escape.text(label if label is not None else self.label_of(kind, record_id))
        return Markup(f"[{text}]({self.url(f'{kind}/{record_id}.md')})")

    # --- pages ------------------------------------------------------------
    def render(self, template: str, page_path: str, **context: Any) -> str:
        """A listing page (index, timeline, topic...): reused when made from the same rows and every look-up
        answers as before. Its context is plain data (ids, numbers, labels), so its repr is its identity."""
        return self._page(page_path, (template, repr(context)), lambda: self._render(template, page_path, **context))

    def _render(self, template: str, page_path: str, **context: Any) -> str:
        # url() and link() read the page's folder from here, not from the template context: so the
        # shared macro modules (made once, see _shared_macros) link correctly from every page.
        self.page_folder, self.page_path = posixpath.dirname(page_path), page_path
        return self.env.get_template(template).render(page_path=page_path, **context)

    def record_page(self, kind: str, record_id: str) -> str:
        path = f"{kind}/{record_id}.md"
        return self._page(path, ("record", kind, record_id), lambda: self._render_record(kind, record_id, path))

    def _page(self, path: str, key: Hashable, make: Callable[[], str]) -> str:
        """``make()``'s page, or the store's when it keeps one made from ``key`` that is still true."""
        return make() if self.store is None else self.store.render_or_reuse(path, key, make)

    def _render_record(self, kind: str, record_id: str, path: str) -> str:
        record = self.lookups.base.get(kind, record_id)  # a look-up like any other: the page shows its own record
        try:
            return self._render(f"{KINDS[kind].singular}.md.j2", path, id=record_id, kind=kind, record=record)
        except Exception as exc:  # any template failure is reported against the record
            display = self.base.entries[kind][record_id].raw.display
            raise RenderError(Problem(display, 1, 1, "", f"page could not be rendered: {exc}")) from exc

    def index_pages(self, kind: str) -> dict[str, str]:
        if KINDS[kind].dated:  # paged by month: a new record does not shift every later page
            groups = views.month_groups(self.base, [(kind, rid) for rid in self.ordered(kind)])
            return self.dated_listing(f"{kind}_index.md.j2", f"{kind}/index.md", kind, groups, kind=kind)
        chunks = views.chunks(self.ordered(kind), INDEX_PAGE_SIZE)
        pager = numbered_pager(f"{kind}/index.md", kind, len(chunks))
        return {path: self.render(f"{kind}_index.md.j2", path, kind=kind, ids=chunk, number=number, pager=pager)
                for number, ((path, _), chunk) in enumerate(zip(pager, chunks, strict=True), start=1)}

    def ordered(self, kind: str) -> list[str]:
        """The order of a kind's index: by type, by date, by measure, by publisher."""
        base, ids, sort_field = self.base, list(self.base.entries[kind]), KINDS[kind].sort_field
        if sort_field is None:
            return (views.newest_first if KINDS[kind].newest_first else views.chronological)(base, kind, ids)
        return sorted(ids, key=lambda i: (str(getattr(base.get(kind, i), sort_field)).casefold(), i))

    def pages(self) -> dict[str, str]:
        """Every generated page, keyed by its path in the docs tree, in a stable order."""
        out: dict[str, str] = {}
        for kind in KINDS:
            out.update(self.index_pages(kind))
            for record_id in sorted(self.base.entries[kind]):
                out[f"{kind}/{record_id}.md"] = self.record_page(kind, record_id)
        out.update(self.measure_pages())
        out.update(self.timeline_pages())
        out.update(self.topic_pages())
        out.update(self.history_pages())
        out["data.md"] = self.render("data.md.j2", "data.md", data_columns=self.site.extras.get("data_columns", {}))
        out.update(self.disagreement_pages())
        if self.store is not None:
            self.store.keep_only(set(out))
        return out

    def disagreement_pages(self) -> dict[str, str]:
        """The Disagreements page (each section's first rows), then each longer section's own pages:
        ``disagreements/<section>.md``, ``disagreements/<section>/page/<n>.md``. Every page stays bounded."""
        sections: dict[str, list[Any]] = {
            "numbers": views.differing(self.measures), "compatible": views.differing(self.measures, "compatible"),
            "dates": views.dated_differently(self.base), "disputed": views.with_status(self.base, "disputed"),
            "retracted": views.with_status(self.base, "retracted")}
        totals = {name: len(rows) for name, rows in sections.items()}
        out = {"disagreements.md": self.render("disagreements.md.j2", "disagreements.md", section=None, totals=totals,
                                               rows={name: rows[:DISAGREEMENT_PREVIEW]
                                                     for name, rows in sections.items()})}
        for name, rows in sections.items():
            if len(rows) <= DISAGREEMENT_PREVIEW:
                continue
            chunks = views.chunks(rows, DISAGREEMENT_PAGE_SIZE)
            pager = numbered_pager(f"disagreements/{name}.md", f"disagreements/{name}", len(chunks))
            for number, ((path, _), chunk) in enumerate(zip(pager, chunks, strict=True), start=1):
                out[path] = self.render("disagreements.md.j2", path, section=name, totals=totals, rows={name: chunk},
                                        number=number, pager=pager)
        return out

    def measure_pages(self) -> dict[str, str]:
        """One page per measure: its chart, its figures compared date by date, its points as data."""
        members: dict[str, list[str]] = {measure: [] for measure in self.measures}
        for fid, fig in sorted(self.base.records(FIGURES).items()):
            members[fig.measure].append(fid)
        return {measure_page(measure): self.render("measure.md.j2", measure_page(measure), measure=measure,
                                                   members=members[measure])
                for measure in self.measures}

    def timeline_pages(self) -> dict[str, str]:
        """The timeline, oldest first: one page, or one page per month once it outgrows INDEX_PAGE_SIZE rows."""
        return self.dated_listing("timeline.md.j2", "timeline.md", "timeline", views.timeline(self.base))

    def dated_listing(self, template: str, first: str, folder: str, groups: list[views.Group],
                      **context: Any) -> dict[str, str]:
        """A listing in date order, paged by month (views.date_pages): ``first``, then ``<folder>/page/<month>.md``."""
        pages = views.date_pages(groups, INDEX_PAGE_SIZE)
        paths = [first] + [f"{folder}/page/{name}.md" for name, _ in pages[1:]]
        pager = [(path, views.page_span(months)) for path, (_, months) in zip(paths, pages, strict=True)]
        return {path: self.render(template, path, months=months, ids=[rid for _, items in months for _, rid in items],
                                  number=number, pager=pager, **context)
                for number, (path, (_, months)) in enumerate(zip(paths, pages, strict=True), start=1)}

    def topic_pages(self) -> dict[str, str]:
        """The topics index, then each topic's page(s): the generator's, so a page is complete and bounded."""
        members = views.topics(self.base)
        counts = {topic: {kind: len(views.of_kind(items, kind)) for kind in ("events", "statements", "figures")}
                  for topic, items in members.items()}
        pages = {"topics/index.md": self.render("topics_index.md.j2", "topics/index.md", counts=counts)}
        for topic, items in members.items():
            pages.update(self.topic_pages_of(topic, items, counts[topic]))
        return pages

    def topic_pages_of(self, topic: str, items: list[views.Item], counts: dict[str, int]) -> dict[str, str]:
        """``topics/<topic>.md``, then ``topics/<topic>/page/<n>.md``: INDEX_PAGE_SIZE events and statements a page."""
        chunks = views.chunks(items, INDEX_PAGE_SIZE)
        pager = numbered_pager(f"topics/{topic}.md", f"topics/{topic}", len(chunks))
        return {path: self.render("topic.md.j2", path, topic=topic, counts=counts, number=number, pager=pager,
                                  events=views.of_kind(chunk, "events"),
                                  statements=views.of_kind(chunk, "statements"),
                                  figures=views.of_kind(chunk, "figures"))
                for number, ((path, _), chunk) in enumerate(zip(pager, chunks, strict=True), start=1)}

    def history_pages(self) -> dict[str, str]:
        """The Changes page, and ``history/<kind>/<id>.md`` for each record whose history is too long for its page."""
        latest = self.history.changes[:CHANGES_LIMIT]
        days = [(day, [(change, self.history.now(change)) for change in changes]) for day, changes in by_day(latest)]
        pages = {"changes.md": self.render("changes.md.j2", "changes.md", days=days, shown=len(latest),
                                           total=len(self.history.changes))}
        for (kind, rid), changes in sorted(self.history.by_record.items()):
            if len(changes) > HISTORY_LIMIT:
                path = f"history/{kind}/{rid}.md"
                pages[path] = self.render("history.md.j2", path, kind=kind, id=rid, changes=changes)
        return pages

    def corrections(self) -> str:
        """The methodology's list of retractions, each with its reason (the record's notes)."""
        retracted = [(kind, rid) for kind in KINDS for rid in sorted(self.base.entries[kind])
                     if getattr(self.base.get(kind, rid), "status", None) == "retracted"]
        return self.render("corrections.md.j2", "methodology.md", retracted=retracted)

    def home_extra(self) -> str:
        return self.render("home.md.j2", "index.md")
