"""When Python's cycle collector runs during builds: not in the middle of one.

Each full collection walks the whole heap, MkDocs' included: over a second at 10,000
pages. What the generator allocates and drops is freed by reference counting anyway,
so the collector is paused while the big stages run, and under ``mkdocs serve`` for the
whole build, then runs once the server is idle.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

IDLE_COLLECT_DELAY = 1.5  # seconds after a serve build: the browser has reloaded the page by then


@contextlib.contextmanager
def without_gc() -> Iterator[None]:
    """The collector paused for one stage, then as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class IdleCollector:
    """Under ``mkdocs serve``: the collector waits while a build runs and collects once the server is idle."""

    def __init__(self, delay: float | None = None) -> None:
        self.delay = delay
        self.timer: threading.Timer | None = None
        self.frozen = False  # the first build's objects are kept out of later collections

    def pause(self) -> None:
        """A build starts: no collection until it is over (a pending idle one is called off)."""
        if self.timer is not None:
            self.timer.cancel()
        gc.disable()

    def collect_when_idle(self) -> None:
        """Collect once the browser has reloaded, while the server is idle, then let Python go on as usual.

        After the first build, everything it left (parsed records, rendered pages) is collected and then
        frozen at once: later collections skip it, so they take a fraction of a second, not seconds. (What
        is frozen and later dropped is freed by reference counting; cycles among it, such as the first
        build's renderer, stay: a one-time cost of a few megabytes.)
        """
        if not self.frozen:
            gc.collect()
            gc.freeze()
            self.frozen = True

        def collect() -> None:
            gc.collect()
            gc.enable()
        self.timer = threading.Timer(IDLE_COLLECT_DELAY if self.delay is None else self.delay, collect)
        self.timer.daemon = True
        self.timer.start()
