"""Overridden defaults after an upgrade: which of a site's overrides replace a packaged file that changed.

A site overrides a packaged template or theme file by putting one of the same name in its own
folders. When an upgrade of the generator changes that packaged file, the site's copy silently
keeps the old version. So the site keeps a lock file (``research-site.lock``, beside mkdocs.yml):
the digest of every packaged file when the site last looked at them, written by
``research-site init`` and ``research-site overrides --ack``. The build warns about each override
whose packaged file's digest differs from the lock (or is missing from it); a site without a lock
file is not warned.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from generator.packaged import OVERRIDES, TEMPLATES, version

LOCK = "research-site.lock"


@dataclass(frozen=True)
class Override:
    """One site file that replaces a packaged one."""

    name: str  # the packaged file's name: templates/<file> or overrides/<file>
    site_file: Path
    packaged: Path


def _files(folder: Path | None) -> dict[str, Path]:
    if folder is None or not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def packaged_digests() -> dict[str, str]:
    """The SHA-256 of every packaged template and theme file, by name."""
    out = {}
    for prefix, folder in (("templates", TEMPLATES), ("overrides", OVERRIDES)):
        for rel, path in _files(folder).items():
            out[f"{prefix}/{rel}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def overrides(templates: Path | None, custom_dir: Path | None) -> list[Override]:
    """The site's files that replace a packaged file of the same name by other bytes (its other files are its
    own; an identical copy replaces nothing)."""
    found = []
    for prefix, site, packaged in (("templates", templates, TEMPLATES), ("overrides", custom_dir, OVERRIDES)):
        if site is not None and site.is_dir() and site.resolve() == packaged:
            continue  # the defaults themselves, not an override
        defaults = _files(packaged)
        found += [Override(f"{prefix}/{rel}", path, defaults[rel]) for rel, path in _files(site).items()
                  if rel in defaults and path.read_bytes() != defaults[rel].read_bytes()]
    return found


def lock_text() -> str:
    return json.dumps({"research-site": version(), "packaged": packaged_digests()}, indent=2, sort_keys=True) + "\n"


def acknowledged(root: Path) -> dict[str, str]:
    """The digests the site last acknowledged (none when it has no lock file or an unreadable one)."""
    try:
        data = json.loads((root / LOCK).read_text(encoding="utf-8"))
        digests = data["packaged"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {str(k): str(v) for k, v in digests.items()} if isinstance(digests, dict) else {}


def changed_upstream(root: Path, templates: Path | None, custom_dir: Path | None) -> list[Override]:
    """The overrides whose packaged file changed since the site acknowledged it (none for a site without
    a lock file: it has not asked to be told)."""
    if not (root / LOCK).is_file():
        return []
    seen, now = acknowledged(root), packaged_digests()
    return [o for o in overrides(templates, custom_dir) if seen.get(o.name) != now[o.name]]


def warning(root: Path, override: Override) -> str:
    shown = override.site_file.relative_to(root).as_posix() if override.site_file.is_relative_to(root) \
        else override.site_file.as_posix()
    return (f"{shown} overrides the packaged {override.name}, which changed since this site last acknowledged it "
            f"(research-site {version()}): compare it with {override.packaged}, update your copy, "
            f"then run 'research-site overrides --ack'")
