"""The thin MkDocs glue: load and render in memory, hand MkDocs the pages as generated files.

Nothing is written into the docs folder (so ``mkdocs serve`` never loops); the
content folder is watched so that saving a YAML file rebuilds the site. Invalid
content aborts the build in ``on_pre_build``, before MkDocs cleans or writes
``site/``; under ``mkdocs serve`` the error lines are printed and the last good
site keeps being served.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import build_factbase
from .errors import ContentError
from .render import Renderer, RenderError, SiteInfo

log = logging.getLogger("mkdocs.plugins.research-site")


class PluginConfig(Config):
    content = opt.Dir(exists=True, default="content")
    templates = opt.Dir(exists=True, default="site_config/templates")


class ResearchSitePlugin(BasePlugin[PluginConfig]):
    """Adds one page per record, the index pages and the timeline to the build."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.home = ""
        self.renderer: Renderer | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for folder in (self.config.content, self.config.templates):
            if folder not in config.watch:
                config.watch.append(folder)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Gather and check everything before MkDocs writes anything."""
        try:
            base = build_factbase(Path(self.config.content))
            self.renderer = Renderer(base, Path(self.config.templates), SiteInfo(name=config.site_name))
            self.pages = self.renderer.pages()
            self.home = self.renderer.home_extra()
        except ContentError as exc:
            raise Abort(f"invalid content, nothing was built:\n{exc.report()}") from None
        except RenderError as exc:
            raise Abort(f"a page could not be rendered, nothing was built:\n{exc}") from None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for path, markdown in self.pages.items():
            files.append(File.generated(config, path, content=markdown))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri == "index.md":
            return markdown.rstrip("\n") + "\n" + self.home
        return markdown

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        return server
