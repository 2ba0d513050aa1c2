"""When each record's YAML file last changed in git (for 'cite this page'), in one git call."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from mkdocs.utils import get_build_date

from generator.check.link import FactBase


def build_date() -> str:
    """The build's date in UTC: SOURCE_DATE_EPOCH when set (reproducible builds), else today (MkDocs' rule)."""
    return get_build_date()


class GitDates:
    """Each record's last change for 'cite this page', asking git once per commit (not per serve rebuild)."""

    def __init__(self) -> None:
        self.commit: str | None = None
        self.dates: dict[str, str] = {}  # absolute file path: date of its last commit

    def of(self, base: FactBase, content: Path) -> dict[tuple[str, str], str]:
        """Each record's date: its file's last commit, else the build date (outside git, or not committed)."""
        commit = head(content)
        if commit is None or commit != self.commit:
            self.commit = commit
            self.dates = last_changed(content) if commit else {}
        dates, fallback, root = self.dates, build_date(), content.resolve()

        def changed(entry: Any) -> str:  # outside git, skip 10,000 path look-ups
            return dates.get(str(root / entry.raw.path.relative_to(content)), fallback) if dates else fallback

        return {entry.key: changed(entry) for kind in base.entries for entry in base.entries[kind].values()}


def _git(content: Path, *args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=content, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def head(content: Path) -> str | None:
    """The commit checked out, None outside git: the dates below change only when it does."""
    out = _git(content, "rev-parse", "HEAD")
    return out.strip() if out else None


def last_changed(content: Path) -> dict[str, str]:
    """Map of absolute file path → ISO date of the last commit touching it; empty outside git."""
    top = _git(content, "rev-parse", "--show-toplevel")
    log = _git(content, "log", "--format=>%cs", "--name-only", "--", ".")
    if top is None or log is None:
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in log.splitlines():
        if line.startswith(">"):
            current = line[1:]
        elif line:
            dates.setdefault(line, current)  # the newest commit comes first
    root = top.strip()  # git gives the real path of the work tree: no symlink to resolve
    return {os.path.join(root, line): when for line, when in dates.items()}
