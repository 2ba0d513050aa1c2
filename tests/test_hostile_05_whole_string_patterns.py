"""Issue 16, defect 5: ids, topics and every pattern-checked field match the whole string:
``re.match(...$)`` accepted a trailing newline ("isaac-herzog\\n" was a second isaac-herzog)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import ContentError, build_factbase


def _problems(project: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    return [str(p) for p in caught.value.problems]


def test_a_file_name_ending_in_a_newline_is_not_an_id(project: Path) -> None:
    record = "name: X\ntype: person\nsources: [daily-report]\n"
    (project / "content" / "actors" / "ada-leader\n.yaml").write_text(record)
    assert _problems(project) == ["content/actors/ada-leader\\u000a.yaml:1:1: the file name 'ada-leader\\u000a' is "
                                  "not a valid id: use lowercase a-z, 0-9 and single hyphens"]


@pytest.mark.parametrize(("field", "value", "column", "expected"), [
    ("country", '"IL\\n"', 10, "country: 'IL\\u000a' is not an ISO 3166-1 alpha-2 code (e.g. IL, QA, US)"),
    ("wikidata", '"Q42\\n"', 11, "wikidata: 'Q42\\u000a' is not a Wikidata id (e.g. Q42)"),
    ("member_of", '["northland\\n"]', 13, "member_of[0]: 'northland\\u000a' is not a valid id: "
                                     "use lowercase a-z, 0-9 and single hyphens"),
])
def test_an_actor_field_with_a_trailing_newline_is_refused(project: Path, field: str, value: str, column: int,
                                                           expected: str) -> None:
    path = project / "content" / "actors" / "extra.yaml"
    path.write_text(f"name: X\ntype: person\nsources: [daily-report]\n{field}: {value}\n")
    assert _problems(project) == [f"content/actors/extra.yaml:4:{column}: {expected}"]


def test_an_alias_language_with_a_trailing_newline_is_refused(project: Path) -> None:
    path = project / "content" / "actors" / "extra.yaml"
    path.write_text('name: X\ntype: person\nsources: [daily-report]\naliases:\n  - name: Y\n    lang: "en\\n"\n')
    assert _problems(project) == ["content/actors/extra.yaml:6:11: aliases[0].lang: 'en\\u000a' is not a BCP 47 "
                                  "language tag (e.g. en, he, ar, fr-CA)"]


def test_a_topic_with_a_trailing_newline_is_refused(project: Path) -> None:
    path = project / "content" / "statements" / "ada-ready.yaml"
    path.write_text(path.read_text().replace("  - humanitarian-pause", '  - "humanitarian-pause\\n"'))
    assert _problems(project) == ["content/statements/ada-ready.yaml:10:5: topics[0]: 'humanitarian-pause\\u000a' "
                                  "is not a valid id: use lowercase a-z, 0-9 and single hyphens"]
