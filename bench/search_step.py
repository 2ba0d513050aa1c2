"""Time the search step alone: the documents made from the fact base, then Pagefind over them.

    .venv/bin/python bench/search_step.py [N]        # a synthetic fact base of N records (10,000)

Under ``mkdocs build`` this step runs in a thread while MkDocs builds the pages, so on two
cores it adds little to the build's wall time; this measures it on its own.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from generator import build_factbase  # noqa: E402
from generator.render import views  # noqa: E402
from generator.render.searchdocs import documents  # noqa: E402
from generator.site.search import FOLDER, build_bundle  # noqa: E402

from bench.synthetic import write_content  # noqa: E402


def main(n: int) -> None:
    with tempfile.TemporaryDirectory(prefix="research-site-search-bench-") as tmp:
        write_content(Path(tmp) / "content", n)
        base = build_factbase(Path(tmp) / "content")
        start = time.perf_counter()
        docs = documents(base, lambda kind, rid: views.title(base, kind, rid))
        made = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        build_bundle(docs, Path(tmp) / "out" / FOLDER)
        done = time.perf_counter()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        size = sum(p.stat().st_size for p in (Path(tmp) / "out" / FOLDER).rglob("*") if p.is_file())
        print(f"{n:,} records: {len(docs):,} documents in {made - start:.2f} s, Pagefind {done - made:.2f} s, "
              f"(the binary's CPU time {cpu:.2f} s), bundle {size / 2**20:.1f} MB; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
