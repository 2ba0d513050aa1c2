"""`mkdocs serve --dirty` (what `dev.py serve` runs) writes exactly the site a full build writes.

The builds run as `mkdocs serve` runs them: one process, the configuration loaded
again for every build, the plugins kept. After each edit (a renamed actor, whose
name is on other pages; a new statement; a removed figure; a hand-written page; the
theme's stylesheet; invalid content, then fixed), every file the served folder holds
must equal, byte for byte, what a full build of the same content writes, search
index included; and the dirty build must have rebuilt only some of the pages.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.packaged import OVERRIDES

from conftest import FIXTURE_CONTENT, ROOT
from sitebuild import make_project

SERVE_URL = "http://127.0.0.1:8000/"


pytestmark = pytest.mark.usefixtures("fresh_plugins")  # conftest: no plugin object from other tests


def run_build(project: Path, site: Path, *, dirty: bool, start: str = "") -> Any:
    """One build as `mkdocs serve` makes it (``start``: the command starting the process); returns our plugin."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    if start:
        config.plugins.on_startup(command=start, dirty=dirty)
    build(config, serve_url=SERVE_URL, dirty=dirty)
    plugin = config.plugins["research-site"]
    plugin.search.wait()  # under `mkdocs serve` the search index is written after the build returns
    return plugin


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def full_build(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """A clean build of the same content by a separate plugin object, as a fresh `mkdocs build` does."""
    cache = MkDocsConfig.plugins.plugin_cache  # type: ignore[attr-defined]
    kept = dict(cache)
    cache.clear()
    try:
        site = tmp_path / f"full-{len(list(tmp_path.iterdir()))}"
        run_build(project, site, dirty=False, start="build")
        return files(site)
    finally:
        cache.clear()
        cache.update(kept)


def page_count(site: Path) -> int:
    """Every page of the site (directory URLs: one index.html each)."""
    return len(list(site.rglob("index.html")))


def differences(served: dict[str, bytes], full: dict[str, bytes]) -> list[str]:
    return sorted({path for path in served.keys() | full.keys() if served.get(path) != full.get(path)})


def rename_actor(content: Path) -> None:
    path = content / "actors" / "ada-leader.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Ada Leader", "name: Ada Q. Leader"),
                    encoding="utf-8")


def add_statement(content: Path) -> None:
    (content / "statements" / "ada-again.yaml").write_text(
        "speaker: ada-leader\ndate: 2023-12-19\nkind: paraphrase\ntext: Ada spoke again.\n"
        "topics: [humanitarian-pause]\nsources:\n  - source: daily-report\n", encoding="utf-8")


def remove_figure(content: Path) -> None:
    (content / "figures" / "released-wire.yaml").unlink()


def edit_page(content: Path) -> None:
    path = content / "pages" / "about.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")


def edit_theme(content: Path) -> None:
    path = content.parent / "site_config" / "overrides" / "stylesheets" / "research-site.css"  # the site's override
    text = (path if path.exists() else OVERRIDES / "stylesheets" / "research-site.css").read_text(encoding="utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n/* edited */\n", encoding="utf-8")


EDITS = [rename_actor, add_statement, remove_figure, edit_page, edit_theme]


def test_each_dirty_rebuild_writes_what_a_full_build_writes(tmp_path: Path) -> None:
    project = make_project(FIXTURE_CONTENT, tmp_path / "project")
    served = tmp_path / "served"
    plugin = run_build(project, served, dirty=True, start="serve")  # first dirty build: from an empty folder
    pages = page_count(served)
    for edit in EDITS:
        edit(project / "content")
        run_build(project, served, dirty=True)
        assert differences(files(served), full_build(project, tmp_path)) == [], edit.__name__
        if edit is not edit_theme:
            assert len(plugin.builds.built) < pages, edit.__name__  # only some pages were built again
    assert len(plugin.builds.built) == pages  # the theme changed: every page


def test_invalid_content_keeps_the_last_good_site_then_catches_up(tmp_path: Path) -> None:
    project = make_project(FIXTURE_CONTENT, tmp_path / "project")
    served = tmp_path / "served"
    run_build(project, served, dirty=True, start="serve")
    good = files(served)
    actor = project / "content" / "actors" / "ada-leader.yaml"
    text = actor.read_text(encoding="utf-8")
    actor.write_text(text.replace("name: Ada Leader", "name: [unclosed"), encoding="utf-8")
    run_build(project, served, dirty=True)
    assert differences(files(served), good) == []
    actor.write_text(text.replace("name: Ada Leader", "name: Ada Q. Leader"), encoding="utf-8")
    run_build(project, served, dirty=True)
    assert differences(files(served), full_build(project, tmp_path)) == []


def test_a_dirty_build_into_an_unknown_folder_starts_clean(tmp_path: Path) -> None:
    project = make_project(FIXTURE_CONTENT, tmp_path / "project")
    site = tmp_path / "site"
    (site / "statements" / "gone").mkdir(parents=True)
    (site / "statements" / "gone" / "index.html").write_text("a page of a record removed long ago")
    run_build(project, tmp_path / "other", dirty=True, start="serve")
    run_build(project, site, dirty=True)  # the same process, another folder
    assert not (site / "statements" / "gone").exists()
    assert differences(files(site), full_build(project, tmp_path)) == []


def test_a_navigation_naming_pages_by_their_headings_rebuilds_every_page(tmp_path: Path) -> None:
    """MkDocs reads such a title from the page itself, which a dirty build does not read when it skips it."""
    project = make_project(FIXTURE_CONTENT, tmp_path / "project")
    config = project / "mkdocs.yml"
    untitled = config.read_text(encoding="utf-8").replace("  - Sources: sources/index.md", "  - sources/index.md")
    config.write_text(untitled, encoding="utf-8")
    served = tmp_path / "served"
    plugin = run_build(project, served, dirty=True, start="serve")
    rename_actor(project / "content")
    run_build(project, served, dirty=True)
    assert len(plugin.builds.built) == page_count(served)
    assert differences(files(served), full_build(project, tmp_path)) == []


def test_a_changed_navigation_rebuilds_every_page(tmp_path: Path) -> None:
    project = make_project(FIXTURE_CONTENT, tmp_path / "project")
    served = tmp_path / "served"
    plugin = run_build(project, served, dirty=True, start="serve")
    plugin.builds.nav = (("Elsewhere", "elsewhere/", ()),)  # as if the last build had shown another navigation
    run_build(project, served, dirty=True)
    assert len(plugin.builds.built) == page_count(served)


def test_the_cycle_collector_waits_for_the_end_of_a_served_build(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Paused while the build runs (a full collection walks the whole heap), it runs once the server is idle."""
    from generator.serve import collector
    from generator.site import plugin as glue

    monkeypatch.setattr(collector, "IDLE_COLLECT_DELAY", 0.1)
    for left in threading.enumerate():  # an earlier test's server would turn the collector on mid-build
        if isinstance(left, threading.Timer):
            left.cancel()
    states: list[bool] = []
    on_nav = glue.ResearchSitePlugin.on_nav  # a hook that does not pause the collector itself
    monkeypatch.setattr(glue.ResearchSitePlugin, "on_nav",
                        lambda self, nav, **kwargs: (states.append(gc.isenabled()), on_nav(self, nav, **kwargs))[1])
    project = make_project(FIXTURE_CONTENT, tmp_path / "project")
    plugin = run_build(project, tmp_path / "served", dirty=True, start="serve")
    assert states == [False]
    plugin.collector.timer.join(timeout=30)
    assert gc.isenabled()


MAX_REBUILT = 25  # pages a one-statement edit may rebuild at 500 records (about a dozen today, of 560)


def test_at_scale_one_edit_rebuilds_a_few_pages_and_renders_fewer(tmp_path: Path) -> None:
    """The guard for live preview (ratios, not times): at 500 synthetic records, editing one statement's
    text rebuilds only the pages that show it, and the rest of the site stays exactly as a full build."""
    sys.path.insert(0, str(ROOT))
    from bench.rebuild import statement_text
    from bench.synthetic import write_content

    project = tmp_path / "project"
    write_content(project / "content", 500)
    make_project(project / "content", project)
    served = tmp_path / "served"
    plugin = run_build(project, served, dirty=True, start="serve")
    data_files = dict(plugin.builds.data_files)
    statement_text(project / "content")
    run_build(project, served, dirty=True)
    kept = {path for path, file in plugin.builds.data_files.items() if data_files.get(path) is file}
    assert "actors/actor-00001.json" in kept and "statements/statement-00002.json" not in kept  # MkDocs' File too
    assert len(kept) > 0.9 * len(data_files)
    rendered = set(plugin.site.pages) - plugin.memo.reused
    assert "statements/statement-00002.md" in rendered and len(rendered) <= MAX_REBUILT
    assert "statements/statement-00002.md" in plugin.builds.built and len(plugin.builds.built) <= MAX_REBUILT
    assert page_count(served) > 500
    assert differences(files(served), full_build(project, tmp_path)) == []


def test_git_is_asked_for_dates_once_per_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_gitdates import commit

    from generator.site import gitdates

    project = make_project(FIXTURE_CONTENT, tmp_path / "project")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    commit(project, "2023-12-20T10:00:00Z", "facts")
    asked: list[str] = []
    read_history = gitdates.read_history  # the one pass over git's history: dates and changes
    monkeypatch.setattr(gitdates, "read_history", lambda *args: (asked.append("log"), read_history(*args))[1])
    served = tmp_path / "served"
    run_build(project, served, dirty=True, start="serve")
    rename_actor(project / "content")  # saved, not committed: the dates stay those of the last commit
    run_build(project, served, dirty=True)
    assert asked == ["log"]
    assert "last changed 20 December 2023," in (served / "actors" / "ada-leader" / "index.html").read_text()
    commit(project, "2024-01-05T10:00:00Z", "rename")
    run_build(project, served, dirty=True)
    assert asked == ["log", "log"]
    assert "last changed 5 January 2024," in (served / "actors" / "ada-leader" / "index.html").read_text()
    assert differences(files(served), full_build(project, tmp_path)) == []
