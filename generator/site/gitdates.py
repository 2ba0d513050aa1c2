"""When each record's YAML file last changed in git (for 'cite this page'), in one git call."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

from generator.site.history import read_history


def build_date() -> str:
    """The build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    return date.today().isoformat()


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
