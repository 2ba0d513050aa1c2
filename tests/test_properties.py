"""Properties over random input: valid records survive unchanged; no text ever becomes markup.

1. A random valid record, written with ``yaml.safe_dump``, comes out of ``data/facts.json``
   exactly as it went in (YAML → model → export).
2. Random text, heavy in Markdown, HTML, attr_list and Jinja syntax, put in every text field of
   one record of each kind, renders (Jinja templates → Python-Markdown with the site's extensions)
   to exactly the tags and attributes that plain text gives: nothing in the text became markup.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.yaml import yaml_load

from generator import build_factbase
from generator.model.values import check_text
from generator.packaged import TEMPLATES
from generator.render.export import export_files
from generator.render.pages import Renderer

from conftest import FIXTURE_CONTENT, ROOT

EXAMPLES = settings(max_examples=50, deadline=None)
# Printable text: no controls, surrogates, line/paragraph separators or format characters.
PLAIN = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf"))
SYNTAX = ["<script>", "</p>", "<img src=x onerror=alert(1)>", "{: onclick=x }", "{#id .c}", "[a](javascript:x)",
          "![i](https://e.example/i.png)", "[^1]", "[^1]: note", "{{ 7*7 }}", "{%", "&#60;", "&amp;", "|", "\n",
          "\n\n", "    ", "# ", "* ", "1. ", "> ", "---", "`", "**", "_", "~~", "<!--", "-->", "\\", "://", "\t"]


def valid(text: str) -> bool:
    try:
        return check_text(text) == text
    except ValueError:  # pydantic's error is a ValueError
        return False


TEXT = st.text(PLAIN, min_size=1, max_size=40).filter(valid)
HOSTILE = st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(PLAIN, max_size=3)), min_size=1,
                   max_size=12).map("".join).filter(valid)
PARTIAL_DATE = st.builds(lambda day, size: day.isoformat()[:size],
                         st.dates(date(1900, 1, 1), date(2023, 12, 1)), st.sampled_from([4, 7, 10]))
CITATIONS = st.lists(st.fixed_dictionaries({"source": st.just("daily-report")},
                                           optional={"quote": TEXT, "locator": TEXT}), min_size=1, max_size=1)
ALIAS = st.fixed_dictionaries({"name": TEXT}, optional={"lang": st.sampled_from(["he", "ar"])})
ACTOR = st.fixed_dictionaries(
    {"name": TEXT, "type": st.sampled_from(["person", "organization", "state", "armed-group"]), "sources": CITATIONS},
    optional={"description": TEXT, "notes": TEXT, "status": st.sampled_from(["reported", "confirmed", "retracted"]),
              "aliases": st.lists(ALIAS, max_size=3, unique_by=lambda alias: alias["name"]),
              "country": st.sampled_from(["NO", "IL", "QA"]), "wikidata": st.sampled_from(["Q42", "Q1"])})
SOURCE = st.fixed_dictionaries(
    {"title": TEXT, "publisher": TEXT, "type": st.sampled_from(["report", "news-report", "video"])},
    optional={"url": st.from_regex(r"https://example\.org/[a-z0-9/_.~-]{0,20}(\?[a-z]=[a-z0-9]{1,5}(&[a-z]=[0-9])?)?",
                                   fullmatch=True),
              "published": PARTIAL_DATE, "language": st.sampled_from(["en", "he", "fr-CA"]), "notes": TEXT})
RECORDS = st.one_of(st.tuples(st.just("actors"), ACTOR), st.tuples(st.just("sources"), SOURCE))


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture tree that each example adds its files to (and removes them again)."""
    return Path(shutil.copytree(FIXTURE_CONTENT, tmp_path_factory.mktemp("properties") / "content"))


def write_records(content: Path, records: dict[str, dict[str, Any]]) -> list[Path]:
    paths = []
    for relative, record in records.items():
        path = content / relative
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def contains(out: Any, written: Any) -> bool:
    """Every field written is in the export with the same value (defaults may be added)."""
    if isinstance(written, dict):
        return isinstance(out, dict) and all(contains(out.get(k), v) for k, v in written.items())
    if isinstance(written, list):
        return isinstance(out, list) and len(out) == len(written) and all(map(contains, out, written))
    return bool(out == written)


@EXAMPLES
@given(RECORDS)
def test_a_valid_record_reaches_the_export_unchanged(content: Path, written: tuple[str, dict[str, Any]]) -> None:
    kind, record = written
    paths = write_records(content, {f"{kind}/random-record.yaml": record})
    try:
        exported = json.loads(export_files(build_factbase(content))["data/facts.json"])
    finally:
        for path in paths:
            path.unlink()
    assert contains(exported[kind]["random-record"], record)


class Structure(HTMLParser):
    """The tags and attribute names of a page: what markup it has, whatever its text says."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))


def every_text_field(text: str) -> dict[str, dict[str, Any]]:
    """One record of each kind with ``text`` in every text field (and the links between them)."""
    cite = [{"source": "random-source", "quote": text, "locator": text}]
    return {
        "sources/random-source.yaml": {"title": text, "publisher": text, "type": "report", "notes": text},
        "actors/random-actor.yaml": {"name": text, "type": "person", "description": text, "notes": text,
                                     "aliases": [{"name": text}], "roles": [{"title": text, "of": "northland"}],
                                     "sources": cite},
        "events/random-event.yaml": {"title": text, "date": "2023-12-01", "location": text, "description": text,
                                     "participants": [{"actor": "random-actor", "role": text}], "sources": cite},
        "statements/random-statement.yaml": {"speaker": "random-actor", "date": "2023-12-01", "text": text,
                                             "kind": "paraphrase", "context": text, "notes": text,
                                             "event": "random-event", "sources": cite},
        "figures/random-figure.yaml": {"label": text, "measure": "random-measure", "value": 5, "unit": text,
                                       "reported_by": "random-actor", "notes": text, "sources": cite},
    }


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and settings of the site's mkdocs.yml."""
    extensions = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]  # !ENV too
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    configs = {name: options for e in extensions if isinstance(e, dict) for name, options in e.items()}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def rendered_structure(content: Path, text: str) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    paths = write_records(content, every_text_field(text))
    try:
        renderer = Renderer(build_factbase(content), TEMPLATES)
        pages = {f"{kind}/random-{kind[:-1]}": renderer.record_page(kind, f"random-{kind[:-1]}")
                 for kind in ("actors", "statements", "figures", "events", "sources")}
    finally:
        for path in paths:
            path.unlink()
    return {page: Structure(site_markdown().convert(md)).tags for page, md in pages.items()}


@pytest.fixture(scope="module")
def plain_structure(content: Path) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    return rendered_structure(content, "plain words")


@EXAMPLES
@given(HOSTILE)
def test_no_text_becomes_markup(content: Path, plain_structure: dict[str, Any], text: str) -> None:
    assert rendered_structure(content, text) == plain_structure
