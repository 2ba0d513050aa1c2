"""Record pages reused between builds (generator/serve/memo.py) are exactly the pages a full render gives.

Every record of the bundled fact base and of the tiny fixture tree is edited in turn
(its name, title or label; a statement's date; the file removed; a new statement added),
and after each edit the pages rendered with the memo of the previous build must equal
the pages rendered from scratch. An edit to one file changes other pages (titles in
links, backlinks, comparisons, footnotes), so this fails if any look-up goes unnoted.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import build_factbase
from generator.packaged import TEMPLATES
from generator.render.pages import Renderer, SiteInfo
from generator.serve.memo import PageMemo

from conftest import FIXTURE_CONTENT, ROOT

SECOND_EDITION = Path(tempfile.mkdtemp(prefix="memo-second-edition-"))  # the fixture with every field of issue 14
shutil.copytree(FIXTURE_CONTENT, SECOND_EDITION / "content")
for _record in (ROOT / "tests" / "fixtures" / "second-edition").glob("*/*.yaml"):
    shutil.copy(_record, SECOND_EDITION / "content" / _record.parent.name / _record.name)
TREES = {"bundled": ROOT / "content", "fixture": FIXTURE_CONTENT, "second-edition": SECOND_EDITION / "content"}
LABEL = re.compile(r"^(name|title|label): (.+)$", re.MULTILINE)
DATE = re.compile(r"^date: '?(\d{4})", re.MULTILINE)


def render(content: Path, memo: PageMemo | None = None,
           changed: dict[tuple[str, str], str] | None = None) -> dict[str, str]:
    base = build_factbase(content)
    return Renderer(base, TEMPLATES, SiteInfo(name="Test site"), changed or {}, memo).pages()


def edits(path: Path, removable: bool = True) -> Iterator[tuple[str, str | None]]:
    """(what, new text or None to remove the file) for one record file (removable: nothing links to it)."""
    text = path.read_text(encoding="utf-8")
    if match := LABEL.search(text):
        value = match.group(2)
        quoted = value[:1] in ("'", '"') and value[-1:] == value[:1]  # a label with ': ' in it is quoted
        edited = f"{value[:-1]} Edited{value[-1]}" if quoted else f"{value} Edited"
        yield "renamed", text.replace(match.group(0), f"{match.group(1)}: {edited}", 1)
    if match := DATE.search(text):
        earlier = str(int(match.group(1)) - 1)
        yield "redated", text[:match.start(1)] + earlier + text[match.end(1):]
    if removable:
        yield "removed", None


def cases(tree: str) -> list[tuple[str, str, str]]:
    content = TREES[tree]
    linked = set(build_factbase(content).backlinks)
    return [(tree, path.relative_to(content).as_posix(), what)
            for path in sorted(content.glob("*/*.yaml"))
            for what, _ in edits(path, (path.parent.name, path.stem) not in linked)]


@pytest.mark.parametrize(("tree", "record", "what"), cases("fixture") + cases("bundled") + cases("second-edition"))
def test_pages_after_an_edit_equal_a_full_render(tmp_path: Path, tree: str, record: str, what: str) -> None:
    content = tmp_path / "content"
    shutil.copytree(TREES[tree], content)
    memo = PageMemo()
    render(content, memo)
    path = content / record
    change = dict(edits(path))[what]
    if change is None:
        path.unlink()
    else:
        path.write_text(change, encoding="utf-8")
    assert render(content, memo) == render(content)


@pytest.mark.parametrize("tree", sorted(TREES))
def test_unchanged_content_reuses_every_page(tree: str) -> None:
    memo = PageMemo()
    first = render(TREES[tree], memo)
    assert render(TREES[tree], memo) == first
    assert memo.reused == set(first)  # record pages, indexes, timeline, topics and data page alike


def test_a_new_statement_shows_on_its_speakers_page(project: Path) -> None:
    memo = PageMemo()
    before = render(project / "content", memo)
    (project / "content" / "statements" / "ada-again.yaml").write_text(
        "speaker: ada-leader\ndate: 2023-12-19\nkind: paraphrase\ntext: Ada spoke again.\n"
        "sources:\n  - source: daily-report\n", encoding="utf-8")
    after = render(project / "content", memo)
    assert after == render(project / "content")
    assert "ada-again.md" in after["actors/ada-leader.md"]
    assert after["actors/ada-leader.md"] != before["actors/ada-leader.md"]


def test_a_new_last_change_date_renders_the_page_again() -> None:
    memo = PageMemo()
    render(TREES["fixture"], memo)
    after = render(TREES["fixture"], memo, {("actors", "ada-leader"): "2026-01-02"})
    assert "last changed 2 January 2026" in after["actors/ada-leader.md"]
    assert set(after) - memo.reused == {"actors/ada-leader.md"}


def test_other_templates_forget_every_page(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    memo = PageMemo()
    base = build_factbase(TREES["fixture"])
    Renderer(base, templates, SiteInfo(), {}, memo).pages()
    actor = templates / "actor.md.j2"
    actor.write_text(actor.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    pages = Renderer(build_factbase(TREES["fixture"]), templates, SiteInfo(), {}, memo).pages()
    assert pages["actors/ada-leader.md"].endswith("A new line.\n")
    assert memo.reused == set()


def test_a_new_figure_shows_on_the_pages_it_is_compared_with(project: Path) -> None:
    memo = PageMemo()
    before = render(project / "content", memo)
    (project / "content" / "figures" / "released-other.yaml").write_text(
        "label: People released, another count\nmeasure: people-released\nvalue: 105\nunit: people\n"
        "period:\n  start: 2023-11\n  end: 2023-11\nsources:\n  - source: wire-report\n"
        "    quote: about 105 were freed\n", encoding="utf-8")
    after = render(project / "content", memo)
    assert after == render(project / "content")
    assert "released-other.md" in after["figures/released-wire.md"]
    assert "released-other.md" not in before["figures/released-wire.md"]


def test_kept_citation_files_and_record_json_are_remade_only_for_what_changed(tmp_path: Path) -> None:
    """A serve rebuild reuses each page's citation files and each record's JSON while what they are made from
    is the same (the record object, the page's reference), and makes them again for an edited record."""
    from generator import RecordCache  # noqa: PLC0415
    from generator.site.produce import Kept, produce, site_info  # noqa: PLC0415

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    cache, kept, info = RecordCache(), Kept(), site_info("Test", "https://example.org/")
    first = produce(content, tmp_path / "templates", info, cache=cache, kept=kept)
    json_before, citations_before, jsonld_before = dict(kept.records), dict(kept.citations), dict(kept.jsonld)
    statement = content / "statements" / "ada-ready.yaml"
    statement.write_text(statement.read_text().replace("Northland is ready", "Northland is quite ready"))
    second = produce(content, tmp_path / "templates", info, cache=cache, kept=kept)
    assert kept.records["actors", "northland"] is json_before["actors", "northland"]
    assert kept.records["statements", "ada-ready"] is not json_before["statements", "ada-ready"]
    assert kept.jsonld["actors", "northland"] is jsonld_before["actors", "northland"]
    assert kept.jsonld["statements", "ada-ready"] is not jsonld_before["statements", "ada-ready"]
    assert set(kept.citations) - set(citations_before) == {kept_ref(kept, "statements-ada-ready")}
    assert second.exports["actors/northland.bib"] is first.exports["actors/northland.bib"]
    assert b"quite ready" in second.exports["statements/ada-ready.json"]
    assert b"quite ready" in second.exports["statements/ada-ready.bib"]  # its title has the opening words
    fresh = produce(content, tmp_path / "templates", info)
    assert second.exports == fresh.exports and second.citations == fresh.citations and second.jsonld == fresh.jsonld
    assert first.exports["actors/northland.json"] == second.exports["actors/northland.json"]
    assert len(kept.records) == len(kept.citations) == sum(len(ids) for ids in second.base.entries.values())


def kept_ref(kept: object, key: str) -> object:
    return next(ref for ref in kept.citations if ref.key == key)  # type: ignore[attr-defined]
