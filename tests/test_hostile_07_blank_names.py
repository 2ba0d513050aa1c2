"""Issue 16, defect 7: a name or title with no visible character is refused by one general rule
(letters, digits, punctuation and symbols that are not default-ignorable and not blank), not a list."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from generator import ContentError, build_factbase
from generator.model.values import draws

BLANK = {"braille-blank": "\u2800", "grapheme-joiner": "\u034f", "variation-selector": "\ufe0f",
         "mongolian-fvs": "\u180b", "tag-space": "\U000e0020", "combining-acute": "\u0301",
         "ideographic-space": "\u3000", "hangul-filler": "\u3164", "soft-hyphen": "\u00ad",
         "private-use": "\ue000", "unassigned": "\U0010fffd"[:0] + "\u0378", "mixed": "\u2800\u034f \ufe0f\u200b"}


@pytest.mark.parametrize("text", list(BLANK.values()), ids=list(BLANK))
def test_a_name_of_invisible_characters_is_refused(project: Path, text: str) -> None:
    path = project / "content" / "actors" / "blank.yaml"
    path.write_text(f'name: "{text}"\ntype: person\nsources: [daily-report]\n', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert [str(p) for p in caught.value.problems] == [
        "content/actors/blank.yaml:1:7: name: must not be empty or only spaces or invisible characters"]


@pytest.mark.parametrize("text", ["A", "ע", "٣", "·", "€", "😀", "e\u0301"])
def test_a_visible_character_is_enough(text: str) -> None:
    assert any(draws(c) for c in text)


def test_no_default_ignorable_code_point_draws() -> None:
    """Every code point Unicode lists as Default_Ignorable_Code_Point (DerivedCoreProperties.txt)."""
    ranges = [(0xAD, 0xAD), (0x34F, 0x34F), (0x61C, 0x61C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
              (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F),
              (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
              (0xE0000, 0xE0FFF)]
    drawn = [f"U+{n:04X}" for low, high in ranges for n in range(low, high + 1) if draws(chr(n))]
    assert drawn == []


def test_no_space_separator_or_control_draws() -> None:
    drawn = [f"U+{n:04X}" for n in range(sys.maxunicode + 1)
             if unicodedata.category(chr(n))[0] in "ZC" and draws(chr(n))]
    assert drawn == []
