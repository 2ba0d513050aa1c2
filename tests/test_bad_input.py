"""Every kind of editor mistake gives exactly the expected error line (file, line, column, field)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import ContentError, build_factbase

from casefiles import place, read_case

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_case_gives_exact_errors(case_path: Path, project: Path) -> None:
    case = read_case(case_path)
    assert case.expect, f"{case_path.name} has no '# expect:' line"
    place(case, project)
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert [str(p) for p in caught.value.problems] == sorted(case.expect)


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 30
