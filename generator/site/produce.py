"""Every file of the site that the generator makes, for any engine: one function, one code path.

``produce`` loads, checks and renders a content tree into a :class:`SiteFiles`: the
generated Markdown pages, the open-data files, the text added to hand-written pages, and
what an engine shows besides a page's Markdown (each record page's title, JSON-LD and
YAML file). The MkDocs plugin hands these to MkDocs in memory; ``research-site generate``
writes the same bytes into a docs folder on disk (``generator/site/generate.py``).
Nothing here knows MkDocs.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator import RecordCache, build_factbase
from generator.check.compare import ABOUT_SHARE, about_rule
from generator.check.evidence import evidence_report
from generator.check.link import FactBase
from generator.check.provenance import provenance_report
from generator.packaged import template_path
from generator.render import cite, escape, export
from generator.render.feeds import feed_files, feed_path
from generator.render.jsonld import record_jsonld, script_json
from generator.render.pages import Renderer, SiteInfo
from generator.render.redirects import redirect_pages
from generator.render.store import PageStore
from generator.site.audit import Dumped
from generator.site.gitdates import GitDates


@dataclass
class SiteFiles:
    """What the generator adds to a site, by path in the docs folder (pages) or the built site (data files)."""

    base: FactBase
    pages: dict[str, str]  # generated Markdown pages
    exports: dict[str, bytes]  # open-data files: data/*, <kind>/<id>.json
    additions: dict[str, str]  # Markdown added to the end of a hand-written page (the home page, methodology)
    titles: dict[str, str]  # each record page's title (plain text)
    jsonld: dict[str, str]  # each record page's JSON-LD, as the text of its <script> element
    sources: dict[str, Path]  # each record page's YAML file
    feeds: dict[str, str] = field(default_factory=dict)  # the Atom feed a page announces, by the page's path
    citations: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # meta tags (name, escaped content)
    dumped: Dumped = field(default_factory=dict)  # every record as exported: the audit compares with it

    def hand_written(self, path: str, markdown: str) -> str:
        """A hand-written page's Markdown with what the generator adds to it (most have nothing added)."""
        extra = self.additions.get(path)
        return markdown.rstrip("\n") + "\n" + extra if extra else markdown

    def meta(self, path: str) -> dict[str, str]:
        """What a record page shows besides its Markdown: its title (escaped: Material prints it as it is) and JSON-LD.

        The plugin sets these as the page's metadata; ``generate`` writes them as the page's front matter.
        """
        meta = {"feed": self.feeds[path]} if path in self.feeds else {}
        if path in self.titles:
            meta |= {"title": str(escape.text(self.titles[path])), "jsonld": self.jsonld[path]}
        return meta

    def records(self) -> list[tuple[str, str]]:
        """Every record's (kind, id)."""
        return [(kind, rid) for kind in self.base.entries for rid in self.base.entries[kind]]



def produce(content: Path, templates: Path, site: SiteInfo, *, cache: RecordCache | None = None,
            store: PageStore | None = None, dates: GitDates | None = None,
            feeds: dict[Hashable, bytes] | None = None) -> SiteFiles:
    """Load, check and render ``content``; raises ContentError or RenderError, having changed nothing.

    ``templates`` is the site's own templates folder (it need not exist): a template there replaces the
    packaged one of the same name.

    A long-lived process passes the same ``cache`` (parsed records), ``store`` (rendered pages) and
    ``dates`` (git's answers: last-change dates and history) and ``feeds`` (the Atom feeds made, by what
    they show) to every build; a one-off build passes none.
    """
    base = build_factbase(content, cache)
    git = dates or GitDates()
    changed = git.of(base, content)
    history = git.site_history(base)
    renderer = Renderer(base, template_path(templates), site, changed, store, history)
    pages, home = renderer.pages(), renderer.home_extra()
    keys = [(kind, rid) for kind in base.entries for rid in base.entries[kind]]
    dumped = export.facts(base)
    atom = feed_files(base, history, renderer.title_of, site.name, site.url, feeds)
    provenance = "\n## Provenance of this fact base\n\n" + provenance_report(base).to_markdown()
    licence: export.Licence | None = site.extras.get("licence")
    exports = export.export_files(base, dumped, renderer.points, licence) | redirect_pages(base, site.url) | atom
    references = {f"{kind}/{rid}.md": cite.reference(kind, rid, renderer.label_of(kind, rid), site.name, site.url,
                                                     changed.get((kind, rid), ""), licence.name if licence else "")
                  for kind, rid in keys}
    for path, ref in references.items():
        exports.update(cite.files(ref, *path[:-3].split("/")))
    licence_url = licence.url if licence else ""
    return SiteFiles(
        base=base, pages=pages, exports=dict(sorted(exports.items())),
        additions={"index.md": home,  # the retractions go under the methodology's own Corrections section
                   "methodology.md": renderer.corrections() + provenance + "\n" + evidence_report(base).to_markdown()
                   + "\n" + about_rule(site.about_share)},
        titles={f"{kind}/{rid}.md": renderer.title_of(kind, rid) for kind, rid in keys},
        jsonld={f"{kind}/{rid}.md": script_json(record_jsonld(base, kind, rid, site.url, licence_url))
                for kind, rid in keys},
        sources={f"{kind}/{rid}.md": base.entries[kind][rid].raw.path for kind, rid in keys},
        feeds={page: feed for page in pages if (feed := feed_path(page)) in atom},
        citations={path: [(name, str(escape.text(value))) for name, value in cite.meta_tags(ref)]  # escaped once
                   for path, ref in references.items()},
        dumped=dumped)


def site_info(name: str, url: str, licence: export.Licence | None = None, repo_url: str = "",
              about_share: Decimal = ABOUT_SHARE, directory_urls: bool = True) -> SiteInfo:
    """What templates may say about the site: its name and address, the Data page's column dictionary, the
    content's licence, the repository that takes corrections, how far "about N" reaches (the plugin's
    ``about_share``) and whether pages are served as folders."""
    extras = {"data_columns": export.data_columns(), "repo_url": repo_url, "licence": licence}
    return SiteInfo(name=name, url=url, about_share=about_share, directory_urls=directory_urls, extras=extras)
