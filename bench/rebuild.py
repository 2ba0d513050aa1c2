"""Live preview at scale: how long a rebuild takes after saving one YAML file.

    .venv/bin/python bench/rebuild.py            # 10,000 records
    .venv/bin/python bench/rebuild.py --size 2000

Runs the builds the way ``mkdocs serve`` does, in one long-lived process whose
research-site plugin object survives between builds: a first build, then one
edited statement rebuilt without a cache, then with the parse/validate cache
(``generator.cache.RecordCache``) that a long-lived plugin can keep. Prints the
time of each rebuild and of its stages.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from sitebuild import make_project  # noqa: E402

from bench.synthetic import write_content  # noqa: E402
from bench.timed_build import spent, timed  # noqa: E402
from generator import RecordCache, build_factbase  # noqa: E402
from generator import plugin as glue  # noqa: E402


def edit_one(project: Path, word: str) -> Path:
    """Add a word to one statement (in its text and wherever its citations quote it: it stays valid)."""
    import yaml

    record = project / "content" / "statements" / "statement-00002.yaml"
    text = record.read_text(encoding="utf-8")
    said = yaml.safe_load(text)["text"]
    record.write_text(text.replace(said, said.rstrip(".") + f" {word}."), encoding="utf-8")
    return record


def rebuild(build: Callable[[], None], label: str) -> dict[str, float]:
    spent.clear()
    start = time.perf_counter()
    build()
    timings = {"total": time.perf_counter() - start, **spent}
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in spent.items() if seconds >= 0.05)
    print(f"{label}: {timings['total']:.1f} s ({stages})", flush=True)
    return timings


def main(argv: list[str] | None = None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="research-site-rebuild-") as tmp:
        project = Path(tmp)
        write_content(project / "content", args.size)
        make_project(project / "content", project)
        os.chdir(project)
        for hook in ("on_pre_build", "on_post_build"):
            setattr(glue.ResearchSitePlugin, hook, timed(hook, getattr(glue.ResearchSitePlugin, hook)))
        config: Any = load_config("mkdocs.yml")
        serve: Callable[[], None] = lambda: build(config, serve_url="http://127.0.0.1:8000/")  # noqa: E731
        glue.build_factbase = timed("load", build_factbase)
        rebuild(serve, f"first build of {args.size:,} records")
        edit_one(project, "Safety")
        rebuild(serve, "after one edit, no cache")
        cache = RecordCache()
        glue.build_factbase = timed("load", lambda content: build_factbase(content, cache))
        rebuild(serve, "cache filled (same content)")
        edit_one(project, "Shelter")
        rebuild(serve, "after one edit, parse/validate cache")
        print(f"cache: {cache.hits:,} hits, {cache.misses:,} misses over the last two builds")


if __name__ == "__main__":
    main()
