"""Issue 16, defect 10: content/pages/ (MkDocs' docs folder) may hold only regular, readable files:
a symbolic link to /proc/self/environ was published into site/; a FIFO would hang MkDocs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import ContentError, build_factbase

from sitebuild import make_project, mkdocs_build


def _problems(project: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    return [str(p) for p in caught.value.problems]


def test_a_symlink_in_pages_is_refused(project: Path) -> None:
    (project / "content" / "pages" / "env.md").symlink_to("/proc/self/environ")
    (project / "content" / "pages" / "sub").mkdir()
    (project / "content" / "pages" / "sub" / "passwd.txt").symlink_to("/etc/passwd")
    assert _problems(project) == [
        "content/pages/env.md:1:1: symbolic links are not allowed in content/: copy the file here instead",
        "content/pages/sub/passwd.txt:1:1: symbolic links are not allowed in content/: copy the file here instead"]


def test_a_fifo_in_pages_is_refused(project: Path) -> None:
    os.mkfifo(project / "content" / "pages" / "hang.md")
    assert _problems(project) == ["content/pages/hang.md:1:1: a FIFO (named pipe) is not allowed in content/: "
                                  "only regular files are read"]


def test_the_build_publishes_nothing_through_a_link(project: Path) -> None:
    (project / "content" / "pages" / "env.md").symlink_to("/proc/self/environ")
    result = mkdocs_build(make_project(project / "content", project))
    assert result.returncode != 0
    assert "content/pages/env.md:1:1: symbolic links are not allowed" in result.stdout + result.stderr
    assert not (project / "site" / "env").exists()
