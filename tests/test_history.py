"""Trust over time: a record changed in three commits shows three history entries, on its page, on the Changes
page and in the Atom feeds, told in the words of `research-site diff`; the feeds are valid Atom and
byte-identical across builds."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from generator import build_factbase
from generator.packaged import TEMPLATES
from generator.render.feeds import feed_files
from generator.site.history import Change, GitHistory, read_history, site_history

from conftest import FIXTURE_CONTENT
from sitebuild import Page, make_project, mkdocs_build, page

ATOM = "{http://www.w3.org/2005/Atom}"
FIGURE = Path("content/figures/released-daily.yaml")


def _commit(repo: Path, when: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, check=True, env=env)


def _edit(repo: Path, old: str, new: str) -> None:
    path = repo / FIGURE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project in git: the figure added, its value corrected, then marked disputed."""
    project = make_project(FIXTURE_CONTENT, tmp_path_factory.mktemp("history"))
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    _commit(project, "2023-12-20T09:00:00Z", "Add the fixture facts")
    _edit(project, "value: 110", "value: 105")
    _edit(project, "quote: 110 people", "quote: 105 people")
    _commit(project, "2023-12-21T09:00:00Z", "Daily report: the count was 105")
    _edit(project, "reported_by: northland\n", "reported_by: northland\nstatus: disputed\n")
    _commit(project, "2023-12-22T09:00:00Z", "The wire report disagrees")
    return project


@pytest.fixture(scope="module")
def site(repo: Path) -> Path:
    result = mkdocs_build(repo)
    assert result.returncode == 0, result.stderr
    return repo / "site"


def _history_items(html: str) -> list[str]:
    """The text of each item of the page's History list."""
    section = html.split('id="history"', 1)[1].split("</ul>", 1)[0]
    return [Page(item.split("</li>")[0]).text for item in section.split("<li>")[1:]]


def test_the_record_page_shows_three_changes_newest_first(site: Path) -> None:
    html = (site / "figures" / "released-daily" / "index.html").read_text(encoding="utf-8")
    items = _history_items(html)
    assert items == [
        "22 December 2023 · correction · status reported → disputed · The wire report disagrees",
        "21 December 2023 · correction · value 110 → 105; citation `daily-report`: quote “110 people were released.”"
        " → “105 people were released.” (changed words: “[-110-] {+105+} people were released.”)"
        " · Daily report: the count was 105",
        "20 December 2023 · added · Add the fixture facts",
    ]


def test_the_changes_page_lists_them_by_day_with_corrections_marked(site: Path) -> None:
    changes = page(site, "changes")
    assert [h for h in changes.headings if "December" in h][:3] == ["22 December 2023", "21 December 2023",
                                                                     "20 December 2023"]
    text = changes.text
    assert "People released during the pause (figure) · correction · status reported → disputed" in text
    assert "People released during the pause (figure) · correction · value 110 → 105" in text
    assert "People released during the pause (figure) · added · Add the fixture facts" in text
    assert ("../figures/released-daily/", "People released during the pause") in changes.links


def _feed(site: Path, name: str) -> bytes:
    return (site / "feeds" / name).read_bytes()


@pytest.mark.parametrize("name", ["changes.xml", "actors/northland.xml"])
def test_the_feeds_list_the_three_changes(site: Path, name: str) -> None:
    parsed = feedparser.parse(_feed(site, name))
    assert not parsed.bozo, parsed.get("bozo_exception")
    mine = [e for e in parsed.entries if e.link.endswith("/figures/released-daily/")]
    assert [e.title for e in mine] == ["Correction. Figure “People released during the pause” changed",
                                       "Correction. Figure “People released during the pause” changed",
                                       "Figure “People released during the pause” added"]
    assert [e.updated for e in mine] == ["2023-12-22T09:00:00+00:00", "2023-12-21T09:00:00+00:00",
                                         "2023-12-20T09:00:00+00:00"]
    assert mine[0].summary == "status reported → disputed. The wire report disagrees"
    assert mine[0].link.endswith("figures/released-daily/")
    assert [t.term for t in mine[0].tags] == ["correction"]


def test_every_feed_is_valid_atom(site: Path) -> None:
    """Atom (RFC 4287) requires id, title and updated of a feed and of each entry, and an author for each."""
    feeds = sorted(p for p in (site / "feeds").rglob("*.xml") if p.name != "sitemap.xml")
    assert {f.relative_to(site / "feeds").as_posix() for f in feeds} >= {
        "changes.xml", "actors/northland.xml", "actors/ada-leader.xml", "topics/humanitarian-pause.xml"}
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10", path
        root = ET.fromstring(path.read_bytes())
        assert root.tag == f"{ATOM}feed"
        for element in ("id", "title", "updated"):
            assert root.find(f"{ATOM}{element}") is not None, (path, element)
        assert root.find(f"{ATOM}author/{ATOM}name") is not None, path
        assert root.find(f"{ATOM}link[@rel='self']") is not None, path
        for entry in root.findall(f"{ATOM}entry"):
            for element in ("id", "title", "updated"):
                assert (entry.findtext(f"{ATOM}{element}") or "").strip(), (path, element)


def test_pages_announce_their_feed(site: Path) -> None:
    for folder in ("feeds", "feeds/actors", "feeds/topics"):  # Material fetches sitemap.xml beside a feed's address
        root = ET.fromstring((site / folder / "sitemap.xml").read_bytes())
        assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset" and len(root) == 0
    for url, feed in [("changes", "../feeds/changes.xml"), ("actors/northland", "../../feeds/actors/northland.xml"),
                      ("topics/humanitarian-pause", "../../feeds/topics/humanitarian-pause.xml")]:
        html = (site / url / "index.html").read_text(encoding="utf-8")
        assert '<link rel="alternate" type="application/atom+xml"' in html
        assert f'href="{feed}"' in html, url


def test_two_builds_give_byte_identical_feeds(repo: Path, site: Path, tmp_path: Path) -> None:
    first = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "feeds").rglob("*.xml")}
    result = mkdocs_build(repo, "--site-dir", str(tmp_path / "again"))
    assert result.returncode == 0, result.stderr
    again = tmp_path / "again"
    assert {p.relative_to(again).as_posix(): p.read_bytes() for p in (again / "feeds").rglob("*.xml")} == first


def test_a_kept_page_is_rendered_again_when_its_history_changes(project: Path) -> None:
    """Under serve, a record page is reused only while its history is the same (a new commit may keep the date)."""
    from generator import build_factbase
    from generator.render.pages import Renderer, SiteInfo
    from generator.serve.memo import PageMemo
    from generator.site.history import Change, GitHistory, site_history


    base = build_factbase(project / "content")
    keys = [(kind, rid) for kind in base.entries for rid in base.entries[kind]]
    added = Change("a" * 40, "2023-12-20", "2023-12-20T09:00:00+00:00", "Add it", "figures", "released-daily", "added")
    fixed = Change("b" * 40, "2023-12-20", "2023-12-20T10:00:00+00:00", "Fix it", "figures", "released-daily",
                   "changed", ("value 110 → 105",), correction=True)
    memo = PageMemo()
    templates = TEMPLATES
    changed = {("figures", "released-daily"): "2023-12-20"}
    for history, shown in (([added], "Add it"), ([fixed, added], "Fix it")):
        site = site_history(GitHistory(changes=history), keys, {})
        page = Renderer(base, templates, SiteInfo(), changed, memo, site).record_page("figures", "released-daily")
        assert shown in page


def test_the_methodology_lists_every_retraction_with_its_reason(project: Path) -> None:
    from generator import build_factbase
    from generator.render.pages import Renderer


    statement = project / "content" / "statements" / "ada-ready.yaml"
    statement.write_text(statement.read_text(encoding="utf-8") + "status: retracted\n"
                         "notes: The daily report withdrew the quote.\n", encoding="utf-8")
    renderer = Renderer(build_factbase(project / "content"), TEMPLATES)
    section = renderer.corrections()
    assert "### Retracted records { #retractions }" in section
    retracted = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(retracted) == 1
    assert retracted[0].startswith("- [") and "(statements/ada-ready.md) (statement): The daily report withdrew" \
        in retracted[0].replace("&#46;", ".")


def test_a_long_history_is_capped_with_a_link_to_the_full_list(project: Path) -> None:
    from generator import build_factbase
    from generator.render.pages import HISTORY_LIMIT, Renderer
    from generator.site.history import Change, GitHistory, site_history


    base = build_factbase(project / "content")
    keys = [(kind, rid) for kind in base.entries for rid in base.entries[kind]]
    changes = [Change(f"{n:040d}", f"2023-12-{n + 1:02d}", f"2023-12-{n + 1:02d}T09:00:00+00:00", f"Edit {n}",
                      "figures", "released-daily", "changed", (f"value {n} → {n + 1}",), correction=True)
               for n in reversed(range(HISTORY_LIMIT + 2))]
    renderer = Renderer(base, TEMPLATES, history=site_history(GitHistory(changes=changes),
                                                                                       keys, {}))
    page = renderer.record_page("figures", "released-daily")
    listed = [line for line in page.split("## History", 1)[1].splitlines() if line.startswith("- **")]
    assert len(listed) == HISTORY_LIMIT and "Edit 11" in listed[0]
    assert f"Showing the latest {HISTORY_LIMIT} of {HISTORY_LIMIT + 2} changes: [full history](" \
           "../history/figures/released-daily.md)" in page
    full = renderer.history_pages()["history/figures/released-daily.md"]
    assert sum(line.startswith("- **") for line in full.splitlines()) == HISTORY_LIMIT + 2


def test_under_serve_only_the_feeds_whose_entries_changed_are_made_again(project: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import build_factbase
    from generator.render import feeds
    from generator.render.pages import Renderer
    from generator.site.history import Change, GitHistory, site_history


    change = Change("c" * 40, "2023-12-20", "2023-12-20T09:00:00+00:00", "Edit", "figures", "released-daily",
                    "changed", ("value 110 → 105",), correction=True)
    made: list[str] = []
    real = feeds._feed
    monkeypatch.setattr(feeds, "_feed", lambda path, *args: (made.append(path), real(path, *args))[1])
    kept: dict[object, bytes] = {}
    outputs = []
    for name in ("People released during the pause", "People freed during the pause"):
        figure = project / "content" / "figures" / "released-daily.yaml"
        figure.write_text(figure.read_text(encoding="utf-8").replace("People released during the pause", name),
                          encoding="utf-8")
        base = build_factbase(project / "content")
        keys = [(kind, rid) for kind in base.entries for rid in base.entries[kind]]
        history = site_history(GitHistory(changes=[change]), keys, {})
        renderer = Renderer(base, TEMPLATES, history=history)
        outputs.append(feeds.feed_files(base, history, renderer.title_of, "Site", "", kept))
        if len(outputs) == 1:
            assert sorted(made) == sorted(p for p in outputs[0] if not p.endswith("sitemap.xml"))
            made.clear()
    assert sorted(made) == ["feeds/actors/northland.xml", "feeds/changes.xml"]  # the renamed figure's feeds only
    assert b"People freed during the pause" in outputs[1]["feeds/changes.xml"]
    assert outputs[1]["feeds/actors/south-group.xml"] == outputs[0]["feeds/actors/south-group.xml"]


def test_second_edition_fields_are_told_in_words_and_a_new_qualifier_is_a_correction(tmp_path: Path) -> None:
    """A qualifier (left out: "exactly") and a citation's summary, changed in git, are told by the diff's own words;
    the qualifier changes the claim (a correction), the summary only how the editors describe the source."""
    content = tmp_path / "content"
    (content / "figures").mkdir(parents=True)
    figure = content / "figures" / "count.yaml"
    figure.write_text("label: A count\nmeasure: count\nvalue: 80\nunit: people\nsources:\n"
                      "  - source: report\n    summary: The report gives a count.\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    _commit(tmp_path, "2023-12-20T09:00:00Z", "Add")
    figure.write_text(figure.read_text(encoding="utf-8").replace("value: 80\n", "value: 80\nqualifier: about\n"),
                      encoding="utf-8")
    _commit(tmp_path, "2023-12-21T09:00:00Z", "The report says about 80")
    figure.write_text(figure.read_text(encoding="utf-8").replace("gives a count", "gives a rough count"),
                      encoding="utf-8")
    _commit(tmp_path, "2023-12-22T09:00:00Z", "Summary reworded")
    summary, qualifier, _ = read_history(content).changes
    assert qualifier.words == ("qualifier exactly → about",) and qualifier.correction
    assert summary.words == ("citation `report`: summary “The report gives a count.” → “The report gives a rough "
                             "count.” (changed words: “The report gives a {+rough+} count.”)",)
    assert not summary.correction


def test_a_record_removed_for_good_has_a_feed_entry_leading_to_the_changes_page() -> None:
    """A removed record has no page; its entry links to the Changes page (feedgen refuses an entry without a link
    or content, which failed the bundled site's build)."""
    base = build_factbase(FIXTURE_CONTENT)
    gone = Change("c" * 40, "2023-12-23", "2023-12-23T09:00:00+00:00", "Drop a figure", "figures", "gone", "removed")
    history = site_history(GitHistory(changes=[gone]), [], {})
    feed = feedparser.parse(feed_files(base, history, lambda kind, rid: rid, "Site",
                                       "https://example.org/")["feeds/changes.xml"])
    assert [(e.title, e.link) for e in feed.entries] == [("Figure gone (removed) removed",
                                                          "https://example.org/changes/")]
