"""Issue 16, defect 11: a failed build never leaves a half-written site/.

``python3 dev.py build`` (what the publish workflow runs) builds into a fresh folder and puts it in
place of site/ only when the build and its audit passed. A hook that crashes after MkDocs has written
every page stands for an audit failure or any crash mid-build.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from sitebuild import make_project

CRASH = "def on_post_build(config, **kwargs):\n    raise SystemExit('crash after writing the site')\n"


def _dev_project(project: Path) -> Path:
    """The project with its own copy of dev.py, using this checkout's installed environment (only when
    that is current: else dev.py would reinstall the project from the copy into the shared .venv)."""
    stamp = ROOT / ".venv" / ".installed-from"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text() != wanted:
        pytest.skip("run python3 dev.py once: .venv is not installed from the current pyproject.toml")
    make_project(project / "content", project)
    shutil.copy(ROOT / "dev.py", project / "dev.py")
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


def _build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "dev.py", "build"], cwd=project, capture_output=True, text=True, env=env)


def _snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_crash_after_writing_leaves_the_last_good_site(project: Path) -> None:
    project = _dev_project(project)
    assert _build(project).returncode == 0
    good = _snapshot(project / "site")
    assert "pagefind/pagefind.js" in good and "index.html" in good  # the search index too
    (project / "content" / "actors" / "late.yaml").write_text("name: Late\ntype: person\nsources: [daily-report]\n")
    (project / "crash.py").write_text(CRASH)
    with (project / "mkdocs.yml").open("a") as config:
        config.write("\nhooks:\n  - crash.py\n")
    result = _build(project)
    assert result.returncode != 0
    assert "site/ was left as it was" in result.stderr
    assert _snapshot(project / "site") == good
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_bad_content_leaves_the_last_good_site(project: Path) -> None:
    project = _dev_project(project)
    assert _build(project).returncode == 0
    good = _snapshot(project / "site")
    (project / "content" / "actors" / "broken.yaml").write_text("name: [\n")
    assert _build(project).returncode != 0
    assert _snapshot(project / "site") == good


def test_a_good_build_replaces_the_site(project: Path) -> None:
    project = _dev_project(project)
    (project / "site").mkdir()
    (project / "site" / "stale.html").write_text("old")
    assert _build(project).returncode == 0
    site = _snapshot(project / "site")
    assert "stale.html" not in site and "actors/ada-leader/index.html" in site
    assert oct((project / "site").stat().st_mode & 0o777) == "0o755"
