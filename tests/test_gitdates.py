"""'Cite this page' dates: each record file's last commit, read from git in one call."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

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


def test_one_pass_tells_each_change_and_follows_a_rename(tmp_path: Path) -> None:
    from generator.site.history import read_history, site_history

    repo = tmp_path / "repo"
    folder = repo / "content" / "figures"
    folder.mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    text = "label: Trucks\nmeasure: trucks\nvalue: 105\nunit: trucks\nsources: [daily]\n"
    (folder / "trucks.yaml").write_text(text)
    commit(repo, "2023-01-02T10:00:00Z", "Add trucks")
    (folder / "trucks.yaml").write_text(text.replace("105", "110"))
    commit(repo, "2023-01-03T10:00:00Z", "More trucks")
    (folder / "trucks.yaml").rename(folder / "aid-trucks.yaml")
    (folder / "aid-trucks.yaml").write_text(text.replace("105", "110") + "former_ids: [trucks]\n")
    commit(repo, "2023-01-04T10:00:00Z", "Rename")
    (folder / "aid-trucks.yaml").write_text(text.replace("105", "110") + "former_ids: [trucks]\nstatus: retracted\n")
    commit(repo, "2023-01-05T10:00:00Z", "Retract")
    git = read_history(repo / "content")
    assert [(c.date, c.id, c.action, c.words, c.correction, c.former) for c in git.changes] == [
        ("2023-01-05", "aid-trucks", "changed", ("status reported → retracted",), True, None),
        ("2023-01-04", "aid-trucks", "renamed", ("former_ids: added `trucks`",), False, "trucks"),
        ("2023-01-03", "trucks", "changed", ("value 105 → 110",), True, None),
        ("2023-01-02", "trucks", "added", (), False, None)]
    shown = site_history(git, [("figures", "aid-trucks")], {("figures", "aid-trucks"): ["trucks"]})
    assert [c.subject for c in shown.by_record[("figures", "aid-trucks")]] == ["Retract", "Rename", "More trucks",
                                                                              "Add trucks"]
    assert shown.now(git.changes[-1]) == ("figures", "aid-trucks")


def test_after_a_new_commit_only_its_versions_are_read_again(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.site import history

    repo = tmp_path / "repo"
    (repo / "content" / "actors").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    for n, name in enumerate(["A", "Ay", "Aye"]):
        (repo / "content" / "actors" / "a.yaml").write_text(f"name: {name}\n")
        commit(repo, f"2023-01-0{n + 1}T10:00:00Z", name)
    first = history.read_history(repo / "content")
    (repo / "content" / "actors" / "a.yaml").write_text("name: Ayes\n")
    commit(repo, "2023-01-05T10:00:00Z", "Ayes")
    parsed: list[bytes | None] = []
    data = history._data
    monkeypatch.setattr(history, "_data", lambda blob: (parsed.append(blob), data(blob))[1])
    again = history.read_history(repo / "content", first)
    assert parsed == [b"name: Aye\n", b"name: Ayes\n"]
    assert [c.words for c in again.changes] == [("name Aye → Ayes",), ("name Ay → Aye",), ("name A → Ay",), ()]


def test_a_merged_record_s_history_joins_the_one_it_was_merged_into(tmp_path: Path) -> None:
    from generator.site.history import describe, read_history, site_history

    repo = tmp_path / "repo"
    folder = repo / "content" / "actors"
    folder.mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (folder / "a.yaml").write_text("name: A\ntype: state\nsources: [s]\n")
    (folder / "b.yaml").write_text("name: Bee\ntype: organization\nsources: [t]\n")
    commit(repo, "2023-01-02T10:00:00Z", "Add")
    (folder / "b.yaml").unlink()
    (folder / "a.yaml").write_text("name: A\ntype: state\nsources: [s]\nformer_ids: [b]\n")
    commit(repo, "2023-01-03T10:00:00Z", "Merge b into a")
    shown = site_history(read_history(repo / "content"), [("actors", "a")], {("actors", "a"): ["b"]})
    assert [(c.subject, describe(c)) for c in shown.by_record[("actors", "a")]] == [
        ("Merge b into a", "former_ids: added `b`"), ("Merge b into a", "b merged into it"),
        ("Add", "added"), ("Add", "added")]


def test_control_and_bidi_characters_in_a_commit_subject_are_replaced(tmp_path: Path) -> None:
    from generator.site.history import read_history

    repo = tmp_path / "repo"
    (repo / "content" / "actors").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "content" / "actors" / "a.yaml").write_text("name: A\n")
    commit(repo, "2023-01-02T10:00:00Z", "Fix \x1b[31mred\x1b[0m \u202eevil\u202c text")
    assert [c.subject for c in read_history(repo / "content").changes] == [
        "Fix \ufffd[31mred\ufffd[0m \ufffdevil\ufffd text"]
