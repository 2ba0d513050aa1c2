"""The charts as pages use them: a measure's chart on its page and on each of its figures' pages, a
sparkline per measure on the figures index (see :mod:`chart` for the drawing, :mod:`points` for the data).

A chart is laid out once per measure, part and page folder (its links are relative to the page) and
reused by every page in that folder; each look-up it makes (the measure's figures, the reporters' names,
the sources' publishers) is noted on every page that shows it, so the live-preview memo stays exact.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from markupsafe import Markup

from generator.check.compare import part_text
from generator.model.kinds import FIGURES, SOURCES
from generator.render import chart
from generator.render.points import Point

if TYPE_CHECKING:
    from generator.render.pages import Renderer


def page_address(path: str, directory_urls: bool = True) -> str:
    """Where a generated page's Markdown file ends up in the built site: figures/x.md → figures/x/."""
    stem = path[:-3] if path.endswith(".md") else path
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def relative_address(target: str, page: str, directory_urls: bool = True) -> str:
    """A link from one built page to another, for raw HTML (MkDocs rewrites only Markdown links)."""
    there, here = page_address(target, directory_urls), page_address(page, directory_urls)
    folder = here if directory_urls else posixpath.dirname(here)
    relative = posixpath.relpath(there or ".", folder.rstrip("/") or ".")
    if directory_urls:
        return "./" if relative == "." else relative + "/"
    return relative


def measure_page(measure: str) -> str:
    return f"figures/measure/{measure}.md"


class Charts:
    """Charts for one build, drawn from the renderer's points and fact base."""

    def __init__(self, renderer: Renderer, points: dict[str, list[Point]]):
        self.renderer = renderer
        self.points = points

    @property
    def measures(self) -> Mapping[str, Any]:
        """Each measure's comparison, as templates see it (looking one up is noted, as for ``base``)."""
        return cast(Mapping[str, Any], self.renderer.env.globals["measures"])

    @property
    def base(self) -> Any:
        """What templates look records up in (under ``mkdocs serve``, a stand-in that notes each look-up)."""
        return self.renderer.env.globals["base"]

    def globals(self) -> dict[str, Any]:
        return {"figure_chart": self.figure_chart, "measure_charts": self.measure_charts,
                "sparkline": self.sparkline, "measure_page": measure_page}

    def _drawn(self, measure: str, part: str) -> list[Point]:
        return [p for p in self._drawn_all(measure) if p.part == part]

    def _names(self, p: Point) -> tuple[str, str]:
        """(publishers of the figure's sources, its reporter's name): the words of its mark."""
        base = self.base
        publishers = "; ".join(dict.fromkeys(base.get(SOURCES, sid).publisher for sid in p.source_ids))
        reporter = self.renderer.title_of("actors", p.reported_by) if p.reported_by else ""
        return publishers, reporter

    def _chart(self, measure: str, part: str) -> chart.Chart | None:
        # Pages in one folder link to figure pages alike (../x/ from every figure page) and share one layout;
        # an index page is served one level up, so it has its own.
        page = self.renderer.page_path
        like = page if posixpath.basename(page) == "index.md" else posixpath.join(posixpath.dirname(page), "_.md")
        return self.renderer._shared(("chart", measure, part, like), lambda: self._lay_out(measure, part, like))

    def _lay_out(self, measure: str, part: str, page: str) -> chart.Chart | None:
        """``page``: a page of the folder the chart is shown in (its links are relative)."""
        points = self._drawn(measure, part)
        if not points:
            return None
        texts = {p.figure: chart.describe(p, self._names) for p in points}
        key = measure + (f"-{hashlib.sha256(part.encode()).hexdigest()[:8]}" if part else "")  # unique ids on a page
        caption = f"{measure}{f' ({part})' if part else ''} over time"
        return chart.build(points, key, points[0].unit, texts, self._hrefs(page), self._who, caption)

    def _hrefs(self, page: str) -> chart.Href:
        """Figure id → its page's address from ``page``: one relpath per layout, not one per mark."""
        if not self.renderer.site.directory_urls:
            return lambda fid: relative_address(f"figures/{fid}.md", page, False)
        up = relative_address("figures/index.md", page)  # "../" from a figure page, "./" from the index
        return lambda fid: f"{'' if up == './' else up}{fid}/"

    def _who(self, p: Point) -> str:
        """Who counted: the reporting actor, or else the publisher of the first source giving the number."""
        if p.reported_by:
            return self.renderer.title_of("actors", p.reported_by)
        return str(self.base.get(SOURCES, p.source_ids[0]).publisher)

    def figure_chart(self, figure_id: str) -> Markup:
        """The chart of the figure's measure (or of its part), its own mark highlighted."""
        fig = self.base.get(FIGURES, figure_id)
        drawn = self._chart(fig.measure, part_text(fig))
        return drawn.svg(figure_id) if drawn is not None else Markup("")

    def measure_charts(self, measure: str) -> Markup:
        """The whole measure's chart, then one per part it is broken down into."""
        parts = sorted({p.part for p in self._drawn_all(measure)}, key=lambda part: (part != "", part))
        return Markup("\n\n".join(str(c.svg()) for c in (self._chart(measure, part) for part in parts) if c))

    def _drawn_all(self, measure: str) -> list[Point]:
        _ = self.measures[measure]  # a look-up: the chart is made of the measure's figures
        return self.points.get(measure, [])

    def sparkline(self, measure: str) -> Markup:
        """A link to the measure's page holding a small chart of the measure as a whole (when one can be drawn)."""
        points = self._drawn(measure, "")
        href = relative_address(measure_page(measure), self.renderer.page_path, self.renderer.site.directory_urls)
        if not points:
            return Markup(f'<a href="{href}">The measure&#39;s page</a>')
        picture = chart.sparkline(points, chart.summary(points, points[0].unit))
        return Markup(f'<a class="rs-spark-link" href="{href}">{picture} The chart</a>')
