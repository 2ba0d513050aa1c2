"""``research-site new``: a skeleton with every field and its help from the model, accepted once filled in."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from generator import ContentError, build_factbase
from generator.commands.cli import main
from generator.commands.new import scaffold
from generator.model.fields import field_help, field_order, with_field_tables
from generator.model.kinds import KINDS
from generator.model.values import nested_model

from conftest import ROOT

# What an editor would type into each required field of the skeleton.
FILL_INS = {
    "actors": {"name": "East League", "type": "organization", "sources": "[daily-report]"},
    "statements": {"speaker": "ada-leader", "date": "2023-12-19", "text": "Northland is ready",
                   "sources": '[{source: daily-report, quote: "Northland is ready."}]'},
    "figures": {"label": "People released", "measure": "people-released", "value": "110", "unit": "people",
                "sources": "[{source: daily-report, quote: 110 people were released.}]"},
    "events": {"title": "Talks in the capital", "date": "2023-12", "sources": "[wire-report]"},
    "sources": {"title": "A second report", "publisher": "The Daily Example", "type": "report"},
}


def _new(project: Path, *args: str) -> int:
    return main(["new", *args, "--content", str(project / "content")])


def _fill(path: Path, values: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for name, value in values.items():
        text, count = re.subn(rf"^{name}:$", f"{name}: {value}", text, flags=re.MULTILINE)
        assert count == 1, name
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_filled_skeleton_passes_check(project: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(project, KINDS[kind].singular, "new-record") == 0
    path = project / "content" / kind / "new-record.yaml"
    assert capsys.readouterr().out == (f"wrote {path.as_posix()}: fill in the required fields, "
                                       "then run 'research-site check'\n")
    _fill(path, FILL_INS[kind])
    assert "new-record" in build_factbase(project / "content").records(kind)
    assert main(["check", "--content", str(project / "content")]) == 0


def test_skeleton_as_written_fails_with_clear_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(project, "figure", "blank") == 0
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert [str(p) for p in caught.value.problems] == [
        "content/figures/blank.yaml:6:7: label: is empty: this field is required, write a value",
        "content/figures/blank.yaml:10:9: measure: is empty: this field is required, write a value",
        "content/figures/blank.yaml:17:6: unit: is empty: this field is required, write a value",
        "content/figures/blank.yaml:20:9: sources: is empty: this field is required, write a value",
    ]
    capsys.readouterr()
    assert main(["check", "--content", str(project / "content")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.endswith("4 errors in content\n")


def test_rule_required_value_is_asked_for_once_the_rest_is_filled(project: Path) -> None:
    _new(project, "figure", "no-value")
    path = project / "content" / "figures" / "no-value.yaml"
    _fill(path, {k: v for k, v in FILL_INS["figures"].items() if k != "value"})
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert [str(p) for p in caught.value.problems] == [
        "content/figures/no-value.yaml:14:7: value: give a value, or a range with min and/or max"]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_skeleton_names_every_field_required_first(kind: str) -> None:
    text = scaffold(kind)
    written = re.findall(r"^(?:# )?([a-z_]+):$", text, flags=re.MULTILINE)
    assert written == field_order(kind)
    assert sorted(written) == sorted(KINDS[kind].model.model_fields)
    required = [name for name in written if re.search(rf"^{name}:$", text, flags=re.MULTILINE)]
    assert written[: len(required)] == required
    assert yaml.safe_load(text) == dict.fromkeys(required)


def test_skeleton_explains_fields_allowed_values_and_nested_fields() -> None:
    text = scaffold("events")
    assert ("# type (optional): what sort of event it is; one of: meeting, negotiation, truce, release, vote,\n"
            "#   statement, military-operation, other; default: other\n# type:\n") in text
    assert ("# participants:\n"
            "#   - actor:  # required: the actor who took part; an id from content/actors/\n"
            "#     role:  # their part in it, e.g. host, mediator\n") in text
    assert "# status (optional): how well established the record is (see the methodology page);" in text


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_comment_points_at_the_generated_schema(kind: str) -> None:
    first = scaffold(kind).splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../site_config/schema/{KINDS[kind].singular}.schema.json"
    schema = (ROOT / "content" / kind / first.split("$schema=")[1]).resolve()
    assert schema == ROOT / "site_config" / "schema" / f"{KINDS[kind].singular}.schema.json"
    assert schema.exists()


def test_every_field_is_described_once_in_the_model() -> None:
    """Every field and sub-field carries its description in the model; the skeleton says it in those words."""
    for kind, registered in KINDS.items():
        skeleton = " ".join(line.lstrip("# ") for line in scaffold(kind).splitlines())
        for name, info in registered.model.model_fields.items():
            assert info.description, (kind, name)
            assert field_help(kind, registered.model, (name,)).startswith(info.description)
            inner = nested_model(info.annotation)
            for sub, sub_info in (inner.model_fields.items() if inner else ()):
                assert sub_info.description, (kind, name, sub)
                assert sub_info.description in skeleton, (kind, name, sub)


def test_contributing_field_tables_are_the_models() -> None:
    """CONTRIBUTING.md's field tables are generated from the model: 'research-site schema' rewrites them."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert with_field_tables(guide) == guide, "run: .venv/bin/research-site schema"
    assert "| `parts` | optional | the figures that add up to this one; a list of ids from content/figures/ |" in guide


def test_schema_tooltips_are_the_field_help() -> None:
    schema = json.loads((ROOT / "site_config" / "schema" / "figure.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["as_of"]["description"] == field_help("figures", KINDS["figures"].model, ("as_of",))
    assert schema["$defs"]["Period"]["properties"]["start"]["description"].startswith("the first day")


def test_plural_kind_is_accepted(project: Path) -> None:
    assert _new(project, "sources", "another-report") == 0
    assert (project / "content" / "sources" / "another-report.yaml").exists()


def test_existing_record_is_never_overwritten(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "content" / "figures" / "released-wire.yaml"
    before = path.read_bytes()
    assert _new(project, "figure", "released-wire") == 1
    assert capsys.readouterr().err == (f"research-site: {path.as_posix()} already exists: "
                                       "edit it, or choose another id\n")
    assert path.read_bytes() == before


@pytest.mark.parametrize(("record_id", "message"), [
    ("Bad_Id", "the file name 'Bad_Id' is not a valid id: use lowercase a-z, 0-9 and single hyphens"),
    ("index", "'index' is a reserved word and cannot be an id: choose another file name"),
])
def test_bad_id_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str], record_id: str,
                                 message: str) -> None:
    assert _new(project, "actor", record_id) == 2
    assert capsys.readouterr().err == f"research-site: {message}\n"
    assert not list((project / "content" / "actors").glob("*[Ii]nd*"))


def test_unknown_kind_and_missing_folder_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["new", "person", "ada"])
    assert caught.value.code == 2
    assert main(["new", "actor", "ada", "--content", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.endswith(f"research-site: content folder not found: {tmp_path / 'nowhere'}\n")
