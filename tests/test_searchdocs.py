"""The search documents made from the fact base: one per record, its telling line, the words readers type.

(What the index does with them in a browser: tests/test_search.py.)
"""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path

import pytest

from generator import build_factbase
from generator.commands.cli import main
from generator.render import views
from generator.render.searchdocs import SearchDoc, _bare, documents, page_document

from conftest import FIXTURE_CONTENT


def _docs() -> dict[str, SearchDoc]:
    base = build_factbase(FIXTURE_CONTENT)
    return {doc.url: doc for doc in documents(base, lambda kind, rid: views.title(base, kind, rid))}


def test_one_document_per_record_with_what_it_is() -> None:
    docs = _docs()
    base = build_factbase(FIXTURE_CONTENT)
    assert set(docs) == {f"{kind}/{rid}/" for kind in base.entries for rid in base.entries[kind]}
    assert {doc.kind for doc in docs.values()} == {"Actor", "Statement", "Figure", "Event", "Source"}


def test_the_telling_line_is_the_quote_the_figure_or_the_event_s_date_and_place() -> None:
    docs = _docs()
    assert docs["statements/ada-ready/"].summary == "“Northland is ready for another pause.”"
    assert docs["statements/group-rejects/"].summary == "The group rejects talks while fighting continues."
    assert docs["figures/released-daily/"].summary.startswith("110 people, November 2023, reported by Northland")
    assert docs["events/ambassadors-briefing/"].title == "Leader briefs ambassadors"
    assert docs["events/ambassadors-briefing/"].summary == "19 December 2023, The capital"


def test_dates_are_indexed_as_written_and_as_iso_and_names_with_the_record() -> None:
    words = _docs()["statements/ada-ready/"].words
    assert "19 December 2023" in words and "2023-12-19" in words
    assert "Ada Leader" in words and "Leader briefs ambassadors" in words  # speaker, event
    assert "humanitarian-pause" in words


def test_hebrew_and_arabic_words_are_also_indexed_without_their_attached_prefix() -> None:
    assert _docs()["actors/south-group/"].words[:3] == ("South Group", "جماعة الجنوب", "جنوب")
    assert [_bare(w) for w in ("הנשיא", "והחטופים", "المفاوضات", "وبالمفاوضات", "حماس", "עדה")] == [
        "נשיא", "חטופים", "مفاوضات", "مفاوضات", "حماس", "עדה"]


def test_the_document_is_escaped_and_holds_no_page_furniture() -> None:
    doc = SearchDoc("actors/x/", "Actor", "<script>alert(1)</script> Ada", "a & b", ("<b>bold</b>",))
    html = doc.html()
    assert "<script" not in html and "<b>" not in html
    assert "&#60;script&#62;alert&#40;1&#41;&#60;&#47;script&#62; Ada" in html
    for text in (d.html() for d in _docs().values()):
        assert not any(bit in text for bit in ("Download this record", "Cite this page", "[^", "last changed"))


def test_a_hand_written_page_is_found_by_its_words_and_shows_its_first_paragraph() -> None:
    doc = page_document("about/", "About", "# About\n\nThis site records who said what.\n\nMore here.\n")
    assert (doc.kind, doc.title, doc.summary) == ("Page", "About", "This site records who said what.")


def test_the_command_indexes_a_site_built_by_any_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    site.mkdir()
    assert main(["search-index", "--content", str(FIXTURE_CONTENT), "--site", str(site)]) == 0
    urls = {json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
            for path in (site / "pagefind" / "fragment").glob("*.pf_fragment")}
    assert {"/actors/ada-leader/", "/statements/ada-ready/", "/about/", "/methodology/"} <= urls
    assert len(urls) == len(_docs()) + 2 and (site / "pagefind" / "pagefind.js").is_file()
    assert [p.name for p in site.iterdir()] == ["pagefind"]  # its work folder is gone
    assert "documents" in capsys.readouterr().out
    assert main(["search-index", "--content", str(FIXTURE_CONTENT), "--site", str(tmp_path / "nowhere")]) == 2
    assert "built site folder not found" in capsys.readouterr().err


def test_a_failed_index_is_reported_and_no_half_index_is_installed(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.site import search

    monkeypatch.setattr(search, "pagefind_executable", lambda: "false")  # exits 1, writes nothing
    index = search.BackgroundIndex()
    index.start(lambda: list(_docs().values()))
    with pytest.raises(search.SearchIndexError, match="the search index was not written: pagefind failed"):
        index.place(tmp_path, wait=True, keep=False)
    assert not (tmp_path / "pagefind").exists()


def test_a_bug_while_making_the_documents_fails_the_build_instead_of_hanging_it(tmp_path: Path) -> None:
    """A list speaker once raised TypeError in the thread, and ``mkdocs build`` then waited forever."""
    import threading

    from generator.site import search

    def broken() -> list[SearchDoc]:
        raise TypeError("unhashable type: 'list'")

    index = search.BackgroundIndex()
    index.start(broken)
    outcome: list[BaseException] = []

    def place() -> None:
        try:
            index.place(tmp_path, wait=True, keep=False)
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            outcome.append(exc)

    waiter = threading.Thread(target=place, daemon=True)
    waiter.start()
    waiter.join(timeout=30)
    assert not waiter.is_alive(), "place() still waiting for a thread that died"
    assert len(outcome) == 1 and isinstance(outcome[0], search.SearchIndexError)
    assert "unhashable type" in str(outcome[0])


def test_a_second_index_rewrites_only_the_changed_documents_and_gives_the_same_bundle(tmp_path: Path) -> None:
    from dataclasses import replace

    from generator.site.search import build_bundle

    docs = sorted(_docs().values(), key=lambda d: d.url)
    written = build_bundle(docs, tmp_path / "a" / "pagefind")
    pages = tmp_path / "a" / "pages"
    before = {p: p.stat().st_mtime_ns for p in pages.rglob("index.html")}
    changed = [replace(docs[0], summary="A new line."), *docs[1:-1]]  # one changed, the last removed
    build_bundle(changed, tmp_path / "a" / "pagefind", written=written)
    after = {p: p.stat().st_mtime_ns for p in pages.rglob("index.html")}
    assert [p for p in before if after.get(p) != before[p]] == [pages / docs[0].url / "index.html",
                                                                pages / docs[-1].url / "index.html"]
    build_bundle(changed, tmp_path / "b" / "pagefind")  # from nothing
    bundle = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a" / "pagefind").rglob("*")
              if p.is_file()}
    assert bundle == {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b" / "pagefind").rglob("*")
                      if p.is_file()}


def test_under_serve_the_index_waits_while_a_build_runs() -> None:
    """The last build's index would take the GIL from the next build: it starts (or goes on) between builds."""
    from generator.site import search  # noqa: PLC0415

    index = search.BackgroundIndex()
    asked = threading.Event()

    def make_docs() -> list[SearchDoc]:
        asked.set()
        raise RuntimeError("stop here: this test is about when, not what")

    index.hold()
    index.start(make_docs)
    assert not asked.wait(0.5)  # held: the documents are not even made
    index.release()
    assert asked.wait(10)
    index.wait(raise_error=False)


def test_a_build_stops_pagefind_and_the_newest_documents_are_indexed_after_it(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Under serve, Pagefind's threads slowed the next build by a third: a build stops it, then it runs again."""
    import os
    import time

    from generator.site import search  # noqa: PLC0415

    runs = tmp_path / "runs"
    fake = tmp_path / "pagefind"  # the first run would take a minute; later runs index at once
    fake.write_text(f'#!/bin/sh\necho "$$" >> {runs}\n'
                    f'[ "$(wc -l < {runs})" -gt 1 ] && exec {search.pagefind_executable()} "$@"\nexec sleep 60\n')
    fake.chmod(0o755)
    monkeypatch.setattr(search, "pagefind_executable", lambda: str(fake))
    index = search.BackgroundIndex()
    index.start(lambda: list(_docs().values()))
    index.place(tmp_path / "site", wait=False, keep=True)
    started = time.monotonic()
    while not runs.exists() and time.monotonic() - started < 30:
        time.sleep(0.05)
    first = int(runs.read_text().split()[0])
    index.hold()  # a build starts
    while time.monotonic() - started < 30:
        try:
            os.kill(first, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("Pagefind went on while the build ran")
    assert not (tmp_path / "site" / "pagefind").exists()
    index.release()  # the build ended with the same documents: they are indexed again
    index.wait()
    assert len(runs.read_text().split()) == 2
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()
    assert time.monotonic() - started < 30
