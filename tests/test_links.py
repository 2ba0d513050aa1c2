"""`research-site links` against a local HTTP server started here (never the internet), in bounded time:
200, chains of 301, 404, 410, a loop, a server too slow to answer, and a TLS handshake that fails."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import build_factbase
from generator.commands import links
from generator.commands.cli import main
from generator.commands.links import Pacer, Target, check_links
from generator.packaged import TEMPLATES

SLOW = 3.0  # the slow page answers after this long; the client waits TIMEOUT
TIMEOUT = 0.5


class Handler(http.server.BaseHTTPRequestHandler):
    ROUTES = {"/ok": (200, None), "/moved": (301, "/moved-again"), "/moved-again": (301, "/ok"),
              "/missing": (404, None), "/gone": (410, None), "/loop": (301, "/loop"), "/error": (503, None)}

    in_flight = 0
    most = 0
    lock = threading.Lock()

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/slow":
            time.sleep(SLOW)
        if self.path.startswith("/busy"):
            with Handler.lock:
                Handler.in_flight += 1
                Handler.most = max(Handler.most, Handler.in_flight)
            time.sleep(0.2)  # long enough for requests to overlap when nothing bounds them
            with Handler.lock:
                Handler.in_flight -= 1
        status, location = self.ROUTES.get(self.path, (200, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


CASES = [("/ok", "ok", 200, 0), ("/moved", "redirected", 200, 2), ("/missing", "not-found", 404, 0),
         ("/gone", "gone", 410, 0), ("/error", "http-error", 503, 0), ("/loop", "redirect-loop", 301, 4),
         ("/slow", "timeout", None, 0)]


def test_each_case_is_reported_as_expected_in_bounded_time(server: str) -> None:
    targets = [Target(f"s{n}", "url", f"http://{server}{path}") for n, (path, *_) in enumerate(CASES)]
    targets.append(Target("tls", "archive_url", f"https://{server}/ok"))  # plain HTTP where TLS is expected
    started = time.monotonic()
    results = check_links(targets, timeout=TIMEOUT, concurrency=4, per_host_interval=0, max_redirects=3)
    assert time.monotonic() - started < 30  # a bound, not a benchmark: the slow page must not be waited for
    got = [(r.outcome, r.status, len(r.redirects)) for r in results]
    assert got == [(outcome, status, hops) for _, outcome, status, hops in CASES] + [("tls-error", None, 0)]
    moved = results[1]
    assert [hop["status"] for hop in moved.redirects] == [301, 301]
    assert [hop["to"] for hop in moved.redirects] == [f"http://{server}/moved-again", f"http://{server}/ok"]
    assert moved.final_url == f"http://{server}/ok"
    assert results[-1].field == "archive_url" and "SSL" in results[-1].detail.upper()


def test_no_more_requests_at_once_than_the_concurrency(server: str) -> None:
    Handler.most = 0
    targets = [Target(f"s{n}", "url", f"http://{server}/busy{n}") for n in range(6)]
    results = check_links(targets, timeout=5, concurrency=2, per_host_interval=0)
    assert [r.outcome for r in results] == ["ok"] * 6
    assert 1 <= Handler.most <= 2


def test_requests_to_one_host_are_spaced_and_other_hosts_are_not_held() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(2.0, clock=lambda: now[0], sleep=sleep)
    pacer.wait("a.example")
    now[0] += 0.5
    pacer.wait("a.example")  # 1.5 s too early
    pacer.wait("b.example")  # another host: no wait
    pacer.wait("a.example")
    assert slept == [1.5, 2.0]


def test_the_command_reports_by_source_writes_json_and_proposes_archives(server: str, project: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    sources = project / "content" / "sources"
    daily = sources / "daily-report.yaml"
    wire = sources / "wire-report.yaml"
    for path, route in ((daily, "/ok"), (wire, "/gone")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("url:")]
        path.write_text("\n".join(lines + [f"url: http://{server}{route}"]) + "\n", encoding="utf-8")
    with daily.open("a", encoding="utf-8") as out:
        out.write(f"archive_url: http://{server}/moved\n")
    output = project / "links.json"
    code = main(["links", "--content", str(project / "content"), "--json", str(output), "--timeout", str(TIMEOUT),
                 "--per-host-interval", "0", "--propose-archives"])
    printed = capsys.readouterr().out
    assert code == 1  # one link is gone
    assert f"daily-report\n  url          ok 200  http://{server}/ok\n" in printed
    assert f"  archive_url  redirected 200  http://{server}/moved\n               → 301 http://{server}/moved-again\n" \
        in printed
    assert f"wire-report\n  url          gone 410  http://{server}/gone\n" in printed
    assert "3 links checked: 2 reachable, 1 broken" in printed
    data = json.loads(output.read_text(encoding="utf-8"))
    assert (data["checked"], data["broken"]) == (3, 1)
    assert [(link["source"], link["field"], link["outcome"]) for link in data["links"]] == [
        ("daily-report", "url", "ok"), ("daily-report", "archive_url", "redirected"), ("wire-report", "url", "gone")]
    assert [p["source"] for p in data["proposed_archives"]] == ["wire-report"]
    assert data["proposed_archives"][0]["proposal"].startswith("https://web.archive.org/web/")
    assert data["proposed_archives"][0]["proposal"].endswith(f"/http://{server}/gone")


def test_proposals_use_the_source_date_and_fetch_nothing(monkeypatch: pytest.MonkeyPatch, project: Path) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("proposing an archive address must not make a request")

    monkeypatch.setattr(links, "_request", no_network)
    sources = build_factbase(project / "content").records("sources")
    assert links.proposed_archives(sources) == [
        {"source": "daily-report", "url": "https://example.org/news/leader-offers-pause?id=1&lang=en",
         "proposal": "https://web.archive.org/web/20231219/https://example.org/news/leader-offers-pause?id=1&lang=en"},
        {"source": "wire-report", "url": "https://wire.example.net/group-rejects-talks",
         "proposal": "https://web.archive.org/web/202312/https://wire.example.net/group-rejects-talks"}]


def test_every_footnote_shows_the_archived_copy_next_to_the_original(project: Path) -> None:
    from generator.render.pages import Renderer


    source = project / "content" / "sources" / "daily-report.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "archive_url: https://archive.example/daily\n",
                      encoding="utf-8")  # a placeholder address
    base = build_factbase(project / "content")
    renderer = Renderer(base, TEMPLATES)
    citing = [(ref.kind, ref.id) for ref in base.linking_to("sources", "daily-report")]
    assert len(citing) >= 3
    original = "[Read the source](https://example.org/news/leader-offers-pause?id=1&lang=en)"
    for kind, rid in citing:
        notes = [line for line in renderer.record_page(kind, rid).splitlines()
                 if line.startswith("[^") and "daily-report.md" in line]
        assert notes and all(f"{original} ([archived copy](https://archive.example/daily))" in n for n in notes)
