"""What the renderer may be given by a long-lived process: a store of pages kept between builds.

The renderer knows nothing of how pages are kept. A plain build passes no store: every
page is rendered and templates look things up in the fact base itself. ``mkdocs serve``
passes one (``generator/serve/memo.py``) that hands templates stand-ins noting each
look-up, and reuses a page whose look-ups all answer as before.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import jinja2

from generator.check.link import FactBase

T = TypeVar("T")
Changed = Mapping[tuple[str, str], str]  # each record's last-change date, by (kind, id)


@dataclass(frozen=True)
class Lookups:
    """What templates look things up in: the fact base, each measure's comparison, the last-change dates."""

    base: Any  # the FactBase, or a stand-in answering the same look-ups
    measures: Mapping[str, Any]
    changed: Changed


class PageStore(Protocol):
    """Pages kept between builds, each reused only while everything it showed is unchanged."""

    @property
    def compiled(self) -> jinja2.BytecodeCache:
        """The templates' compiled code, kept too."""
        ...

    def begin(self, base: FactBase, lookups: Lookups, setting: Hashable) -> Lookups:
        """Start a build; returns what this build's templates look things up in (noting each look-up)."""
        ...

    def render_or_reuse(self, path: str, key: Hashable, make: Callable[[], str]) -> str:
        """The page at ``path`` made from ``key``: kept if still true, else ``make()``."""
        ...

    def shared(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value computed once per build and used by many pages (a title, a footnote text)."""
        ...

    def keep_only(self, paths: set[str]) -> None:
        """Forget the pages not in ``paths`` (records removed)."""
        ...
