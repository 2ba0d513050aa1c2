"""``research-site init DIR``: a new site that needs nothing of this repository but the installed generator.

It writes the packaged starter (``generator/starter/``): mkdocs.yml, content folders with one example
record of each kind, the hand-written pages, CI workflows, pre-commit, .gitignore and a README; then the
JSON Schema files its records' modelines name and the lock of the packaged templates' digests
(``research-site.lock``, see ``generator/site/upstream.py``). ``--example`` writes the bundled fact base
instead of the example records. It never overwrites a file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.model.errors import UsageError
from generator.model.jsonschema import SCHEMA_DIR, schema_text
from generator.model.kinds import KINDS
from generator.packaged import EXAMPLE, STARTER, version
from generator.site.upstream import LOCK, lock_text

DEFAULT_NAME = "My research site"
_SUBSTITUTED = {".md", ".yml", ".yaml", ".txt"}  # starter files that name the site or the version


def _tree(folder: Path) -> dict[str, Path]:
    """Every file under ``folder`` by relative path (the starter's ``example`` link is walked on its own)."""
    out: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if rel.parts[0] != "example" or folder != STARTER:
            if path.is_file():
                out[rel.as_posix()] = path
    return out


def _target(rel: str) -> str:
    """Package data keeps no dot files: ``dot-github/…`` is written as ``.github/…``."""
    return "/".join("." + part[4:] if part.startswith("dot-") else part for part in rel.split("/"))


def site_files(name: str, example: bool) -> dict[str, bytes]:
    """Every file of a new site, by path."""
    files: dict[str, bytes] = {}
    for rel, path in _tree(STARTER).items():
        if example and rel.startswith("content/"):
            continue
        data = path.read_bytes()
        if path.suffix in _SUBSTITUTED:
            data = data.decode("utf-8").replace("@NAME@", name).replace("@VERSION@", version()).encode("utf-8")
        files[_target(rel)] = data
    if example:
        files.update({f"content/{rel}": path.read_bytes() for rel, path in _tree(EXAMPLE.resolve()).items()})
    for kind in sorted(KINDS):
        files[f"{SCHEMA_DIR.as_posix()}/{KINDS[kind].singular}.schema.json"] = schema_text(kind).encode("utf-8")
    files[LOCK] = lock_text().encode("utf-8")
    return dict(sorted(files.items()))


def cmd_init(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder.as_posix()} is not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not args.force:
        raise UsageError(f"{folder.as_posix()} is not empty: give a new or empty folder, or add --force "
                         "to add only the files it lacks (no file is ever overwritten)")
    written = kept = 0
    for rel, data in site_files(args.name, args.example).items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("xb") as out:
                out.write(data)
            written += 1
        except FileExistsError:
            print(f"kept {target.as_posix()}: it already exists")
            kept += 1
    print(f"wrote {written} files into {folder.as_posix()}" + (f", kept {kept}" if kept else "")
          + f": next, read {(folder / 'README.md').as_posix()} (its two commands install research-site "
          f"{version()} and serve the site)")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    init = sub.add_parser("init", help="start a new site in a new or empty folder")
    init.add_argument("folder", help="the new site's folder (made if missing)")
    init.add_argument("--name", default=DEFAULT_NAME, help=f"the site's name (default: {DEFAULT_NAME})")
    init.add_argument("--example", action="store_true",
                      help="the bundled fact base (December 2023) instead of one example record of each kind")
    init.add_argument("--force", action="store_true",
                      help="add to a folder that is not empty (files already there are kept as they are)")
    init.set_defaults(run=cmd_init)
