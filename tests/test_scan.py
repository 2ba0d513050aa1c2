"""Nothing gets in: every file of the site built from every hostile case is scanned for executable payload.

The site is ``hostile_site`` (test_adversarial.py): the fixture tree plus every accepted case, whose
text is full of ``<script>``, ``onerror=``, ``javascript:``, attr_list and ``{{ … }}``. Pages are
parsed with html.parser and every tag, attribute and script is inspected; the search index is
read as the HTML fragments Material inserts into the page; the sitemap as XML. The open-data
exports are data: they must parse as JSON and CSV and hold each record's text exactly as written.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import material
import pytest
from test_adversarial import hostile_site  # noqa: F401  (the session fixture)

from generator import build_factbase
from generator.packaged import OVERRIDES  # our own, reviewed scripts
from generator.render.export import facts

THEME = Path(material.__file__).parent / "templates"
THEME_SCRIPTS = {p.relative_to(folder).as_posix() for folder in (THEME, OVERRIDES) for p in folder.rglob("*.js")}
# What Python-Markdown makes of our templates; the theme's own tags are read from its 404 page.
MARKDOWN_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "ul",
                 "ol", "li", "sup", "strong", "em", "blockquote", "hr", "span", "div", "code", "pre", "br",
                 # the charts' SVG (generator/render/chart.py): shapes and text, never <script>, <use> or <image>
                 "figure", "figcaption", "svg", "g", "line", "rect", "circle", "path", "text", "title", "desc"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "srcset", "cite",
                  "background", "ping"}
TABLE_ALIGN = re.compile(r"(th|td) text-align: (left|right|center);")  # Markdown's column alignment
SCOPE = re.compile(r'new URL\("[./]*",location\)')  # the one part of the theme's inline script that varies
DATA_FILE = re.compile(r"^(data/[a-z]+\.(json|csv)|data/measures/[a-z0-9-]+\.(json|csv)"
                       r"|(actors|statements|figures|events|sources)/[a-z0-9-]+\.(json|bib|ris|csl\.json)"
                       r"|feeds/((actors|topics)/[a-z0-9-]+|changes|(actors/|topics/)?sitemap)\.xml)$")
# What the Pagefind binary writes (generator/site/search.py): its own scripts, then index files named by hashes.
SEARCH_FILE = re.compile(r"^pagefind/(pagefind(-[a-z-]+)?\.(js|css)|pagefind-entry\.json|\.documents|"
                         r"wasm\.[a-z]+\.pagefind|pagefind\.[a-z]+_[0-9a-f]+\.pf_meta|"
                         r"index/[a-z]+_[0-9a-f]+\.pf_index|fragment/[a-z]+_[0-9a-f]+\.pf_fragment)$")


def bad_url(value: str) -> bool:
    """A link a browser would run or read from elsewhere: any scheme but http(s), or '//host'."""
    cleaned = re.sub(r"[\x00-\x20]", "", value)  # browsers drop tabs and newlines inside URLs
    return urlsplit(cleaned).scheme.lower() not in ("", "http", "https") or cleaned.startswith("//")


class Scan(HTMLParser):
    """Every tag, attribute and script of one HTML document, with what is wrong with them."""

    def __init__(self, html: str, where: str, tags: set[str]):
        super().__init__(convert_charrefs=False)  # raw text: an escaped '{{' arrives as a charref
        self.where, self.tags = where, tags
        self.problems: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.tags:
            self.problems.append(f"{self.where}: <{tag}> is not a tag the theme or the templates make")
        for name, value in attrs:
            self.check_attribute(tag, name, value or "")
        raw = self.get_starttag_text() or ""  # as written: the parser unescapes values, '&#123;&#123;' included
        if "{{" in raw or "{%" in raw:
            self.problems.append(f"{self.where}: template syntax in <{tag}>: {raw[:80]!r}")
        if tag == "script":
            self._script = []
            self.scripts.append((dict(attrs), ""))

    def check_attribute(self, tag: str, name: str, value: str) -> None:
        if re.fullmatch(r"on\w+", name) or (name == "style" and not TABLE_ALIGN.fullmatch(f"{tag} {value}")):
            self.problems.append(f"{self.where}: <{tag} {name}=…>")
        if name in URL_ATTRIBUTES and bad_url(value):
            self.problems.append(f"{self.where}: <{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            attrs, _ = self.scripts[-1]
            self.scripts[-1] = (attrs, "".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        elif "{{" in data or "{%" in data:
            self.problems.append(f"{self.where}: unescaped template syntax in text: {data.strip()[:60]!r}")


def theme_inline_scripts(site: Path) -> set[str]:
    scan = Scan((site / "404.html").read_text(encoding="utf-8"), "404.html", {"script"} | MARKDOWN_TAGS)
    return {SCOPE.sub("SCOPE", body) for attrs, body in scan.scripts if not attrs}


def theme_tags(site: Path) -> set[str]:
    class Tags(HTMLParser):
        found: set[str] = set()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found.add(tag)

    parser = Tags()
    parser.feed((site / "404.html").read_text(encoding="utf-8"))
    return parser.found


def script_problem(page: str, attrs: dict[str, str | None], body: str, inline: set[str]) -> str | None:
    """Only the theme's scripts, its JSON config and our JSON-LD block may appear."""
    if set(attrs) == {"src"}:
        target = urlsplit(urljoin("/" + page, attrs["src"] or "")).path.lstrip("/")
        return None if target in THEME_SCRIPTS else f"{page}: script from {attrs['src']}"
    if attrs == {"type": "application/ld+json"}:
        return None if "<" not in body and isinstance(json.loads(body), dict) else f"{page}: JSON-LD {body[:60]}"
    if attrs == {"id": "__config", "type": "application/json"}:
        return None if isinstance(json.loads(body), dict) else f"{page}: theme config is not JSON"
    if not attrs and SCOPE.sub("SCOPE", body) in inline:
        return None
    return f"{page}: unknown script {attrs} {body[:80]!r}"


def scan_page(site: Path, path: Path, tags: set[str], inline: set[str]) -> list[str]:
    page = path.relative_to(site).as_posix()
    html = path.read_text(encoding="utf-8")
    scan = Scan(html, page, tags)
    problems = scan.problems + ([f"{page}: raw <img"] if "<img" in html.lower() else [])
    return problems + [p for attrs, body in scan.scripts if (p := script_problem(page, attrs, body, inline))]


def scan_fragment(html: str, where: str) -> list[str]:
    """A string Material puts into a page as HTML (search results)."""
    scan = Scan(html, where, MARKDOWN_TAGS)
    return [p for p in scan.problems if "template syntax" not in p]  # Material runs no template engine


def test_every_page_holds_only_the_theme_s_scripts_and_no_payload(hostile_site: Path) -> None:  # noqa: F811
    tags, inline = theme_tags(hostile_site) | MARKDOWN_TAGS, theme_inline_scripts(hostile_site)
    assert len(inline) == 3  # Material's scope, palette and tab-restoring snippets
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 40
    assert [p for path in pages for p in scan_page(hostile_site, path, tags, inline)] == []


def test_the_search_index_holds_content_as_text_and_the_page_shows_it_as_text(hostile_site: Path) -> None:  # noqa: F811
    """Pagefind keeps each result's title and line as text; search.js sets them as text, never as HTML."""
    fragments = [json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for path in sorted((hostile_site / "pagefind" / "fragment").glob("*.pf_fragment"))]
    titles = {fragment["url"]: fragment["meta"]["title"] for fragment in fragments}
    assert titles["/actors/render-script-in-name/"] == "<script>alert(1)</script> Ada"  # escaped once: as typed
    script = (OVERRIDES / "javascripts" / "search.js").read_text(encoding="utf-8")
    assert "textContent" in script
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\.excerpt", script)


def test_the_sitemap_is_plain_xml_of_http_links(hostile_site: Path) -> None:  # noqa: F811
    raw = (hostile_site / "sitemap.xml").read_bytes()
    assert b"<!DOCTYPE" not in raw and b"<!ENTITY" not in raw
    root = ElementTree.fromstring(raw)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    assert not [el.text for el in root.iter() if el.tag.endswith("loc") and bad_url(el.text or "")]
    assert gzip.decompress((hostile_site / "sitemap.xml.gz").read_bytes()) == raw


def test_the_feeds_are_plain_atom_of_http_links(hostile_site: Path) -> None:  # noqa: F811
    feeds = sorted(p for p in (hostile_site / "feeds").rglob("*.xml") if p.name != "sitemap.xml")
    assert feeds
    for path in feeds:
        raw = path.read_bytes()
        assert b"<!DOCTYPE" not in raw and b"<!ENTITY" not in raw and b"<?xml-stylesheet" not in raw
        root = ElementTree.fromstring(raw)
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        assert not [el.get("href") for el in root.iter() if el.tag.endswith("link") and bad_url(el.get("href") or "")]
    name = build_factbase(hostile_site.parent / "content").get("actors", "render-script-in-name").name
    feed = ElementTree.parse(hostile_site / "feeds" / "actors" / "render-script-in-name.xml").getroot()
    assert feed.findtext("{http://www.w3.org/2005/Atom}title", "").endswith(f": {name}")  # text, kept as written


def test_exports_are_data_holding_each_text_exactly(hostile_site: Path) -> None:  # noqa: F811
    base = build_factbase(hostile_site.parent / "content")
    expected = facts(base)
    exported = json.loads((hostile_site / "data" / "facts.json").read_bytes())
    assert exported.pop("license")["name"] == "CC BY 4.0"  # the site's licence, stated once
    assert exported == expected
    name = expected["actors"]["render-script-in-name"]["name"]
    assert name == "<script>alert(1)</script> Ada"  # kept as written: exports are data, not pages
    for kind, records in expected.items():
        rows = list(csv.DictReader(io.StringIO((hostile_site / "data" / f"{kind}.csv").read_text("utf-8"))))
        assert [row["id"] for row in rows] == list(records)
        for rid, record in records.items():
            assert json.loads((hostile_site / kind / f"{rid}.json").read_bytes()) == record


def test_every_file_is_a_theme_asset_a_page_or_data(hostile_site: Path) -> None:  # noqa: F811
    """No file that content can name has a type a browser would run."""
    assets = {p.relative_to(folder).as_posix() for folder in (THEME, OVERRIDES) for p in folder.rglob("*")
              if p.is_file()}
    allowed = {"sitemap.xml", "sitemap.xml.gz"}
    for path in hostile_site.rglob("*"):
        relative = path.relative_to(hostile_site).as_posix()
        if path.is_file() and not (relative.endswith(".html") or relative in allowed or relative in assets):
            assert DATA_FILE.match(relative) or SEARCH_FILE.match(relative), relative


@pytest.mark.parametrize("value", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\nscript:x", "data:text/html,x",
                                   "file:///etc/passwd", "//evil.example/x", "vbscript:x"])
def test_the_scanner_sees_a_bad_link(value: str) -> None:
    assert bad_url(value)


def test_the_scanner_sees_injected_markup() -> None:
    html = ('<p onclick="x">a</p><img src=x><a href="javascript:alert(1)">b</a><p>{{ 7*7 }}</p>'
            '<script>alert(1)</script>')
    scan = Scan(html, "page", MARKDOWN_TAGS | {"script"})
    assert scan.problems == ["page: <p onclick=…>", "page: <img> is not a tag the theme or the templates make",
                             "page: <a href='javascript:alert(1)'>",
                             "page: unescaped template syntax in text: '{{ 7*7 }}'"]
    assert script_problem("page", *scan.scripts[0], inline=set()) == "page: unknown script {} 'alert(1)'"
