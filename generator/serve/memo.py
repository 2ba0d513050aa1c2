"""Pages kept between builds in one process (``mkdocs serve``), each with what it read.

A page is rendered from what it is given (a record page: its record; a listing page:
its rows, as ids) and whatever its template looks up on the way: other records (names
in links, sources in footnotes), the records that link to one (backlinks), a measure's
figures, the counts. While a page renders, every such look-up is noted. On the next
build its Markdown is reused only if it is given the same and each look-up gives the
same answer again (the same file bytes and place, the same last-change date, the same
backlinks, the same figures of the measure, the same counts) and the templates and
site settings are unchanged. A look-up that is not itemised (every record of a kind,
the warnings) makes the page uncacheable: it is rendered on every build.

So a page is never reused after anything it showed has changed, whichever file the
change was made in; ``tests/test_memo.py`` checks this against full renders.

``PageMemo`` is the renderer's page store (:class:`generator.render.store.PageStore`): the
renderer asks it for each page and knows nothing of how pages are kept. ``Outputs``
(``generator/serve/dirty.py``) does the same one step later, for the files MkDocs writes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import jinja2
import jinja2.bccache

from generator.check.link import FactBase
from generator.model.kinds import FIGURES, Kind
from generator.render.store import Lookups

T = TypeVar("T")

Token = tuple[str, ...]  # ("record" | "backlinks" | "changed" | "history", kind, id) | ("measure", name) | ("counts",)


class Reads:
    """What one page's rendering looked up."""

    def __init__(self) -> None:
        self.tokens: set[Token] = set()
        self.whole = False  # looked at something not itemised: cannot be reused


class TrackedBase:
    """The fact base as templates see it: each look-up is noted in the current page's reads."""

    def __init__(self, base: FactBase):
        self._base = base
        self.reads = Reads()

    def get(self, kind: Kind[Any] | str, record_id: str) -> Any:
        self.reads.tokens.add(("record", kind if isinstance(kind, str) else kind.name, record_id))
        return self._base.get(kind, record_id)

    def linking_to(self, kind: str, record_id: str, from_kind: str | None = None) -> Any:
        self.reads.tokens.add(("backlinks", kind, record_id))
        return self._base.linking_to(kind, record_id, from_kind)

    def records(self, kind: str) -> dict[str, Any]:
        self.reads.whole = True
        return self._base.records(kind)

    def counts(self) -> dict[str, int]:
        self.reads.tokens.add(("counts",))
        return self._base.counts()

    def __getattr__(self, name: str) -> Any:  # entries, backlinks, warnings: the whole fact base
        self.reads.whole = True
        return getattr(self._base, name)


class TrackedLookups(Mapping[Any, Any]):
    """A mapping the templates read (each measure's comparison, the last-change dates, each record's history):
    looking a key up notes ``(name, *key)``; going over all of it notes the whole, which cannot be itemised."""

    def __init__(self, name: str, values: Mapping[Any, Any], tracked: TrackedBase):
        self._name = name
        self._values = values
        self._tracked = tracked

    def __getitem__(self, key: Any) -> Any:
        self._tracked.reads.tokens.add((self._name, *(key if isinstance(key, tuple) else (key,))))
        return self._values[key]

    def __iter__(self) -> Iterator[Any]:
        self._tracked.reads.whole = True
        return iter(self._values)

    def __len__(self) -> int:
        self._tracked.reads.whole = True
        return len(self._values)


class State:
    """What each look-up answers in this build, computed once per token."""

    def __init__(self, base: FactBase, changed: Mapping[tuple[str, str], str],
                 history: Mapping[tuple[str, str], Sequence[Hashable]] | None = None):
        self._base = base
        self._changed = changed
        self._history = history or {}
        self._values: dict[Token, Hashable] = {}
        self._measures: dict[str, tuple[Hashable, ...]] | None = None

    def value(self, token: Token) -> Hashable:
        if token not in self._values:
            self._values[token] = self._compute(token)
        return self._values[token]

    def _compute(self, token: Token) -> Hashable:
        if token[0] == "record":
            return self._record(token[1], token[2])
        if token[0] == "backlinks":
            return tuple(self._base.backlinks.get((token[1], token[2]), ()))
        if token[0] == "changed":
            return self._changed.get((token[1], token[2]))
        if token[0] == "history":
            return tuple(self._history.get((token[1], token[2]), ()))
        if token[0] == "counts":
            return tuple(sorted(self._base.counts().items()))
        return self._measure_members().get(token[1], ())

    def _record(self, kind: str, record_id: str) -> Hashable:
        entry = self._base.entries.get(kind, {}).get(record_id)
        if entry is None:
            return None
        return (entry.raw.digest, entry.raw.display)

    def _measure_members(self) -> dict[str, tuple[Hashable, ...]]:
        """Each measure's figures with their file digests (a view is computed from exactly these)."""
        if self._measures is None:
            members: dict[str, list[Hashable]] = {}
            for fid, entry in sorted(self._base.entries_of(FIGURES).items()):
                members.setdefault(entry.record.measure, []).append((fid, self._record("figures", fid)))
            self._measures = {measure: tuple(items) for measure, items in members.items()}
        return self._measures


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory by a long-lived process, so a rebuild does not compile them again.

    Jinja keys each by its file and checks the checksum of its source: an edited template is compiled anew.
    One instance per kind of environment (the options shape the compiled code).
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


class PageMemo:
    """Rendered pages by path, each with what it was made from (``key``) and the answers to its look-ups."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[Hashable, tuple[tuple[Token, Hashable], ...], str]] = {}
        self._setting: Hashable = None
        self._shared: dict[Hashable, tuple[Any, Reads]] = {}
        self.state: State | None = None
        self.tracked: TrackedBase | None = None
        self.reused: set[str] = set()  # pages reused in this build
        self.compiled = CompiledTemplates()  # and the templates' compiled code

    def begin(self, base: FactBase, lookups: Lookups, setting: Hashable) -> Lookups:
        """Start a build; a different setting (templates, site name or address) forgets every page."""
        if setting != self._setting:
            self._pages.clear()
            self._setting = setting
        self.state = State(base, lookups.changed, lookups.history)
        self.tracked = tracked = TrackedBase(base)
        self._shared = {}
        self.reused = set()
        return Lookups(tracked, TrackedLookups("measure", lookups.measures, tracked),
                       TrackedLookups("changed", lookups.changed, tracked),
                       TrackedLookups("history", lookups.history, tracked))

    def render_or_reuse(self, path: str, key: Hashable, make: Callable[[], str]) -> str:
        """The kept page when it was made from ``key`` and its look-ups still hold, else ``make()``, noted."""
        kept = self.get(path, key)
        if kept is not None:
            return kept
        assert self.tracked is not None, "begin() starts a build"
        self.tracked.reads = Reads()
        markdown = make()
        self.put(path, key, self.tracked.reads, markdown)
        return markdown

    def shared(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per build; every page that uses the answer is noted as having made its look-ups."""
        tracked = self.tracked
        assert tracked is not None, "begin() starts a build"
        if key not in self._shared:
            outer, tracked.reads = tracked.reads, Reads()
            try:
                self._shared[key] = (compute(), tracked.reads)
            finally:
                tracked.reads = outer
        value, reads = self._shared[key]
        tracked.reads.tokens |= reads.tokens
        tracked.reads.whole |= reads.whole
        result: T = value
        return result

    def get(self, path: str, key: Hashable) -> str | None:
        kept = self._pages.get(path)
        if kept is None or self.state is None or kept[0] != key:
            return None
        _, reads, markdown = kept
        if all(self.state.value(token) == value for token, value in reads):
            self.reused.add(path)
            return markdown
        return None

    def put(self, path: str, key: Hashable, reads: Reads, markdown: str) -> None:
        if reads.whole or self.state is None:
            self._pages.pop(path, None)
            return
        state = self.state
        self._pages[path] = (key, tuple((token, state.value(token)) for token in sorted(reads.tokens)), markdown)

    def keep_only(self, paths: set[str]) -> None:
        """Forget pages of records that are gone (a long serve session adds and removes many)."""
        self._pages = {path: kept for path, kept in self._pages.items() if path in paths}
