"""Issue 16, defects 14 and 15: the loader against the whole YAML test suite (yaml/yaml-test-suite,
402 cases, vendored in tests/yaml-test-suite/ with its licence).

* every must-fail case is refused, as ``path:line:col:`` problems (14: five were accepted, one of them
  dropping the text after a closing quote);
* every valid case is accepted with the suite's expected tree, or refused by a documented rule: a
  message naming the rule (yamlsuite.DOCUMENTED_REFUSALS), or a case whose tree itself is what the
  project refuses (anchors, tags, several documents, a top level that is not a mapping, no document);
* one parser on every install (15: libyaml and the pure-Python parser disagreed on 11 cases): the
  results are the same whether or not PyYAML was built with libyaml.
"""

from __future__ import annotations

import importlib
import re
import sys

import pytest
import yaml
from yamlsuite import DOCUMENTED_REFUSALS, Case, cases, expected_data, tree_rule

from generator import read
from generator.model.errors import Problem
from generator.read import yamlload

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


def test_the_results_do_not_depend_on_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Load every case with libyaml hidden, as on an install without it: the same results."""
    with_c = [_outcome(c) for c in CASES]
    for name in ("CSafeLoader", "CLoader", "CParser", "CBaseLoader"):
        monkeypatch.delattr(yaml, name, raising=False)
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    for name in [m for m in sys.modules if m.startswith("generator.read.yaml")]:
        monkeypatch.delitem(sys.modules, name)  # restored after the test
    monkeypatch.setattr(read, "yamlload", read.yamlload)
    reloaded = importlib.import_module("generator.read.yamlload")
    assert reloaded is not yamlload
    without_c = []
    for case in CASES:
        result = reloaded.parse(case.yaml, "case.yaml")
        without_c.append((None, [p.message for p in result]) if isinstance(result, list) else (result.data, []))
    assert without_c == with_c
