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

from generator import RecordCache, build_factbase  # noqa: E402
from generator import plugin as glue  # noqa: E402

from bench.synthetic import write_content  # noqa: E402
from bench.timed_build import spent, timed  # noqa: E402
from sitebuild import make_project  # noqa: E402


def edit_one(project: Path, word: str) -> Path:
    """Add a word to one statement (in its text and wherever its citations quote it: it stays valid)."""
    import yaml

    record = project / "content" / "statements" / "statement-00002.yaml"
    text = record.read_text(encoding="utf-8")
    said = yaml.safe_load(text)["text"]
    record.write_text(text.replace(said, said.rstrip(".") + f" {word}."), encoding="utf-8")
    return record


unchanged = [0]  # generated files found unchanged by the last build


def skip_unchanged_pages() -> None:
    """Prototype, not in the plugin: a generated file whose bytes did not change is not rebuilt.

    MkDocs' dirty build skips every file whose ``is_modified()`` is false; a generated file always
    says true, so this marks the unchanged ones. The home and methodology pages get generated
    parts appended, so they are always rebuilt.
    """
    previous: dict[str, int] = {}
    on_files = glue.ResearchSitePlugin.on_files

    def marking(plugin: Any, files: Any, *, config: Any) -> Any:
        files = on_files(plugin, files, config=config)
        current = {path: hash((text, plugin.jsonld.get(path, ""))) for path, text in plugin.pages.items()}
        current.update({path: hash(data) for path, data in plugin.exports.items()})
        for path, digest in current.items():
            if previous.get(path) == digest:
                files.get_file_from_path(path).is_modified = lambda: False
        for path in ("index.md", "methodology.md"):
            if files.get_file_from_path(path) is not None:
                files.get_file_from_path(path).is_modified = lambda: True
        unchanged[0] = sum(previous.get(path) == digest for path, digest in current.items())
        previous.clear()
        previous.update(current)
        return files

    glue.ResearchSitePlugin.on_files = marking  # type: ignore[method-assign]


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
    parser.add_argument("--dirty", action="store_true", help="also time the dirty-build prototype")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="research-site-rebuild-") as tmp:
        project = Path(tmp)
        write_content(project / "content", args.size)
        make_project(project / "content", project)
        os.chdir(project)
        for hook in ("on_pre_build", "on_post_build"):
            setattr(glue.ResearchSitePlugin, hook, timed(hook, getattr(glue.ResearchSitePlugin, hook)))
        if args.dirty:
            skip_unchanged_pages()  # before load_config, which registers the plugin's hooks
        config: Any = load_config("mkdocs.yml")
        serve: Callable[[], None] = lambda: build(config, serve_url="http://127.0.0.1:8000/")  # noqa: E731
        # the plugin keeps its own cache across serve rebuilds: replaced here to time with and without one
        glue.build_factbase = timed("load", lambda content, _plugin_cache=None: build_factbase(content))
        rebuild(serve, f"first build of {args.size:,} records")
        edit_one(project, "Safety")
        rebuild(serve, "after one edit, no cache")
        cache = RecordCache()
        glue.build_factbase = timed("load", lambda content, _plugin_cache=None: build_factbase(content, cache))
        rebuild(serve, "cache filled (same content)")
        edit_one(project, "Shelter")
        rebuild(serve, "after one edit, parse/validate cache")
        print(f"cache: {cache.hits:,} hits, {cache.misses:,} misses over the last two builds")
        if args.dirty:
            dirty_rebuilds(config, project)


def dirty_rebuilds(config: Any, project: Path) -> None:
    """The prototype: ``mkdocs serve --dirty`` with unchanged generated pages skipped."""
    from mkdocs.commands.build import build

    config.strict = False  # a dirty build logs a warning, which strict mode turns into an abort
    config.plugins.on_startup(command="serve", dirty=True)  # Material's search keeps its last index
    dirty: Callable[[], None] = lambda: build(config, serve_url="http://127.0.0.1:8000/", dirty=True)  # noqa: E731
    rebuild(dirty, "dirty prototype: first build")
    edit_one(project, "Tomorrow")
    rebuild(dirty, "dirty prototype: after one edit")
    print(f"{unchanged[0]:,} generated files were unchanged and not rebuilt")
    page = project / "site" / "statements" / "statement-00002" / "index.html"
    print("the edited page shows the edit:", "Tomorrow" in page.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
