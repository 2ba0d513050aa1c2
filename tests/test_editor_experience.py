"""What an editor sees when something is wrong (issue 14): every error and warning at once, with counts; a busy
port for the live preview named, with the command that picks another."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from generator import ContentError, build_factbase
from generator.commands.cli import main

from conftest import ROOT


def _add_warning_and_error(project: Path) -> None:
    figures = project / "content" / "figures"
    wire = figures / "released-wire.yaml"
    wire.write_text(wire.read_text(encoding="utf-8").replace("about 105 were freed", "about a hundred were freed"),
                    encoding="utf-8")
    statement = project / "content" / "statements" / "ada-ready.yaml"
    statement.write_text(statement.read_text(encoding="utf-8").replace("speaker: ada-leader", "speaker: ada-leadr"),
                         encoding="utf-8")


def test_errors_and_warnings_are_reported_together_with_counts(project: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    _add_warning_and_error(project)
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert caught.value.report().splitlines() == [
        "content/figures/released-wire.yaml:3:8: warning: value: figure released-wire: 105 is not in the quoted "
        "words of any citation (tried sources[0] wire-report): quote the words that give it",
        "content/statements/ada-ready.yaml:1:10: speaker: unknown actor 'ada-leadr' (did you mean 'ada-leader'?): "
        "add content/actors/ada-leadr.yaml or fix the id",
        "1 error and 1 warning in content",
    ]
    assert main(["check", "--content", str(project / "content")]) == 1
    assert capsys.readouterr().err.endswith("1 error and 1 warning in content\n")


def test_a_record_with_an_error_of_its_own_is_not_checked_for_evidence_yet(project: Path) -> None:
    statement = project / "content" / "statements" / "ada-ready.yaml"
    text = statement.read_text(encoding="utf-8")
    text = text.replace("speaker: ada-leader", "speaker: ada-leadr").replace("another pause.", "a pause.")
    statement.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert [p.field for p in caught.value.problems] == ["speaker"]  # not also "text: quote not found"


def test_serve_on_a_busy_port_names_it_and_says_how_to_pick_another() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, str(ROOT / "dev.py"), "serve", "-a", f"127.0.0.1:{port}"],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first, second = result.stderr.splitlines()
    assert first == f"port {port} on 127.0.0.1 is busy: another program (perhaps another 'dev.py serve') is using it."
    assert second.startswith("Stop that program, or serve on another port:  python3 dev.py serve -a 127.0.0.1:")
