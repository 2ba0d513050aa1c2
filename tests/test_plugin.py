"""The plugin's own duties: edit links to YAML files, MkDocs' logger, a renderer that knows nothing of serving."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_dirty import run_build

from generator import build_factbase
from generator.packaged import TEMPLATES
from generator.render.pages import Renderer
from generator.site import gitdates

from conftest import FIXTURE_CONTENT, ROOT
from sitebuild import make_project, mkdocs_build

pytestmark = pytest.mark.usefixtures("fresh_plugins")  # conftest: no plugin object from other tests


def test_with_repo_url_a_record_pages_edit_button_opens_its_yaml_file(tmp_path: Path) -> None:
    project = make_project(FIXTURE_CONTENT, tmp_path / "project")
    config = project / "mkdocs.yml"
    repository = "repo_url: https://example.org/team/facts\nedit_uri: edit/main/content/pages/"
    settings = re.sub(r"(?m)^repo_url: .*$", repository, config.read_text(encoding="utf-8"))
    config.write_text(settings.replace("    - content.tooltips", "    - content.tooltips\n    - content.action.edit"),
                      encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    edit = 'href="https://example.org/team/facts/edit/main/content/{}"'
    assert edit.format("actors/ada-leader.yaml") in (site / "actors" / "ada-leader" / "index.html").read_text()
    assert edit.format("figures/released-wire.yaml") in (site / "figures" / "released-wire" / "index.html").read_text()
    assert edit.format("pages/about.md") in (site / "about" / "index.html").read_text()
    assert "/edit/main/" not in (site / "actors" / "index.html").read_text()  # a listing has no file to edit


def test_without_repo_url_there_is_no_edit_button(tmp_path: Path) -> None:
    project = make_project(FIXTURE_CONTENT, tmp_path / "project")
    assert mkdocs_build(project).returncode == 0
    assert "md-content__button" not in (project / "site" / "actors" / "ada-leader" / "index.html").read_text()


def test_while_serving_invalid_content_is_logged_through_mkdocs(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(FIXTURE_CONTENT, tmp_path / "project")
    run_build(project, tmp_path / "served", dirty=True, start="serve")
    actor = project / "content" / "actors" / "ada-leader.yaml"
    actor.write_text(actor.read_text(encoding="utf-8").replace("name: Ada Leader", "name: [unclosed"))
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        run_build(project, tmp_path / "served", dirty=True)
    logged = [r for r in caplog.records if r.name == "mkdocs.plugins.research-site"]
    assert len(logged) == 1 and "invalid content; still serving the last good site" in logged[0].getMessage()
    assert "content/actors/ada-leader.yaml:" in logged[0].getMessage()
    assert "invalid content" not in capsys.readouterr().err  # not printed past MkDocs' logging


def test_a_plain_render_reads_the_fact_base_itself() -> None:
    """Without a page store, templates see the fact base and the comparisons, not stand-ins noting look-ups."""
    base = build_factbase(FIXTURE_CONTENT)
    renderer = Renderer(base, TEMPLATES)
    assert renderer.env.globals["base"] is base
    assert renderer.env.globals["measures"] is renderer.measures


def test_rendering_imports_nothing_of_serving() -> None:
    code = ("import sys, generator.render.pages, generator.site.produce; "
            "print(sorted(m for m in sys.modules if m.startswith(('generator.serve.memo', 'generator.serve.dirty', "
            "'generator.serve.collector', 'mkdocs.plugins'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("zone", ["Etc/GMT+12", "Etc/GMT-14"])  # at any hour, one of them is on another day
def test_the_build_date_is_utc_whatever_the_local_zone(zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        before = datetime.now(UTC).date().isoformat()
        found = gitdates.build_date()
        assert found in (before, datetime.now(UTC).date().isoformat())
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_build_date_follows_source_date_epoch() -> None:
    assert gitdates.build_date() == "2023-11-14"
