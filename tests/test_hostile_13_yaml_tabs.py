"""Issue 16, defect 13: tabs that editors leave load as YAML means them. A tab after a value, before
a comment, alone on a blank line, inside a block scalar or after a continuation line's indentation
is white space or text; only a tab standing where indentation is is refused, and the message says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import ContentError, build_factbase

HEAD = "type: person\nsources: [daily-report]\n"


@pytest.mark.parametrize(("lines", "field", "value"), [
    ("name: Ada\t\n", "name", "Ada"),
    ("name: Ada\n\t\n", "name", "Ada"),  # a blank line holding a tab
    ("name: Ada\nnotes: x\t# note\n", "notes", "x"),
    ("name: Ada\nnotes: a\tb\n", "notes", "a\tb"),
    ("name: Ada\nnotes: |\n  code:\n  \tindented with a tab\n", "notes", "code:\n\tindented with a tab"),
    ('name: Ada\nnotes: "first\n  \tsecond"\n', "notes", "first second"),
    ("name: Ada\nnotes: first\n  \tsecond\n", "notes", "first second"),
    ("name:\tAda\n", "name", "Ada"),
])
def test_tabs_people_leave_are_read_as_yaml_means_them(project: Path, lines: str, field: str, value: str) -> None:
    (project / "content" / "actors" / "tabs.yaml").write_text(HEAD + lines, encoding="utf-8")
    record = build_factbase(project / "content").get("actors", "tabs")
    assert getattr(record, field) == value


@pytest.mark.parametrize(("lines", "where"), [
    ("name: Ada\naliases:\n\t- A.\n", "5:1"),
    ("name: Ada\nroles:\n  - title: President\n  \tof: northland\n", "6:3"),
    ("name: Ada\nnotes: |\n  text\n\t\n", "6:1"),
    ('name: Ada\nnotes: "first\n\tsecond"\n', "5:1"),
])
def test_a_tab_in_the_indentation_is_refused_saying_so(project: Path, lines: str, where: str) -> None:
    (project / "content" / "actors" / "tabs.yaml").write_text(HEAD + lines, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert [str(p) for p in caught.value.problems] == [
        f"content/actors/tabs.yaml:{where}: tab used for indentation: indent with spaces"]
