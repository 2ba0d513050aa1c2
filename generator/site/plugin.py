"""The MkDocs plugin: each hook hands one job to a named collaborator.

Pages and data files come from ``produce`` (the same for any engine) and are handed to
MkDocs in memory as generated files: nothing is written into the docs folder, so
``mkdocs serve`` never loops; the content folder is watched so that saving a YAML file
rebuilds the site. Invalid content aborts the build in ``on_pre_build``, before MkDocs
cleans or writes ``site/``; under ``mkdocs serve`` the problems are logged and the last
good site keeps being served. Between serve builds: parsed records (``serve.cache``),
rendered pages (``serve.memo``), what was written (``serve.dirty``), git's dates
(``gitdates``); the cycle collector waits for the server to be idle (``serve.collector``).
The search index is made from the facts in a thread while MkDocs builds the pages (``search``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator import RecordCache
from generator.model.errors import ContentError
from generator.packaged import OVERRIDES, SCRIPTS, STYLESHEETS, TEMPLATES
from generator.render import escape
from generator.render.export import DEFAULT_LICENCE, Licence
from generator.render.pages import RenderError
from generator.render.searchdocs import SearchDoc, documents, page_documents
from generator.serve.collector import IdleCollector, without_gc
from generator.serve.dirty import DirtyBuilds, exact_dirty_builds
from generator.serve.memo import CompiledTemplates, PageMemo
from generator.serve.watch import inside, outermost
from generator.site.audit import SiteReader, audit_site
from generator.site.gitdates import GitDates
from generator.site.produce import Kept, SiteFiles, produce, site_info
from generator.site.search import BackgroundIndex, SearchIndexError
from generator.site.upstream import changed_upstream
from generator.site.upstream import warning as upstream_warning

log = get_plugin_logger("research-site")


class PluginConfig(Config):
    content = opt.Dir(exists=True, default="content")
    # The site's own page templates: each replaces the packaged one of the same name (the folder is optional).
    templates = opt.Dir(exists=False, default="site_config/templates")
    # How far "about N" reaches either side, as a share of the unit N is rounded to (0.5: "about 80" is 75-85).
    about_share = opt.Type((int, float), default=0.5)
    # The content's licence, stated once: footer, Data page, data files, JSON-LD, citation files.
    licence = opt.Type(str, default=DEFAULT_LICENCE[0])
    licence_url = opt.Type(str, default=DEFAULT_LICENCE[1])
    # A build for looking at locally: no site_url needed (citations then carry the page's path only).
    local_preview = opt.Type(bool, default=False)


class ResearchSitePlugin(BasePlugin[PluginConfig]):
    """Adds one page per record, the index pages, the timeline, the topics and the open data to the build."""

    def __init__(self) -> None:
        self.site: SiteFiles | None = None  # the last good build's files
        self.serving = False
        self.dirty = False
        self.cache = RecordCache()  # unchanged files are not parsed again on a serve rebuild
        self.memo = PageMemo()  # nor are pages rendered again when nothing they show has changed
        self.dates = GitDates()  # nor is git asked again until the commit changes
        self.kept = Kept()  # nor are feeds, citation files and records' JSON when made from the same
        self.builds = DirtyBuilds()  # nor are files written again when their bytes did not change
        self.theme_templates = CompiledTemplates()  # nor are the theme's templates compiled again
        self.collector = IdleCollector()
        self.search = BackgroundIndex()  # Pagefind, in a thread while MkDocs builds the pages
        self.search_docs: Callable[[], list[SearchDoc]] = list  # the last good build's search documents
        self.reader = SiteReader()  # nor are the built site's unchanged index pages and data files parsed again

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # the packaged defaults too: editing them in the generator's own tree reloads the site
        for folder in (self.config.content, self.config.templates, str(TEMPLATES), str(OVERRIDES)):
            if os.path.isdir(folder) and folder not in config.watch:
                config.watch.append(folder)
        with_packaged_theme(config)
        root = Path(config.config_file_path or ".").resolve().parent
        custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        for override in changed_upstream(root, Path(self.config.templates), custom):
            log.warning(upstream_warning(root, override))
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
            logging.getLogger("mkdocs.commands.build").addFilter(exact_dirty_builds)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
                 ) -> LiveReloadServer:
        """Each folder watched once (``serve/watch.py``): a folder inside another saw every save twice."""
        config.watch[:] = outermost(list(config.watch))
        for watched in [config.docs_dir, *config.theme.dirs]:  # MkDocs' own, watched before this hook
            if any(inside(watched, folder) for folder in config.watch):
                with contextlib.suppress(KeyError):  # not watched (the theme's are, with --watch-theme)
                    server.unwatch(watched)
        return server

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Gather and check everything before MkDocs writes anything.

        Under ``mkdocs serve`` a failed rebuild would make MkDocs hold every page request until the content
        is fixed, so after the first good build the problems are logged and the last good pages built again.
        (Logged as information: strict mode counts a warning as a failed build.)
        """
        if self.serving:
            self.collector.pause()
            self.search.hold()  # the last build's index waits: the GIL is this build's
        self.builds.begin(config.site_dir, self.dirty)
        try:
            with without_gc():
                self.site = produce(Path(self.config.content), Path(self.config.templates),
                                    site_info(config.site_name, config.site_url or "", self._licence(config),
                                              config.repo_url or "", Decimal(str(self.config.about_share)),
                                              config.use_directory_urls),
                                    cache=self.cache,
                                    store=self.memo if self.serving else None,  # one build has nothing to reuse
                                    dates=self.dates, kept=self.kept if self.serving else None)
            self.search_docs = _search_documents(self.site, Path(config.docs_dir))
            if not self.serving:  # indexed while MkDocs builds the pages; under serve, once the page has reloaded
                self.search.start(self.search_docs, config.theme["language"])
        except (ContentError, RenderError) as exc:
            report = exc.report() if isinstance(exc, ContentError) else str(exc)
            if not (self.serving and self.site):
                raise Abort(f"invalid content, nothing was built:\n{report}") from None
            log.info(f"invalid content; still serving the last good site:\n{report}")

    def _licence(self, config: MkDocsConfig) -> Licence | None:
        """The content's licence from the configuration (none when ``licence`` is set empty)."""
        if not self.config.licence:
            return None
        return Licence(self.config.licence, self.config.licence_url, config.site_name)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Our pages and data files join MkDocs' own (see ``serve.dirty`` for which are rebuilt)."""
        assert self.site is not None  # on_pre_build made it or stopped the build
        hand = Files([file for file in files if _regular(file, config.docs_dir)])
        with without_gc():
            files = self.builds.files(hand, config, self.site, self.dirty)
        if config.repo_url:
            _edit_links(files, self.site, Path(self.config.content), Path(config.docs_dir))
        return files

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = self.theme_templates  # the theme's templates are not compiled again on a rebuild
        return env

    @event_priority(-100)  # after the other plugins have changed it
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.builds.saw_nav(nav, files)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        path = page.file.src_uri
        page.meta.update(self.site.meta(path))  # a record page's title and JSON-LD (front matter on disk)
        if path in self.site.citations:  # the meta tags reference managers read
            page.meta["citation_tags"] = self.site.citations[path]
        return self.site.hand_written(path, markdown)

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        self.builds.built[page.file.src_uri] = page.url
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Finish a dirty build, then the last check: every record, citation and export reached the site."""
        assert self.site is not None
        if self.dirty:
            self.builds.remove_stale(config)
        written = self.builds.written(self.site.records()) if self.dirty else None
        with without_gc():
            problems = audit_site(self.site.base, Path(config.site_dir), self.site.dumped, written,
                                  self.reader if self.serving else None)
        if problems:
            raise PluginError("the built site lost content:\n" + "\n".join(problems))
        if self.serving:  # the browser reloads now; the index follows in a few seconds
            self.search.release()
            self.search.start(self.search_docs, config.theme["language"])
        try:
            self.search.place(Path(config.site_dir), wait=not self.serving, keep=self.serving)
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        self.builds.succeeded(config.site_dir)
        if self.serving:
            self.collector.collect_when_idle()

    def on_build_error(self, *, error: Exception) -> None:
        self.search.release()
        self.builds.failed()
        if self.serving:
            self.collector.collect_when_idle()


def with_packaged_theme(config: MkDocsConfig) -> None:
    """The packaged theme overrides sit between the site's ``custom_dir`` (which wins) and Material's own;
    the packaged stylesheet and scripts follow the site's own ``extra_css`` and ``extra_javascript``."""
    dirs = config.theme.dirs
    if str(OVERRIDES) not in (str(Path(d).resolve()) for d in dirs):
        dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
    config.extra_css += [css for css in STYLESHEETS if css not in config.extra_css]
    listed = [str(script) for script in config.extra_javascript]
    config.extra_javascript += [ExtraScriptValue(js) for js in SCRIPTS if js not in listed]


def _search_documents(site: SiteFiles, docs: Path) -> Callable[[], list[SearchDoc]]:
    """The search documents, made when called (in the index's thread): every record and hand-written page."""
    return lambda: documents(site.base, lambda kind, rid: site.titles[f"{kind}/{rid}.md"]) + page_documents(docs)


def _edit_links(files: Files, site: SiteFiles, content: Path, docs: Path) -> None:
    """Material's edit button on a record page opens its YAML file (``edit_uri`` is relative to the docs folder)."""
    folder = Path(os.path.relpath(content.resolve(), docs.resolve())).as_posix()  # content/pages → ".."
    for file in files:
        source = site.sources.get(file.src_uri)
        if source is not None:
            file.edit_uri = f"{folder}/{source.relative_to(content).as_posix()}"


def _regular(file: File, docs_dir: str) -> bool:
    """Only regular files of the docs folder are read or copied. The loader refuses the others, but
    under ``mkdocs serve`` the last good site is served on: a FIFO would hang it, a link publish its target."""
    path = file.abs_src_path
    if path is None or file.src_dir != docs_dir:  # generated, or the theme's own
        return True
    return os.path.lexists(path) and stat.S_ISREG(os.lstat(path).st_mode)
