"""Read one YAML file the way an editor means it, never the way YAML 1.1 guesses.

The file is parsed to *events* by the rules of ``yamlscan`` (PyYAML's parser with a corrected
scanner; libyaml only for files it reads identically) and the tree is built here, so
that anchors, aliases, tags, merge keys, duplicate keys and extra documents are
refused with their position instead of being expanded or silently resolved.
Every scalar stays the exact text the editor typed (``NO`` is the word "NO",
``012`` is the text "012"); the schema decides what a field may be.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.model.errors import Problem
from generator.read.yamlscan import TAB_INDENT, events

Path = tuple[str | int, ...]
Position = tuple[int, int]

# The limits every check and the build are sized for (SECURITY.md): a file, one value, nesting.
MAX_FILE_BYTES = 1_000_000
MAX_FIELD_CHARS = 20_000
MAX_DEPTH = 20
_NULLS = {"", "~", "null"}


@dataclass
class Document:
    """A parsed file: plain dicts, lists and strings, plus where each piece stood."""

    data: Any = None
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def position(self, path: Path, at_key: bool = False) -> Position:
        """Where a value stood (or its key, with ``at_key``); else the nearest enclosing value."""
        if at_key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


class _Builder:
    """Turns a stream of YAML events into a :class:`Document`, noting every refusal."""

    def __init__(self, display: str):
        self.display = display
        self.doc = Document()
        self.problems: list[Problem] = []
        self.stack: list[dict[str, Any]] = []
        self.documents = 0

    def fail(self, mark: Any, message: str, field_path: str = "") -> None:
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        self.problems.append(Problem(self.display, line, col, field_path, message))

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents == 2:
                self.fail(event.start_mark, "a second YAML document ('---') is not allowed: one record per file")
        elif self.documents > 1:
            return
        elif isinstance(event, yaml.AliasEvent):
            self.fail(event.start_mark, f"aliases (*{event.anchor}) are not allowed: write the value out in full")
            self.add_value(None, event)
        elif isinstance(event, yaml.NodeEvent):
            self.node(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()

    def node(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            self.fail(event.start_mark, f"anchors (&{event.anchor}) are not allowed: write the value out in full")
        tag = getattr(event, "tag", None)
        if tag is not None:
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            self.fail(event.start_mark, f"tags ({tag}) are not allowed: write plain values")
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif len(self.stack) >= MAX_DEPTH:
            self.fail(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
            raise _Abort
        else:
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            path = self.add_value(container, event)
            self.stack.append({"box": container, "path": path, "key": None, "seen": {}})

    def scalar(self, event: yaml.ScalarEvent) -> None:
        text: str | None = event.value
        if _plain(event) and text in _NULLS:
            text = None
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top["box"], dict) and top["key"] is None:
            self.key(top, event, event.value)  # a key is the text as typed: '~' stays '~'
            path = top["path"] + (top["key"],)
        else:
            path = self.add_value(text, event)
        self.refuse_controls(event, path)
        if len(event.value) > MAX_FIELD_CHARS:
            self.fail(event.start_mark, f"is {len(event.value):,} characters long, more than {MAX_FIELD_CHARS:,}: "
                                        "shorten it or split the record", _dotted(path))

    def refuse_controls(self, event: yaml.ScalarEvent, path: Path) -> None:
        """Escapes like "\\e" or "\\0" give control characters: no field may hold one, and
        no message may echo one (it would drive the terminal the error is printed on)."""
        bad = _CONTROL.search(event.value)
        if bad:
            self.fail(event.start_mark, _invisible(bad.group()), _dotted(path))

    def key(self, top: dict[str, Any], event: yaml.ScalarEvent, text: str | None) -> None:
        name = text if text is not None else ""
        path = top["path"] + (name,)
        where = _where(event)
        if name == "<<" and _plain(event):
            self.fail(event.start_mark, "merge keys (<<) are not allowed: write every field out")
        elif name in top["seen"]:
            first = top["seen"][name]
            self.fail(event.start_mark, f"duplicate key '{_shown(name)}' (first written on line {first}): keep one",
                      _dotted(path))
        top["seen"].setdefault(name, where[0])
        self.doc.keys.setdefault(path, where)
        top["key"] = name

    def add_value(self, value: Any, event: yaml.Event) -> Path:
        where = _where(event)
        if not self.stack:
            self.doc.data = value
            self.doc.values[()] = where
            return ()
        top = self.stack[-1]
        box = top["box"]
        path: tuple[str | int, ...]
        if isinstance(box, list):
            path = top["path"] + (len(box),)
            box.append(value)
        elif top["key"] is None:
            self.fail(event.start_mark, "a key must be plain text, not a list or mapping")
            raise _Abort
        else:
            path = top["path"] + (top["key"],)
            box.setdefault(top["key"], value)
            top["key"] = None
        self.doc.values.setdefault(path, where)
        return path


def _where(event: yaml.Event) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _plain(event: yaml.ScalarEvent) -> bool:
    # libyaml reports an unquoted scalar's style as '', the pure-Python parser as None.
    return event.style in (None, "")


class _Abort(Exception):
    """Stops building after a problem that leaves nothing sensible to check."""


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{_shown(part)}" if out else _shown(part))
    return out


def _shown(text: str) -> str:
    """A key as it may appear in a message: control characters as \\u escapes."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dotted(path: Path) -> str:
    """``('roles', 1, 'of')`` → ``roles[1].of``: the field path shown to editors."""
    return _dotted(path)


def decode(raw: bytes, display: str) -> str | Problem:
    """Bytes to text: UTF-8 only (a UTF-8 byte-order mark is dropped)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(display, 1, 1, "", "file is UTF-16: save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        return Problem(display, line, column, "", f"invalid UTF-8 byte 0x{byte:02x}: save the file as UTF-8")


def _yaml_problem(exc: yaml.YAMLError, display: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    if problem == TAB_INDENT:
        return Problem(display, line, col, "", f"{TAB_INDENT}: indent with spaces")
    if problem.endswith(("found ':'", "got ':'")):  # YAML 1.2 forms this parser does not read
        return Problem(display, line, col, "", "a key must be written before its ':', on the same line")
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and start and start.line + 1 != line:
        problem += f" ({context} that starts on line {start.line + 1})"
    return Problem(display, line, col, "", f"not valid YAML: {problem}")


# What YAML cannot read (C0/C1 controls, surrogates, U+FFFE/U+FFFF), plus the line breaks YAML
# obeys but editors and diffs do not show (NEL, U+2028, U+2029): they could hide a field.
_UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# What an escape ("\\e", "\\0", "\\L", "\\u2029") may not produce: control characters and the
# line and paragraph separators, refused written raw (above) or escaped alike.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _invisible(character: str) -> str:
    name = unicodedata.name(character, "control character")
    return f"contains the invisible character U+{ord(character):04X} ({name}): remove it"


def _unreadable_character(text: str, display: str) -> Problem | None:
    bad = _UNREADABLE.search(text)
    if not bad:
        return None
    line = text.count("\n", 0, bad.start()) + 1
    column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
    return Problem(display, line, column, "", _invisible(bad.group()))


def parse(text: str, display: str) -> Document | list[Problem]:
    """Parse one record file; return the document or every problem found in it."""
    refused = _unreadable_character(text, display)
    if refused:
        return [refused]
    builder = _Builder(display)
    if not text.endswith(("\n", "\r")):
        text += "\n"  # the last line ends as every other does (a block scalar there keeps its line break)
    try:
        for event in events(text):
            builder.feed(event)
    except yaml.YAMLError as exc:
        return builder.problems + [_yaml_problem(exc, display)]
    except _Abort:
        return builder.problems
    return builder.problems or _check_top(builder.doc, display)


def _check_top(doc: Document, display: str) -> Document | list[Problem]:
    if doc.data is None:  # nothing, only comments, a bare '---' or a lone '~'
        return [Problem(display, 1, 1, "", "file is empty: write the record's fields as 'field: value' lines")]
    if not isinstance(doc.data, dict):
        line, col = doc.values[()]
        kind = "list" if isinstance(doc.data, list) else "single value"
        return [Problem(display, line, col, "", f"the file must be a mapping of 'field: value' lines, not a {kind}")]
    return doc


def load_bytes(raw: bytes, display: str) -> Document | list[Problem]:
    """Decode and parse; the one entry point used by the loader."""
    if len(raw) > MAX_FILE_BYTES:
        message = f"file is larger than {MAX_FILE_BYTES:,} bytes: split the record or shorten it"
        return [Problem(display, 1, 1, "", message)]
    text = decode(raw, display)
    if isinstance(text, Problem):
        return [text]
    return parse(text, display)
