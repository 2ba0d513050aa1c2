"""Dirty builds (``mkdocs serve --dirty``, what ``dev.py serve`` runs) made exact.

A dirty build makes MkDocs skip every page whose file it thinks unchanged, which on its
own is unsafe: one saved file changes other pages. Here a generated file is rebuilt when
its content, title or JSON-LD differs from the last good build (pages are re-rendered
only when something they show changed, see ``memo``); every hand-written page is rebuilt
every time; a change to the theme, the configuration or the navigation rebuilds
everything; and the files of removed records are deleted. (The search index is made from
the facts, not the pages, so skipped pages do not matter to it: ``generator/site/search.py``.)
So a dirty build writes the same site as a full one (``tests/test_dirty.py``).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils import clean_directory

from generator.packaged import OVERRIDES

if TYPE_CHECKING:
    from generator.site.produce import SiteFiles


class SitePage(File):
    """A page or data file that a dirty build rebuilds only when ``modified`` (every file, in a full build)."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class DirtyBuilds:
    """What one build must write, from what the last good build wrote; and what it did write."""

    def __init__(self) -> None:
        self.outputs = Outputs()
        self.digests: dict[str, bytes] = {}
        self.contents = ContentDigests()  # content digests of the last build, by the object hashed
        self.setting: tuple[Any, ...] = ()  # the configuration file and the theme's files
        self.nav: tuple[Any, ...] = ()  # the navigation every page shows
        self.built: dict[str, str] = {}  # the pages MkDocs built in this build: URL by source path
        self.changed: set[str] = set()  # the generated files this build writes
        self.data_files: dict[str, SitePage] = {}  # this build's data files, for the next to keep if unchanged

    def begin(self, site_dir: str, dirty: bool) -> None:
        """A dirty build into a folder it knows nothing of starts as a full build does: from an empty one."""
        if dirty and not self.outputs.knows(site_dir):
            clean_directory(site_dir)
            self.outputs.forget()
        self.built = {}

    def files(self, files: Files, config: MkDocsConfig, site: SiteFiles, dirty: bool) -> Files:
        """MkDocs' files and ours, every page a SitePage, each generated one modified only if its output changed."""
        if dirty:  # only a dirty build compares with the last one
            self.digests, self.setting = output_digests(site, self.contents), setting(config)
            self.changed = self.outputs.changed(self.digests, self.setting)
        else:
            self.changed = set(site.pages) | set(site.exports)
        mine: list[File] = [generated(config, path, text, path in self.changed) for path, text in site.pages.items()]
        kept = self.data_files if dirty else {}
        self.data_files = {path: self._data_file(config, path, data, kept.get(path))
                           for path, data in site.exports.items()}
        return Files([*(always_built(file) for file in files), *mine, *self.data_files.values()])

    def _data_file(self, config: MkDocsConfig, path: str, data: bytes, last: SitePage | None) -> SitePage:
        """The last build's File for an unchanged data file (MkDocs only reads one), else a new one: making
        40,000 Files and matching each against the exclusion patterns took a tenth of a rebuild at 10,000 records."""
        if last is not None and path not in self.changed:
            last.modified = False
            return last
        return generated(config, path, data, path in self.changed)

    def saw_nav(self, nav: Navigation, files: Files) -> None:
        """Every page shows the navigation: when it changes, or names a page by its (unread) heading, build all."""
        self.nav, last = nav_outline(nav), self.nav
        if self.nav != last or any(page.title is None for page in nav.pages):
            for file in files:
                if isinstance(file, SitePage):
                    file.modified = True

    def written(self, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
        """Of ``keys``, the records whose page or JSON file this build wrote (the rest were audited before)."""
        return {(kind, rid) for kind, rid in keys
                if f"{kind}/{rid}.md" in self.built or f"{kind}/{rid}.json" in self.changed}

    def remove_stale(self, config: MkDocsConfig) -> None:
        """Delete what the pages and data files of removed records wrote, and the folders left empty."""
        site = Path(config.site_dir)
        for path in sorted(self.outputs.removed(self.digests)):
            target = Path(File(path, None, config.site_dir, config.use_directory_urls).abs_dest_path)
            target.unlink(missing_ok=True)
            for folder in target.parents:
                if folder == site or not folder.is_relative_to(site) or any(folder.iterdir()):
                    break
                folder.rmdir()

    def succeeded(self, site_dir: str) -> None:
        self.outputs.commit(self.digests, self.setting, site_dir)

    def failed(self) -> None:
        """The build may have written part of the site: the next one writes all of it."""
        self.outputs.forget()
        self.data_files = {}
        self.nav = ()


class Outputs:
    """The digest of every generated file of the last good build, so that the next one rewrites only what differs.

    ``setting`` stands for everything else that shapes every output (theme, configuration, navigation):
    when it differs, every file counts as changed. Until a build into ``place`` has succeeded, and after
    one fails (it may have written part of the site), nothing is known and everything counts as changed.
    """

    def __init__(self) -> None:
        self.known: dict[str, bytes] | None = None
        self.setting: Hashable = None
        self.place: str | None = None

    def knows(self, place: str) -> bool:
        return self.known is not None and place == self.place

    def changed(self, digests: Mapping[str, bytes], setting: Hashable) -> set[str]:
        if self.known is None or setting != self.setting:
            return set(digests)
        return {path for path, digest in digests.items() if self.known.get(path) != digest}

    def removed(self, digests: Mapping[str, bytes]) -> set[str]:
        """Files the last good build generated that this one does not: their output must go."""
        return set(self.known or ()) - set(digests)

    def commit(self, digests: dict[str, bytes], setting: Hashable, place: str) -> None:
        self.known, self.setting, self.place = digests, setting, place

    def forget(self) -> None:
        self.known, self.setting, self.place = None, None, None


def digest(*parts: str | bytes) -> bytes:
    """One digest for a generated file's content and whatever else goes into its output (title, JSON-LD)."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.digest()


class ContentDigests:
    """Each file's content digest, kept with the content it was made from: a page or data file that a serve
    rebuild reused (the very same object) is not hashed again."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[str | bytes, bytes]] = {}

    def of(self, contents: Mapping[str, str | bytes]) -> dict[str, bytes]:
        made = {}
        for path, content in contents.items():
            kept = self.last.get(path)
            made[path] = kept if kept is not None and kept[0] is content else (content, digest(content))
        self.last = made
        return {path: entry[1] for path, entry in made.items()}


def output_digests(site: SiteFiles, contents: ContentDigests | None = None) -> dict[str, bytes]:
    """Each generated file's digest, over everything that goes into its output."""
    of = (contents or ContentDigests()).of({**site.pages, **site.exports})
    digests = {path: digest(of[path], site.titles.get(path, ""), site.jsonld.get(path, "")) for path in site.pages}
    digests.update({path: of[path] for path in site.exports})
    return digests


def generated(config: MkDocsConfig, path: str, content: str | bytes, modified: bool) -> SitePage:
    file = SitePage.generated(config, path, content=content)
    assert isinstance(file, SitePage)  # File.generated makes an instance of the class it is called on
    file.modified = modified
    return file


def always_built(file: File) -> File:
    """A hand-written page as a SitePage, always rebuilt: the plugin adds to some, and links are checked."""
    if not file.is_documentation_page() or isinstance(file, SitePage):
        return file
    return SitePage(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, dest_uri=file.dest_uri,
                    inclusion=file.inclusion)


def setting(config: MkDocsConfig) -> tuple[Any, ...]:
    """What shapes every page besides its own content: the configuration file and the theme's overrides."""
    found = [Path(config.config_file_path)] if config.config_file_path else []
    for folder in (config.theme.custom_dir, OVERRIDES):  # the site's overrides, then the packaged ones
        if folder:
            found += sorted(p for p in Path(folder).rglob("*") if p.is_file())
    return tuple((str(path), path.read_bytes()) for path in found)


def nav_outline(nav: Navigation) -> tuple[Any, ...]:
    """The navigation as every page shows it: titles and addresses, nested."""
    def outline(items: Any) -> tuple[Any, ...]:
        return tuple((item.title, getattr(item, "url", None), outline(getattr(item, "children", None) or ()))
                     for item in items)
    return outline(nav.items)


def exact_dirty_builds(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that a dirty build may be inaccurate: with this plugin it is not (see the module
    note), and under strict mode the warning would abort every dirty build."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")
