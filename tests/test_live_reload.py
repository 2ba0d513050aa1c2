"""mkdocs serve: saving a YAML file rebuilds, and the served page changes; bad content keeps the last good site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURE_CONTENT
from sitebuild import make_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(url: str, needle: str, limit: float = 90) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        body = _get(url)
        if body is not None and needle in body:
            return True
        time.sleep(0.5)
    return False


@pytest.fixture(params=["full", "--dirty"])  # dev.py serve runs --dirty
def serving(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    project = make_project(FIXTURE_CONTENT, tmp_path / "p")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mode = [request.param] if request.param != "full" else []
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", *mode, "-a", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command,
                               cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield project, f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_saving_yaml_updates_the_served_page(serving: tuple[Path, str, subprocess.Popen[str]]) -> None:
    project, url, _ = serving
    page = url + "/actors/ada-leader/"
    assert _wait_for(page, "Ada Leader"), "mkdocs serve did not come up"
    record = project / "content" / "actors" / "ada-leader.yaml"
    record.write_text(record.read_text().replace("name: Ada Leader", "name: Ada Renamed"))
    assert _wait_for(page, "Ada Renamed"), "the served page did not change after saving the YAML file"
    assert _wait_for(url + "/statements/ada-ready/", "Ada Renamed"), "a page naming the actor was not rebuilt"


def test_invalid_yaml_keeps_serving_the_last_good_site(serving: tuple[Path, str, subprocess.Popen[str]]) -> None:
    project, url, process = serving
    page = url + "/actors/ada-leader/"
    assert _wait_for(page, "Ada Leader")
    record = project / "content" / "actors" / "ada-leader.yaml"
    record.write_text(record.read_text().replace("type: person", "type: persn"))
    time.sleep(6)
    assert process.poll() is None, "mkdocs serve stopped on invalid content"
    assert "Ada Leader" in (_get(page) or "")
    record.write_text(record.read_text().replace("type: persn", "type: person").replace("Ada Leader", "Ada Fixed"))
    assert _wait_for(page, "Ada Fixed")


@pytest.mark.usefixtures("fresh_plugins")
def test_each_folder_is_watched_once_so_a_saved_page_builds_once(tmp_path: Path) -> None:
    """The docs folder (content/pages) lies inside the content folder: watched by both, a saved page was seen
    twice, half a second apart, and built twice. MkDocs' own server, watching as `mkdocs serve` does."""
    from mkdocs.config import load_config  # noqa: PLC0415
    from mkdocs.livereload import LiveReloadServer  # noqa: PLC0415

    project = make_project(FIXTURE_CONTENT, tmp_path / "p")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=True)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=_free_port(), root=str(tmp_path))
    try:
        server.watch(config.docs_dir)  # mkdocs/commands/serve.py's order: docs, config file, theme (with
        server.watch(str(config.config_file_path))  # --watch-theme), on_serve, `watch`
        for folder in config.theme.dirs:
            server.watch(folder)
        server = config.plugins.on_serve(server, config=config, builder=lambda: None)
        for item in config.watch:
            server.watch(item)
        folders = sorted(emitter.watch.path for emitter in server.observer.emitters  # the config file's:
                         if emitter.watch.is_recursive)  # its folder, without what lies below
    finally:
        server.server_close()
    assert str(project / "content") in folders and str(project / "site_config") in folders
    nested = [(inner, outer) for inner in folders for outer in folders
              if inner != outer and inner.startswith(outer + os.sep)]
    assert nested == []
