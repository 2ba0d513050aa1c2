"""Issue 16, defect 4: ``research-site diff --markdown`` (appended to the pull request's job summary)
must not let a value leave its code span. The output is parsed with a CommonMark parser
(markdown-it-py): no HTML, emphasis, link or image anywhere, and every payload only inside code."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.commands.cli import main
from generator.commands.diff import Style

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
PAYLOADS = ["safe to merge", "img src", "onerror", "<b>", "evil.example"]
NAME = "Ada `` ` <img src=x onerror=alert(1)> **safe to merge** [click](https://evil.example) `"


@pytest.fixture
def repo(project: Path) -> Path:
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "facts"]):
        subprocess.run([*GIT, *args], cwd=project, check=True, capture_output=True)
    return project


def _tokens(markdown: str) -> list[Token]:
    flat: list[Token] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        flat += [token, *(token.children or [])]
    return flat


def _assert_contained(markdown: str) -> None:
    tokens = _tokens(markdown)
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_inline", "html_block", "strong_open", "em_open", "image", "link_open"}, kinds
    outside = " ".join(t.content for t in tokens if t.type == "text")
    assert not [p for p in PAYLOADS if p in outside], outside


def test_hostile_values_names_and_ids_stay_in_their_code_spans(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    actors = repo / "content" / "actors"
    escaped_name = NAME.replace("\\", "\\\\").replace('"', '\\"')
    (actors / "ada-leader.yaml").write_text(
        f'name: "{escaped_name}"\ntype: person\nsources: [daily-report]\n'
        f'notes: "line\\n\\n**safe to merge**\\n\\n<b>bold</b>"\n'
        '"**safe to merge** <b>x</b>": 1\n', encoding="utf-8")
    (actors / "x`\n\n**safe to merge** <b>.yaml").write_text("name: X\ntype: person\nsources: [daily-report]\n")
    capsys.readouterr()
    assert main(["diff", "HEAD", "--content", str(repo / "content"), "--markdown"]) == 0
    out = capsys.readouterr().out
    _assert_contained(out)
    codes = [t.content for t in _tokens(out) if t.type == "code_inline"]
    assert any(c == NAME for c in codes), codes  # the value itself, whole, inside one code span


@pytest.mark.parametrize("text", ["`", "``", "a`b", "`a`", " ` ", "x\n\ny", "", " ", "a  b", "\\`", "```js"])
def test_a_code_span_shows_exactly_its_text(text: str) -> None:
    [code] = [t for t in _tokens(Style(markdown=True).code(text)) if t.type == "code_inline"]
    expected = text.replace("\n", "\\u000a") or " "  # CommonMark has no empty code span
    assert code.content == expected
