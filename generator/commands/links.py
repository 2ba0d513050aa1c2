"""``research-site links``: is every source's link, and its archived copy, still there?

Each ``url`` and ``archive_url`` is requested once (GET, body not read), redirects followed by hand so
that the whole chain is reported, with a timeout per request, a bounded number of requests at once and
at most one request per host per interval. The report is by source; ``--json`` writes the same for CI.
``--propose-archives`` suggests a snapshot address for each source without an archived copy, from its
link and date, without fetching anything: an editor checks it before adding it.
"""

from __future__ import annotations

import argparse
import json
import socket
import ssl
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from dataclasses import field as new_field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from generator import build_factbase
from generator.model.errors import ContentError, UsageError

FIELDS = ("url", "archive_url")
GOOD = ("ok", "redirected")
SNAPSHOT = "https://web.archive.org/web/{stamp}{url}"  # the Wayback Machine serves the snapshot nearest stamp
USER_AGENT = "research-site-links/1 (checks that cited sources are still online)"


@dataclass(frozen=True)
class Target:
    source: str
    field: str
    url: str


@dataclass
class Result:
    source: str
    field: str
    url: str
    outcome: str  # ok, redirected, not-found, gone, http-error, redirect-loop, timeout, tls-error, unreachable
    status: int | None = None
    redirects: list[dict[str, Any]] = new_field(default_factory=list)  # each hop: {"status": 301, "to": url}
    final_url: str = ""
    detail: str = ""

    @property
    def good(self) -> bool:
        return self.outcome in GOOD


class Pacer:
    """At most one request per host per ``interval`` seconds (a site is not hammered by our checks)."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self.guard = threading.Lock()
        self.hosts: dict[str, tuple[threading.Lock, list[float]]] = {}

    def wait(self, host: str) -> None:
        with self.guard:
            lock, last = self.hosts.setdefault(host, (threading.Lock(), []))
        with lock:  # one request at a time per host, spaced by the interval
            if last:
                delay = last[0] + self.interval - self.clock()
                if delay > 0:
                    self.sleep(delay)
            last[:] = [self.clock()]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 3xx comes back as an HTTPError: we follow it ourselves, noting each hop


_OPENER = urllib.request.build_opener(_NoRedirects())


def check_one(target: Target, pacer: Pacer, timeout: float, max_redirects: int) -> Result:
    result = Result(target.source, target.field, target.url, "ok")
    url = target.url
    for _ in range(max_redirects + 1):
        pacer.wait(urlsplit(url).netloc.lower())
        status, location, problem = _request(url, timeout)
        if problem:
            result.outcome, result.detail = problem
            return result
        result.status, result.final_url = status, url
        if status is not None and 300 <= status < 400 and location:
            url = urljoin(url, location)
            result.redirects.append({"status": status, "to": url})
            continue
        result.outcome = _outcome(status, bool(result.redirects))
        return result
    result.outcome, result.detail = "redirect-loop", f"more than {max_redirects} redirects"
    return result


def _outcome(status: int | None, redirected: bool) -> str:
    if status is not None and 200 <= status < 300:
        return "redirected" if redirected else "ok"
    return {404: "not-found", 410: "gone"}.get(status or 0, "http-error")


def _request(url: str, timeout: float) -> tuple[int | None, str | None, tuple[str, str] | None]:
    """(status, Location header, None), or (None, None, (outcome, detail)) when no answer came."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT}, method="GET")
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, None, None
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location"), None
    except urllib.error.URLError as exc:
        return None, None, _failure(exc.reason)
    except (OSError, ValueError) as exc:
        return None, None, _failure(exc)


def _failure(reason: object) -> tuple[str, str]:
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return "tls-error", str(reason)
    if isinstance(reason, TimeoutError | socket.timeout):
        return "timeout", "no answer in time"
    return "unreachable", str(reason)


def check_links(targets: Iterable[Target], *, timeout: float = 10.0, concurrency: int = 8,
                per_host_interval: float = 1.0, max_redirects: int = 5) -> list[Result]:
    """Every target checked, at most ``concurrency`` at once; results in the order of the targets."""
    pacer = Pacer(per_host_interval)
    items = list(targets)
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        return list(pool.map(lambda t: check_one(t, pacer, timeout, max_redirects), items))


def targets_of(sources: dict[str, Any]) -> list[Target]:
    return [Target(sid, name, getattr(source, name)) for sid, source in sorted(sources.items())
            for name in FIELDS if getattr(source, name, None)]


def proposed_archives(sources: dict[str, Any]) -> list[dict[str, str]]:
    """A snapshot address for each source with a link but no archived copy: a proposal, never fetched."""
    proposals = []
    for sid, source in sorted(sources.items()):
        if source.url and not source.archive_url:
            when = source.accessed or source.published
            stamp = str(when).replace("-", "") + "/" if when else ""  # no date: the newest snapshot
            proposal = SNAPSHOT.format(stamp=stamp, url=source.url)
            proposals.append({"source": sid, "url": source.url, "proposal": proposal})
    return proposals


def report(results: list[Result], proposals: list[dict[str, str]]) -> str:
    lines: list[str] = []
    by_source: dict[str, list[Result]] = {}
    for result in results:
        by_source.setdefault(result.source, []).append(result)
    for source, found in by_source.items():
        lines.append(source)
        for r in found:
            status = f" {r.status}" if r.status is not None else ""
            lines.append(f"  {r.field:<12} {r.outcome}{status}  {r.url}")
            lines += [f"  {'':<12} → {hop['status']} {hop['to']}" for hop in r.redirects]
            if r.detail:
                lines.append(f"  {'':<12} {r.detail}")
    if proposals:
        lines += ["", "Proposed archive addresses (not fetched: check each before adding it as archive_url):"]
        lines += [f"  {p['source']}: {p['proposal']}" for p in proposals]
    broken = sum(not r.good for r in results)
    lines += ["", f"{len(results)} links checked: {len(results) - broken} reachable, {broken} broken"]
    return "\n".join(lines) + "\n"


def as_json(results: list[Result], proposals: list[dict[str, str]]) -> str:
    data = {"checked": len(results), "broken": sum(not r.good for r in results),
            "links": [asdict(r) for r in results], "proposed_archives": proposals}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def cmd_links(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not content.is_dir():
        raise UsageError(f"content folder not found: {content}")
    try:
        sources = build_factbase(content).records("sources")
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    results = check_links(targets_of(sources), timeout=args.timeout, concurrency=args.concurrency,
                          per_host_interval=args.per_host_interval, max_redirects=args.max_redirects)
    proposals = proposed_archives(sources) if args.propose_archives else []
    # With --json - the JSON alone goes to standard output, the report to standard error.
    print(report(results, proposals), end="", file=sys.stderr if args.json == "-" else sys.stdout)
    if args.json == "-":
        sys.stdout.write(as_json(results, proposals))
    elif args.json:
        Path(args.json).write_text(as_json(results, proposals), encoding="utf-8")
    return 0 if all(r.good for r in results) else 1


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    links = sub.add_parser("links", help="check that every source's url and archive_url still answer")
    links.add_argument("--content", default="content", help="the content folder (default: content)")
    links.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE ('-': standard output)")
    links.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each answer (default: 10)")
    links.add_argument("--concurrency", type=int, default=8, help="requests at once (default: 8)")
    links.add_argument("--per-host-interval", type=float, default=1.0,
                       help="seconds between two requests to the same host (default: 1)")
    links.add_argument("--max-redirects", type=int, default=5, help="redirects to follow (default: 5)")
    links.add_argument("--propose-archives", action="store_true",
                       help="suggest a snapshot address for sources without archive_url (nothing is fetched)")
    links.set_defaults(run=cmd_links)
