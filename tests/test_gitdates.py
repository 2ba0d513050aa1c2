"""'Cite this page' dates: each record file's last commit, read from git in one call."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from generator.site import gitdates


def commit(repo: Path, when: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, check=True, env=env)


def test_each_file_gets_the_date_of_its_last_commit(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "content" / "actors").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "content" / "actors" / "a.yaml").write_text("name: A\n")
    (repo / "content" / "actors" / "b.yaml").write_text("name: B\n")
    commit(repo, "2023-01-02T10:00:00Z", "first")
    first = gitdates.head(repo / "content")
    (repo / "content" / "actors" / "b.yaml").write_text("name: Bee\n")
    commit(repo, "2023-03-04T10:00:00Z", "second")
    top = repo.resolve()
    assert gitdates.last_changed(repo / "content") == {f"{top}/content/actors/a.yaml": "2023-01-02",
                                                      f"{top}/content/actors/b.yaml": "2023-03-04"}
    assert first is not None and gitdates.head(repo / "content") not in (None, first)


def test_outside_git_there_are_no_dates(tmp_path: Path) -> None:
    assert gitdates.head(tmp_path) is None
    assert gitdates.last_changed(tmp_path) == {}
