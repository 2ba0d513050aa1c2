"""What a reader downloads for search, in Chromium: on the first page view, then per query.

    .venv/bin/python bench/search_bytes.py <built site folder> [query ...]

Serves the folder, opens Home in a fresh browser (no cache), and counts the bytes of every
response: first the page view, then each query typed into the search box (the first query
also loads Pagefind's script and WebAssembly; later ones only index chunks and fragments).
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
from pathlib import Path
from typing import Any

QUERIES = ["hostages", "ceasefire", "19 December", "Spoljaric", "talks truce"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(site: Path, queries: list[str]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    sizes: list[tuple[str, int]] = []
    out: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-background-networking"])
        page = browser.new_page()
        page.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"])))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        out["first view"] = _total(sizes, url)
        for query in queries:
            sizes.clear()
            page.fill("input.md-search__input", query)
            answered = f".md-search-result__list[data-query={json.dumps(query, ensure_ascii=False)}]"
            page.wait_for_selector(answered, state="attached")
            page.wait_for_load_state("networkidle")
            out[query] = _total(sizes, url)
        browser.close()
    server.shutdown()
    return out


def _total(sizes: list[tuple[str, int]], url: str) -> dict[str, int]:
    search = [s for u, s in sizes if "/pagefind/" in u or u.endswith("search.js")]
    return {"requests": len(sizes), "bytes": sum(s for _, s in sizes), "search_bytes": sum(search)}


def main(argv: list[str]) -> None:
    result = measure(Path(argv[0]), argv[1:] or QUERIES)
    for name, numbers in result.items():
        print(f"{name:>14}: {numbers['requests']:3d} requests, {numbers['bytes'] / 1024:8.1f} KB "
              f"(search: {numbers['search_bytes'] / 1024:.1f} KB)")


if __name__ == "__main__":
    main(sys.argv[1:])
