"""Issue 16, defect 8: only regular files are records. A FIFO named like a record hung ``check``;
an unreadable record file gave a PermissionError traceback. Both are now ``path:1:1:`` errors."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from generator import ContentError, build_factbase
from generator.commands.cli import main
from generator.read import load


def _problems(project: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    return [str(p) for p in caught.value.problems]


def test_a_fifo_is_refused_without_reading_it(project: Path) -> None:
    os.mkfifo(project / "content" / "actors" / "pipe.yaml")
    assert _problems(project) == ["content/actors/pipe.yaml:1:1: a FIFO (named pipe) is not allowed in content/: "
                                  "only regular files are read"]


def test_a_socket_is_refused(project: Path) -> None:
    where = project / "content" / "actors" / "sock.yaml"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(where))
        assert _problems(project) == ["content/actors/sock.yaml:1:1: a socket is not allowed in content/: "
                                      "only regular files are read"]


def test_a_file_swapped_for_a_fifo_after_listing_is_refused_not_waited_on(project: Path) -> None:
    path = project / "content" / "actors" / "late.yaml"
    os.mkfifo(path)
    message = "a FIFO (named pipe) is not allowed in content/: only regular files are read"
    where = "content/actors/late.yaml"
    assert load.read_bytes(path, where) == load.Problem(where, 1, 1, "", message)


def test_an_unreadable_file_is_an_error_not_a_traceback(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    target = str(project / "content" / "actors" / "northland.yaml")
    real_open = os.open

    def refusing_open(path: object, *args: object, **kwargs: object) -> int:
        if str(path) == target:  # the tests run as root, which chmod cannot stop: refuse as the kernel would
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing_open)
    assert main(["check", "--content", str(project / "content")]) == 1
    assert ("content/actors/northland.yaml:1:1: the file cannot be read (Permission denied): check its permissions\n"
            in capsys.readouterr().err)
