"""``research-site generate --out DIR [--watch]`` and ``audit SITE``: the site for an engine without our plugin.

``generate`` writes the docs folder (``--watch``: again after every save, for an engine's own live
preview); ``audit`` is the check the plugin runs after an MkDocs build, run on a site another engine built.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generator import RecordCache
from generator.check.compare import ABOUT_SHARE
from generator.model.errors import ContentError, UsageError
from generator.packaged import OVERRIDES
from generator.render.export import DEFAULT_LICENCE, Licence
from generator.render.pages import RenderError, SiteInfo
from generator.site.audit import audit_site
from generator.site.generate import docs_files, write_folder
from generator.site.gitdates import GitDates
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
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return {"name": str(data.get("site_name") or ""), "url": url if not url or url.endswith("/") else url + "/",
            "docs": root / str(data.get("docs_dir") or "docs"),
            "content": root / str(plugin.get("content") or "content"),
            "templates": root / str(plugin.get("templates") or "site_config/templates"),
            "about_share": Decimal(str(plugin.get("about_share") or ABOUT_SHARE)),
            "directory_urls": data.get("use_directory_urls") is not False,
            "custom_dir": root / str(custom) if custom else None, "root": root,
            "licence": str(plugin.get("licence", DEFAULT_LICENCE[0]) or ""),
            "licence_url": str(plugin.get("licence_url") or DEFAULT_LICENCE[1])}


def info(found: dict[str, Any]) -> SiteInfo:
    """What templates may say about the site, from its settings (as the plugin reads them from mkdocs.yml)."""
    licence = Licence(found["licence"], found["licence_url"], found["name"]) if found["licence"] else None
    return site_info(found["name"], found["url"], licence, about_share=found["about_share"],
                     directory_urls=found["directory_urls"])


THEME = "theme"  # beside the docs folder: zensical.yml's theme.custom_dir


def theme_files() -> dict[str, bytes]:
    """The packaged theme overrides (templates, stylesheet, scripts), which our plugin adds for MkDocs itself."""
    return {path.relative_to(OVERRIDES).as_posix(): path.read_bytes()
            for path in sorted(OVERRIDES.rglob("*")) if path.is_file()}


def generate_once(found: dict[str, Any], out: Path, cache: RecordCache | None = None,
                  dates: GitDates | None = None) -> int:
    """One run: the folder is written, or the content's problems are printed and the folder left as it was."""
    try:
        site = produce(found["content"], found["templates"], info(found), cache=cache, dates=dates)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr, flush=True)
        return 1
    except RenderError as exc:
        print(exc, file=sys.stderr, flush=True)
        return 1
    done = write_folder(out, docs_files(site, found["docs"]))
    write_folder(out.parent / THEME, theme_files())  # the packaged theme: an engine without our plugin names it
    print(f"{out}: {len(done.written)} written, {len(done.removed)} removed, {done.unchanged} unchanged", flush=True)
    return 0


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file under ``folders`` with its modification time and size: a save changes one or the other."""
    seen: dict[str, tuple[int, int]] = {}
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                stat = path.stat()
            except OSError:  # removed while we looked: the next look sees it gone
                continue
            if path.is_file():
                seen[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return seen


def watch(found: dict[str, Any], out: Path, *, interval: float = 0.5,
          stop: Callable[[], bool] = lambda: False) -> int:
    """Generate, then again whenever a file under the content, templates or docs folder changes (polled).

    Polling needs nothing from the platform and sees every editor's way of saving; invalid content is
    reported and the last good folder stays, so the engine keeps previewing it.
    """
    cache, dates = RecordCache(), GitDates()  # an unchanged file is not parsed again
    folders = [found["content"], found["templates"], found["docs"]]
    seen = snapshot(folders)
    generate_once(found, out, cache, dates)
    print(f"watching {', '.join(str(f) for f in folders)} (Ctrl-C to stop)", flush=True)
    try:
        while not stop():
            time.sleep(interval)
            now = snapshot(folders)
            if now != seen:
                seen = now
                generate_once(found, out, cache, dates)
    except KeyboardInterrupt:
        pass
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    found = settings(Path(args.config))
    if args.watch:
        return watch(found, Path(args.out))
    return generate_once(found, Path(args.out))


def cmd_audit(args: argparse.Namespace) -> int:
    """The plugin's post-build check, for a site another engine built from ``generate``'s folder."""
    found, site = settings(Path(args.config)), Path(args.site)
    if not site.is_dir():
        raise UsageError(f"built site not found: {site}")
    try:
        made = produce(found["content"], found["templates"], info(found))  # what the plugin audits, and how
    except (ContentError, RenderError) as exc:
        print(exc.report() if isinstance(exc, ContentError) else exc, file=sys.stderr)
        return 1
    problems = audit_site(made.base, site, made.dumped)
    if problems:
        print(f"{site}: the built site lost content:\n" + "\n".join(problems), file=sys.stderr)
        return 1
    counts = made.base.counts()
    print(f"{site}: every record, citation and export is there ({sum(counts.values())} records)")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    generate = sub.add_parser("generate", help="write the site's docs folder (every page and data file) to disk")
    generate.add_argument("--out", required=True, help="the folder to write (made if missing; only ever ours)")
    generate.add_argument("--config", default="mkdocs.yml", help="the site's configuration (default: mkdocs.yml)")
    generate.add_argument("--watch", action="store_true",
                          help="keep running: write the folder again after every change to the content")
    generate.set_defaults(run=cmd_generate)
    audit = sub.add_parser("audit", help="check that a built site holds every record, citation and export")
    audit.add_argument("site", help="the built site's folder (e.g. site/)")
    audit.add_argument("--config", default="mkdocs.yml", help="the site's configuration (default: mkdocs.yml)")
    audit.set_defaults(run=cmd_audit)
