"""Resource bounds: the worst inputs are checked in a child process with 1 GiB of memory and 20 seconds
(of CPU time, and of wall-clock time).

These are bounds, not timings: a loader that expanded a billion laughs, copied a 10 MB string
around or recursed 1,000 levels deep would be killed by the limit and fail its case.
"""

from __future__ import annotations

import json
import os
import resource
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "adversarial"
MEMORY_LIMIT = 1 << 30  # bytes of address space
TIME_LIMIT = 20  # seconds
WORST_CASES = ("yaml-billion-laughs", "bytes-ten-megabyte-string", "yaml-nested-1000-deep", "files-ten-thousand")

# The child reports exactly what test_adversarial.outcome reports, as JSON.
CHILD = """
import json, sys
from generator import ContentError, build_factbase
try:
    base = build_factbase(sys.argv[1])
    lines = ["accepted"] + [str(w) for w in base.warnings]
except ContentError as exc:
    lines = [str(p) for p in exc.problems]
print(json.dumps(sorted(lines)))
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (TIME_LIMIT, TIME_LIMIT))


def run_limited(code: str, *args: str, cwd: Path, timeout: float = TIME_LIMIT) -> subprocess.CompletedProcess[str]:
    """Run Python code in a child process under the memory limit; TimeoutExpired past the time limit."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, preexec_fn=_limit_memory)


def run_bounded(content: Path) -> list[str]:
    """Build the fact base of ``content`` within the bounds; the lines it reports."""
    result = run_limited(CHILD, str(content), cwd=content.parent)
    assert result.returncode == 0, result.stderr[-2000:]
    return list(json.loads(result.stdout))


def test_the_memory_limit_stops_a_child_that_wants_more(tmp_path: Path) -> None:
    result = run_limited("bytearray(2 << 30)", cwd=tmp_path)
    assert result.returncode != 0 and "MemoryError" in result.stderr


def test_the_time_limit_stops_a_child_that_runs_on(tmp_path: Path) -> None:
    with pytest.raises(subprocess.TimeoutExpired):
        run_limited("import time; time.sleep(30)", cwd=tmp_path, timeout=1)


def test_a_child_within_the_bounds_reports_its_lines(tmp_path: Path) -> None:
    (tmp_path / "content" / "actors").mkdir(parents=True)
    (tmp_path / "content" / "actors" / "x.yaml").write_text("name: [\n")
    assert run_bounded(tmp_path / "content") == [
        "content/actors/x.yaml:2:1: not valid YAML: expected the node content, but found '<stream end>'"]


@pytest.mark.parametrize("name", WORST_CASES)
def test_each_worst_case_runs_within_the_bounds(name: str) -> None:
    """test_adversarial runs every BOUNDED case through run_bounded; these must be among them."""
    assert runpy.run_path(str(CORPUS / f"{name}.py")).get("BOUNDED") is True
