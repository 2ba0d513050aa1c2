"""Issue 16, defect 6: U+2028 and U+2029 are refused written raw (always were) and written as
YAML escapes (``"\\L"``, ``"\\P"``, ``"\\u2028"``, ``"\\u2029"``), in values and keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import ContentError, build_factbase


@pytest.mark.parametrize(("escape", "code", "name"), [
    ("\\L", "2028", "LINE SEPARATOR"), ("\\u2028", "2028", "LINE SEPARATOR"),
    ("\\P", "2029", "PARAGRAPH SEPARATOR"), ("\\u2029", "2029", "PARAGRAPH SEPARATOR"),
])
def test_an_escaped_separator_is_refused(project: Path, escape: str, code: str, name: str) -> None:
    path = project / "content" / "actors" / "extra.yaml"
    path.write_text(f'name: "Ada{escape}type: fake"\ntype: person\nsources: [daily-report]\n')
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert [str(p) for p in caught.value.problems] == [
        f"content/actors/extra.yaml:1:7: name: contains the invisible character U+{code} ({name}): remove it"]


def test_raw_separators_stay_refused(project: Path) -> None:
    path = project / "content" / "actors" / "extra.yaml"
    path.write_bytes("name: Ada\u2029x\ntype: person\nsources: [daily-report]\n".encode())
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert [str(p) for p in caught.value.problems] == [
        "content/actors/extra.yaml:1:10: contains the invisible character U+2029 (PARAGRAPH SEPARATOR): remove it"]
