"""When each record's YAML file last changed in git (for 'cite this page'), in one git call."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path


def build_date() -> str:
    """The build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    return date.today().isoformat()


def last_changed(content: Path) -> dict[str, str]:
    """Map of resolved file path → ISO date of the last commit touching it; empty outside git."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=content, capture_output=True,
                             text=True, check=True).stdout.strip()
        log = subprocess.run(["git", "log", "--format=>%cs", "--name-only", "--", "."], cwd=content,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in log.splitlines():
        if line.startswith(">"):
            current = line[1:]
        elif line:
            dates.setdefault(str((Path(top) / line).resolve()), current)
    return dates
