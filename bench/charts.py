"""What the charts cost (issue 19): render every page of a synthetic fact base with and without them.

    .venv/bin/python bench/charts.py [RECORDS]      # default 10,000

Prints the time to compute every measure's points, to render all pages with charts and with the chart
functions replaced by empty ones (the best of five each, run in turn), their difference, how many charts and
sparklines were drawn, and the largest page with its size.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import build_factbase  # noqa: E402
from generator.check.compare import measure_views  # noqa: E402
from generator.render.pages import Renderer  # noqa: E402
from generator.render.points import measure_points  # noqa: E402

from bench.synthetic import write_content  # noqa: E402

TEMPLATES = ROOT / "site_config" / "templates"


def best(runs: int, *makes: Callable[[], dict[str, str]]) -> list[tuple[float, dict[str, str]]]:
    """The fastest of ``runs`` runs of each maker, run in turn (so a busy moment costs each alike)."""
    times: list[list[float]] = [[] for _ in makes]
    pages: list[dict[str, str]] = [{} for _ in makes]
    for _ in range(runs):
        for index, make in enumerate(makes):
            gc.collect()
            gc.disable()
            start = time.perf_counter()
            pages[index] = make()
            times[index].append(time.perf_counter() - start)
            gc.enable()
    return [(min(spent), made) for spent, made in zip(times, pages, strict=True)]


def main(records: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        write_content(content, records)
        base = build_factbase(content)
        views = measure_views(base)
        start = time.perf_counter()
        points = measure_points(base, views)
        point_time = time.perf_counter() - start

        def with_charts() -> dict[str, str]:
            return Renderer(base, TEMPLATES).pages()

        def without_charts() -> dict[str, str]:
            renderer = Renderer(base, TEMPLATES)
            renderer.env.globals.update(figure_chart=lambda *a: Markup(""), measure_charts=lambda *a: Markup(""),
                                        sparkline=lambda *a: Markup(""))
            return renderer.pages()

        (charted, pages), (plain, _) = best(5, with_charts, without_charts)
        largest = max(pages, key=lambda path: len(pages[path].encode("utf-8")))
        charts = sum(page.count('<figure class="rs-chart"') for page in pages.values())
        sparks = sum(page.count('class="rs-spark"') for page in pages.values())
        print(f"{records:,} records, {len(base.entries['figures']):,} figures, {len(points):,} measures")
        print(f"points: {point_time:.3f} s")
        print(f"pages with charts: {charted:.2f} s; without: {plain:.2f} s; charts: {charted - plain:.2f} s "
              f"({charts:,} charts, {sparks:,} sparklines)")
        print(f"largest Markdown page: {largest} ({len(pages[largest].encode('utf-8')) / 1024:.1f} KB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
