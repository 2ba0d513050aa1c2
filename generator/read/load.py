"""Stage 1: find every record file under ``content/`` and parse it (no schema yet)."""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.model.errors import Problem
from generator.model.kinds import KINDS
from generator.model.records import VOCABULARIES
from generator.model.values import MAX_ID_LENGTH, RESERVED_IDS, SLUG, visible
from generator.read.yamlload import MAX_FILE_BYTES, Document, load_bytes

PAGES_FOLDER = "pages"


@dataclass
class RawRecord:
    """One parsed file, not yet checked against the schema."""

    kind: str
    id: str
    path: Path
    display: str
    doc: Document
    digest: bytes  # of the file's bytes: the same bytes always give the same record


def digest_of(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def display_path(path: Path, root: Path) -> str:
    """Paths in messages are relative to the project (the folder holding ``content/``)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _suggest(word: str, choices: list[str] | set[str]) -> str:
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def discover(content: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """Every record file by kind, sorted; unknown folders and stray files are problems."""
    root = content.parent
    files: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    for entry in sorted(content.iterdir()):
        if entry.name == PAGES_FOLDER and not entry.is_symlink():
            problems += _pages_problems(entry, root)
        if entry.name.startswith(".") or not entry.is_dir() or entry.name in (PAGES_FOLDER, *VOCABULARIES):
            continue  # pages are MkDocs'; vocabularies are read by ``terms``
        if entry.is_symlink():
            _classify(entry.name, entry, LINK, root, files, problems)
        elif entry.name not in KINDS:
            known = set(KINDS) | {PAGES_FOLDER, *VOCABULARIES}
            problems.append(Problem(display_path(entry, root), 1, 1, "",
                                    f"unknown folder '{entry.name}'{_suggest(entry.name, known)}: "
                                    f"records go in {', '.join(sorted(KINDS))}"))
        else:
            for path, refused in _files_below(entry):
                _classify(entry.name, path, refused, root, files, problems)
    return files, problems


LINK = "symbolic links are not allowed in content/: copy the file here instead"
VIM_WRITE_PROBE = "4913"  # the file Vim creates and deletes at once to test that it may write in a folder


def editor_leftover(name: str) -> bool:
    """An editor's backup or autosave copy beside the file it saves: ``actor.yaml~`` (Emacs, nano, gedit),
    ``#actor.yaml#`` (Emacs autosave), Vim's write probe (hidden ones, ``.actor.yaml.swp``, are skipped too).
    Refused as stray files, the first one stopped the live preview until it was deleted."""
    return name.endswith("~") or (len(name) > 1 and name.startswith("#") and name.endswith("#")) \
        or name == VIM_WRITE_PROBE


def _files_below(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """Every file below ``folder`` in sorted order, hidden ones skipped, with why it cannot be read as one
    (None for a regular file).

    Links are reported, never followed (a linked folder is one entry); so are FIFOs, devices and sockets,
    which could hang or feed a read forever. One ``scandir`` per folder: at 10,000 records, ``rglob`` and
    a per-file symlink check of every parent took most of the loading time.
    """
    with os.scandir(folder) as listing:
        found = sorted(listing, key=lambda item: item.name)
    for item in found:
        if item.name.startswith(".") or editor_leftover(item.name):
            continue
        path = folder / item.name
        if item.is_symlink():
            yield path, LINK
        elif item.is_dir(follow_symlinks=False):
            yield from _files_below(path)
        elif not item.is_file(follow_symlinks=False):
            yield path, _not_regular(item.stat(follow_symlinks=False).st_mode)
        else:
            yield path, None


def _not_regular(mode: int) -> str:
    what = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return f"{what} is not allowed in content/: only regular files are read"


def _pages_problems(folder: Path, root: Path) -> list[Problem]:
    """The hand-written pages MkDocs publishes: regular, readable files only (a link could publish
    /proc/self/environ, a FIFO would hang the build)."""
    problems = []
    for path, refused in _files_below(folder):
        if refused is None and not os.access(path, os.R_OK):
            refused = "the file cannot be read: check its permissions"
        if refused is not None:
            problems.append(Problem(display_path(path, root), 1, 1, "", refused))
    return problems


def _classify(kind: str, path: Path, refused: str | None, root: Path, files: list[tuple[str, Path]],
              problems: list[Problem]) -> None:
    if refused is not None:
        problems.append(Problem(display_path(path, root), 1, 1, "", refused))
    elif path.suffix == ".yaml":
        files.append((kind, path))
    elif path.suffix == ".yml":
        problems.append(Problem(display_path(path, root), 1, 1, "",
                                f"rename the file to {path.stem}.yaml: records end in .yaml"))
    else:
        problems.append(Problem(display_path(path, root), 1, 1, "",
                                "not a record file: only .yaml files belong in this folder"))


def id_problem(stem: str) -> str | None:
    """Why a file name cannot be a record id, or None when it can."""
    if len(stem) > MAX_ID_LENGTH:
        return f"the file name is longer than {MAX_ID_LENGTH} characters: choose a shorter id"
    if not SLUG.fullmatch(stem):
        return f"the file name '{visible(stem)}' is not a valid id: use lowercase a-z, 0-9 and single hyphens"
    if stem in RESERVED_IDS:
        return f"'{stem}' is a reserved word and cannot be an id: choose another file name"
    return None


def read_bytes(path: Path, display: str) -> bytes | Problem:
    """A record file's bytes (one past the size cap at most), or why it cannot be read.

    Opened without blocking and without following a link, then checked to be a regular file:
    a file swapped for a FIFO after it was listed cannot hang the build.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return Problem(display, 1, 1, "", f"the file cannot be read ({exc.strerror or exc}): check its permissions")
    with os.fdopen(fd, "rb") as file:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            return Problem(display, 1, 1, "", _not_regular(mode))
        return file.read(MAX_FILE_BYTES + 1)


def read_record(kind: str, path: Path, root: Path, data: bytes | Problem | None = None) -> RawRecord | list[Problem]:
    """Parse one record file (``data``: its bytes, when the caller has read them already)."""
    display = display_path(path, root)
    problem = id_problem(path.stem)
    if problem:
        return [Problem(display, 1, 1, "", problem)]
    data = read_bytes(path, display) if data is None else data
    if isinstance(data, Problem):
        return [data]
    parsed = load_bytes(data, display)
    if isinstance(parsed, list):
        return parsed
    return RawRecord(kind, path.stem, path, display, parsed, digest_of(data))


def case_collisions(files: list[tuple[str, Path]], root: Path) -> list[Problem]:
    """Two files whose ids differ only by case (or folder) would share one page."""
    seen: dict[tuple[str, str], Path] = {}
    problems = []
    for kind, path in files:
        key = (kind, path.stem.lower())
        if key in seen:
            first = seen[key]
            for here, there in ((path, first), (first, path)):
                problems.append(Problem(display_path(here, root), 1, 1, "",
                                        f"the id '{here.stem}' is also used by {display_path(there, root)} "
                                        "(ids must be unique, ignoring case): rename one"))
        else:
            seen[key] = path
    return problems
