"""What the charts cost (issue 19): the CPU time of the chart code alone, rendering every page of a
synthetic fact base.

    .venv/bin/python bench/charts.py [RECORDS]      # default 10,000

Every page is rendered once with the chart functions the templates call (``figure_chart``,
``measure_charts``, ``sparkline``) timed, plus the points of every measure; CPU time of this process
(``time.process_time``), so other work on a shared machine counts less than in wall-clock time.
Prints those times against the whole render's, how many charts and sparklines were drawn, and the
largest Markdown page.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import build_factbase  # noqa: E402
from generator.check.compare import measure_views  # noqa: E402
from generator.render.pages import Renderer  # noqa: E402
from generator.render.points import measure_points  # noqa: E402

from bench.synthetic import write_content  # noqa: E402

TEMPLATES = ROOT / "site_config" / "templates"
CHART_GLOBALS = ("figure_chart", "measure_charts", "sparkline")


def timed(function: Callable[..., Any], spent: list[float]) -> Callable[..., Any]:
    def wrapper(*args: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args)
        finally:
            spent[0] += time.process_time() - start
    return wrapper


def main(records: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        write_content(content, records)
        base = build_factbase(content)
        start = time.process_time()
        points = measure_points(base, measure_views(base))
        point_time = time.process_time() - start
        renderer = Renderer(base, TEMPLATES)
        spent = [0.0]
        renderer.env.globals.update({name: timed(renderer.env.globals[name], spent) for name in CHART_GLOBALS})
        start = time.process_time()
        pages = renderer.pages()
        total = time.process_time() - start
        largest = max(pages, key=lambda path: len(pages[path].encode("utf-8")))
        charts = sum(page.count('<figure class="rs-chart"') for page in pages.values())
        sparks = sum(page.count('class="rs-spark"') for page in pages.values())
        print(f"{records:,} records, {len(base.entries['figures']):,} figures, {len(points):,} measures")
        print(f"points of every measure: {point_time:.3f} s CPU")
        print(f"charts and sparklines: {spent[0]:.2f} s CPU of {total:.2f} s rendering every page "
              f"({charts:,} charts, {sparks:,} sparklines)")
        print(f"largest Markdown page: {largest} ({len(pages[largest].encode('utf-8')) / 1024:.1f} KB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
