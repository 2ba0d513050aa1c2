"""Issue 16, defect 1: the quote check ran in quadratic time (a 25 KB statement file took 494 s).

The worst cases, at the file-size cap, run in a child process under the CPU and memory limits of
test_bounds.py; the bounded search for the closest passage gives the exhaustive search's answer.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_bounds import run_bounded

from generator.check import provenance
from generator.model.records import Citation
from generator.read.yamlload import MAX_FIELD_CHARS, MAX_FILE_BYTES

from conftest import FIXTURE_CONTENT

SOURCES = 45  # a citation each, every quote as long as a field may be: the file is just under the cap


def _tree(tmp_path: Path, text: str, quote: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    citations = ""
    for n in range(SOURCES):
        (content / "sources" / f"s-{n:02d}.yaml").write_text(f"title: S{n}\npublisher: P\ntype: report\n")
        citations += f"  - source: s-{n:02d}\n    quote: '{quote}'\n"
    record = f"speaker: ada-leader\ndate: 2023-12-19\ntext: '{text}'\nsources:\n{citations}"
    assert MAX_FILE_BYTES * 0.9 < len(record.encode()) <= MAX_FILE_BYTES
    (content / "statements" / "worst.yaml").write_text(record)
    return content


def _quote(unit: str) -> str:
    return (unit * (MAX_FIELD_CHARS // len(unit) + 1))[:MAX_FIELD_CHARS].strip()


def test_a_near_miss_against_near_identical_quotes_at_the_cap(tmp_path: Path) -> None:
    """The reported case: 150 characters of text, quotes of near-identical words (was 60 s at 12 KB)."""
    text = ("the pause of a Northland " * 6)[:150].strip() + " truce"
    lines = run_bounded(_tree(tmp_path, text, _quote("the pause of a Northland ")))
    assert len(lines) == 1 and lines[0].startswith(
        "content/statements/worst.yaml:3:7: text: quote not found word for word in its citations (tried sources[0] "
        "s-00, ")
    assert "closest passage in s-00, [-your text-] {+source+}: " in lines[0]


def test_long_runs_of_one_word_a_little_shorter_than_the_text_at_the_cap(tmp_path: Path) -> None:
    """901 words 'a' against quotes of runs of 900: every window looks alike, none holds the text."""
    lines = run_bounded(_tree(tmp_path, "a " * 900 + "a", _quote("a " * 900 + "b ")))
    assert len(lines) == 1 and lines[0].startswith(
        "content/statements/worst.yaml:3:7: text: quote not found word for word in its citations")
    assert "closest passage in s-00, [-your text-] {+source+}: " in lines[0]


def _exhaustive(text: str, quote: str) -> tuple[list[str], float]:
    """The search as it was: every window compared (the answer the bounded search must give)."""
    needle = provenance.tokens(provenance.quote_needle(text))
    words = provenance.tokens(provenance.normalise(quote))
    best: tuple[list[str], float] = ([], -1.0)
    for start, width in provenance._windows(words, len(needle)):
        window = words[start:start + width]
        score = difflib.SequenceMatcher(None, [t for t, _ in needle], [t for t, _ in window], autojunk=False).ratio()
        if score > best[1]:
            best = ([t for t, _ in window], score)
    return best


WORDS = st.lists(st.sampled_from(["a", "pause", "truce", "the", "of", ",", "Northland", "ready"]), max_size=30)


@given(WORDS.filter(bool), WORDS)
@settings(max_examples=300, deadline=None)
def test_the_bounded_search_finds_the_exhaustive_answer(text: list[str], quote: list[str]) -> None:
    text_s, quote_s = " ".join(text), " ".join(quote)
    _, window, score = provenance.closest_passage(text_s, [(0, Citation(source="s", quote=quote_s or "x"))])
    expected_window, expected_score = _exhaustive(text_s, quote_s or "x")
    assert (score, [t for t, _ in window]) == (expected_score, expected_window)
