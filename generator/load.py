"""Stage 1: find every record file under ``content/`` and parse it (no schema yet)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .model import KINDS, MAX_ID_LENGTH, RESERVED_IDS, SLUG, visible
from .yamlload import Document, load_bytes

PAGES_FOLDER = "pages"


@dataclass
class RawRecord:
    """One parsed file, not yet checked against the schema."""

    kind: str
    id: str
    path: Path
    display: str
    doc: Document


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
        if entry.name.startswith(".") or not entry.is_dir() or entry.name == PAGES_FOLDER:
            continue
        if entry.name not in KINDS:
            known = set(KINDS) | {PAGES_FOLDER}
            problems.append(Problem(display_path(entry, root), 1, 1, "",
                                    f"unknown folder '{entry.name}'{_suggest(entry.name, known)}: "
                                    f"records go in {', '.join(sorted(KINDS))}"))
            continue
        for path in sorted(entry.rglob("*")):
            if path.is_file() and not any(p.startswith(".") for p in path.relative_to(entry).parts):
                _classify(entry.name, path, root, files, problems)
    return files, problems


def _classify(kind: str, path: Path, root: Path, files: list[tuple[str, Path]], problems: list[Problem]) -> None:
    if path.is_symlink() or any(parent.is_symlink() for parent in path.parents if root in parent.parents):
        problems.append(Problem(display_path(path, root), 1, 1, "",
                                "symbolic links are not allowed in content/: copy the file here instead"))
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
    if not SLUG.match(stem):
        return f"the file name '{visible(stem)}' is not a valid id: use lowercase a-z, 0-9 and single hyphens"
    if stem in RESERVED_IDS:
        return f"'{stem}' is a reserved word and cannot be an id: choose another file name"
    return None


def read_record(kind: str, path: Path, root: Path, data: bytes | None = None) -> RawRecord | list[Problem]:
    """Parse one record file (``data``: its bytes, when the caller has read them already)."""
    display = display_path(path, root)
    problem = id_problem(path.stem)
    if problem:
        return [Problem(display, 1, 1, "", problem)]
    parsed = load_bytes(path.read_bytes() if data is None else data, display)
    if isinstance(parsed, list):
        return parsed
    return RawRecord(kind, path.stem, path, display, parsed)


def read_all(content: Path) -> tuple[list[RawRecord], list[Problem]]:
    """Parse every record file; problems from every file are collected, none is fatal."""
    files, problems = discover(content)
    problems += _case_collisions(files, content.parent)
    records: list[RawRecord] = []
    for kind, path in files:
        result = read_record(kind, path, content.parent)
        if isinstance(result, list):
            problems += result
        else:
            records.append(result)
    return records, problems


def _case_collisions(files: list[tuple[str, Path]], root: Path) -> list[Problem]:
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
