"""Parsed and validated records kept between builds in one process (``mkdocs serve``).

Saving one YAML file should not make the server read, parse and validate ten
thousand others again. A file's record is reused only when

* its bytes are the bytes parsed before. A file is read afresh and compared by a
  BLAKE2 digest of its content unless its status (device, inode, size,
  modification and change times) is exactly what it was just before those bytes
  were read *and* both times were by then at least ``SETTLED`` seconds old. That
  is git's rule for "racily clean" files: a second save within the clock's
  resolution can leave the times unchanged, so a file changed shortly before it
  was read is read again on every build until its times are old enough to tell.
  (Any write moves the change time, which no tool can set back; reading ten
  thousand files took a quarter of a second of each rebuild at 10,000 records.)
* it was valid then: an invalid file is parsed and validated again on every
  build, so its problems are always current. Time can only make a record valid
  (a date "in the future" stops being so), never invalid, so a valid record
  stays valid.

Only the per-file stages are cached. Links between records and the provenance
checks depend on other files and are recomputed on every build.
"""

from __future__ import annotations

import os
import time
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
Status = tuple[int, int, int, int, int]  # device, inode, size, modification and change times (ns)
SETTLED = 2.0  # seconds: older times than this, at the read, tell every later write (coarse clocks included)


@dataclass(frozen=True)
class _Entry:
    raw: RawRecord
    record: Record
    root: Path
    status: Status | None  # the file's status just before its bytes were read; None: read it again next time


@dataclass
class Loaded:
    """What the per-file stages produce for a whole content tree."""

    validated: Validated
    invalid: set[tuple[str, str]]  # records that parsed but failed the schema
    problems: list[Problem]
    files: list[tuple[str, Path]] = field(default_factory=list)  # every record file found, by kind
    parsed: list[RawRecord] = field(default_factory=list)  # every file that parsed, valid or not
    broken: dict[tuple[str, str], str] = field(default_factory=dict)  # records whose file did not parse: its path


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
        entry = self._entries.get(path)
        before = _status(path)
        if entry is not None and entry.status is not None and entry.status == before and entry.root == root:
            self._reuse(entry, loaded)  # unchanged since it was read, and known to be (see the module's note)
            return
        read_at = time.time_ns()
        data = read_bytes(path, display_path(path, root))  # parsed and digested from the same bytes
        if isinstance(data, Problem):
            self._entries.pop(path, None)
            loaded.problems.append(data)
            return
        status = before if before is not None and _settled(before, read_at) else None
        digest = digest_of(data)
        if entry is not None and entry.raw.digest == digest and _same_place(entry.raw, kind, path, root):
            self._entries[path] = _Entry(entry.raw, entry.record, root, status)
            self._reuse(entry, loaded)
            return
        self.misses += 1
        self._entries.pop(path, None)
        raw = read_record(kind, path, root, data)
        if isinstance(raw, list):
            loaded.problems += raw
            loaded.broken[(kind, path.stem)] = display_path(path, root)
            return
        loaded.parsed.append(raw)
        result = validate(raw)
        if isinstance(result, list):
            loaded.problems += result
            loaded.invalid.add((raw.kind, raw.id))
        else:
            loaded.validated.append((raw, result))
            self._entries[path] = _Entry(raw, result, root, status)

    def _reuse(self, entry: _Entry, loaded: Loaded) -> None:
        self.hits += 1
        loaded.parsed.append(entry.raw)
        loaded.validated.append((entry.raw, entry.record))


def _status(path: Path) -> Status | None:
    """What changes when a file is written or replaced (the link itself, for a link: it is refused when read)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def _settled(status: Status, read_at: int) -> bool:
    """Both times at least SETTLED seconds before the read: a later write cannot leave them as they are."""
    return max(status[3], status[4]) < read_at - int(SETTLED * 1e9)


def _same_place(raw: RawRecord, kind: str, path: Path, root: Path) -> bool:
    """Same folder, id and displayed path: the cached record would say the same about itself."""
    return raw.kind == kind and raw.id == path.stem and raw.display == display_path(path, root)
