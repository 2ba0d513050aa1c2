"""``research-site generate --out DIR``: the site's docs folder on disk, for an engine without our plugin."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generator.check.compare import ABOUT_SHARE
from generator.model.errors import ContentError, UsageError
from generator.render.export import DEFAULT_LICENCE, Licence
from generator.render.pages import RenderError
from generator.site.generate import docs_files, write_folder
from generator.site.produce import produce, site_info


class _Settings(yaml.SafeLoader):
    """mkdocs.yml read as plain YAML: an engine's own tags (``!ENV``, ``!!python/name:``) read as nothing."""


_Settings.add_multi_constructor("", lambda loader, suffix, node: None)
_Settings.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def settings(config: Path) -> dict[str, Any]:
    """What ``generate`` needs from the site's mkdocs.yml (the same file the plugin reads): names and folders."""
    if not config.is_file():
        raise UsageError(f"configuration file not found: {config}")
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Settings) or {}  # noqa: S506 (a safe loader)
    plugin: dict[str, Any] = {}
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and isinstance(entry.get("research-site"), dict):
            plugin = entry["research-site"]
    url = str(data.get("site_url") or "")
    root = config.resolve().parent
    return {"name": str(data.get("site_name") or ""), "url": url if not url or url.endswith("/") else url + "/",
            "docs": root / str(data.get("docs_dir") or "docs"),
            "content": root / str(plugin.get("content") or "content"),
            "templates": root / str(plugin.get("templates") or "site_config/templates"),
            "about_share": Decimal(str(plugin.get("about_share") or ABOUT_SHARE)),
            "licence": str(plugin.get("licence", DEFAULT_LICENCE[0]) or ""),
            "licence_url": str(plugin.get("licence_url") or DEFAULT_LICENCE[1])}


def cmd_generate(args: argparse.Namespace) -> int:
    found = settings(Path(args.config))
    try:
        licence = Licence(found["licence"], found["licence_url"], found["name"]) if found["licence"] else None
        info = site_info(found["name"], found["url"], licence, about_share=found["about_share"])
        site = produce(found["content"], found["templates"], info)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except RenderError as exc:
        print(exc, file=sys.stderr)
        return 1
    done = write_folder(Path(args.out), docs_files(site, found["docs"]))
    print(f"{args.out}: {len(done.written)} written, {len(done.removed)} removed, {done.unchanged} unchanged")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    generate = sub.add_parser("generate", help="write the site's docs folder (every page and data file) to disk")
    generate.add_argument("--out", required=True, help="the folder to write (made if missing; only ever ours)")
    generate.add_argument("--config", default="mkdocs.yml", help="the site's configuration (default: mkdocs.yml)")
    generate.set_defaults(run=cmd_generate)
