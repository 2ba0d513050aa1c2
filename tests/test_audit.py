"""Nothing lost, no partial site: the post-build audit, and builds that fail before writing anything."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_adversarial import hostile_site  # noqa: F401  (the session fixture)

from generator import build_factbase
from generator.check.link import FactBase
from generator.packaged import TEMPLATES
from generator.site.audit import audit_site

from conftest import FIXTURE_CONTENT
from sitebuild import make_project, mkdocs_build

STATEMENT = "statements/ada-ready/index.html"
RETRACTED = "statements/schema-retracted-stays/index.html"


@pytest.fixture
def built(hostile_site: Path, tmp_path: Path) -> tuple[FactBase, Path]:  # noqa: F811
    """The fact base and a private copy of its built site, free to damage."""
    site = shutil.copytree(hostile_site, tmp_path / "site")
    return build_factbase(hostile_site.parent / "content"), site


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_complete_build_passes_the_audit(built: tuple[FactBase, Path]) -> None:
    base, site = built
    assert audit_site(base, site) == []


def test_a_missing_page_is_named_with_its_record(built: tuple[FactBase, Path]) -> None:
    base, site = built
    (site / STATEMENT).unlink()
    assert audit_site(base, site) == [f"{STATEMENT} is missing: content/statements/ada-ready.yaml has no page"]


def test_a_missing_footnote_is_named_with_its_source(built: tuple[FactBase, Path]) -> None:
    base, site = built
    edit(site / STATEMENT, '<li id="fn:1">', "<li>")
    assert audit_site(base, site) == [f"{STATEMENT}: footnote 1 (source daily-report) is missing"]


def test_a_footnote_without_a_citation_is_reported(built: tuple[FactBase, Path]) -> None:
    base, site = built
    edit(site / STATEMENT, '<li id="fn:1">', '<li id="fn:1"></li><li id="fn:2">')
    assert audit_site(base, site) == [f"{STATEMENT}: footnote 2 matches no citation"]


def test_a_retracted_record_must_stay_marked(built: tuple[FactBase, Path]) -> None:
    base, site = built
    edit(site / RETRACTED, ">retracted</span>", "></span>")
    assert audit_site(base, site) == [f"{RETRACTED}: the record is retracted but the page does not say so"]


def test_a_record_missing_from_its_index_is_reported(built: tuple[FactBase, Path]) -> None:
    base, site = built
    edit(site / "statements" / "index.html", 'href="ada-ready/"', 'href="#"')
    assert audit_site(base, site) == [f"{STATEMENT} is not linked from the statements index"]


TOPIC = "topics/humanitarian-pause/index.html"


def test_a_record_missing_from_its_topic_page_is_reported(built: tuple[FactBase, Path]) -> None:
    base, site = built
    edit(site / TOPIC, 'href="../../statements/ada-ready/"', 'href="#"')
    assert audit_site(base, site) == [f"{STATEMENT} is not linked from its topic page {TOPIC}"]


def test_a_record_on_a_later_page_of_its_topic_is_linked(built: tuple[FactBase, Path]) -> None:
    base, site = built
    later = site / "topics" / "humanitarian-pause" / "page" / "2" / "index.html"
    later.parent.mkdir(parents=True)
    shutil.move(site / TOPIC, later)
    edit(later, 'href="../../statements/ada-ready/"', 'href="../../../../statements/ada-ready/"')
    (site / TOPIC).write_text("<article>Page 1 of 2</article>")
    assert audit_site(base, site) == []
    later.unlink()
    assert audit_site(base, site) == [f"{STATEMENT} is not linked from its topic page {TOPIC}"]


def test_a_missing_topic_page_is_reported_once(built: tuple[FactBase, Path]) -> None:
    base, site = built
    (site / TOPIC).unlink()
    assert audit_site(base, site) == [f"{TOPIC} is missing: the topic's events and statements are listed nowhere"]


def test_a_topic_missing_from_the_topics_index_is_reported(built: tuple[FactBase, Path]) -> None:
    base, site = built
    edit(site / "topics" / "index.html", 'href="humanitarian-pause/"', 'href="#"')
    assert audit_site(base, site) == [f"{TOPIC} is not linked from the topics index"]


def test_a_record_missing_from_the_data_is_reported(built: tuple[FactBase, Path]) -> None:
    base, site = built
    facts = json.loads((site / "data" / "facts.json").read_bytes())
    del facts["statements"]["ada-ready"]
    (site / "data" / "facts.json").write_text(json.dumps(facts))
    (site / "statements" / "ada-ready.json").unlink()
    for name in ("statements.csv", "citations.csv"):
        path = site / "data" / name
        path.write_text("".join(line for line in path.open() if "ada-ready" not in line))
    assert audit_site(base, site) == [
        "data/facts.json: statements/ada-ready is missing or differs from content/statements/ada-ready.yaml",
        "data/statements.csv: no row for ada-ready",
        "statements/ada-ready.json is missing or differs from content/statements/ada-ready.yaml",
        "data/citations.csv: no row for statements/ada-ready citation 1 (source daily-report)",
    ]


def test_a_changed_value_in_the_data_is_reported(built: tuple[FactBase, Path]) -> None:
    base, site = built
    edit(site / "actors" / "ada-leader.json", '"Ada Leader"', '"Ada Leeder"')
    assert audit_site(base, site) == [
        "actors/ada-leader.json is missing or differs from content/actors/ada-leader.yaml"]


def _project_with_template(tmp_path: Path, template: str, old: str, new: str) -> Path:
    project = make_project(FIXTURE_CONTENT, tmp_path / "project")
    override = project / "site_config" / "templates" / template  # the site's own copy replaces the packaged one
    override.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(TEMPLATES / template, override)
    edit(override, old, new)
    (project / "site").mkdir()
    (project / "site" / "old.html").write_text("previous build")
    return project


def test_a_template_that_loses_footnotes_fails_the_build(tmp_path: Path) -> None:
    project = _project_with_template(tmp_path, "statement.md.j2", "{{ m.record_footer(record, kind, id) }}", "")
    result = mkdocs_build(project)
    output = result.stdout + result.stderr  # MkDocs prints an Abort's message on stdout
    assert result.returncode != 0
    assert "the built site lost content:" in output
    assert f"{STATEMENT}: footnote 1 (source daily-report) is missing" in output
    assert "statements/group-rejects/index.html: footnote 1 (source wire-report) is missing" in output


def test_a_template_crash_names_the_record_and_writes_nothing(tmp_path: Path) -> None:
    project = _project_with_template(tmp_path, "statement.md.j2", "{{ record.text }}", "{{ record.no_such_field }}")
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "content/statements/ada-ready.yaml:1:1: page could not be rendered:" in output
    assert "no_such_field" in output and "Traceback" not in output
    assert [p.name for p in (project / "site").iterdir()] == ["old.html"]


def test_a_dirty_build_audits_the_records_it_wrote(built: tuple[FactBase, Path]) -> None:
    """A dirty build names the records whose page or JSON it wrote; the others were audited when written."""
    base, site = built
    (site / STATEMENT).unlink()
    (site / "statements" / "ada-ready.json").unlink()
    missing = [f"{STATEMENT} is missing: content/statements/ada-ready.yaml has no page",
               "statements/ada-ready.json is missing or differs from content/statements/ada-ready.yaml"]
    assert audit_site(base, site, written={("statements", "ada-ready")}) == missing
    assert audit_site(base, site, written={("actors", "ada-leader")}) == []


def test_a_reader_kept_across_serve_builds_parses_only_changed_files_and_still_sees_each_loss(
        built: tuple[FactBase, Path]) -> None:
    """Under serve the audit keeps what it parsed with the bytes it parsed: an unchanged index page or data
    file is not parsed again, and a changed one always is."""
    from generator.site.audit import SiteReader  # noqa: PLC0415

    class Counting(SiteReader):
        def __init__(self) -> None:
            super().__init__()
            self.parses: list[str] = []

        def parsed(self, how: str, path: str, data: bytes, parse: Any) -> Any:
            return super().parsed(how, path, data, lambda d: (self.parses.append(how), parse(d))[1])

    base, site = built
    reader = Counting()
    assert audit_site(base, site, reader=reader) == []
    first = len(reader.parses)
    assert first > 5 and {"links", "csv", "json"} <= set(reader.parses)
    assert audit_site(base, site, reader=reader) == []
    assert len(reader.parses) == first  # nothing changed: nothing parsed again
    edit(site / "statements" / "index.html", 'href="ada-ready/"', 'href="#"')
    path = site / "data" / "statements.csv"
    path.write_text("".join(line for line in path.open() if "ada-ready" not in line))
    assert audit_site(base, site, reader=reader) == [f"{STATEMENT} is not linked from the statements index",
                                                     "data/statements.csv: no row for ada-ready"]
    assert reader.parses[first:] == ["links", "csv"]
