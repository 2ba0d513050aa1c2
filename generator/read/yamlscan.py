"""PyYAML's pure-Python scanner, corrected where it and YAML 1.2 disagree on text people write.

The project parses with this one scanner only (never libyaml), so every install reads a file the
same way; tests/test_yaml_suite.py runs it over the whole YAML test suite. The corrections:

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

from collections.abc import Iterator
from typing import Any

from yaml.events import Event
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner as _PyScanner
from yaml.scanner import ScannerError
from yaml.tokens import ScalarToken

BREAKS = "\r\n\x85\u2028\u2029"
ENDS = "\0" + BREAKS
BLANK = " \t"
TAB_INDENT = "tab used for indentation"


class Scanner(Reader, _PyScanner):
    """See the module note; each override names the rule it adds (the Reader is where it reads from)."""

    _tab_token: int | None = None  # the number of the token that follows a separating tab, if any

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
            length = 0
            while True:
                ch = self.peek(length)
                if (ch in "\0 \t" + BREAKS or (self.flow_level and ch in ",[]{}")
                        or (ch == ":" and self.peek(length + 1) in "\0 \t" + BREAKS
                            + (",[]{}" if self.flow_level else ""))):
                    break
                length += 1
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
    """The YAML events of ``text``, as ``yaml.parse`` gives them, from the one loader."""
    loader = Loader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()
