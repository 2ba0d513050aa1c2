"""Every example record in CONTRIBUTING.md is valid against the fixture tree, so the guide cannot go stale."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator import build_factbase

from conftest import FIXTURE_CONTENT, ROOT

GUIDE = ROOT / "CONTRIBUTING.md"
EXAMPLE = re.compile(r"^```yaml\n# (content/([a-z]+)/([a-z0-9-]+)\.yaml)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def examples() -> list[tuple[str, str, str, str]]:
    """(path, kind, id, YAML text) of every example record in the guide."""
    return [match.groups() for match in EXAMPLE.finditer(GUIDE.read_text(encoding="utf-8"))]


def test_guide_has_an_example_of_every_kind() -> None:
    kinds = {kind for _, kind, _, _ in examples()}
    assert len(examples()) == GUIDE.read_text(encoding="utf-8").count("```yaml\n# content/")
    assert kinds == {"actors", "statements", "figures", "events", "sources"}


def test_every_example_record_is_accepted(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    for path, _, _, text in examples():
        target = tmp_path / path
        assert not target.exists(), f"{path} would replace a fixture record"
        target.write_text(text, encoding="utf-8")
    base = build_factbase(content)
    for _, kind, record_id, _ in examples():
        assert record_id in base.records(kind)
    assert [str(w) for w in base.warnings] == []  # the examples follow the evidence rules too
