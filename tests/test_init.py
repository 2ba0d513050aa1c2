"""``research-site init``: a new site from the packaged starter, never overwriting; overrides and upgrades.

The wheel, installed outside this repository, is tested in ``test_wheel.py``; these run in-process.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.commands.cli import main
from generator.commands.init import site_files
from generator.packaged import OVERRIDES, TEMPLATES, version
from generator.site.upstream import LOCK, changed_upstream, packaged_digests

from conftest import ROOT
from sitebuild import mkdocs_build

STARTER_FILES = [
    ".github/workflows/check.yml", ".github/workflows/publish.yml", ".gitignore", ".pre-commit-config.yaml",
    "README.md", "content/actors/example-actor.yaml", "content/events/example-event.yaml",
    "content/figures/example-figure.yaml", "content/pages/about.md", "content/pages/index.md",
    "content/pages/methodology.md", "content/sources/example-source.yaml",
    "content/statements/example-statement.yaml", "mkdocs.yml", "requirements.txt", LOCK, "site_config/README.md",
    "site_config/overrides/README.md", "site_config/schema/actor.schema.json", "site_config/schema/event.schema.json",
    "site_config/schema/figure.schema.json", "site_config/schema/source.schema.json",
    "site_config/schema/statement.schema.json"]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_init_writes_the_starter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "new")]) == 0
    assert capsys.readouterr().out == (
        f"wrote 23 files into {(tmp_path / 'new').as_posix()}: next, read {(tmp_path / 'new/README.md').as_posix()} "
        f"(its two commands install research-site {version()} and serve the site)\n")
    files = _files(tmp_path / "new")
    assert sorted(files) == STARTER_FILES
    assert files["requirements.txt"].decode().splitlines()[-1] == f"research-site=={version()}"
    assert json.loads(files[LOCK])["packaged"] == packaged_digests()
    for kind in ("actor", "event", "figure", "source", "statement"):
        record = files[f"content/{kind}s/example-{kind}.yaml"].decode()
        assert record.startswith(f"# yaml-language-server: $schema=../../site_config/schema/{kind}.schema.json\n"
                                 "# EXAMPLE RECORD: delete this file")
    assert main(["check", "--strict", "--content", str(tmp_path / "new" / "content")]) == 0


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine")
    assert main(["init", str(tmp_path / "mine")]) == 2
    assert capsys.readouterr().err == (
        f"research-site: {(tmp_path / 'mine').as_posix()} is not empty: give a new or empty folder, or add --force "
        "to add only the files it lacks (no file is ever overwritten)\n")
    assert _files(tmp_path / "mine") == {"notes.txt": b"mine"}
    (tmp_path / "file").write_text("x")
    assert main(["init", str(tmp_path / "file")]) == 2
    assert capsys.readouterr().err == f"research-site: {(tmp_path / 'file').as_posix()} is not a folder\n"


def test_init_force_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    (site / "content" / "pages").mkdir(parents=True)
    (site / "mkdocs.yml").write_text("site_name: mine\n")
    (site / "content" / "pages" / "index.md").write_text("# Mine\n")
    assert main(["init", str(site), "--force"]) == 0
    assert capsys.readouterr().out == (
        f"kept {(site / 'content/pages/index.md').as_posix()}: it already exists\n"
        f"kept {(site / 'mkdocs.yml').as_posix()}: it already exists\n"
        f"wrote 21 files into {site.as_posix()}, kept 2: next, read {(site / 'README.md').as_posix()} "
        f"(its two commands install research-site {version()} and serve the site)\n")
    assert (site / "mkdocs.yml").read_text() == "site_name: mine\n"
    assert (site / "content" / "pages" / "index.md").read_text() == "# Mine\n"
    assert sorted(_files(site)) == STARTER_FILES


def test_example_carries_the_bundled_fact_base() -> None:
    files = site_files("Demo", example=True)
    bundled = {f"content/{name}": data for name, data in _files(ROOT / "content").items()}
    assert {name: data for name, data in files.items() if name.startswith("content/")} == bundled


class _Settings(yaml.SafeLoader):
    """mkdocs.yml as written: an ``!ENV [NAME, default]`` setting reads as its list."""


_Settings.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node))  # type: ignore[arg-type]


def test_this_repository_is_configured_as_a_new_site_is() -> None:
    """Declared once: the starter's mkdocs.yml is this repository's, but for what names this site."""
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Settings)  # noqa: S506
    starter = yaml.load(site_files("x", example=False)["mkdocs.yml"], Loader=_Settings)  # noqa: S506
    own = {"site_name", "site_description", "copyright", "watch"}
    for settings in (ours, starter):
        settings["theme"].pop("custom_dir", None)
    assert {k: v for k, v in ours.items() if k not in own} == {k: v for k, v in starter.items() if k not in own}


def _site(tmp_path: Path, name: str) -> Path:
    assert main(["init", str(tmp_path / name), "--name", "Override test"]) == 0
    return tmp_path / name


def _build(site: Path) -> dict[str, bytes]:
    done = mkdocs_build(site)
    assert done.returncode == 0, done.stderr[-3000:]
    return _files(site / "site")


def test_an_overridden_template_changes_its_pages_and_nothing_else(tmp_path: Path) -> None:
    site = _site(tmp_path, "site")
    before = _build(site)
    (site / "site_config" / "templates").mkdir()
    actor = (TEMPLATES / "actor.md.j2").read_text(encoding="utf-8")
    (site / "site_config" / "templates" / "actor.md.j2").write_text(actor + "\nOVERRIDDEN ACTOR PAGE\n")
    css = site / "site_config" / "overrides" / "stylesheets" / "research-site.css"
    css.parent.mkdir()
    css.write_bytes((OVERRIDES / "stylesheets" / "research-site.css").read_bytes() + b"\n/* ours */\n")
    after = _build(site)
    assert sorted(before) == sorted(after)
    changed = sorted(name for name in before if before[name] != after[name])
    assert changed == ["actors/example-actor/index.html", "stylesheets/research-site.css"]
    assert b"OVERRIDDEN ACTOR PAGE" in after["actors/example-actor/index.html"]


def test_the_build_warns_when_an_overridden_template_changed_upstream(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path, "site")
    capsys.readouterr()
    (site / "site_config" / "templates").mkdir()
    ours = (TEMPLATES / "source.md.j2").read_text(encoding="utf-8") + "\nOur own line.\n"
    (site / "site_config" / "templates" / "source.md.j2").write_text(ours, encoding="utf-8")
    assert changed_upstream(site, site / "site_config" / "templates", None) == []
    lock = json.loads((site / LOCK).read_text())
    lock["packaged"]["templates/source.md.j2"] = hashlib.sha256(b"an older version").hexdigest()
    (site / LOCK).write_text(json.dumps(lock))  # as if the generator was upgraded since init
    done = mkdocs_build(site)
    assert done.returncode == 1  # strict: CI fails until the site has looked
    assert (f"WARNING -  research-site: site_config/templates/source.md.j2 overrides the packaged "
            f"templates/source.md.j2, which changed since this site last acknowledged it (research-site "
            f"{version()}): compare it with {TEMPLATES / 'source.md.j2'}, update your copy, then run "
            "'research-site overrides --ack'") in done.stderr
    config = str(site / "mkdocs.yml")
    assert main(["overrides", "--config", config]) == 0
    assert capsys.readouterr().out == (f"site_config/templates/source.md.j2: overrides {TEMPLATES / 'source.md.j2'} "
                                       "(CHANGED upstream since acknowledged)\n")
    assert main(["overrides", "--ack", "--config", config]) == 0
    assert capsys.readouterr().out == (f"wrote {LOCK}: the packaged templates and theme files of research-site "
                                       f"{version()} acknowledged\n")
    assert mkdocs_build(site).returncode == 0
    assert main(["overrides", "--config", config]) == 0
    assert capsys.readouterr().out == (f"site_config/templates/source.md.j2: overrides {TEMPLATES / 'source.md.j2'} "
                                       "(unchanged upstream)\n")


def test_new_in_a_new_site_names_the_site_s_schema(tmp_path: Path) -> None:
    site = _site(tmp_path, "site")
    done = subprocess.run([sys.executable, "-m", "generator", "new", "figure", "another"], cwd=site,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    first = (site / "content" / "figures" / "another.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../site_config/schema/figure.schema.json"


def test_the_new_site_s_ci_checks_builds_and_publishes() -> None:
    files = site_files("x", example=False)
    check = yaml.safe_load(files[".github/workflows/check.yml"])
    runs = [step.get("run") for step in check["jobs"]["check"]["steps"]]
    assert runs[2:] == ["pip install -r requirements.txt", "research-site check --strict", "mkdocs build --strict"]
    publish = yaml.safe_load(files[".github/workflows/publish.yml"])
    uses = [step["uses"] for job in publish["jobs"].values() for step in job["steps"] if "uses" in step]
    assert [u.split("@")[0] for u in uses] == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                                               "actions/upload-pages-artifact", "actions/deploy-pages"]
    assert all("@v" in u for u in uses)
    hook = yaml.safe_load(files[".pre-commit-config.yaml"])["repos"][0]["hooks"][0]
    assert hook["entry"] == "research-site check --strict"


def test_a_site_without_a_lock_is_not_warned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path, "site")
    (site / LOCK).unlink()
    (site / "site_config" / "templates").mkdir()
    (site / "site_config" / "templates" / "home.md.j2").write_text("# Home\n")
    assert changed_upstream(site, site / "site_config" / "templates", None) == []
    capsys.readouterr()
    assert main(["overrides", "--config", str(site / "mkdocs.yml")]) == 0
    assert capsys.readouterr().out == (
        f"no {LOCK}: run 'research-site overrides --ack' to be warned when a packaged file you override changes\n"
        f"site_config/templates/home.md.j2: overrides {TEMPLATES / 'home.md.j2'} (not tracked)\n")
