"""Every record's history, from one pass over git's history per commit checked out.

One ``git log --raw`` lists, for each commit touching the content folder, which record files it added,
changed, renamed or removed, with the blob ids of both versions; one ``git cat-file --batch`` then reads
the changed versions, and the same code as ``research-site diff`` tells each change in words. Never one
git call per record: at 10,000 records that would take minutes. The caller keeps the result per HEAD.
"""

from __future__ import annotations

import calendar
import os
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from generator.commands.diff import Style, record_changes, with_defaults
from generator.model.kinds import KINDS
from generator.model.values import _FORBIDDEN as FORBIDDEN  # the characters the model refuses in text
from generator.read.yamlload import load_bytes

Key = tuple[str, str]
Told = tuple[str, str, str]  # kind, old blob, new blob
CORRECTED_STATUSES = ("disputed", "retracted")
# A number, how the source qualifies it ("about", "more than"), or a date: a changed claim, not a new detail.
CORRECTED_FIELDS = ("value", "qualifier", "min", "max", "min_exclusive", "approximate", "date", "as_of", "start", "end",
                    "period")
_COMMIT = "\x1e"  # starts each commit's header line in the log below
_FORMAT = _COMMIT + "%H%x1f%cs%x1f%cI%x1f%s"
_PLAIN = Style(markdown=False)


@dataclass(frozen=True)
class Change:
    """One commit's change to one record file, told in words."""

    commit: str
    date: str  # the committer's day, YYYY-MM-DD
    time: str  # the committer's time, ISO 8601 (feeds)
    subject: str
    kind: str
    id: str  # the record's id in that commit
    action: str  # added, changed, renamed or removed (merged: a former id's file removed)
    words: tuple[str, ...] = ()
    correction: bool = False
    former: str | None = None  # on a rename, the id before it

    @property
    def key(self) -> Key:
        return (self.kind, self.id)

    @property
    def day(self) -> str:
        """The day in words, e.g. 10 December 2023."""
        return human_day(self.date)


@dataclass
class GitHistory:
    """What git says about the content folder: each file's last-change date, and every change, newest first."""

    dates: dict[str, str] = field(default_factory=dict)  # absolute path → ISO date of its last commit
    changes: list[Change] = field(default_factory=list)
    told: dict[Told, tuple[tuple[str, ...], bool]] = field(default_factory=dict)  # words of each pair of versions


def read_history(content: str | os.PathLike[str], known: GitHistory | None = None) -> GitHistory:
    """The history of ``content``'s record files; empty outside git.

    ``known``, an earlier reading, lends the words of the changes it told already: after a new commit,
    only that commit's versions are read and compared again (a live preview stays quick)."""
    where = _git(content, "rev-parse", "--show-toplevel", "--show-prefix")
    log = _git(content, "log", "-M", "--raw", "--no-abbrev", f"--format={_FORMAT}", "--", ".")
    if where is None or log is None:
        return GitHistory()
    root, folder = (where.splitlines() + ["", ""])[:2]  # git gives the work tree's real path: no symlink to resolve
    dates: dict[str, str] = {}
    pending: list[_Raw] = []
    header = ("", "", "", "")
    for line in log.split("\n"):  # not splitlines(): it also splits at the \x1e that marks a commit
        if line.startswith(_COMMIT):
            parts = line[1:].split("\x1f", 3)
            header = (parts[0], parts[1], parts[2], clean(parts[3]) if len(parts) > 3 else "")
        elif line.startswith(":"):
            meta, _, paths = line.partition("\t")
            names = paths.split("\t")
            dates.setdefault(names[-1], header[1])  # the newest commit comes first
            found = _record_of(names[-1], folder)
            if found is not None:
                pending.append(_raw_change(header, meta.split(), found, _record_of(names[0], folder)))
    told = dict(known.told) if known else {}
    wanted = {blob for item in pending if (item.kind, item.old_blob, item.new_blob) not in told
              for blob in (item.old_blob, item.new_blob) if blob}
    blobs = _read_blobs(content, wanted)
    changes = [_change(item, blobs, told) for item in pending]
    return GitHistory({os.path.join(root, path): when for path, when in dates.items()}, changes, told)


def _record_of(path: str, folder: str) -> Key | None:
    """(kind, id) when ``path`` (from the repository's top) is a record file under the content folder."""
    if not path.startswith(folder):
        return None
    parts = path[len(folder):].split("/")
    if len(parts) != 2 or parts[0] not in KINDS or not parts[1].endswith(".yaml"):
        return None
    return parts[0], parts[1][: -len(".yaml")]


@dataclass(frozen=True)
class _Raw:
    """A line of the log: which commit, which record, the blob ids of both versions ("" for none)."""

    header: tuple[str, str, str, str]
    kind: str
    id: str
    old_blob: str
    new_blob: str
    former: str | None


def _raw_change(header: tuple[str, str, str, str], fields: list[str], found: Key, before: Key | None) -> _Raw:
    """From ``:<mode> <mode> <old blob> <new blob> <status>``: a rename within a kind keeps the old id."""
    old_blob, new_blob, status = (_blob(fields[2]), _blob(fields[3]), fields[4][0])
    former = before[1] if status == "R" and before is not None and before[0] == found[0] else None
    return _Raw(header, found[0], found[1], old_blob, new_blob, former)


def _blob(text: str) -> str:
    return "" if set(text) == {"0"} else text  # git writes zeros for the side that does not exist


def _change(raw: _Raw, blobs: Mapping[str, bytes], told: dict[Told, tuple[tuple[str, ...], bool]]) -> Change:
    made = (*raw.header, raw.kind, raw.id)
    if not raw.new_blob:
        return Change(*made, "removed")
    if not raw.old_blob:
        return Change(*made, "added")
    action = "renamed" if raw.former else "changed"
    pair = (raw.kind, raw.old_blob, raw.new_blob)
    if pair in told:
        return Change(*made, action, *told[pair], raw.former)
    old, new = _data(blobs.get(raw.old_blob)), _data(blobs.get(raw.new_blob))
    if old is None or new is None:
        which = "the earlier version" if old is None else "this version"
        return Change(*made, "changed", (f"{which} could not be read",), former=raw.former)
    words = tuple(clean(w) for w in record_changes(raw.kind, old, new, _PLAIN))
    told[pair] = (words, is_correction(raw.kind, old, new))
    return Change(*made, action, *told[pair], raw.former)


def clean(text: str) -> str:
    """Commit subjects and earlier versions were never validated: no control or bidi character reaches a page
    or a feed (XML refuses most of them)."""
    return FORBIDDEN.sub("\ufffd", text)


def is_correction(kind: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """A status moved to disputed or retracted, or a number, its qualifier or a date changed: a reader should know.
    A left-out field counts as its default, so "exactly" → "about" is a correction however it was written."""
    model = KINDS[kind].model
    old, new = with_defaults(model, dict(old)), with_defaults(model, dict(new))
    status = new.get("status")
    if status in CORRECTED_STATUSES and old.get("status") != status:
        return True
    return any(name in old and old.get(name) != new.get(name) for name in CORRECTED_FIELDS)


def _data(blob: bytes | None) -> dict[str, Any] | None:
    if blob is None:
        return None
    doc = load_bytes(blob, "history")
    return doc.data if not isinstance(doc, list) and isinstance(doc.data, dict) else None


def _read_blobs(content: str | os.PathLike[str], wanted: Iterable[str]) -> dict[str, bytes]:
    """Each blob's bytes, all in one ``git cat-file --batch``."""
    ids = sorted(wanted)
    if not ids:
        return {}
    try:
        out = subprocess.run(["git", "cat-file", "--batch"], cwd=content, input="\n".join(ids).encode() + b"\n",
                             capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    blobs: dict[str, bytes] = {}
    at = 0
    while at < len(out):
        end = out.index(b"\n", at)
        head = out[at:end].split()
        if len(head) < 3:  # "<id> missing"
            at = end + 1
            continue
        size = int(head[2])
        blobs[head[0].decode()] = out[end + 1:end + 1 + size]
        at = end + 1 + size + 1
    return blobs


def _git(content: str | os.PathLike[str], *args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=content, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


# --- what pages and feeds show ----------------------------------------------

@dataclass
class SiteHistory:
    """The history as the site shows it: every change newest first, and each current record's own."""

    changes: list[Change] = field(default_factory=list)
    by_record: dict[Key, list[Change]] = field(default_factory=dict)
    current: dict[Key, Key] = field(default_factory=dict)  # the id a change was made under → the record now

    def now(self, change: Change) -> Key | None:
        """The record a change belongs to today, None when it was removed for good."""
        return self.current.get(change.key)


def site_history(git: GitHistory, records: Iterable[Key], former: Mapping[Key, Sequence[str]]) -> SiteHistory:
    """Each current record's changes, newest first, those made under its former ids included: the removal of
    a former id's file is where that record was merged into this one (or renamed without git seeing it)."""
    current = {key: key for key in records}
    olds = {(kind, old): (kind, rid) for (kind, rid), ids in former.items() for old in ids}
    current.update(olds)
    changes = [replace(c, action="merged", former=c.id) if c.action == "removed" and c.key in olds else c
               for c in git.changes]
    by_record: dict[Key, list[Change]] = {}
    for change in changes:
        if change.key in current:
            by_record.setdefault(current[change.key], []).append(change)
    return SiteHistory(changes, by_record, current)


def describe(change: Change) -> str:
    """The change in words: 'added', 'renamed from x', or each field's change ('value 105 → 110')."""
    lead = {"added": "added", "removed": "removed", "renamed": f"renamed from {change.former}",
            "merged": f"{change.former} merged into it"}.get(change.action)
    words = "; ".join(change.words)
    if lead and words:
        return f"{lead}; {words}"
    return lead or words or "reformatted (no fact changed)"


def human_day(iso: str) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} {calendar.month_name[month]} {year}"


def by_day(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    """Changes grouped by day, newest day first, in the order given within a day."""
    days: dict[str, list[Change]] = {}
    for change in changes:
        days.setdefault(change.date, []).append(change)
    return sorted(days.items(), key=lambda item: item[0], reverse=True)
