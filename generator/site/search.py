"""The site's search index: Pagefind over one small document per record, written into ``<site>/pagefind/``.

Why Pagefind rather than the theme's lunr index (measured in README, "Search"): a reader
downloads nothing for search until they type, then a few hundred kilobytes per query, where
lunr loads the whole index (6.9 MB at 10,000 records) on the first page view; and Pagefind
stems typed words as well as indexed ones and folds diacritics. The documents come from the
fact base (``generator.render.searchdocs``), so the index does not depend on the site engine
and can be made as soon as the facts are checked: the Pagefind binary runs in a background
thread while the engine builds the pages. ``mkdocs build`` waits for it at the end; under
``mkdocs serve`` the page reloads without waiting and the index follows a few seconds later.
The binary comes from the ``pagefind[extended]`` package on PyPI. Same documents, same
bytes: Pagefind's output is deterministic, and an unchanged set of documents is not indexed again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from generator.render.searchdocs import SearchDoc

FOLDER = "pagefind"  # under the site folder; the page script loads <base>/pagefind/pagefind.js
_DONE = ".documents"  # in FOLDER: the digest of the documents the index was made from


class SearchIndexError(RuntimeError):
    pass


class IndexStopped(Exception):  # noqa: N818 - not an error: a build started, the index is made again after it
    """Pagefind was stopped before it finished; ``written`` is what the documents' folder now holds."""

    def __init__(self, written: dict[str, str]) -> None:
        super().__init__("stopped")
        self.written = written


PAGEFIND_LIMIT = 600.0  # seconds one Pagefind run may take
STOP_CHECK = 0.1  # seconds between looks at whether a build started (how soon Pagefind is stopped)


def pagefind_executable() -> str:
    from pagefind_bin_extended import get_executable  # the pagefind[extended] package's binary
    return str(get_executable())


def digest(docs: list[SearchDoc], lang: str) -> str:
    h = hashlib.sha256(lang.encode())
    for doc in docs:
        h.update(doc.url.encode() + b"\0" + doc.html(lang).encode() + b"\0")
    return h.hexdigest()


def build_bundle(docs: list[SearchDoc], bundle: Path, lang: str = "en",
                 written: dict[str, str] | None = None, go_on: threading.Event | None = None) -> dict[str, str]:
    """Run Pagefind over ``docs`` into the folder ``bundle``; returns each document's HTML by URL.

    The documents are written as small HTML files in ``pages`` beside ``bundle``; given what the last
    run wrote (``written``), only the changed ones are written again (ten thousand small files take
    seconds to write, and under ``mkdocs serve`` that would compete with the next build). When ``go_on``
    is cleared while Pagefind runs, it is stopped and ``IndexStopped`` raised: on two cores its threads
    slowed the next build by a third, and the index it was making would be outdated by that build.
    """
    pages = bundle.parent / "pages"
    if written is None:
        shutil.rmtree(pages, ignore_errors=True)
        written = {}
    shutil.rmtree(bundle, ignore_errors=True)
    now = {doc.url: doc.html(lang) for doc in docs}
    for url in written.keys() - now.keys():
        (pages / url / "index.html").unlink(missing_ok=True)
    for url, html in now.items():
        if written.get(url) != html:
            path = pages / url / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
    command = [pagefind_executable(), "--site", str(pages), "--output-path", str(bundle),
               "--force-language", lang, "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _lower_priority(process.pid)  # the site's own build goes first
    finished = _finish(process, go_on)
    if finished is None:
        shutil.rmtree(bundle, ignore_errors=True)
        raise IndexStopped(now)
    out, err = finished
    if process.returncode != 0:
        shutil.rmtree(pages, ignore_errors=True)
        raise SearchIndexError(f"pagefind failed ({process.returncode}): {err.strip() or out}")
    (bundle / _DONE).write_text(digest(docs, lang), encoding="utf-8")
    return now


def _finish(process: subprocess.Popen[str], go_on: threading.Event | None) -> tuple[str, str] | None:
    """Pagefind's output once it exits; None when it was stopped because ``go_on`` was cleared."""
    deadline = time.monotonic() + PAGEFIND_LIMIT
    while True:
        try:
            return process.communicate(timeout=STOP_CHECK)
        except subprocess.TimeoutExpired:
            stopped = go_on is not None and not go_on.is_set()
            if stopped or time.monotonic() > deadline:
                process.kill()
                process.communicate()
                if stopped:
                    return None
                raise SearchIndexError(f"pagefind took more than {PAGEFIND_LIMIT:.0f} s") from None


def _lower_priority(thread_or_process: int) -> None:
    """Nice a process, or (on Linux) one thread of this one; where that is not possible, nothing."""
    try:
        os.setpriority(os.PRIO_PROCESS, thread_or_process, 10)
    except (AttributeError, OSError):
        pass


def install(bundle: Path, site: Path, *, keep: bool) -> None:
    """Put ``bundle`` at ``site/pagefind``, replacing the old one whole; ``keep``: copy (hard links), not move."""
    target = site / FOLDER
    marker = target / _DONE
    if marker.is_file() and marker.read_bytes() == (bundle / _DONE).read_bytes():
        return
    site.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site))
    try:
        if keep:
            shutil.copytree(bundle, staging / FOLDER, copy_function=_link_or_copy)
        else:
            shutil.move(str(bundle), str(staging / FOLDER))
        if target.exists():
            os.replace(target, staging / "old")
        os.replace(staging / FOLDER, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


HOLD_LIMIT = 120.0  # seconds the thread waits for a build to end: a build that never says so only delays it


class BackgroundIndex:
    """Builds the bundle in a thread (while the engine builds the pages); ``place`` puts it into the site.

    ``place(site, wait=True)`` (``mkdocs build``) waits for the thread; ``wait=False`` (``mkdocs serve``)
    returns at once and the thread installs the bundle when it is done. A ``start`` while the thread is
    busy never waits: the thread takes the newest documents next, and a bundle already outdated by then is
    not installed. An unchanged set of documents is not indexed again.
    """

    def __init__(self) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="research-site-search-"))
        weakref.finalize(self, shutil.rmtree, self.work, True)
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.running = False  # a thread is working or about to (set and cleared under the lock)
        self.pending: tuple[Callable[[], list[SearchDoc]], str] | None = None  # the newest documents to index
        self.error: Exception | None = None
        self.key = ""  # the documents the bundle in ``work`` was made from
        self.written: dict[str, str] | None = None  # the documents' files Pagefind read last time
        self.target: Path | None = None  # the site the bundle goes into when it is done
        self.keep = True
        self.clear = threading.Event()  # no build is running: under serve the thread works between builds
        self.clear.set()

    def hold(self) -> None:
        """A serve build starts: Pagefind, if running, is stopped; the thread finishes the step it is in, then
        waits (it would share the GIL), and after the build indexes the newest documents."""
        self.clear.clear()

    def release(self) -> None:
        self.clear.set()

    def _between_builds(self) -> None:
        self.clear.wait(timeout=HOLD_LIMIT)

    @property
    def bundle(self) -> Path:
        return self.work / FOLDER

    def start(self, make_docs: Callable[[], list[SearchDoc]], lang: str = "en") -> None:
        """Index the documents ``make_docs`` gives, in the thread."""
        with self.lock:
            self.pending, self.error = (make_docs, lang), None
            if not self.running:
                self.running = True
                self.thread = threading.Thread(target=self._run, name="search-index", daemon=True)
                self.thread.start()

    def _run(self) -> None:
        try:
            self._index_pending()
        except Exception as exc:  # noqa: BLE001 - any bug must reach wait() as an error, never leave it spinning
            self.error = exc
            print(f"research-site: the search index was not written: {exc!r}", file=sys.stderr, flush=True)
        finally:
            with self.lock:
                self.running = False

    def _index_pending(self) -> None:
        _lower_priority(threading.get_native_id())  # on Linux, this thread only
        while True:
            with self.lock:
                if self.pending is None:
                    self.running = False
                    return
                (make_docs, lang), self.pending = self.pending, None
            try:
                self._between_builds()
                docs = make_docs()
                self._between_builds()
                key = digest(docs, lang)
                if key != self.key or not self.bundle.is_dir():
                    self._between_builds()
                    self.key, written, self.written = "", self.written, None
                    try:
                        self.written = build_bundle(docs, self.bundle, lang, written, go_on=self.clear)
                    except IndexStopped as stopped:
                        self.written = stopped.written
                        with self.lock:  # made again after the build, unless the build gives newer documents
                            self.pending = self.pending or (make_docs, lang)
                        continue
                    self.key = key
                self._between_builds()
                with self.lock:
                    if self.pending is None and self.target is not None and self.key:
                        install(self.bundle, self.target, keep=self.keep)
            except Exception as exc:  # noqa: BLE001 - any failure, a bug included, must reach wait(), never hang it
                self.error = exc
                print(f"research-site: the search index was not written: {exc!r}", file=sys.stderr, flush=True)

    def place(self, site: Path, *, wait: bool, keep: bool) -> None:
        """Install the bundle at ``site/pagefind``: now if it is built (or ``wait``), else when the thread ends."""
        with self.lock:
            self.target, self.keep = site, keep
            if self.running and not wait:
                return
        self.wait()
        if self.key and self.bundle.is_dir():
            install(self.bundle, site, keep=keep)

    def wait(self, raise_error: bool = True) -> None:
        """Wait until the thread has indexed (and installed) the newest documents; raise what it failed with."""
        while True:
            with self.lock:
                thread, running = self.thread, self.running
            if not running or thread is None:
                break
            thread.join()
        if raise_error and self.error is not None:
            error, self.error = self.error, None
            raise SearchIndexError(f"the search index was not written: {error}")
