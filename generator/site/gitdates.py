"""What git says about each record: its last change for 'cite this page', and its history, in one pass."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from mkdocs.utils import get_build_date

from generator.check.link import FactBase
from generator.render.redirects import former_addresses
from generator.site.history import GitHistory, SiteHistory, read_history, site_history


def build_date() -> str:
    """The build's date in UTC: SOURCE_DATE_EPOCH when set (reproducible builds), else today (MkDocs' rule)."""
    return get_build_date()


class GitDates:
    """Each record's last change and history, asking git once per commit (not per serve rebuild)."""

    def __init__(self) -> None:
        self.commit: str | None = None
        self.history = GitHistory()  # dates: absolute file path → date of its last commit; every change

    def of(self, base: FactBase, content: Path) -> dict[tuple[str, str], str]:
        """Each record's date: its file's last commit, else the build date (outside git, or not committed)."""
        commit = head(content)
        if commit is None or commit != self.commit:
            self.commit = commit  # a new reading borrows the words of the changes the last one told
            self.history = read_history(content, self.history) if commit else GitHistory()
        dates, fallback, root = self.history.dates, build_date(), content.resolve()

        def changed(entry: Any) -> str:  # outside git, skip 10,000 path look-ups
            return dates.get(str(root / entry.raw.path.relative_to(content)), fallback) if dates else fallback

        return {entry.key: changed(entry) for kind in base.entries for entry in base.entries[kind].values()}

    def site_history(self, base: FactBase) -> SiteHistory:
        """The history as the site shows it (after ``of``): each current record's changes, its former ids' too."""
        keys = [(kind, rid) for kind in base.entries for rid in base.entries[kind]]
        return site_history(self.history, keys, former_addresses(base))


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
    """Map of absolute file path → ISO date of the last commit touching it; empty outside git.

    Read in the same single pass over git's history as every record's changes (see ``history``)."""
    return read_history(content).dates
