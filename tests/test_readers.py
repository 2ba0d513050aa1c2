"""Reader tasks on the bundled site in a real browser (issue 13): what a new reader asks, clicked through.

The site is built as published: with a SITE_URL (a placeholder address for the test, not a fact) and a
REPO_URL, so citations carry full addresses and each record page links to "Report a correction".
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import NO_CHROMIUM, chromium, serving

from conftest import ROOT
from sitebuild import make_project, mkdocs_build

pytestmark = NO_CHROMIUM
SITE_URL = "https://research.example.org/truce/"  # a test placeholder: the bundled site names no address
REPO_URL = "https://git.example.org/team/research-site"

# One page of every kind (and every hand-written page).
PAGE_KINDS = ["", "actors/", "actors/hamas/", "statements/", "statements/hamas-rejects-prisoner-exchange-talks/",
              "figures/", "figures/countries-at-herzog-briefing-toi/", "events/", "events/herzog-ambassadors-briefing/",
              "sources/", "sources/toi-herzog-foreign-diplomats/", "timeline/", "topics/", "topics/hostages/",
              "disagreements/", "data/", "methodology/", "about/"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(ROOT / "content", tmp_path_factory.mktemp("readers"))
    env = {"SITE_URL": SITE_URL, "REPO_URL": REPO_URL}
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        result = mkdocs_build(project)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def served(built: Path) -> Iterator[str]:
    with serving(built) as url:
        yield url + "/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    yield tab
    context.close()


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


# --- the reader tasks ---------------------------------------------------------------------------

def test_what_did_hamas_say(served: str, page: Any) -> None:
    _open(page, served)
    page.get_by_role("link", name="Actors", exact=True).first.click()
    page.get_by_role("link", name="Hamas", exact=True).click()
    page.wait_for_url("**/actors/hamas/")
    heading = page.get_by_role("heading", name="Statements by Hamas officials")
    assert heading.is_visible()
    table = page.locator("h2:has-text('Statements by Hamas officials') + p + div table, "
                         "h2:has-text('Statements by Hamas officials') ~ div table").first
    assert "Basem Naem" in table.inner_text()
    page.get_by_role("link", name="We affirm our position of categorically rejecting", exact=False).first.click()
    page.wait_for_url("**/statements/hamas-rejects-prisoner-exchange-talks/")
    assert "categorically rejecting" in page.locator("article blockquote").inner_text()


def test_the_actors_index_counts_what_organisations_said_through_their_officials(served: str, page: Any) -> None:
    _open(page, served + "actors/")
    row = page.locator("tr", has=page.get_by_role("link", name="Hamas", exact=True))
    assert row.locator("td").last.inner_text() == "0 (and 2 by its officials)"


def test_how_many_hostages_were_released_and_who_says_so(served: str, page: Any) -> None:
    _open(page, served)
    page.get_by_role("link", name="Topics", exact=True).first.click()
    page.get_by_role("link", name="Hostages", exact=True).click()
    page.wait_for_url("**/topics/hostages/")
    assert page.get_by_role("heading", name="Figures").is_visible()
    page.get_by_role("link", name="Hostages released during the November truce, in all (110, zero-ready.com)").click()
    page.wait_for_url("**/figures/released-hostages-total/")
    assert page.locator(".rs-figure__amount").inner_text() == "110 people"
    sources = page.locator(".footnote").inner_text()
    assert "zero-ready.com" in sources and "brought about the release of 110 hostages in Gaza" in sources


def test_which_sources_disagree(served: str, page: Any) -> None:
    _open(page, served)
    page.get_by_role("link", name="Disagreements", exact=True).first.click()
    page.wait_for_url("**/disagreements/")
    numbers = page.locator("h2:has-text('Numbers that differ') ~ div table").first.inner_text()
    assert "Hostages released during the November truce" in numbers and "Countries" not in numbers
    compatible = page.locator("h2:has-text('can all be true') ~ div table").first.inner_text()
    assert "Countries whose diplomats Herzog briefed" in compatible and "The Times of Israel" in compatible
    page.get_by_role("link", name="more than 80 countries").click()
    page.wait_for_url("**/figures/countries-at-herzog-briefing-toi/")
    article = page.locator("article").inner_text()
    assert "worded differently but compatible" in article and "⚠" not in article


def test_which_sources_give_another_day(served: str, page: Any) -> None:
    _open(page, served + "disagreements/")
    dates = page.locator("h2:has-text('Dates the sources give differently') ~ div table").first.inner_text()
    assert "Breitbart: “on Friday”" in dates and "12 December 2023" in dates
    page.get_by_role("link", name="Joe Biden: “starting to lose that support", exact=False).click()
    page.wait_for_url("**/statements/biden-indiscriminate-bombing/")
    page.get_by_role("link", name="Biden's remarks on Israel at a fundraiser").first.click()
    page.wait_for_url("**/events/biden-fundraiser-remarks/")
    when = page.locator("article tr", has_text="When").first.inner_text()
    assert "Dated otherwise by Breitbart: “on Friday”" in when
    assert "Date it gives: “on Friday”" in page.locator(".footnote").inner_text()


def test_what_happened_on_19_december_2023(served: str, page: Any) -> None:
    _open(page, served)
    page.get_by_role("link", name="Timeline", exact=True).first.click()
    page.wait_for_url("**/timeline/")
    rows = page.locator("article tr", has_text="19 December 2023")
    texts = rows.all_inner_texts()
    assert any("Herzog briefs foreign ambassadors in Jerusalem" in t for t in texts)
    assert any("Hamas statement rejecting prisoner-exchange talks during the war" in t for t in texts)
    assert not any("2023-12-19" in t for t in page.locator("article").all_inner_texts())  # one date style
    page.get_by_role("link", name="Herzog briefs foreign ambassadors in Jerusalem").click()
    page.wait_for_url("**/events/herzog-ambassadors-briefing/")
    assert "19 December 2023" in page.locator("article table").first.inner_text()


def test_cite_this_record_in_bibtex(served: str, page: Any) -> None:
    bibtexparser = pytest.importorskip("bibtexparser")
    _open(page, served + "statements/hamas-rejects-prisoner-exchange-talks/")
    cite = page.locator(".rs-cite")
    text = cite.inner_text()
    address = SITE_URL + "statements/hamas-rejects-prisoner-exchange-talks/"
    assert address in text and "accessed on the day you read it" not in text  # the reader's date, filled in
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy citation").click()
    page.get_by_role("button", name="Copied").wait_for()  # the clipboard answers asynchronously
    assert address in page.evaluate("navigator.clipboard.readText()")
    with page.expect_download() as download:
        cite.get_by_role("link", name="BibTeX").click()
    library = bibtexparser.parse_string(Path(download.value.path()).read_text(encoding="utf-8"))
    assert not library.failed_blocks
    entry = library.entries[0]
    assert entry.fields_dict["url"].value == address
    assert "Basem Naem, 19 December 2023" in entry.fields_dict["title"].value
    correction = cite.get_by_role("link", name="Report a correction").get_attribute("href")
    assert correction.startswith(REPO_URL + "/issues/new?title=Correction")


# --- files a reference manager reads --------------------------------------------------------------

def test_citation_files_parse_and_carry_the_full_address(built: Path) -> None:
    bibtexparser = pytest.importorskip("bibtexparser")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "tests" / "data" / "csl-data.json").read_text(encoding="utf-8"))
    for kind in ("actors", "statements", "figures", "events", "sources"):
        for record in sorted((ROOT / "content" / kind).glob("*.yaml")):
            address = f"{SITE_URL}{kind}/{record.stem}/"
            stem = built / kind / record.stem
            library = bibtexparser.parse_string(stem.with_suffix(".bib").read_text(encoding="utf-8"))
            assert not library.failed_blocks and library.entries[0].fields_dict["url"].value == address
            csl = json.loads((built / kind / f"{record.stem}.csl.json").read_text(encoding="utf-8"))
            jsonschema.validate(csl, schema)
            assert csl[0]["URL"] == address
            ris = stem.with_suffix(".ris").read_text(encoding="utf-8").splitlines()
            assert ris[0] == "TY  - ELEC" and f"UR  - {address}" in ris and ris[-1].startswith("ER  -")


def test_record_pages_carry_the_tags_reference_managers_read(served: str, page: Any) -> None:
    _open(page, served + "events/herzog-ambassadors-briefing/")
    meta = {name: page.locator(f'meta[name="{name}"]').get_attribute("content")
            for name in ("citation_title", "citation_date", "citation_public_url", "DC.title", "DC.date",
                         "DC.identifier", "DC.rights")}
    assert meta["citation_title"] == "Herzog briefs foreign ambassadors in Jerusalem"
    assert meta["citation_public_url"] == meta["DC.identifier"] == SITE_URL + "events/herzog-ambassadors-briefing/"
    assert meta["citation_date"] and meta["DC.date"] and meta["DC.rights"] == "CC BY 4.0"
    data = json.loads(page.locator('script[type="application/ld+json"]').inner_text())
    assert data["@id"] == SITE_URL + "events/herzog-ambassadors-briefing/"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_the_licence_is_stated_in_the_footer_the_data_page_and_the_data(served: str, page: Any, built: Path) -> None:
    _open(page, served + "data/")
    licence = "https://creativecommons.org/licenses/by/4.0/"
    assert page.locator(f'footer a[href="{licence}"]').inner_text() == "CC BY 4.0"
    assert page.locator(f'article a[href="{licence}"]').inner_text() == "CC BY 4.0"
    columns = page.locator("article table code").all_inner_texts()
    assert "min_exclusive" in columns and not any("&#" in c for c in columns)
    facts = json.loads((built / "data" / "facts.json").read_text(encoding="utf-8"))
    assert facts["license"]["url"] == licence
    package = json.loads((built / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [{"path": licence, "title": "CC BY 4.0"}]
    assert {r["path"] for r in package["resources"]} >= {"facts.json", "statements.csv", "citations.csv"}


# --- what a reader sees: words, not codes -----------------------------------------------------------

def _codes() -> set[str]:
    """Every measure and topic slug, type code and language code the bundled content uses."""
    import yaml  # noqa: PLC0415 - only this test reads the content as plain YAML

    codes: set[str] = set()
    for path in (ROOT / "content").glob("*/*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.parent.name in ("measures", "topics"):
            codes.add(path.stem)
            continue
        codes.update(str(data[f]) for f in ("measure", "type", "language") if f in data)
        codes.update(data.get("topics", []))
        codes.update(str(a["lang"]) for a in data.get("aliases", []) if isinstance(a, dict) and "lang" in a)
    return codes


def test_no_page_shows_a_slug_or_a_code_as_text(served: str, page: Any, built: Path) -> None:
    codes = _codes()
    assert {"hostages-released-november-truce", "humanitarian-pause", "news-report", "en"} <= codes
    pages = sorted(p.parent.relative_to(built).as_posix() for p in built.rglob("index.html")
                   if p.parent.name not in ("search", "assets"))
    for path in pages:
        _open(page, served + ("" if path == "." else path + "/"))
        # Every text node of the article and the navigation, outside URLs and the data page's column names.
        texts = page.evaluate("""() => {
            const out = []; const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walk.nextNode()) {
              const node = walk.currentNode, parent = node.parentElement;
              if (!parent || parent.closest('script, style, code, .md-search, [hidden]')) continue;
              if (parent.offsetParent === null && getComputedStyle(parent).position !== 'fixed') continue;
              out.push(node.textContent.trim());
            }
            return out; }""")
        for text in texts:
            assert not text.startswith("country code"), f"{path}: {text!r}"  # a country is named (Babel)
            shown = [c for c in codes if text in (c, f"({c})")]  # a cell, heading, link or note of its own
            assert not shown, f"{path}: {shown} in {text!r}"


# --- accessibility, small screens, print ---------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_kind_passes_axe(served: str, browser: Any, scheme: str) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    context = browser.new_context(color_scheme=scheme)
    tab = context.new_page()
    failures = []
    try:
        for path in PAGE_KINDS:
            _open(tab, served + path)
            assert tab.locator("body").get_attribute("data-md-color-scheme") == (
                "slate" if scheme == "dark" else "default")
            results = axe_module.Axe().run(tab)
            failures += [f"{path or 'home'}: {v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
                         for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    finally:
        context.close()
    assert not failures, "\n".join(failures)


def test_on_a_phone_no_table_cell_is_cut(served: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    problems: list[str] = []
    try:
        for path in PAGE_KINDS:
            _open(tab, served + path)
            problems += [f"{path or 'home'}: {p}" for p in tab.evaluate("""() => {
                const out = [];
                document.querySelectorAll('article table').forEach((table, n) => {
                  const frame = table.closest('.md-typeset__scrollwrap') || table.parentElement;
                  const scrolls = frame.scrollWidth > frame.clientWidth + 1;
                  if (scrolls) {
                    const overflow = getComputedStyle(frame).overflowX;
                    const hint = frame.previousElementSibling;
                    if (!['auto', 'scroll'].includes(overflow)) out.push(`table ${n} is cut, not scrolled`);
                    if (!hint || !hint.classList.contains('rs-scroll-hint') || hint.hidden || !hint.offsetHeight)
                      out.push(`table ${n} scrolls without saying so`);
                  } else if (table.getBoundingClientRect().right > document.documentElement.clientWidth + 1) {
                    out.push(`table ${n} runs off the screen`);
                  }
                  table.querySelectorAll('td, th').forEach(cell => {
                    if (cell.scrollWidth > cell.clientWidth + 1)
                      out.push(`a cell of table ${n} is cut: ${cell.innerText.slice(0, 30)}`);
                  });
                });
                return out; }""")]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_a_printed_page_shows_its_sources_addresses_and_footnotes(served: str, page: Any) -> None:
    _open(page, served + "statements/hamas-rejects-prisoner-exchange-talks/")
    page.emulate_media(media="print")
    source = page.locator(".footnote a[href^='http']").first
    after = source.evaluate("a => getComputedStyle(a, '::after').content")
    assert source.get_attribute("href") in after
    assert page.locator(".footnote").is_visible()
    assert not page.locator(".md-header").is_visible()
