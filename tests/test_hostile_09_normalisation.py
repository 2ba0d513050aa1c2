"""Issue 16, defect 9: text is compared in Unicode NFC. A statement typed with composed accents
matches its quote typed with decomposed ones (and back); the same alias in NFC and NFD is a
duplicate. The stored text stays exactly what the editor typed."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from generator import ContentError, build_factbase
from generator.render import export

WORDS = "Le président a déclaré une trêve"
NFC, NFD = unicodedata.normalize("NFC", WORDS), unicodedata.normalize("NFD", WORDS)


def _statement(project: Path, text: str, quote: str) -> None:
    (project / "content" / "statements" / "accents.yaml").write_text(
        f"speaker: ada-leader\ndate: 2023-12-19\ntext: {text}\nsources:\n  - source: daily-report\n"
        f"    quote: {quote}\n", encoding="utf-8")


@pytest.mark.parametrize(("text", "quote"), [(NFC, NFD), (NFD, NFC)], ids=["nfc-text", "nfd-text"])
def test_a_quote_in_the_other_normal_form_is_found(project: Path, text: str, quote: str) -> None:
    assert NFC != NFD
    _statement(project, text, quote)
    base = build_factbase(project / "content")
    stored = base.get("statements", "accents")
    assert (stored.text, stored.sources[0].quote) == (text, quote)  # the editor's own characters
    dumped = json.loads(export.export_files(base)["data/facts.json"])
    assert dumped["statements"]["accents"]["text"] == text


def test_the_same_alias_in_nfc_and_nfd_is_a_duplicate(project: Path) -> None:
    (project / "content" / "actors" / "accents.yaml").write_text(
        f"name: X\ntype: person\nsources: [daily-report]\naliases:\n  - {NFC}\n  - {NFD}\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert [str(p) for p in caught.value.problems] == [
        f"content/actors/accents.yaml:6:5: aliases[1]: '{NFD}' is listed twice (also aliases[0]): keep one"]
