"""Issue 16, defect 3: a file name can carry terminal escapes (ESC, OSC, BEL, U+202E); every
message prints its path escaped, as it prints the message body."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.cli import main
from generator.model.errors import Problem

from sitebuild import make_project, mkdocs_build

HOSTILE = ["evil\x1b[2Jwiped", "osc\x1b]0;title\x07", "bell\x07", "rtl\u202egnp.yaml"]


@pytest.mark.parametrize("name", HOSTILE, ids=["esc", "osc", "bel", "u202e"])
def test_check_prints_a_hostile_file_name_escaped(project: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "actors" / f"{name}.yaml").write_text("name: X\ntype: person\nsources: [daily-report]\n")
    assert main(["check", "--content", str(project / "content")]) == 1
    err = capsys.readouterr().err
    assert not any(c in err for c in "\x1b\x07\u202e"), repr(err)
    escaped = name.replace("\x1b", "\\u001b").replace("\x07", "\\u0007").replace("\u202e", "\\u202e")
    assert f"content/actors/{escaped}.yaml:1:1: " in err


def test_a_hostile_folder_name_is_escaped_too(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "actors\x1b[31m").mkdir()
    assert main(["check", "--content", str(project / "content")]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "content/actors\\u001b[31m:1:1: unknown folder" in err


def test_problem_escapes_path_field_and_message() -> None:
    line = str(Problem("a\x1bb.yaml", 1, 2, "f\x9bx", "bad \u2028 text"))
    assert line == "a\\u001bb.yaml:1:2: f\\u009bx: bad \\u2028 text"


def test_the_build_prints_a_hostile_file_name_escaped(project: Path) -> None:
    (project / "content" / "actors" / "evil\x1b]0;owned\x07.yaml").write_text("name: X\n")
    result = mkdocs_build(make_project(project / "content", project))
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "\x1b" not in output and "\x07" not in output
    assert "content/actors/evil\\u001b]0;owned\\u0007.yaml:1:1: " in output
