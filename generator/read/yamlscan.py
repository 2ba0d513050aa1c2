"""PyYAML's pure-Python scanner, corrected where it and YAML 1.2 disagree on text people write.

Every file is read by these rules on every install: libyaml reads only files in which nothing can
be read differently (see ``events``), the rest go through this scanner; tests/test_yaml_suite.py
runs both routes over the whole YAML test suite and every YAML file of the project. The corrections:

* **Tabs as YAML means them.** A tab separates tokens (``a: b<TAB>``, ``x<TAB># note``), fills a
  blank or comment line, and is text inside a scalar or after a continuation line's indentation;
  PyYAML refused all of these. A tab standing where indentation is (before a key or a ``-``, or
  before the spaces a line needs) is refused as "tab used for indentation".
* **Nothing dropped silently.** A ``#`` starts a comment only after white space (``"Foo"#bar`` was
  read as ``Foo``); a block scalar's first line may not be out-indented by the blank lines above it.
* **Indentation of continuation lines.** A line continuing a quoted value or a ``[ ]``/``{ }`` list
  must be indented more than the key it belongs to.
* **Flow keys.** In ``{ ?foo: bar }`` the key is ``?foo``: ``?`` marks a key only before a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from yaml import YAMLError
from yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    ScalarEvent,
)
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner as _PyScanner
from yaml.scanner import ScannerError
from yaml.tokens import ScalarToken

try:  # libyaml, when PyYAML was built with it: a fast first reading of plain files (see events)
    from yaml import CSafeLoader as CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    CParser = None  # type: ignore[misc,assignment]

BREAKS = "\r\n\x85\u2028\u2029"
ENDS = "\0" + BREAKS
BLANK = " \t"
TAB_INDENT = "tab used for indentation"
_LINE_EFFECTS = re.compile("[\r\n\x85\u2028\u2029\ufeff]")  # what moves forward() to a new line, or not on
# A run of plain text: up to white space or a line's end, or ': ' (in [ ] and { } also , [ ] { }).
_PLAIN = re.compile("[^\0 \t\r\n\x85\u2028\u2029:]*(?::(?![\0 \t\r\n\x85\u2028\u2029])[^\0 \t\r\n\x85\u2028\u2029:]*)*")
_PLAIN_IN_FLOW = re.compile("[^\0 \t\r\n\x85\u2028\u2029:,\\[\\]{}]*"
                            "(?::(?![\0 \t\r\n\x85\u2028\u2029,\\[\\]{}])[^\0 \t\r\n\x85\u2028\u2029:,\\[\\]{}]*)*")


class Scanner(Reader, _PyScanner):
    """See the module note; each override names the rule it adds (the Reader is where it reads from)."""

    _tab_token: int | None = None  # the number of the token that follows a separating tab, if any

    def forward(self, length: int = 1) -> None:
        """PyYAML's, without its loop over each character when none of them ends a line (the whole
        text is in the buffer: it is read from a string)."""
        if length > 1 and not _LINE_EFFECTS.search(self.buffer, self.pointer, self.pointer + length):
            self.pointer += length
            self.index += length
            self.column += length
        else:
            super().forward(length)

    def _next_token_number(self) -> int:
        return int(self.tokens_taken + len(self.tokens))

    def _rest_is_blank(self, offset: int = 0) -> bool:
        """Only white space, then a comment or the line's end, from ``offset`` on."""
        while self.peek(offset) in BLANK:
            offset += 1
        return bool(self.peek(offset) in ENDS or self.peek(offset) == "#")

    def _at_line_start(self) -> bool:
        """Nothing but white space before this point on its line."""
        index = self.pointer - 1
        while index >= 0 and self.buffer[index] in BLANK:
            index -= 1
        return index < 0 or self.buffer[index] in BREAKS or self.buffer[index] == "\ufeff"

    def _tab_error(self) -> ScannerError:
        return ScannerError(None, None, TAB_INDENT, self.get_mark())

    def scan_to_next_token(self) -> None:
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        self._tab_token = None
        new_line = False
        while True:
            spaces = 0
            while self.peek() == " ":
                self.forward()
                spaces += 1
            if self.peek() == "\t":
                self._skip_tabs(spaces)
            elif new_line and self.flow_level and spaces <= self.indent and not self._rest_is_blank():
                raise ScannerError(None, None, "a line inside [ ] or { } must be indented more than its key",
                                   self.get_mark())
            if self.peek() == "#":
                self._check_comment_start()
                while self.peek() not in ENDS:
                    self.forward()
            if not self.scan_line_break():
                return
            new_line = True
            self._tab_token = None
            if not self.flow_level:
                self.allow_simple_key = True

    def _skip_tabs(self, spaces: int) -> None:
        """Tabs separate, or fill a blank line; in a line's indentation they are refused."""
        if not self._rest_is_blank():
            if self._at_line_start() and spaces <= self.indent:
                raise self._tab_error()
            if not self.flow_level:
                self._tab_token = self._next_token_number()
        while self.peek() in BLANK:
            self.forward()

    def _check_comment_start(self) -> None:
        if self.pointer > 0 and self.buffer[self.pointer - 1] not in BLANK + BREAKS + "\ufeff":
            raise ScannerError(None, None, "a comment needs a space before '#' (or quote the text)",
                               self.get_mark())

    def _refuse_after_tab(self) -> None:
        """A block indicator (or a key) right after a tab: the tab stands where indentation is."""
        if not self.flow_level and self._tab_token == self._next_token_number():
            raise self._tab_error()

    def fetch_block_entry(self) -> None:
        self._refuse_after_tab()
        super().fetch_block_entry()

    def fetch_key(self) -> None:
        self._refuse_after_tab()
        super().fetch_key()

    def fetch_value(self) -> None:
        key = self.possible_simple_keys.get(self.flow_level)
        if not self.flow_level and self._tab_token is not None and (
                (key is not None and key.token_number == self._tab_token)
                or (key is None and self._tab_token == self._next_token_number())):
            raise ScannerError(None, None, TAB_INDENT, key.mark if key is not None else self.get_mark())
        super().fetch_value()

    def check_key(self) -> bool:
        return bool(self.peek(1) in "\0 \t" + BREAKS)  # in flow context too: '?foo' is text

    def check_value(self) -> bool:
        """':' is a value indicator before white space (in [ ] and { } also before , [ ] { }, or right
        after a quoted key: '{"key":value}'); else it starts or continues text, as in '[:x]'."""
        after = self.peek(1)
        if not self.flow_level:
            return bool(after in "\0 \t" + BREAKS)
        before = self.buffer[self.pointer - 1] if self.pointer else ""
        # at a line's start it can only follow a key on the line before: refused, see yamlload
        return bool(after in "\0 \t,[]{}" + BREAKS or before in "\"']}" or self._at_line_start())

    def check_plain(self) -> bool:
        ch = self.peek()
        if ch in "?:":  # '?x' and ':x' are text, in [ ] and { } too
            return bool(self.peek(1) not in "\0 \t" + BREAKS + (",[]{}" if self.flow_level else ""))
        return bool(super().check_plain())

    def scan_plain(self) -> Any:
        """PyYAML's, but '?' is text inside [ ] and { } ('[a?string]'), as YAML 1.2 reads it."""
        chunks: list[str] = []
        start_mark = end_mark = self.get_mark()
        indent = self.indent + 1
        spaces: list[str] | None = []
        while True:
            if self.peek() == "#":
                break
            plain = (_PLAIN_IN_FLOW if self.flow_level else _PLAIN).match(self.buffer, self.pointer)
            length = plain.end() - self.pointer if plain else 0
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces or [])
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark)
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return ScalarToken("".join(chunks), True, start_mark, end_mark)

    def scan_block_scalar_ignored_line(self, start_mark: Any) -> None:
        skipped = 0
        while self.peek() in BLANK:
            self.forward()
            skipped += 1
        if self.peek() == "#" and not skipped:
            raise ScannerError("while scanning a block scalar", start_mark,
                               "a comment needs a space before '#'", self.get_mark())
        super().scan_block_scalar_ignored_line(start_mark)

    def scan_block_scalar_indentation(self) -> tuple[list[str], int, Any]:
        breaks, max_indent, end_mark = super().scan_block_scalar_indentation()
        first = self.column  # where the first line with content starts
        if self.peek() not in ENDS and max(self.indent + 1, 1) <= first < max_indent:
            raise ScannerError(None, None, "a blank line at the start of a block scalar has more spaces "
                               "than its first line", self.get_mark())
        return breaks, max_indent, end_mark

    def scan_block_scalar(self, style: str) -> Any:
        token = super().scan_block_scalar(style)
        if self.peek() == "\t":
            raise self._tab_error()  # a tab left of the block's indentation: neither text nor indentation
        return token

    def scan_flow_scalar_breaks(self, double: bool, start_mark: Any) -> list[str]:
        chunks: list[str] = []
        while True:
            prefix = self.prefix(3)
            if prefix in ("---", "...") and self.peek(3) in "\0 \t" + BREAKS:
                raise ScannerError("while scanning a quoted scalar", start_mark,
                                   "found unexpected document separator", self.get_mark())
            spaces = 0
            while self.peek() == " ":
                self.forward()
                spaces += 1
            self._indented(spaces, start_mark)
            while self.peek() in BLANK:
                self.forward()
            if self.peek() not in BREAKS:
                return chunks
            chunks.append(self.scan_line_break())

    def _indented(self, spaces: int, start_mark: Any) -> None:
        """A continuation line with text needs more spaces than its key's indentation."""
        if spaces <= self.indent and not self._rest_is_blank():
            if self.peek() == "\t":
                raise self._tab_error()
            raise ScannerError("while scanning a quoted value", start_mark,
                               "the quote is not closed (or its next line is not indented more than its key)",
                               self.get_mark())

    def scan_plain_spaces(self, indent: int, start_mark: Any) -> list[str] | None:
        length = 0
        while self.peek(length) in BLANK:
            length += 1
        whitespaces = self.prefix(length)
        self.forward(length)
        if self.peek() not in BREAKS:
            return [whitespaces] if whitespaces else []
        line_break = self.scan_line_break()
        self.allow_simple_key = True
        breaks: list[str] = []
        while True:
            if self.prefix(3) in ("---", "...") and self.peek(3) in "\0 \t" + BREAKS:
                return None
            spaces = 0
            while self.peek() == " ":
                self.forward()
                spaces += 1
            if self.peek() == "\t" and not self._rest_is_blank():
                if spaces < indent:
                    raise self._tab_error()
                while self.peek() in BLANK:
                    self.forward()
            elif self.flow_level and spaces < indent and not self._rest_is_blank():
                raise ScannerError("while scanning a plain value", start_mark,
                                   "a line inside [ ] or { } must be indented more than its key", self.get_mark())
            elif self._rest_is_blank() and self.peek() in BLANK:
                while self.peek() in BLANK:
                    self.forward()
            if self.peek() not in BREAKS:
                break
            breaks.append(self.scan_line_break())
        chunks = [line_break] if line_break != "\n" else [] if breaks else [" "]
        return chunks + breaks


class Loader(Scanner, Parser):
    """The one loader: PyYAML's reader and parser around the scanner above (events only: the tree is
    built by yamlload)."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        _PyScanner.__init__(self)
        Parser.__init__(self)


def events(text: str) -> Iterator[Event]:
    """The YAML events of ``text`` by the rules above.

    libyaml (when PyYAML has it) reads a file first when nothing in it is read differently by the two
    scanners: the text has no tab, carriage return, backslash, ``#`` after a non-space or ``?`` key
    indicator, and libyaml's events show no error, anchor, tag, document marker, block scalar, value
    spanning lines or flow collection spanning lines or holding ``?``, ``:``, ``#`` or a quote. Any
    other file is read by the scanner above (so are all errors: their messages are its own).
    tests/test_yaml_suite.py checks both routes give the same on the suite and every YAML file here.
    """
    fast = _libyaml_events(text)
    yield from fast if fast is not None else _python_events(text)


def _python_events(text: str) -> Iterator[Event]:
    loader = Loader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


# Text the two scanners may read differently (tabs, CR, escapes, '#' glued to a value, '?' keys).
_MAYBE_DIFFERENT = re.compile(r"[\t\r\\]|[^ \n]#|(?:^|[ \[{,])\?(?:[ \n]|$)", re.MULTILINE)


def _libyaml_events(text: str) -> list[Event] | None:
    """libyaml's events, when they are surely the ones the scanner above would give; else None."""
    if CParser is None or _MAYBE_DIFFERENT.search(text):
        return None
    parser = CParser(text)
    try:
        found: list[Any] = []
        while parser.check_event():
            found.append(parser.get_event())
    except YAMLError:
        return None
    finally:
        parser.dispose()
    return found if _plain_events(found, text) else None


def _plain_events(found: list[Any], text: str) -> bool:
    """No event of a kind where the two scanners' rules differ (see ``events``)."""
    flows: list[Any] = []
    for event in found:
        if getattr(event, "anchor", None) is not None or getattr(event, "tag", None) is not None:
            return False
        if isinstance(event, (DocumentStartEvent, DocumentEndEvent)) and (
                event.explicit or getattr(event, "version", None) or getattr(event, "tags", None)):
            return False
        start, end = event.start_mark, event.end_mark  # libyaml's events always carry both
        if isinstance(event, ScalarEvent) and (event.style in ("|", ">") or start.line != end.line):
            return False
        if isinstance(event, CollectionStartEvent) and event.flow_style:
            flows.append(start)
        if isinstance(event, CollectionEndEvent) and flows:
            first = flows.pop()
            if first.line != end.line or any(c in text[first.index:end.index] for c in "?:#\"'"):
                return False
    return sum(isinstance(e, DocumentStartEvent) for e in found) <= 1
