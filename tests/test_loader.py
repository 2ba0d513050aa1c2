"""The loader: bytes, both YAML parsers, the command line and the schema files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import ContentError, build_factbase
from generator.model.jsonschema import write_schemas
from generator.model.values import PartialDate

from conftest import FIXTURE_CONTENT, ROOT

RECORD = b"name: Ada\ntype: person\nsources: [daily-report]\n"


def _errors(project: Path, name: str, raw: bytes) -> list[str]:
    (project / "content" / "actors" / name).write_bytes(raw)
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    return [str(p) for p in caught.value.problems]


def test_fixture_tree_is_valid() -> None:
    base = build_factbase(FIXTURE_CONTENT)
    assert base.counts() == {"actors": 3, "statements": 2, "figures": 2, "events": 1, "sources": 2}


def test_invalid_utf8_names_line_and_column(project: Path) -> None:
    assert _errors(project, "bad-bytes.yaml", b"name: Ada\ntype: pers\xffon\n") == [
        "content/actors/bad-bytes.yaml:2:11: invalid UTF-8 byte 0xff: save the file as UTF-8"]


def test_utf16_is_refused(project: Path) -> None:
    assert _errors(project, "wide.yaml", RECORD.decode().encode("utf-16")) == [
        "content/actors/wide.yaml:1:1: file is UTF-16: save it as UTF-8"]


def test_utf8_byte_order_mark_is_accepted(project: Path) -> None:
    (project / "content" / "actors" / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + RECORD)
    assert build_factbase(project / "content").get("actors", "bom").name == "Ada"


def test_no_code_runs_from_a_python_tag(project: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    raw = f'name: !!python/object/apply:os.system ["touch {marker}"]\ntype: person\n'.encode()
    assert _errors(project, "tag.yaml", raw) == [
        "content/actors/tag.yaml:1:7: tags (!!python/object/apply:os.system) are not allowed: write plain values"]
    assert not marker.exists()


def test_text_stays_exactly_as_written(project: Path) -> None:
    raw = b"name: NO\ntype: person\ndescription: 1:30 on 012\nsources: [daily-report]\n"
    (project / "content" / "actors" / "norway.yaml").write_bytes(raw)
    actor = build_factbase(project / "content").get("actors", "norway")
    assert (actor.name, actor.description) == ("NO", "1:30 on 012")


def test_dates_keep_their_precision() -> None:
    base = build_factbase(FIXTURE_CONTENT)
    assert base.get("statements", "group-rejects").date == PartialDate(2023, 12)
    assert base.get("statements", "group-rejects").date.human() == "December 2023"
    assert base.get("statements", "ada-ready").date.human() == "19 December 2023"


def test_every_error_in_the_tree_is_reported_at_once(project: Path) -> None:
    (project / "content" / "actors" / "one.yaml").write_bytes(b"name: One\ntype: persn\nsources: [daily-report]\n")
    (project / "content" / "sources" / "two.yaml").write_bytes(b"title: Two\npublisher: P\ntype: report\nurl: ftp://x\n")
    assert len(_errors(project, "three.yaml", b"name: Three\n")) == 4


def test_backlinks_point_both_ways() -> None:
    base = build_factbase(FIXTURE_CONTENT)
    refs = {(r.kind, r.id, r.field) for r in base.linking_to("actors", "ada-leader")}
    assert refs == {("statements", "ada-ready", "speaker"), ("events", "ambassadors-briefing", "participants")}


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_check_prints_a_summary() -> None:
    result = _cli("check", "--content", str(FIXTURE_CONTENT))
    assert (result.returncode, result.stdout) == (0, "ok: 3 actors, 2 statements, 2 figures, 1 events, 2 sources\n")


def test_check_exits_1_with_sorted_error_lines(project: Path) -> None:
    (project / "content" / "actors" / "x.yaml").write_bytes(b"name: X\ntype: person\nsources: [nowhere]\n")
    result = _cli("check", cwd=project)
    assert result.returncode == 1
    assert result.stderr == ("content/actors/x.yaml:3:11: sources[0].source: unknown source 'nowhere': "
                             "add content/sources/nowhere.yaml or fix the id\n1 error in content\n")
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert _cli("check", "--content", str(tmp_path / "missing")).returncode == 2
    assert _cli("frobnicate").returncode == 2


def test_stale_schema_fails_check(project: Path) -> None:
    write_schemas(project)
    assert _cli("check", cwd=project).returncode == 0
    (project / "site_config" / "schema" / "actor.schema.json").write_text("{}\n")
    result = _cli("check", cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("site_config/schema/actor.schema.json:1:1: schema file is out of date")


def test_committed_schema_is_current() -> None:
    assert _cli("check", "--content", str(ROOT / "content")).returncode == 0


def test_symbolic_links_are_refused(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(RECORD)
    (project / "content" / "actors" / "linked.yaml").symlink_to(outside)
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert [str(p) for p in caught.value.problems] == [
        "content/actors/linked.yaml:1:1: symbolic links are not allowed in content/: copy the file here instead"]


@pytest.mark.parametrize("link", ["actors/more", "figures"])
def test_linked_folders_are_refused_not_followed(project: Path, tmp_path: Path, link: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "ghost.yaml").write_bytes(RECORD)
    target = project / "content" / link
    if target.exists():
        shutil.rmtree(target)
    target.symlink_to(outside, target_is_directory=True)
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert [str(p) for p in caught.value.problems] == [
        f"content/{link}:1:1: symbolic links are not allowed in content/: copy the file here instead"]


def test_editors_backup_and_autosave_files_are_not_records(project: Path) -> None:
    """Emacs keeps `name.yaml~` beside a saved file by default: as a stray file it stopped the live preview."""
    folder = project / "content" / "actors"
    record = (folder / "ada-leader.yaml").read_bytes()
    for leftover in ("ada-leader.yaml~", "#ada-leader.yaml#", "4913"):
        (folder / leftover).write_bytes(record + b"broken: [\n")
    assert build_factbase(project / "content").get("actors", "ada-leader").name == "Ada Leader"
    (folder / "notes.txt").write_text("not a record")
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert [str(p) for p in caught.value.problems] == [
        "content/actors/notes.txt:1:1: not a record file: only .yaml files belong in this folder"]
