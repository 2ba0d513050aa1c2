"""Issue 16, defects 14 and 15: the loader against the whole YAML test suite (yaml/yaml-test-suite,
402 cases, vendored in tests/yaml-test-suite/ with its licence).

* every must-fail case is refused, as ``path:line:col:`` problems (14: five were accepted, one of them
  dropping the text after a closing quote);
* every valid case is accepted with the suite's expected tree, or refused by a documented rule: a
  message naming the rule (yamlsuite.DOCUMENTED_REFUSALS), or a case whose tree itself is what the
  project refuses (anchors, tags, several documents, a top level that is not a mapping, no document);
* the same results with and without libyaml (15: libyaml and the pure-Python parser disagreed on
  11 cases): libyaml reads only files where nothing can be read differently, checked here on the
  suite, every YAML file of the project and synthetic records.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from yamlsuite import DOCUMENTED_REFUSALS, Case, cases, expected_data, tree_rule

from generator.model.errors import Problem
from generator.read import yamlload, yamlscan

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from bench.synthetic import write_content  # noqa: E402

CASES = cases()
REFUSAL = re.compile("|".join(f"(?:{rule})" for rule in DOCUMENTED_REFUSALS.values()))


def _outcome(case: Case) -> tuple[object, list[str]]:
    result = yamlload.parse(case.yaml, "case.yaml")
    if isinstance(result, list):
        assert result and all(isinstance(p, Problem) for p in result)
        assert all(str(p).startswith("case.yaml:") for p in result)
        return None, [p.message for p in result]
    return result.data, []


def test_the_whole_suite_is_here() -> None:
    assert len(CASES) == 402 and sum(c.fail for c in CASES) == 94


@pytest.mark.parametrize("case", [c for c in CASES if c.fail], ids=lambda c: c.id)
def test_a_must_fail_case_is_refused(case: Case) -> None:
    data, problems = _outcome(case)
    assert problems, f"{case.name}: accepted as {data!r}"


@pytest.mark.parametrize("case", [c for c in CASES if not c.fail], ids=lambda c: c.id)
def test_a_valid_case_is_read_as_the_suite_reads_it_or_refused_by_a_rule(case: Case) -> None:
    assert case.tree is not None
    data, problems = _outcome(case)
    rule = tree_rule(case.tree)
    if not problems:
        assert rule is None, f"accepted despite the rule on {rule}"
        assert data == expected_data(case.tree)
    elif rule is None:
        assert all(REFUSAL.search(message) for message in problems), problems


@pytest.mark.parametrize(("text", "data"), [
    ('title: "Foo"#bar\n', None),  # SU5Z: the text after the quote was dropped
    ("block: ># comment\n  scalar\n", None),  # X4QW
    ('quoted: "a\nb\nc"\n', None),  # QB6E
    ("flow: [a,\nb,\nc]\n", None),  # 9C9N
    ("empty block scalar: >\n \n  \n   \n # comment\n", None),  # S98Z
    ('title: "Foo" #bar\n', {"title": "Foo"}),
])
def test_nothing_after_a_closing_quote_is_dropped(text: str, data: object) -> None:
    result = yamlload.parse(text, "x.yaml")
    assert (None if isinstance(result, list) else result.data) == data


def _every_yaml_text(tmp_path: Path) -> list[str]:
    """The suite, every YAML file of the project and its tests, and 300 synthetic records."""
    write_content(tmp_path / "content", 300)
    files = [*ROOT.glob("content/**/*.yaml"), *ROOT.glob("tests/**/*.yaml"), *tmp_path.glob("content/**/*.yaml")]
    return [c.yaml for c in CASES] + [path.read_text(encoding="utf-8", errors="replace") for path in files]


def _results(texts: list[str]) -> list[object]:
    results: list[object] = []
    for text in texts:
        result = yamlload.parse(text, "x.yaml")
        results.append([str(p) for p in result] if isinstance(result, list) else
                       (result.data, result.values, result.keys))
    return results


def test_the_results_do_not_depend_on_libyaml(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """libyaml reads plain files first when PyYAML has it (yamlscan.events): every file gives the same
    data, positions and messages as with the scanner alone, as on an install without libyaml."""
    if yamlscan.CParser is None:
        pytest.skip("PyYAML was built without libyaml: there is one route only")
    texts = _every_yaml_text(tmp_path)
    fast = sum(yamlscan._libyaml_events(text) is not None for text in texts)
    assert fast >= 300  # the fast route is really taken (the bundled content and synthetic records)
    with_libyaml = _results(texts)
    monkeypatch.setattr(yamlscan, "CParser", None)
    assert _results(texts) == with_libyaml
