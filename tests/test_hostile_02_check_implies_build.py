"""Issue 16, defect 2: ``check`` passing implies the build passes.

A field of 131,073 characters passed ``check`` and then crashed the build's audit (the csv module's
field limit). One set of limits is enforced by the loader (file size, field length, nesting depth;
id length and number digits by the schema); a property test builds records at and past each limit
and asserts that check and the build agree.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator import ContentError, build_factbase
from generator.model.values import MAX_ID_LENGTH, MAX_NUMBER_DIGITS
from generator.read.yamlload import MAX_DEPTH, MAX_FIELD_CHARS, MAX_FILE_BYTES

from conftest import FIXTURE_CONTENT
from sitebuild import make_project, mkdocs_build

ACTOR = "name: Big\ntype: person\nsources: [daily-report]\n"


def _check(content: Path) -> list[str]:
    try:
        build_factbase(content)
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_the_reported_field_is_refused_by_check(project: Path) -> None:
    (project / "content" / "actors" / "big.yaml").write_text(ACTOR + "notes: " + "x" * 131_073 + "\n")
    assert _check(project / "content") == ["content/actors/big.yaml:4:8: notes: is 131,073 characters long, "
                                           f"more than {MAX_FIELD_CHARS:,}: shorten it or split the record"]


def test_cells_longer_than_the_csv_modules_limit_build(project: Path) -> None:
    """Seven aliases at the field cap make one CSV cell of 140,000 characters: the audit reads it."""
    aliases = "".join(f"  - {chr(ord('a') + n) * MAX_FIELD_CHARS}\n" for n in range(7))
    (project / "content" / "actors" / "big.yaml").write_text(ACTOR + "aliases:\n" + aliases)
    assert _check(project / "content") == []
    result = mkdocs_build(make_project(project / "content", project))
    assert result.returncode == 0, result.stderr[-3000:]


def _nested(depth: int) -> str:
    return "[" * depth + "x" + "]" * depth


LIMITS = ("field", "id", "digits", "depth", "file")


def limit_files(offsets: dict[str, int], aliases: bool) -> dict[str, str]:
    """One file per limit, its size ``offset`` away from the limit (-1: under, 0: at, 1: past)."""
    padded = ACTOR + "notes: " + "z" * (MAX_FIELD_CHARS - 10) + "\n"
    size = MAX_FILE_BYTES + offsets["file"]
    files = {"actors/long-field.yaml": ACTOR + "notes: " + "y" * (MAX_FIELD_CHARS + offsets["field"]) + "\n",
             f"actors/{'i' * (MAX_ID_LENGTH + offsets['id'])}.yaml": ACTOR,
             "figures/many-digits.yaml": "label: L\nmeasure: m\nunit: u\nsources: [daily-report]\nvalue: "
                                         + "9" * (MAX_NUMBER_DIGITS + offsets["digits"]) + "\n",
             # the record's own mapping is the first level
             "actors/deep.yaml": ACTOR + f"member_of: {_nested(MAX_DEPTH + offsets['depth'] - 1)}\n",
             "actors/big-file.yaml": padded + "#" * (size - len(padded) - 1) + "\n"}
    if aliases:  # one CSV cell longer than the csv module's default limit
        files["actors/many-aliases.yaml"] = ACTOR + "aliases:\n" + "".join(
            f"  - {chr(ord('a') + n) * MAX_FIELD_CHARS}\n" for n in range(7))
    return files


@st.composite
def at_the_limits(draw: st.DrawFn) -> dict[str, str]:
    offsets = {name: draw(st.sampled_from([-1, 0, 1])) for name in LIMITS}
    files = limit_files(offsets, draw(st.booleans()))
    keep = draw(st.sets(st.sampled_from(sorted(files)), min_size=1))
    return {path: text for path, text in files.items() if path in keep}


@given(at_the_limits())
@example(limit_files(dict.fromkeys(LIMITS, 0), aliases=True))  # everything at its limit: accepted, built
@example(limit_files(dict.fromkeys(LIMITS, 1), aliases=False))  # everything one past: refused, not built
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_check_and_the_build_agree_at_every_limit(tmp_path_factory: pytest.TempPathFactory,
                                                  files: dict[str, str]) -> None:
    where = tmp_path_factory.mktemp("limits")
    shutil.copytree(FIXTURE_CONTENT, where / "content")
    for path, text in files.items():
        (where / "content" / path).write_text(text)
    problems = _check(where / "content")
    assert all(":" in line for line in problems)
    result = mkdocs_build(make_project(where / "content", where))
    assert "Traceback" not in result.stdout + result.stderr
    assert (result.returncode == 0) == (problems == []), (problems, result.stderr[-3000:])
