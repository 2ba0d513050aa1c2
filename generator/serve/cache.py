"""Parsed and validated records kept between builds in one process (``mkdocs serve``).

Saving one YAML file should not make the server parse and validate ten thousand
others again. A file's record is reused only when

* its bytes are exactly the bytes parsed before: the file is read afresh on
  every build and compared by a BLAKE2 digest of its content (a modification
  time alone can miss a second save within the clock's resolution), and
* it was valid then: an invalid file is parsed and validated again on every
  build, so its problems are always current. Time can only make a record valid
  (a date "in the future" stops being so), never invalid, so a valid record
  stays valid.

Only the per-file stages are cached. Links between records and the provenance
checks depend on other files and are recomputed on every build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.check.validate import validate
from generator.model.errors import Problem
from generator.model.records import Record
from generator.read.load import (
    RawRecord,
    case_collisions,
    digest_of,
    discover,
    display_path,
    read_bytes,
    read_record,
)

Validated = list[tuple[RawRecord, Record]]


@dataclass(frozen=True)
class _Entry:
    raw: RawRecord
    record: Record


@dataclass
class Loaded:
    """What the per-file stages produce for a whole content tree."""

    validated: Validated
    invalid: set[tuple[str, str]]  # records that parsed but failed the schema
    problems: list[Problem]
    files: list[tuple[str, Path]] = field(default_factory=list)  # every record file found, by kind
    parsed: list[RawRecord] = field(default_factory=list)  # every file that parsed, valid or not


class RecordCache:
    """Valid records by file path, with the digest of the bytes they were parsed from."""

    def __init__(self) -> None:
        self._entries: dict[Path, _Entry] = {}
        self.hits = 0
        self.misses = 0

    def load(self, content: Path) -> Loaded:
        """Every record under ``content``: found, parsed and validated (``load``, then ``validate``)."""
        files, problems = discover(content)
        problems += case_collisions(files, content.parent)
        loaded = Loaded([], set(), problems, files)
        for kind, path in files:
            self._read(kind, path, content.parent, loaded)
        seen = {path for _, path in files}
        self._entries = {path: entry for path, entry in self._entries.items() if path in seen}
        return loaded

    def _read(self, kind: str, path: Path, root: Path, loaded: Loaded) -> None:
        data = read_bytes(path, display_path(path, root))  # parsed and digested from the same bytes
        if isinstance(data, Problem):
            self._entries.pop(path, None)
            loaded.problems.append(data)
            return
        digest = digest_of(data)
        entry = self._entries.get(path)
        if entry is not None and entry.raw.digest == digest and _same_place(entry.raw, kind, path, root):
            self.hits += 1
            loaded.parsed.append(entry.raw)
            loaded.validated.append((entry.raw, entry.record))
            return
        self.misses += 1
        self._entries.pop(path, None)
        raw = read_record(kind, path, root, data)
        if isinstance(raw, list):
            loaded.problems += raw
            return
        loaded.parsed.append(raw)
        result = validate(raw)
        if isinstance(result, list):
            loaded.problems += result
            loaded.invalid.add((raw.kind, raw.id))
        else:
            loaded.validated.append((raw, result))
            self._entries[path] = _Entry(raw, result)


def _same_place(raw: RawRecord, kind: str, path: Path, root: Path) -> bool:
    """Same folder, id and displayed path: the cached record would say the same about itself."""
    return raw.kind == kind and raw.id == path.stem and raw.display == display_path(path, root)
