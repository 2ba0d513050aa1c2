"""Read a case file's header: ``# kind:``, optional ``# name:`` and ``# expect:`` lines.

A case that needs more than one file (a cycle between two records, a reference to a file that does not
parse) holds the others after its own YAML, each opened by a line ``# file: <kind>/<id>.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Case:
    path: Path
    kind: str = ""
    name: str = ""
    expect: list[str] = field(default_factory=list)
    render: list[str] = field(default_factory=list)

    @property
    def target(self) -> str:
        return f"content/{self.kind}/{self.name or self.path.name}"


def read_case(path: Path) -> Case:
    case = Case(path)
    for line in path.read_bytes().decode("utf-8", "replace").splitlines():
        if not line.startswith("# "):
            break
        key, _, value = line[2:].partition(": ")
        if key in ("kind", "name"):
            setattr(case, key, value.strip())
        elif key in ("expect", "render"):
            getattr(case, key).append(value.strip())
    return case


FILE_MARK = b"# file: "


def place(case: Case, project: Path) -> Path:
    target = project / case.target
    target.parent.mkdir(parents=True, exist_ok=True)
    own, *others = case.path.read_bytes().split(b"\n" + FILE_MARK)
    target.write_bytes(own + (b"\n" if others else b""))
    for other in others:
        name, _, body = other.partition(b"\n")
        extra = project / "content" / name.decode("utf-8").strip()
        extra.parent.mkdir(parents=True, exist_ok=True)
        extra.write_bytes(body)
    return target
