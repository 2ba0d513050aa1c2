"""Read a case file's header: ``# kind:``, optional ``# name:`` and ``# expect:`` lines."""

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


def place(case: Case, project: Path) -> Path:
    target = project / case.target
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(case.path.read_bytes())
    return target
