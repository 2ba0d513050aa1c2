"""The repository's CI and pre-commit files: valid YAML that runs the documented commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 loaders read the key 'on' as true


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _runs(workflow: dict[str, Any]) -> list[str]:
    return [step["run"] for step in _steps(workflow) if "run" in step]


def _uses(workflow: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in _steps(workflow) if "uses" in step]


def _documented_commands() -> str:
    """The commands a newcomer is told to run: README.md when present, and dev.py's usage."""
    readme = ROOT / "README.md"
    return (readme.read_text(encoding="utf-8") if readme.exists() else "") + (ROOT / "dev.py").read_text()


def test_pull_requests_run_the_tests_checks_build_and_fact_diff() -> None:
    workflow = _load(WORKFLOWS / "pr.yml")
    assert "pull_request" in _triggers(workflow)
    checkout = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    setup = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    runs = _runs(workflow)
    assert runs[:3] == ["python3 dev.py test", ".venv/bin/python -m generator check --strict",
                        ".venv/bin/mkdocs build --strict"]
    assert runs[3] == "python3 dev.py wheel"
    assert runs[4] == '.venv/bin/research-site diff "origin/$BASE_REF" --markdown >> "$GITHUB_STEP_SUMMARY"'
    assert _steps(workflow)[-1]["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert "python3 dev.py test" in _documented_commands() and "python3 dev.py wheel" in _documented_commands()


def test_pushes_to_main_publish_with_the_official_pages_actions() -> None:
    workflow = _load(WORKFLOWS / "publish.yml")
    assert _triggers(workflow)["push"]["branches"] == ["main"]
    assert "python3 dev.py build" in _runs(workflow)
    assert "python3 dev.py build" in _documented_commands()
    assert _uses(workflow) == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                               "actions/upload-pages-artifact", "actions/deploy-pages"]
    checkout = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # a shallow clone would show every record as added by its last commit
    upload = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert workflow["jobs"]["deploy"]["needs"] == "build"


@pytest.mark.parametrize("name", ["pr.yml", "publish.yml"])
def test_every_action_is_pinned_to_a_version(name: str) -> None:
    for step in _steps(_load(WORKFLOWS / name)):
        if "uses" in step:
            assert "@v" in step["uses"], step


def test_pre_commit_runs_the_check_ruff_and_yamllint() -> None:
    config = _load(ROOT / ".pre-commit-config.yaml")
    hooks = {repo["repo"]: repo for repo in config["repos"]}
    check = hooks["local"]["hooks"][0]
    assert (check["entry"], check["pass_filenames"]) == ("python -m generator check --strict", False)
    assert [h["id"] for h in hooks["https://github.com/astral-sh/ruff-pre-commit"]["hooks"]] == ["ruff"]
    assert [h["id"] for h in hooks["https://github.com/adrienverge/yamllint"]["hooks"]] == ["yamllint"]
    assert all(repo.get("rev", "").startswith("v") for url, repo in hooks.items() if url != "local")


def test_yamllint_config_relaxes_only_what_content_needs() -> None:
    config = _load(ROOT / ".yamllint.yaml")
    assert config["extends"] == "default"
    assert config["rules"] == {"line-length": "disable", "document-start": "disable",
                               "truthy": {"check-keys": False}}


def test_source_links_are_checked_weekly_and_nothing_is_opened() -> None:
    workflow = _load(WORKFLOWS / "links.yml")
    triggers = _triggers(workflow)
    assert [entry["cron"] for entry in triggers["schedule"]] == ["17 5 * * 1"] and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read"}  # cannot open an issue or a pull request
    assert any(run.startswith(".venv/bin/research-site links --propose-archives --json links.json")
               for run in _runs(workflow))
    assert _uses(workflow) == ["actions/checkout", "actions/setup-python", "actions/upload-artifact"]
