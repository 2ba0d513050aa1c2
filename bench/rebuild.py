"""Live preview at scale: from saving one YAML file to the browser reloading with the change.

    .venv/bin/python bench/rebuild.py              # 10,000 records, `mkdocs serve --dirty` (what dev.py serve runs)
    .venv/bin/python bench/rebuild.py --full       # also plain `mkdocs serve`, which rebuilds every page
    .venv/bin/python bench/rebuild.py --size 2000
    .venv/bin/python bench/rebuild.py --git        # the content in git: pages show history, feeds have entries

Starts the server on a synthetic fact base (bench/synthetic.py), waits for the first
build, then saves one file at a time and measures, for each, the time from the write to
the first "Reloading browsers" of MkDocs (the moment a browser with the page open reloads
it) after which the served page shows the change. The edits: a statement's text, a new
statement, an ordinary actor's name (shown on the pages of its statements), and the
name of the "hub" actor who speaks in a tenth of all statements (the worst case: all
of those pages show it). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from bench.scale import commit_history  # noqa: E402
from bench.synthetic import write_content  # noqa: E402
from sitebuild import make_project  # noqa: E402


@dataclass
class Edit:
    label: str
    change: Callable[[Path], None]
    page: str  # the served page that must show it
    shows: str


def save(path: Path, text: str) -> None:
    """As an editor saves: the whole new file at once (a watcher never sees it half written)."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    save(path, text.replace(old, new))


def statement_text(content: Path) -> None:
    path = content / "statements" / "statement-00002.yaml"
    import yaml

    said = yaml.safe_load(path.read_text(encoding="utf-8"))["text"]
    replace_in(path, said, said.rstrip(".") + " Tomorrow.")  # and where its citations quote it: still valid


def new_statement(content: Path) -> None:
    source = sorted((content / "sources").glob("*.yaml"))[0].stem
    save(content / "statements" / "statement-new.yaml",
         f"speaker: actor-00002\ndate: 2022-01-01\nkind: position\ntext: A new position.\n"
         f"sources:\n  - source: {source}\n")


def actor_name(which: int, new: str) -> Callable[[Path], None]:
    """Rename the actor at this position of the sorted actor files (0: the hub; -1: one of the least cited)."""
    def rename(content: Path) -> None:
        path = sorted((content / "actors").glob("*.yaml"))[which]
        name = re.search(r"^name: (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
        assert name is not None
        replace_in(path, f"name: {name.group(1)}", f"name: {new}")
    return rename


EDITS = [
    Edit("a statement's text", statement_text, "statements/statement-00002/", "Tomorrow"),
    Edit("a new statement", new_statement, "statements/statement-new/", "A new position"),
    Edit("a little-cited actor's name", actor_name(-1, "Renamed Actor"), "", "Renamed Actor"),
    Edit("the hub actor's name (worst case)", actor_name(0, "Renamed Hub"), "actors/actor-00001/", "Renamed Hub"),
]


class Server:
    """`mkdocs serve` in a child process, its log lines read as they come."""

    def __init__(self, project: Path, dirty: bool):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [str(ROOT / ".venv" / "bin" / "mkdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(command + (["--dirty"] if dirty else []), cwd=project, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line.rstrip()))

    def wait_for(self, needle: str, limit: float = 900) -> tuple[float, list[str]]:
        """When a log line containing ``needle`` came, and the lines before it."""
        seen = []
        end = time.perf_counter() + limit
        while True:
            at, line = self.lines.get(timeout=max(0.1, end - time.perf_counter()))
            seen.append(line)
            if needle in line:
                return at, seen

    def page(self, url: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{url}", timeout=10) as response:
                return str(response.read().decode("utf-8"))
        except urllib.error.HTTPError:
            return ""

    def reloaded_with(self, url: str, needle: str) -> tuple[float, list[str]]:
        """The first browser reload after which the page shows ``needle`` (a watcher may rebuild twice)."""
        lines = []
        while True:
            at, seen = self.wait_for("Reloading browsers")
            lines += seen
            if needle in self.page(url):
                return at, lines

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def built_in(lines: list[str]) -> str:
    found = [m.group(1) for line in lines if (m := re.search(r"Documentation built in ([\d.]+) seconds", line))]
    return f"{float(found[-1]):.1f} s" if found else "?"


def measure(project: Path, dirty: bool, edits: list[Edit]) -> list[str]:
    server = Server(project, dirty)
    mode = "`mkdocs serve --dirty`" if dirty else "`mkdocs serve`"
    try:
        start = time.perf_counter()
        at, lines = server.wait_for("Serving on")
        rows = [f"| {mode} | first build | {at - start:.1f} s | {built_in(lines)} | 1 |"]
        print(rows[-1], flush=True)
        for edit in edits:
            time.sleep(2)  # the watcher settles
            saved = time.perf_counter()
            edit.change(project / "content")
            page = edit.page or f"actors/{sorted((project / 'content' / 'actors').glob('*.yaml'))[-1].stem}/"
            at, lines = server.reloaded_with(page, edit.shows)
            builds = sum("Documentation built in" in line for line in lines)
            rows.append(f"| {mode} | {edit.label} | {at - saved:.1f} s | {built_in(lines)} | {builds} |")
            print(rows[-1], flush=True)
        return rows
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--full", action="store_true", help="also time plain `mkdocs serve` (one edit)")
    parser.add_argument("--git", action="store_true", help="commit the content first (bench/scale.py's two commits), "
                        "as in a real site's clone: every record page shows its history")
    args = parser.parse_args(argv)
    print(f"{args.size:,} records\n\n| Server | Saved | Save → browser reloads with it | MkDocs' build | Builds |\n"
          "|---|---|---|---|---|", flush=True)
    with tempfile.TemporaryDirectory(prefix="research-site-rebuild-") as tmp:
        project = Path(tmp)
        write_content(project / "content", args.size)
        make_project(project / "content", project)
        if args.git:
            commit_history(project)
        measure(project, True, EDITS)
        if args.full:
            measure(project, False, EDITS[:1])


if __name__ == "__main__":
    main()
