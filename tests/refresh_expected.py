"""Rewrite the ``# expect:`` lines of the one-file cases in tests/cases/ from what the loader says now.

    .venv/bin/python tests/refresh_expected.py

Run it after a deliberate change of wording, then read ``git diff tests/cases`` line by line before
committing: the expected lines are the editors' contract. A case keeps its header position, so line
numbers do not move (placeholders are written first, then replaced).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from generator import ContentError, build_factbase

from casefiles import place, read_case

TESTS = Path(__file__).resolve().parent
HEADER = ("# kind:", "# name:")


def current_errors(case_path: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(TESTS / "fixtures" / "content", project / "content")
        place(read_case(case_path), project)
        try:
            build_factbase(project / "content")
        except ContentError as exc:
            return [str(p) for p in exc.problems]
    return []


def write_expectations(case_path: Path, expected: list[str]) -> None:
    lines = case_path.read_bytes().decode("utf-8").split("\n")
    header = [line for line in lines if line.startswith(HEADER)]
    body = [line for line in lines if not line.startswith(HEADER + ("# expect:",))]
    text = "\n".join(header + [f"# expect: {line}" for line in expected] + body)
    case_path.write_bytes(text.encode("utf-8"))


def main() -> int:
    for case_path in sorted((TESTS / "cases").glob("*.yaml")):
        write_expectations(case_path, ["placeholder"] * len(current_errors(case_path)))
        write_expectations(case_path, current_errors(case_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
