"""Build a site from a content tree with the project's own mkdocs.yml and site_config/ (its own overrides: none)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_project(content: Path, where: Path) -> Path:
    """A project folder: the given content, the real mkdocs.yml (and zensical.yml) and site_config/."""
    where.mkdir(parents=True, exist_ok=True)
    if not (where / "content").exists():
        shutil.copytree(content, where / "content")
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copy(ROOT / "zensical.yml", where / "zensical.yml")  # Zensical's: mkdocs.yml's, from build/docs
    shutil.copytree(ROOT / "site_config", where / "site_config", dirs_exist_ok=True)
    return where


def mkdocs_build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=project,
                          capture_output=True, text=True, env=env)


class Page(HTMLParser):
    """The parts of a built page the tests look at: links, headings, text, tables, scripts."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.nav_links: list[str] = []
        self.headings: list[str] = []
        self.texts: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self._a: list[str] | None = None
        self._href = ""
        self._h: list[str] | None = None
        self.footnotes = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a":
            self._a, self._href = [], attributes.get("href") or ""
            if "md-nav__link" in (attributes.get("class") or ""):
                self.nav_links.append(self._href)
        elif tag in ("h1", "h2", "h3"):
            self._h = []
        elif tag == "script":
            self.scripts.append(attributes)
        elif tag == "li" and (attributes.get("id") or "").startswith("fn:"):
            self.footnotes += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._a is not None:
            self.links.append((self._href, " ".join("".join(self._a).split())))
            self._a = None
        elif tag in ("h1", "h2", "h3") and self._h is not None:
            self.headings.append(" ".join("".join(self._h).split()).rstrip("¶").strip())
            self._h = None

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        for bucket in (self._a, self._h):
            if bucket is not None:
                bucket.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())


def page(site: Path, url_path: str) -> Page:
    return Page((site / url_path / "index.html").read_text(encoding="utf-8"))
