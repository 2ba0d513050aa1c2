"""``research-site overrides [--ack]``: which packaged files the site overrides, and which changed upstream."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.generate import settings
from generator.packaged import version
from generator.site.upstream import LOCK, changed_upstream, lock_text, overrides


def cmd_overrides(args: argparse.Namespace) -> int:
    found = settings(Path(args.config))
    root = found["root"]
    if args.ack:
        (root / LOCK).write_text(lock_text(), encoding="utf-8")
        print(f"wrote {LOCK}: the packaged templates and theme files of research-site {version()} acknowledged")
        return 0
    mine = overrides(found["templates"], found["custom_dir"])
    changed = {o.name for o in changed_upstream(root, found["templates"], found["custom_dir"])}
    if not (root / LOCK).is_file():
        print(f"no {LOCK}: run 'research-site overrides --ack' to be warned when a packaged file you override changes")
    if not mine:
        print(f"no overrides: every page template and theme file is research-site {version()}'s own")
    for override in mine:
        status = ("CHANGED upstream since acknowledged" if override.name in changed
                  else "unchanged upstream" if (root / LOCK).is_file() else "not tracked")
        shown = override.site_file.relative_to(root).as_posix()
        print(f"{shown}: overrides {override.packaged} ({status})")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    over = sub.add_parser("overrides", help="list the packaged templates and theme files the site overrides")
    over.add_argument("--ack", action="store_true",
                      help=f"record the packaged files' digests in {LOCK}: their changes so far have been seen")
    over.add_argument("--config", default="mkdocs.yml", help="the site's configuration (default: mkdocs.yml)")
    over.set_defaults(run=cmd_overrides)
