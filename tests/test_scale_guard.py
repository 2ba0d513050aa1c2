"""Scale guard: a 500-record build keeps the bounds that let 10,000 records build in linear time.

Only sizes and ratios are asserted, never an absolute time (the machine is shared). The numbers
themselves are measured by ``bench/scale.py``; this file fails when a change makes a record page,
any page or the search index grow, or makes the generator's share of the build grow. The
parse/validate cache used by ``mkdocs serve`` is checked here too: it must never serve a stale
record.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import sys
from pathlib import Path

import pytest
from test_adversarial import hostile_site  # noqa: F401  (the session fixture)

from generator import ContentError, RecordCache, build_factbase
from generator.packaged import TEMPLATES
from generator.render.pages import BACKLINK_LIMIT

from casefiles import place, read_case
from conftest import FIXTURE_CONTENT
from sitebuild import make_project, page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.scale import KINDS, site_sizes, timed_build  # noqa: E402
from bench.synthetic import add_unrelated, write_content  # noqa: E402

N = 500
MAX_RECORD_PAGE = 40 * 1024  # median record page, bytes of HTML (about 21 KB today, mostly the theme)
MAX_PAGE = 200 * 1024  # any page: index pages are paginated, backlink lists capped
MAX_SEARCH_PER_RECORD = 1.5 * 1024  # Pagefind bundle bytes per record, on disk (about 0.5 KB at 10,000 records)
MAX_SEARCH_FIRST_QUERY = 400 * 1024  # what a reader's first query downloads at most (about 200 KB at 10,000)
# plugin hooks ÷ whole build at 500 records: about 9% before the second edition; 14-15% measured since charts,
# record history and feeds, citation files and the search documents joined the build (and the floor lost its
# search step). Raised from 0.13 so that it still catches a jump; the 10,000-record ratio is to be measured again.
MAX_GENERATOR_SHARE = 0.18
CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, float]]:
    project = tmp_path_factory.mktemp("scale")
    write_content(project / "content", N)
    make_project(project / "content", project)
    return project, timed_build(project)


def test_record_pages_stay_small(built: tuple[Path, dict[str, float]]) -> None:
    sizes = site_sizes(built[0] / "site", N)
    assert sizes["record_page_median"] <= MAX_RECORD_PAGE, sizes


def test_no_page_passes_the_bound(built: tuple[Path, dict[str, float]]) -> None:
    sizes = site_sizes(built[0] / "site", N)
    assert sizes["largest_size"] <= MAX_PAGE, sizes


def test_search_index_holds_records_not_boilerplate(built: tuple[Path, dict[str, float]]) -> None:
    sizes = site_sizes(built[0] / "site", N)
    assert sizes["search_per_record"] <= MAX_SEARCH_PER_RECORD, sizes
    assert sizes["search_first_query"] <= MAX_SEARCH_FIRST_QUERY, sizes


def test_generator_share_of_the_build_is_small(built: tuple[Path, dict[str, float]]) -> None:
    timings = built[1]
    share = timings["generator"] / timings["total"]
    assert share <= MAX_GENERATOR_SHARE, f"generator took {share:.0%} of the build: {timings['hooks']}"


MAX_LARGEST_PAGE_GROWTH = 1.25  # from 500 to 1,500 records; a page listing everything would triple


@pytest.fixture(scope="module")
def grown(built: tuple[Path, dict[str, float]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same 500 records plus 1,000 that neither cite nor are cited by them, built."""
    project = tmp_path_factory.mktemp("scale-grown")
    shutil.copytree(built[0] / "content", project / "content")
    add_unrelated(project / "content", 1_000)
    timed_build(make_project(project / "content", project))
    return project / "site"


def _record_pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for kind in KINDS
            for p in (site / kind).glob("*/index.html") if p.parent.name != "page"}


def test_record_pages_do_not_change_when_unrelated_records_are_added(
        built: tuple[Path, dict[str, float]], grown: Path) -> None:
    before, after = _record_pages(built[0] / "site"), _record_pages(grown)
    assert len(after) == len(before) + 1_000
    changed = sorted(url for url, html in before.items() if after[url] != html)
    assert changed == [], f"{len(changed)} record pages changed, e.g. {changed[:3]}"


def test_the_largest_page_does_not_grow_with_the_fact_base(
        built: tuple[Path, dict[str, float]], grown: Path) -> None:
    before, after = site_sizes(built[0] / "site", N), site_sizes(grown, N + 1_000)
    assert after["largest_size"] <= MAX_LARGEST_PAGE_GROWTH * before["largest_size"], (before, after)


def test_backlink_lists_are_capped(grown: Path) -> None:
    hub = "extra-actor-00001"  # the synthetic base's very connected actor
    linking = build_factbase(grown.parent / "content").linking_to("actors", hub, "statements")
    assert len({ref.id for ref in linking}) > 3 * BACKLINK_LIMIT  # more than the three lists may show
    shown = page(grown, f"actors/{hub}")
    statement_pages = {href for href, _ in shown.links if re.search(r"/statements/[a-z0-9-]+/$", href)}
    assert 0 < len(statement_pages) <= 3 * BACKLINK_LIMIT  # by it, by its officials, about it
    assert f"Showing {BACKLINK_LIMIT} of" in shown.text


# --- the parse/validate cache ------------------------------------------------

def test_a_second_build_reuses_every_unchanged_record(project: Path) -> None:
    cache = RecordCache()
    first = build_factbase(project / "content", cache)
    second = build_factbase(project / "content", cache)
    assert (cache.misses, cache.hits) == (sum(first.counts().values()), sum(first.counts().values()))
    assert second.get("actors", "ada-leader") is first.get("actors", "ada-leader")


def test_an_edit_is_seen_even_with_the_same_size_and_time(project: Path) -> None:
    cache = RecordCache()
    record = project / "content" / "actors" / "ada-leader.yaml"
    assert build_factbase(project / "content", cache).get("actors", "ada-leader").name == "Ada Leader"
    stat = record.stat()
    record.write_text(record.read_text().replace("name: Ada Leader", "name: Ada Lxader"))
    os.utime(record, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert record.stat().st_size == stat.st_size
    assert build_factbase(project / "content", cache).get("actors", "ada-leader").name == "Ada Lxader"


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from generator.serve import cache as cache_module  # noqa: PLC0415

    reads: list[str] = []
    read_bytes = cache_module.read_bytes

    def counted(path: Path, display: str) -> bytes | object:
        reads.append(path.stem)
        return read_bytes(path, display)

    monkeypatch.setattr(cache_module, "read_bytes", counted)
    return reads


def test_a_settled_unchanged_file_is_not_read_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading 10,000 files took a quarter of a second of each serve rebuild: a file whose status is what it was
    when read, long enough after its last write, is known unchanged without reading it."""
    import time  # noqa: PLC0415

    from generator.serve import cache as cache_module  # noqa: PLC0415

    monkeypatch.setattr(cache_module, "SETTLED", 0.2)
    reads, cache = _counting_reads(monkeypatch), RecordCache()
    first = build_factbase(project / "content", cache)
    count = sum(first.counts().values())
    assert len(reads) == count  # just written: read, and not trusted yet
    time.sleep(0.3)
    build_factbase(project / "content", cache)
    assert len(reads) == 2 * count  # read again, now with settled times
    record = project / "content" / "actors" / "ada-leader.yaml"
    stat = record.stat()
    record.write_text(record.read_text().replace("name: Ada Leader", "name: Ada Lxader"))  # same size
    os.utime(record, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same modification time
    third = build_factbase(project / "content", cache)
    assert reads[2 * count:] == ["ada-leader"]  # its change time moved: only it is read
    assert third.get("actors", "ada-leader").name == "Ada Lxader"
    assert third.get("actors", "northland") is first.get("actors", "northland")


def test_a_file_written_moments_before_it_was_read_is_read_on_every_build(project: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A second save within the clock's resolution could leave every time as it was: until a file's times are
    SETTLED seconds old at the read, its bytes are compared on every build."""
    reads, cache = _counting_reads(monkeypatch), RecordCache()
    for _ in range(3):
        build_factbase(project / "content", cache)
    assert reads.count("ada-leader") == 3


def test_a_deleted_record_is_gone_from_the_next_build(project: Path) -> None:
    cache = RecordCache()
    build_factbase(project / "content", cache)
    (project / "content" / "statements" / "ada-ready.yaml").unlink()
    assert "ada-ready" not in build_factbase(project / "content", cache).records("statements")


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_a_warm_cache_reports_exactly_the_errors_of_a_cold_build(case_path: Path, project: Path) -> None:
    cache = RecordCache()
    build_factbase(project / "content", cache)  # every fixture record is now cached
    case = read_case(case_path)
    place(case, project)
    for attempt in range(2):  # an invalid file is never cached: the second build reports it again
        with pytest.raises(ContentError) as caught:
            build_factbase(project / "content", cache)
        assert [str(p) for p in caught.value.problems] == sorted(case.expect), f"build {attempt + 1}"


def test_the_fixture_tree_loads_the_same_with_and_without_a_cache() -> None:
    cold = build_factbase(FIXTURE_CONTENT)
    cache = RecordCache()
    build_factbase(FIXTURE_CONTENT, cache)
    warm = build_factbase(FIXTURE_CONTENT, cache)
    assert {k: cold.records(k) for k in KINDS} == {k: warm.records(k) for k in KINDS}
    assert cold.backlinks == warm.backlinks and cold.warnings == warm.warnings


def test_a_record_refused_as_future_is_accepted_once_its_date_comes(project: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Invalid records are never cached: time can make them valid without a byte changing."""
    from datetime import date

    from generator.model import values as model  # parse_date reads date.today() there

    class Today(date):
        now = date(2030, 1, 1)

        @classmethod
        def today(cls) -> date:
            return cls.now

    monkeypatch.setattr(model, "date", Today)
    record = project / "content" / "actors" / "ada-leader.yaml"
    record.write_text(record.read_text().replace("    of: northland\n", "    of: northland\n    start: 2030-06\n"))
    cache = RecordCache()
    with pytest.raises(ContentError, match="'2030-06' is in the future"):
        build_factbase(project / "content", cache)
    Today.now = date(2030, 7, 1)
    assert str(build_factbase(project / "content", cache).get("actors", "ada-leader").roles[0].start) == "2030-06"


# --- the generator's hot paths at 10,000 records keep their output ---------------------------------

def test_record_json_files_are_compact_and_match_the_whole_export() -> None:
    """One line per record, in its file and in facts.json: json's C encoder, not indent=2's pure-Python one."""
    from generator.render.export import export_files

    files = export_files(build_factbase(FIXTURE_CONTENT))
    whole = json.loads(files["data/facts.json"])
    record = files["actors/ada-leader.json"]
    assert record.count(b"\n") == 1 and b'":' in record and b'": ' not in record
    assert json.loads(record) == whole["actors"]["ada-leader"]
    assert record.decode("utf-8") == json.dumps(whole["actors"]["ada-leader"], ensure_ascii=False,
                                                sort_keys=True, separators=(",", ":")) + "\n"
    lines = files["data/facts.json"].decode("utf-8").splitlines()
    assert f'    "ada-leader": {record.decode("utf-8").strip()},' in lines


@pytest.mark.parametrize("here", ["actors/a/", "actors/b-1/", "sources/a/"])
@pytest.mark.parametrize("target", ["actors/a/", "actors/b-1/", "sources/a/", "sources/b-1/"])
def test_jsonld_relative_ids_are_what_relpath_gives(here: str, target: str) -> None:
    from generator.render.jsonld import _relative

    assert _relative(here, target) == posixpath.relpath(target, here) + "/"


def test_the_audit_given_the_export_dumps_still_sees_a_changed_file(hostile_site: Path,  # noqa: F811
                                                                     tmp_path: Path) -> None:
    from generator.render.export import facts
    from generator.site.audit import audit_site

    site = shutil.copytree(hostile_site, tmp_path / "site")
    base = build_factbase(hostile_site.parent / "content")
    assert audit_site(base, site, facts(base)) == []
    path = site / "actors" / "ada-leader.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"Ada Leader"', '"Ada Leeder"'), encoding="utf-8")
    assert audit_site(base, site, facts(base)) == audit_site(base, site) == [
        "actors/ada-leader.json is missing or differs from content/actors/ada-leader.yaml"]


def test_a_source_cited_twice_gets_the_same_footnote_linked_from_each_page() -> None:
    """source_note() renders a source's part of a footnote once; each page still links from itself."""
    from generator.render.pages import Renderer

    renderer = Renderer(build_factbase(FIXTURE_CONTENT), TEMPLATES)
    rendered: list[str] = []
    source_text = renderer.macros["m"].source_text
    renderer.macros["m"].source_text = lambda source: rendered.append(source.title) or source_text(source)
    pages = renderer.pages()
    source_notes = {key[1]: value for key, value in renderer.values.items() if key[0] == "source"}
    assert len(rendered) == len(set(rendered)) == len(source_notes)
    notes = [line for path in ("statements/ada-ready.md", "actors/ada-leader.md") for line in pages[path].splitlines()
             if line.startswith("[^") and "(../sources/daily-report.md)" in line]
    assert len(notes) >= 2 and len(source_notes) >= 1
    assert all(str(source_notes["daily-report"]) in line for line in notes)
