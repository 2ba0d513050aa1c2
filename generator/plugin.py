"""The thin MkDocs glue: load and render in memory, hand MkDocs the pages as generated files.

Nothing is written into the docs folder (so ``mkdocs serve`` never loops); the
content folder is watched so that saving a YAML file rebuilds the site. Invalid
content aborts the build in ``on_pre_build``, before MkDocs cleans or writes
``site/``; under ``mkdocs serve`` the error lines are printed and the last good
site keeps being served.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import RecordCache, build_factbase, escape, export, gitdates
from .audit import audit_site
from .errors import ContentError
from .jsonld import record_jsonld, script_json
from .provenance import provenance_report
from .render import Renderer, RenderError, SiteInfo

log = logging.getLogger("mkdocs.plugins.research-site")


class PluginConfig(Config):
    content = opt.Dir(exists=True, default="content")
    templates = opt.Dir(exists=True, default="site_config/templates")


class ResearchSitePlugin(BasePlugin[PluginConfig]):
    """Adds one page per record, the index pages and the timeline to the build."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.exports: dict[str, bytes] = {}
        self.dumped: dict[str, dict[str, dict[str, Any]]] = {}  # export.facts(): shared with the audit
        self.jsonld: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        self.home = ""
        self.provenance = ""
        self.renderer: Renderer | None = None
        self.serving = False
        self.cache = RecordCache()  # unchanged files are not parsed again on a serve rebuild

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for folder in (self.config.content, self.config.templates):
            if folder not in config.watch:
                config.watch.append(folder)
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this object alive across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Gather and check everything before MkDocs writes anything.

        Under ``mkdocs serve`` a failed rebuild would make MkDocs hold every page
        request until the content is fixed, so after the first good build the
        errors are printed and the last good pages are built again instead.
        """
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
                        extras={"data_columns": _data_columns(), "changed": self._changed(base)})
        renderer = Renderer(base, Path(self.config.templates), site)
        pages, home = renderer.pages(), renderer.home_extra()
        jsonld = {f"{kind}/{rid}.md": script_json(record_jsonld(base, kind, rid, config.site_url or ""))
                  for kind in base.entries for rid in base.entries[kind]}
        provenance = "\n## Provenance of this fact base\n\n" + provenance_report(base).to_markdown()
        titles = {f"{kind}/{rid}.md": renderer.title_of(kind, rid)
                  for kind in base.entries for rid in base.entries[kind]}
        dumped = export.facts(base)
        exports = export.export_files(base, dumped)
        self.renderer, self.pages, self.home, self.jsonld = renderer, pages, home, jsonld
        self.titles = titles
        self.provenance = provenance
        self.dumped, self.exports = dumped, exports

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for path, markdown in self.pages.items():
            files.append(File.generated(config, path, content=markdown))
        for path, data in self.exports.items():
            files.append(File.generated(config, path, content=data))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.titles:
            # Material writes page.meta.title into <title> and the header as it is, but puts the
            # h1-derived page.title through `striptags`, which unescapes it: give it escaped text.
            page.meta["title"] = str(escape.text(self.titles[page.file.src_uri]))
        extra = {"index.md": self.home, "methodology.md": self.provenance}.get(page.file.src_uri)
        return markdown.rstrip("\n") + "\n" + extra if extra else markdown

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if page.file.src_uri in self.jsonld:
            page.meta["jsonld"] = self.jsonld[page.file.src_uri]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The last check: every record, citation and export reached the written site."""
        if self.renderer is not None:
            with _without_gc():
                problems = audit_site(self.renderer.base, Path(config.site_dir), self.dumped)
            if problems:
                raise Abort("the built site lost content:\n" + "\n".join(problems))

    def _changed(self, base: Any) -> dict[tuple[str, str], str]:
        """Each record's last change in git, else the build date (for 'cite this page')."""
        content = Path(self.config.content)
        dates = gitdates.last_changed(content)
        fallback = gitdates.build_date()
        root = content.resolve()

        def changed(entry: Any) -> str:  # outside git, skip 10,000 path look-ups
            return dates.get(str(root / entry.raw.path.relative_to(content)), fallback) if dates else fallback

        return {entry.key: changed(entry) for kind in base.entries for entry in base.entries[kind].values()}


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
    files = {f"data/{kind}.csv": export.columns(kind) for kind in sorted(export.KINDS)}
    files["data/citations.csv"] = list(export.CITATION_COLUMNS)
    return {name: {c: export.COLUMNS.get(c, "") for c in cols} for name, cols in files.items()}
