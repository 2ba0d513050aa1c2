"""The one place where content problems are described.

Every problem an editor can cause becomes a :class:`Problem` carrying the file,
line, column and dotted field path, so that the command line, the MkDocs plugin
and the tests all print the same line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def printable(text: str) -> str:
    """Text safe to print on a terminal: every character Python calls unprintable (controls such as
    ESC and BEL, format characters such as U+202E, separators but the space) as a \\u escape."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}"
                   for c in text)


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, printed as ``path:line:col: field: message``."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        # The path is a file name anyone can choose: escaped like the field and the message.
        where = f"{printable(self.path)}:{self.line}:{self.column}"
        label = "warning: " if self.severity == "warning" else ""
        field = f"{printable(self.field)}: " if self.field else ""
        return f"{where}: {label}{field}{printable(self.message)}"


class ContentError(Exception):
    """Raised when the content tree holds at least one error; carries them all, sorted."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} error{'s' if count != 1 else ''} in content")
        return "\n".join(lines)


class UsageError(Exception):
    """A mistake in how the tool was called (exit status 2), not in the content."""
