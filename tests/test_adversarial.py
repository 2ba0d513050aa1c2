"""Hostile and broken input: every case in tests/adversarial/ gives exactly its expected outcome.

A case is one file, and its name is its test id:

* ``<case>.yaml``: one record file whose header uses the comment lines of ``casefiles.py``:
  ``# kind:``, optional ``# name:`` (the file name under ``content/<kind>/``), ``# outcome: accept``
  for input that must build, ``# expect:`` (the exact error lines; for an accepted case, the exact
  warnings) and ``# render: <page> | <text>`` (text that must show, literally and as text, on that
  page of the one site built from every accepted case).
* ``<case>.py``: for bytes a text header cannot carry (bad encodings, huge or many files). It
  defines ``EXPECT``, optionally ``OUTCOME = "accept"``, ``RENDER`` (pairs of page and text) and
  ``BOUNDED = True`` (run in a memory- and time-limited child process, see test_bounds.py), and
  ``files()``: the bytes of each file to add, by path under ``content/``.

Every case is added to a fresh copy of the fixture tree and built from inside the project folder:
no case may leave a file behind (no payload ran).
"""

from __future__ import annotations

import runpy
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_bounds import run_bounded

from generator import ContentError, build_factbase

from casefiles import read_case
from conftest import FIXTURE_CONTENT
from sitebuild import make_project, mkdocs_build

CORPUS = Path(__file__).parent / "adversarial"
CASE_PATHS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".yaml", ".py"))


@dataclass
class Spec:
    """One adversarial case: the files it adds and what the build must say about them."""

    name: str
    files: Callable[[], dict[str, bytes]]
    expect: list[str]
    accept: bool = False
    render: list[tuple[str, str]] = field(default_factory=list)
    bounded: bool = False

    @property
    def expected(self) -> list[str]:
        return sorted((["accepted"] if self.accept else []) + self.expect)


def _header_value(path: Path, key: str) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("# "):
            break
        if line.startswith(f"# {key}: "):
            return line.split(": ", 1)[1].strip()
    return ""


def _render_line(line: str) -> tuple[str, str]:
    page, _, text = line.partition(" | ")
    return page.strip(), text


def _yaml_spec(path: Path) -> Spec:
    case = read_case(path)
    target = f"{case.kind}/{case.name or path.name}"
    return Spec(path.stem, lambda: {target: path.read_bytes()}, case.expect,
                _header_value(path, "outcome") == "accept", [_render_line(r) for r in case.render])


def _python_spec(path: Path) -> Spec:
    spec = runpy.run_path(str(path))
    return Spec(path.stem, spec["files"], list(spec["EXPECT"]), spec.get("OUTCOME") == "accept",
                list(spec.get("RENDER", [])), bool(spec.get("BOUNDED")))


def load_spec(path: Path) -> Spec:
    return _yaml_spec(path) if path.suffix == ".yaml" else _python_spec(path)


SPECS = [load_spec(p) for p in CASE_PATHS]


def add_files(spec: Spec, content: Path) -> None:
    for relative, data in spec.files().items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def outcome(content: Path) -> list[str]:
    """What the build reports, sorted: every error line, or 'accepted' and every warning."""
    try:
        base = build_factbase(content)
    except ContentError as exc:
        return sorted(str(p) for p in exc.problems)
    return sorted(["accepted"] + [str(w) for w in base.warnings])


class VisibleText(HTMLParser):
    """The text a reader sees on a page: no script, style or head content, entities decoded."""

    HIDDEN = {"script", "style", "title", "head", "template", "noscript"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in self.HIDDEN

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def visible_text(site: Path, page: str) -> str:
    return VisibleText((site / page / "index.html").read_text(encoding="utf-8")).text


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One site built from the fixture tree plus every accepted case (the bounded ones are too big)."""
    project = make_project(FIXTURE_CONTENT, tmp_path_factory.mktemp("hostile") / "project")
    for spec in SPECS:
        if spec.accept and not spec.bounded:
            add_files(spec, project / "content")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def _files_in(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_adversarial_case(spec: Spec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          request: pytest.FixtureRequest) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    add_files(spec, content)
    before = _files_in(tmp_path)
    monkeypatch.chdir(tmp_path)  # a payload that ran would leave its file here
    assert (run_bounded(content) if spec.bounded else outcome(content)) == spec.expected
    assert _files_in(tmp_path) == before
    if spec.render:
        site = request.getfixturevalue("hostile_site")
        for page, text in spec.render:
            assert " ".join(text.split()) in visible_text(site, page), page


def test_every_case_states_its_outcome() -> None:
    for spec in SPECS:
        assert spec.accept or spec.expect, f"{spec.name}: a refused case needs '# expect:' lines"
        assert not spec.render or spec.accept, f"{spec.name}: only an accepted case renders"
    assert len(SPECS) >= 60
