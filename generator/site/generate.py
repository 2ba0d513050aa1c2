"""The site's docs folder on disk, for any engine: hand-written pages and every generated file.

``docs_files`` gives each file's bytes: the hand-written docs folder as it is (the generator's
additions appended to the pages that get one) and every generated page and data file, from
the same :class:`SiteFiles` the MkDocs plugin hands MkDocs in memory. ``write_folder`` writes
them incrementally: a file whose bytes did not change is not touched (an engine's watcher or
cache sees only real changes), and the files of a removed record are deleted. The folder's
own list of what it wrote (``MANIFEST``) keeps it from deleting anything it did not write.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.model.errors import UsageError
from generator.site.produce import SiteFiles

MANIFEST = ".research-site-generated"  # a dot file: engines leave it out of the site


@dataclass
class Written:
    """What one run did to the folder."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def docs_files(site: SiteFiles, docs: Path) -> dict[str, bytes]:
    """Every file of the generated docs folder, by path: ``docs`` (the hand-written pages) plus the generator's."""
    files: dict[str, bytes] = {}
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        name = path.relative_to(docs).as_posix()
        if name in site.additions:  # read as MkDocs reads a page: text, universal newlines
            files[name] = site.hand_written(name, path.read_text(encoding="utf-8-sig")).encode("utf-8")
        else:
            files[name] = path.read_bytes()
    files.update(site.generated())
    return dict(sorted(files.items()))


def write_folder(out: Path, files: dict[str, bytes]) -> Written:
    """Make ``out`` hold exactly ``files`` (plus the manifest), touching only files whose bytes differ."""
    before = _manifest(out)
    done = Written()
    for name, data in files.items():
        target = out / name
        if name in before and target.is_file() and target.read_bytes() == data:
            done.unchanged += 1
            continue
        _write(target, data)
        done.written.append(name)
    for name in sorted(set(before) - set(files)):
        _remove(out, name)
        done.removed.append(name)
    listing = (json.dumps(sorted(files), indent=0) + "\n").encode("utf-8")
    if done.written or done.removed or not (out / MANIFEST).is_file():
        _write(out / MANIFEST, listing)
    return done


def _manifest(out: Path) -> list[str]:
    """What the last run wrote into ``out``; refuses a folder with other files in it (they are not ours)."""
    if not out.exists():
        return []
    if not out.is_dir():
        raise UsageError(f"{out} is not a folder")
    listing = out / MANIFEST
    if not listing.is_file():
        if any(out.iterdir()):
            raise UsageError(f"{out} holds files research-site generate did not write: give an empty or new folder")
        return []
    names = json.loads(listing.read_text(encoding="utf-8"))
    return [name for name in names if isinstance(name, str) and _inside(out, name)]


def _inside(out: Path, name: str) -> bool:
    """A manifest line names a file under ``out``, never elsewhere (the manifest is a file anyone could edit)."""
    return not Path(name).is_absolute() and ".." not in Path(name).parts


def _write(target: Path, data: bytes) -> None:
    """Written whole or not at all: a watcher never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove(out: Path, name: str) -> None:
    """Delete a file the last run wrote, and the folders it leaves empty."""
    target = out / name
    target.unlink(missing_ok=True)
    for folder in target.parents:
        if folder == out or not folder.is_relative_to(out) or any(folder.iterdir()):
            break
        folder.rmdir()
