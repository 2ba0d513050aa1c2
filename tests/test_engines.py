"""Three engines, one site: ProperDocs (our plugin) and Zensical (the folder ``generate`` writes) build the
bundled site, and every record page says what the MkDocs build says.

Compared per record page: the ``<title>``, the JSON-LD and the text of the ``<article>`` line by line (the
theme's chrome is left out: permalink signs, and ``<nav>`` such as Zensical's tag chips). The open-data files
must be the same bytes. An engine that is not installed is skipped, saying so (``pip install -e ".[engines]"``).
The Zensical-built fixture site, given the Pagefind index by ``research-site search-index``, answers the search
test's queries in every script.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from browsing import NO_CHROMIUM, serving

from generator import build_factbase
from generator.model.kinds import KINDS

from conftest import FIXTURE_CONTENT, ROOT
from sitebuild import make_project, mkdocs_build
from test_search import FIXTURE_QUERIES, browser, first_results  # noqa: F401 (browser: a fixture)
from test_search import _opened as opened

BIN = Path(sys.executable).parent
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote", "div", "table", "ol",
          "ul", "dt", "dd", "hr", "br", "figure", "figcaption", "details", "summary", "pre", "section", "sup"}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


class PageText(HTMLParser):
    """A built page's title, JSON-LD and article text, one line per block; the theme's chrome left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.article = 0
        self.where = ""  # "title", "jsonld": the head's parts we keep
        self.skipping: list[str] = []  # the chrome element we are inside (and same-named ones nested in it)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "title" or (tag == "script" and found.get("type") == "application/ld+json"):
            self.where = tag
            self.lines.append(f"<{tag}> ")
        if tag == "article":
            self.article += 1
        if self.skipping and tag == self.skipping[0]:
            self.skipping.append(tag)
        elif self.article and not self.skipping and (tag == "nav" or "headerlink" in (found.get("class") or "")):
            self.skipping.append(tag)
        if self.article and tag in BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[0]:
            self.skipping.pop()
        if tag == "article":
            self.article -= 1
        if tag in ("title", "script") and self.where:
            self.where = ""
            self.lines.append("")
        if self.article and tag in BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if (self.article or self.where) and not self.skipping:
            self.lines[-1] += data


def page_text(html: str) -> list[str]:
    parser = PageText()
    parser.feed(html)
    return [line for line in (" ".join(raw.split()) for raw in parser.lines) if line]


def record_pages(site: Path) -> list[str]:
    return sorted(page.relative_to(site).as_posix() for kind in KINDS for page in (site / kind).glob("*/index.html"))


def differences(reference: Path, other: Path, engine: str) -> list[str]:
    """Each record page whose text differs, with its first differing line; each data file that differs."""
    found: list[str] = []
    pages = record_pages(reference)
    if record_pages(other) != pages:
        found.append(f"{engine} built other record pages: {sorted(set(pages) ^ set(record_pages(other)))}")
    for page in pages:
        if not (other / page).is_file():
            continue
        mine = page_text((reference / page).read_text(encoding="utf-8"))
        theirs = page_text((other / page).read_text(encoding="utf-8"))
        if mine != theirs:
            at = next((i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b), min(len(mine),
                                                                                                 len(theirs)))
            found.append(f"{page}: line {at + 1} differs: MkDocs {mine[at] if at < len(mine) else '(none)'!r}, "
                         f"{engine} {theirs[at] if at < len(theirs) else '(none)'!r}")
    data = sorted(p.relative_to(reference).as_posix() for p in reference.rglob("*")
                  if p.suffix in (".csv", ".json") and not {"search", "pagefind"} & set(p.relative_to(reference).parts)
                  and p.name != "search.json")  # each engine's search files: the search test covers them
    for name in data:
        if not (other / name).is_file() or (other / name).read_bytes() != (reference / name).read_bytes():
            found.append(f"{name}: not the same bytes in the {engine} build")
    return found


def installed(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed in this environment (pip install -e '.[engines]' installs it)")


def run(project: Path, *cmd: str) -> None:
    done = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(ROOT / "content", tmp_path_factory.mktemp("mkdocs"))
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr[-4000:]
    return project / "site"


@pytest.fixture(scope="module")
def zensical_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The migration steps of the README: generate the docs folder, then build it with Zensical."""
    installed("zensical")
    project = make_project(ROOT / "content", tmp_path_factory.mktemp("zensical"))
    run(project, str(BIN / "research-site"), "generate", "--out", "build/docs")
    run(project, str(BIN / "zensical"), "build", "--strict", "-f", "zensical.yml")
    return project


def test_properdocs_builds_what_mkdocs_builds(mkdocs_site: Path, tmp_path: Path) -> None:
    installed("properdocs")
    project = make_project(ROOT / "content", tmp_path)
    run(project, str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml")
    assert not differences(mkdocs_site, project / "site", "ProperDocs"), "\n".join(
        differences(mkdocs_site, project / "site", "ProperDocs"))


def test_zensical_builds_what_mkdocs_builds(mkdocs_site: Path, zensical_project: Path) -> None:
    site = zensical_project / "build" / "zensical-site"
    found = differences(mkdocs_site, site, "Zensical")
    assert not found, "\n".join(found)
    assert len(record_pages(site)) == len(record_pages(mkdocs_site)) > 50


def test_a_difference_names_the_page_and_its_first_differing_line(mkdocs_site: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(mkdocs_site, other)
    page = other / "statements" / "biden-indiscriminate-bombing" / "index.html"
    html = page.read_text(encoding="utf-8")
    quoted = "the indiscriminate bombing that takes place&#46;"  # in the article (the JSON-LD has a plain ".")
    assert quoted in html
    page.write_text(html.replace(quoted, "the bombing that takes place&#46;").replace("<title>Joe", "<title>Jo", 1),
                    encoding="utf-8")
    (other / "data" / "events.csv").write_bytes(b"")
    found = differences(mkdocs_site, other, "Other")
    assert found[0].startswith("statements/biden-indiscriminate-bombing/index.html: line 1 differs: "
                               "MkDocs '<title> Joe Biden, 12 December 2023 - ")
    assert found[1:] == ["data/events.csv: not the same bytes in the Other build"]
    page.write_text(html.replace(quoted, "the bombing that takes place&#46;"), encoding="utf-8")
    line = differences(mkdocs_site, other, "Other")[0]
    assert "“starting to lose that support by the indiscriminate bombing that takes place.”" in line, line
    assert "Other '“starting to lose that support by the bombing that takes place.”'" in line, line


def test_zensical_pages_carry_the_escaped_title_and_the_json_ld(zensical_project: Path) -> None:
    page = (zensical_project / "build" / "zensical-site" / "statements" / "biden-indiscriminate-bombing"
            / "index.html").read_text(encoding="utf-8")
    assert "<title>Joe Biden&#44; 12 December 2023 - " in page
    script = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(script)["@type"] == "Quotation"


def test_audit_checks_a_site_another_engine_built(zensical_project: Path, tmp_path: Path) -> None:
    audit = [str(BIN / "research-site"), "audit"]
    done = subprocess.run([*audit, "build/zensical-site"], cwd=zensical_project, capture_output=True, text=True,
                          env=ENV)
    assert done.returncode == 0, done.stderr
    records = sum(build_factbase(ROOT / "content").counts().values())
    assert f"every record, citation and export is there ({records} records)" in done.stdout
    broken = tmp_path / "broken"
    shutil.copytree(zensical_project / "build" / "zensical-site", broken)
    (broken / "figures" / "hostages-remaining-ommcom" / "index.html").unlink()
    done = subprocess.run([*audit, str(broken)], cwd=zensical_project, capture_output=True, text=True, env=ENV)
    assert done.returncode == 1
    assert "figures/hostages-remaining-ommcom/index.html" in done.stderr
    done = subprocess.run([*audit, str(tmp_path / "missing")], cwd=zensical_project, capture_output=True,
                          text=True, env=ENV)
    assert done.returncode == 2 and "built site not found" in done.stderr


@pytest.fixture(scope="module")
def zensical_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture tree (it holds the Hebrew and Arabic aliases) built by Zensical, its search index added."""
    installed("zensical")
    project = make_project(FIXTURE_CONTENT, tmp_path_factory.mktemp("zensical-fixture"))
    run(project, str(BIN / "research-site"), "generate", "--out", "build/docs")
    run(project, str(BIN / "zensical"), "build", "--strict", "-f", "zensical.yml")
    run(project, str(BIN / "research-site"), "search-index", "--site", "build/zensical-site")
    with serving(project / "build" / "zensical-site") as url:
        yield url + "/"


@NO_CHROMIUM
def test_zensical_site_searches_like_the_mkdocs_site(browser: Any, zensical_fixture_site: str) -> None:  # noqa: F811
    """The same search box and Pagefind index: every query of the MkDocs search test, in any script."""
    page = opened(browser, zensical_fixture_site)
    try:
        for query, expected in FIXTURE_QUERIES:
            assert expected in first_results(page, query, zensical_fixture_site), query
        assert [url for url in page.requested if not url.startswith(zensical_fixture_site)] == []
    finally:
        page.close()
