"""The thin MkDocs glue: load and render in memory, hand MkDocs the pages as generated files.

Nothing is written into the docs folder (so ``mkdocs serve`` never loops); the
content folder is watched so that saving a YAML file rebuilds the site. Invalid
content aborts the build in ``on_pre_build``, before MkDocs cleans or writes
``site/``; under ``mkdocs serve`` the error lines are printed and the last good
site keeps being served.

Dirty builds (``mkdocs serve --dirty``, what ``dev.py serve`` runs) are made exact:
a generated file is rebuilt when its content, title or JSON-LD differs from the last
good build (pages are re-rendered only when something they show changed, see
``memo``); every hand-written page is rebuilt every time; a change to the theme,
the configuration or the navigation rebuilds everything; files of removed records
are deleted; and the search index keeps every page's entries, in the order a full
build gives. So a dirty build writes the same site as a full one.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from generator import RecordCache, build_factbase
from generator.check.provenance import provenance_report
from generator.model.errors import ContentError
from generator.render import cite, escape, export
from generator.render.jsonld import record_jsonld, script_json
from generator.render.pages import Renderer, RenderError, SiteInfo
from generator.serve.memo import CompiledTemplates, Outputs, PageMemo, digest
from generator.site import gitdates
from generator.site.audit import audit_site

log = logging.getLogger("mkdocs.plugins.research-site")
IDLE_COLLECT_DELAY = 1.5  # seconds after a serve build: the browser has reloaded the page by then


class PluginConfig(Config):
    content = opt.Dir(exists=True, default="content")
    templates = opt.Dir(exists=True, default="site_config/templates")
    # The content's licence, stated once: footer, Data page, data files, JSON-LD, citation files.
    licence = opt.Type(str, default="CC BY 4.0")
    licence_url = opt.Type(str, default="https://creativecommons.org/licenses/by/4.0/")
    # A build for looking at locally: no site_url needed (citations then carry the page's path only).
    local_preview = opt.Type(bool, default=False)


class SitePage(File):
    """A page or data file that a dirty build rebuilds only when ``modified`` (every file, in a full build)."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class ResearchSitePlugin(BasePlugin[PluginConfig]):
    """Adds one page per record, the index pages and the timeline to the build."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.exports: dict[str, bytes] = {}
        self.dumped: dict[str, dict[str, dict[str, Any]]] = {}  # export.facts(): shared with the audit
        self.jsonld: dict[str, str] = {}
        self.citations: dict[str, list[tuple[str, str]]] = {}  # each record page's meta tags for reference managers
        self.titles: dict[str, str] = {}
        self.home = ""
        self.provenance = ""
        self.renderer: Renderer | None = None
        self.serving = False
        self.dirty = False
        self.cache = RecordCache()  # unchanged files are not parsed again on a serve rebuild
        self.memo = PageMemo()  # nor are pages rendered again when nothing they show has changed
        self.theme_templates = CompiledTemplates()
        self.collector: threading.Timer | None = None
        self.frozen = False  # the first serve build's objects are kept out of later collections
        self.git_dates: tuple[str | None, dict[str, str]] = (None, {})  # HEAD, and each file's last commit date
        self.outputs = Outputs()  # nor written again when their bytes did not change (dirty builds)
        self.digests: dict[str, bytes] = {}
        self.setting: tuple[Any, ...] = ()  # the configuration file and the theme's files
        self.nav: tuple[Any, ...] = ()  # the navigation every page shows
        self.built: dict[str, str] = {}  # the pages MkDocs built in this build: URL by source path
        self.changed: set[str] = set()  # the generated files this build writes
        self.page_urls: list[str] = []  # every page's URL, in the order MkDocs builds them

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for folder in (self.config.content, self.config.templates):
            if folder not in config.watch:
                config.watch.append(folder)
        if not config.site_url and not self.serving and not self.config.local_preview:
            log.warning("site_url is empty, so citations and structured data carry no address: set the SITE_URL "
                        "environment variable to the published address (e.g. SITE_URL=https://<host>/<path>/), "
                        "or RESEARCH_SITE_PREVIEW=true for a local preview build (see the README)")
        if not config.copyright and self.config.licence:
            config.copyright = (f'Content licensed under <a href="{escape.href(self.config.licence_url)}">'
                                f"{escape.text(self.config.licence)}</a>")
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this object alive across `mkdocs serve` rebuilds.
        self.serving, self.dirty = command == "serve", dirty
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_exact_dirty_builds)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Gather and check everything before MkDocs writes anything.

        Under ``mkdocs serve`` a failed rebuild would make MkDocs hold every page
        request until the content is fixed, so after the first good build the
        errors are printed and the last good pages are built again instead.
        """
        if self.serving:
            self._pause_collector()
        if self.dirty and not self.outputs.knows(config.site_dir):
            clean_directory(config.site_dir)  # nothing known of what is there: start as a full build does
            self.outputs.forget()
        self.built = {}
        try:
            with _without_gc():
                self._prepare(config)
        except (ContentError, RenderError) as exc:
            report = exc.report() if isinstance(exc, ContentError) else str(exc)
            if not (self.serving and self.pages):
                raise Abort(f"invalid content, nothing was built:\n{report}") from None
            print(f"research-site: invalid content; still serving the last good site:\n{report}",
                  file=sys.stderr, flush=True)

    def _prepare(self, config: MkDocsConfig) -> None:
        """Load, check and render everything in memory; state changes only when all of it worked."""
        base = build_factbase(Path(self.config.content), self.cache)
        site = SiteInfo(name=config.site_name, url=config.site_url or "",
                        extras={"data_columns": _data_columns(), "licence": self.config.licence,
                                "licence_url": self.config.licence_url, "repo_url": config.repo_url or ""})
        memo = self.memo if self.serving else None  # one build has nothing to reuse
        renderer = Renderer(base, Path(self.config.templates), site, self._changed(base), memo)
        pages, home = renderer.pages(), renderer.home_extra()
        jsonld = {f"{kind}/{rid}.md": script_json(record_jsonld(base, kind, rid, config.site_url or "",
                                                                self.config.licence_url))
                  for kind in base.entries for rid in base.entries[kind]}
        provenance = "\n## Provenance of this fact base\n\n" + provenance_report(base).to_markdown()
        titles = {f"{kind}/{rid}.md": renderer.title_of(kind, rid)
                  for kind in base.entries for rid in base.entries[kind]}
        dumped = export.facts(base)
        licence = export.Licence(self.config.licence, self.config.licence_url, config.site_name)
        exports = export.export_files(base, dumped, licence)
        references = {f"{kind}/{rid}.md": cite.reference(kind, rid, renderer.label_of(kind, rid), config.site_name,
                                                         config.site_url or "", renderer.changed.get((kind, rid), ""),
                                                         self.config.licence)
                      for kind in base.entries for rid in base.entries[kind]}
        for path, ref in references.items():
            exports.update(cite.files(ref, *path[:-3].split("/")))
        citations = {path: [(name, str(escape.text(value))) for name, value in cite.meta_tags(ref)]  # escaped once
                     for path, ref in references.items()}
        self.renderer, self.pages, self.home, self.jsonld = renderer, pages, home, jsonld
        self.titles, self.citations = titles, citations
        self.provenance = provenance
        self.dumped, self.exports = dumped, exports

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Our pages and data files join MkDocs' own; every page becomes a SitePage (see the module note)."""
        with _without_gc():
            if self.dirty:  # only a dirty build compares with the last one
                self.digests, self.setting = self._digests(), _setting(config)
                self.changed = changed = self.outputs.changed(self.digests, self.setting)
            else:
                self.changed = changed = set(self.pages) | set(self.exports)
            mine = [_generated(config, path, text, path in changed) for path, text in self.pages.items()]
            mine += [_generated(config, path, data, path in changed) for path, data in self.exports.items()]
            return Files([*(_always_built(file) for file in files), *mine])

    def _digests(self) -> dict[str, bytes]:
        """Each generated file's digest, over everything that goes into its output."""
        digests = {path: digest(text, self.titles.get(path, ""), self.jsonld.get(path, ""))
                   for path, text in self.pages.items()}
        digests.update({path: digest(data) for path, data in self.exports.items()})
        return digests

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = self.theme_templates  # the theme's templates are not compiled again on a rebuild
        return env

    @event_priority(-100)  # after the other plugins have changed it
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Every page shows the navigation: when it changes, or names a page by its (unread) heading, build all."""
        self.nav, last = _nav_outline(nav), self.nav
        self.page_urls = [file.page.url for file in files.documentation_pages() if file.page is not None]
        if self.nav != last or any(page.title is None for page in nav.pages):
            for file in files:
                if isinstance(file, SitePage):
                    file.modified = True
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.titles:
            # Material writes page.meta.title into <title> and the header as it is, but puts the
            # h1-derived page.title through `striptags`, which unescapes it: give it escaped text.
            page.meta["title"] = str(escape.text(self.titles[page.file.src_uri]))
        extra = {"index.md": self.home, "methodology.md": self.provenance}.get(page.file.src_uri)
        return markdown.rstrip("\n") + "\n" + extra if extra else markdown

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        self.built[page.file.src_uri] = page.url
        if page.file.src_uri in self.jsonld:
            page.meta["jsonld"] = self.jsonld[page.file.src_uri]
            page.meta["citation_tags"] = self.citations.get(page.file.src_uri, [])
        return context

    @event_priority(50)  # before Material's search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Finish a dirty build, then the last check: every record, citation and export reached the site."""
        if self.dirty:
            _merge_search_index(config, self.page_urls, set(self.built.values()))
            _remove_outputs(config, self.outputs.removed(self.digests))
        if self.renderer is not None:
            with _without_gc():
                problems = audit_site(self.renderer.base, Path(config.site_dir), self.dumped, self._written())
            if problems:
                raise Abort("the built site lost content:\n" + "\n".join(problems))
        self.outputs.commit(self.digests, self.setting, config.site_dir)
        if self.serving:
            self._collect_when_idle()

    def _written(self) -> set[tuple[str, str]] | None:
        """In a dirty build, the records whose page or JSON file was written (the rest were audited before)."""
        if not self.dirty or self.renderer is None:
            return None
        return {(kind, rid) for kind, entries in self.renderer.base.entries.items() for rid in entries
                if f"{kind}/{rid}.md" in self.built or f"{kind}/{rid}.json" in self.changed}

    def on_build_error(self, *, error: Exception) -> None:
        self.outputs.forget()  # the build may have written part of the site: the next one writes all of it
        self.nav = ()
        if self.serving:
            self._collect_when_idle()

    def _pause_collector(self) -> None:
        """Under `mkdocs serve`, Python's cycle collector waits while a build runs: each full collection walks
        the whole heap (about a second at 10,000 pages), which a saved file should not wait for."""
        if self.collector is not None:
            self.collector.cancel()
        gc.disable()

    def _collect_when_idle(self) -> None:
        """Collect once the browser has reloaded, while the server is idle, then let Python go on as usual.

        After the first build, everything it left (parsed records, rendered pages) is collected and then
        frozen at once: later collections skip it, so they take a fraction of a second, not seconds. (What
        is frozen and later dropped is freed by reference counting; cycles among it, such as the first
        build's renderer, stay: a one-time cost of a few megabytes.)
        """
        if not self.frozen:
            gc.collect()
            gc.freeze()
            self.frozen = True

        def collect() -> None:
            gc.collect()
            gc.enable()
        self.collector = threading.Timer(IDLE_COLLECT_DELAY, collect)
        self.collector.daemon = True
        self.collector.start()

    def _changed(self, base: Any) -> dict[tuple[str, str], str]:
        """Each record's last change in git, else the build date (for 'cite this page')."""
        content = Path(self.config.content)
        commit = gitdates.head(content)
        if commit is None or commit != self.git_dates[0]:  # one `git log` per commit, not per serve rebuild
            self.git_dates = (commit, gitdates.last_changed(content) if commit else {})
        dates = self.git_dates[1]
        fallback = gitdates.build_date()
        root = content.resolve()

        def changed(entry: Any) -> str:  # outside git, skip 10,000 path look-ups
            return dates.get(str(root / entry.raw.path.relative_to(content)), fallback) if dates else fallback

        return {entry.key: changed(entry) for kind in base.entries for entry in base.entries[kind].values()}


def _generated(config: MkDocsConfig, path: str, content: str | bytes, modified: bool) -> SitePage:
    file = SitePage.generated(config, path, content=content)
    assert isinstance(file, SitePage)  # File.generated makes an instance of the class it is called on
    file.modified = modified
    return file


def _always_built(file: File) -> File:
    """A hand-written page as a SitePage, always rebuilt: the plugin adds to some, and links are checked."""
    if not file.is_documentation_page() or isinstance(file, SitePage):
        return file
    return SitePage(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, dest_uri=file.dest_uri,
                    inclusion=file.inclusion)


def _setting(config: MkDocsConfig) -> tuple[Any, ...]:
    """What shapes every page besides its own content: the configuration file and the theme's overrides."""
    found = [Path(config.config_file_path)] if config.config_file_path else []
    if config.theme.custom_dir:
        found += sorted(p for p in Path(config.theme.custom_dir).rglob("*") if p.is_file())
    return tuple((str(path), path.read_bytes()) for path in found)


def _nav_outline(nav: Navigation) -> tuple[Any, ...]:
    """The navigation as every page shows it: titles and addresses, nested."""
    def outline(items: Any) -> tuple[Any, ...]:
        return tuple((item.title, getattr(item, "url", None), outline(getattr(item, "children", None) or ()))
                     for item in items)
    return outline(nav.items)


def _merge_search_index(config: MkDocsConfig, pages: list[str], built: set[str]) -> None:
    """Material's search plugin, in a dirty build, indexes only the rebuilt pages and merges them into its last
    index assuming there is one: give it the whole index instead, each page's entries (new if the page was
    rebuilt, kept otherwise) in the order of the pages, as a full build lists them."""
    search = next((p for p in config.plugins.values() if hasattr(p, "search_index_prev")), None)  # Material's
    previous = getattr(search, "search_index_prev", None)
    if search is None or previous is None:
        return
    entries: dict[str, list[Any]] = {}
    for entry in previous.entries:
        entries.setdefault(entry["location"].partition("#")[0], []).append(entry)
    for url in built:
        entries[url] = []
    for entry in search.search_index.entries:
        entries[entry["location"].partition("#")[0]].append(entry)
    search.search_index.entries = [entry for url in pages for entry in entries.get(url, [])]
    search.search_index_prev = None


def _remove_outputs(config: MkDocsConfig, paths: set[str]) -> None:
    """Delete what a removed record's page or data file wrote, and the folders left empty."""
    site = Path(config.site_dir)
    for path in sorted(paths):
        file = File(path, None, config.site_dir, config.use_directory_urls)
        target = Path(file.abs_dest_path)
        target.unlink(missing_ok=True)
        for folder in target.parents:
            if folder == site or not folder.is_relative_to(site) or any(folder.iterdir()):
                break
            folder.rmdir()


def _exact_dirty_builds(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that a dirty build may be inaccurate: with this plugin it is not (see the module
    note), and under strict mode the warning would abort every dirty build."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextlib.contextmanager
def _without_gc() -> Iterator[None]:
    """Python's cycle collector, triggered by our many allocations, walks MkDocs' whole heap each time
    (seconds at 10,000 pages); what we allocate and drop is freed by reference counting anyway."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _data_columns() -> dict[str, dict[str, str]]:
    """Each CSV file's columns, in order, with what they mean (for the Data page)."""
    return export.data_columns()
