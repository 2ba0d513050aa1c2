"""Every file of the site that the generator makes, for any engine: one function, one code path.

``produce`` loads, checks and renders a content tree into a :class:`SiteFiles`: the
generated Markdown pages, the open-data files, the text added to hand-written pages, and
what an engine shows besides a page's Markdown (each record page's title, JSON-LD and
YAML file). The MkDocs plugin hands these to MkDocs in memory; ``research-site generate``
writes the same bytes into a docs folder on disk (``generator/site/generate.py``).
Nothing here knows MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator import RecordCache, build_factbase
from generator.check.compare import ABOUT_SHARE, about_rule
from generator.check.evidence import evidence_report
from generator.check.link import FactBase
from generator.check.provenance import provenance_report
from generator.model.kinds import KINDS
from generator.model.records import Record
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
class Kept:
    """What a long-lived process (``mkdocs serve``) keeps between builds besides its page store: outputs that
    depend only on what they are made from, made again only when that changed. A build replaces each table
    with what it used, so nothing stale piles up."""

    feeds: dict[Hashable, bytes] = field(default_factory=dict)  # each Atom feed, by everything it shows
    citations: dict[cite.Reference, Citation] = field(default_factory=dict)  # a page's citation files and tags
    records: dict[tuple[str, str], RecordData] = field(default_factory=dict)  # a record's JSON, by (kind, id)
    jsonld: dict[tuple[str, str], JsonLd] = field(default_factory=dict)  # a record page's JSON-LD, by (kind, id)


Citation = tuple[dict[str, bytes], list[tuple[str, str]]]  # the .bib/.ris/.csl.json files, the escaped meta tags
JsonLd = tuple[Record, tuple[str, str, str], str]  # the record, its title and the site's address and licence, the
#                                                  script made from them (all that record_jsonld reads)
RecordData = tuple[Record, dict[str, Any], export.Encoded]  # the record (the same object while its file is
#                                                  unchanged), its JSON data and that data encoded


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
            store: PageStore | None = None, dates: GitDates | None = None, kept: Kept | None = None) -> SiteFiles:
    """Load, check and render ``content``; raises ContentError or RenderError, having changed nothing.

    ``templates`` is the site's own templates folder (it need not exist): a template there replaces the
    packaged one of the same name.

    A long-lived process passes the same ``cache`` (parsed records), ``store`` (rendered pages),
    ``dates`` (git's answers: last-change dates and history) and ``kept`` (feeds, citation files and each
    record's JSON, by what they are made from) to every build; a one-off build passes none.
    """
    base = build_factbase(content, cache)
    git = dates or GitDates()
    changed = git.of(base, content)
    history = git.site_history(base)
    renderer = Renderer(base, template_path(templates), site, changed, store, history)
    pages, home = renderer.pages(), renderer.home_extra()
    keys = [(kind, rid) for kind in base.entries for rid in base.entries[kind]]
    dumped, encoded = record_data(base, kept)
    atom = feed_files(base, history, renderer.title_of, site.name, site.url, kept.feeds if kept else None)
    provenance = "\n## Provenance of this fact base\n\n" + provenance_report(base).to_markdown()
    licence: export.Licence | None = site.extras.get("licence")
    exports = (export.export_files(base, dumped, renderer.points, licence, encoded) | redirect_pages(base, site.url)
               | atom)
    references = {f"{kind}/{rid}.md": cite.reference(kind, rid, renderer.label_of(kind, rid), site.name, site.url,
                                                     changed.get((kind, rid), ""), licence.name if licence else "")
                  for kind, rid in keys}
    citations = citation_outputs(references, kept)
    for files, _ in citations.values():
        exports.update(files)
    licence_url = licence.url if licence else ""
    return SiteFiles(
        base=base, pages=pages, exports=dict(sorted(exports.items())),
        additions={"index.md": home,  # the retractions go under the methodology's own Corrections section
                   "methodology.md": renderer.corrections() + provenance + "\n" + evidence_report(base).to_markdown()
                   + "\n" + about_rule(site.about_share)},
        titles={f"{kind}/{rid}.md": renderer.title_of(kind, rid) for kind, rid in keys},
        jsonld=jsonld_scripts(base, keys, renderer.title_of, site.url, licence_url, kept),
        sources={f"{kind}/{rid}.md": base.entries[kind][rid].raw.path for kind, rid in keys},
        feeds={page: feed for page in pages if (feed := feed_path(page)) in atom},
        citations={path: tags for path, (_, tags) in citations.items()},
        dumped=dumped)


def record_data(base: FactBase, kept: Kept | None) -> tuple[dict[str, dict[str, dict[str, Any]]],
                                                              dict[str, dict[str, export.Encoded]]]:
    """Every record's JSON data (``export.facts``) and its encoding (its JSON and CSV lines), by kind and id: a
    kept record's while its record is the same object (the record cache keeps an unchanged file's record)."""
    before = kept.records if kept else {}
    made: dict[tuple[str, str], RecordData] = {}
    dumped: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in KINDS}
    encoded: dict[str, dict[str, export.Encoded]] = {kind: {} for kind in KINDS}
    for kind in KINDS:
        for rid, record in sorted(base.records(kind).items()):
            entry = before.get((kind, rid))
            if entry is None or entry[0] is not record:
                data = export.dump(record)
                entry = (record, data, export.encode(kind, rid, data))
            made[kind, rid] = entry
            dumped[kind][rid], encoded[kind][rid] = entry[1], entry[2]
    if kept is not None:
        kept.records = made
    return dumped, encoded


def jsonld_scripts(base: FactBase, keys: list[tuple[str, str]], title_of: Callable[[str, str], str], site_url: str,
                   licence_url: str, kept: Kept | None) -> dict[str, str]:
    """Each record page's JSON-LD script, by page: a kept one while its record, title, address and licence are."""
    before = kept.jsonld if kept else {}
    made: dict[tuple[str, str], JsonLd] = {}
    for kind, rid in keys:
        record, made_from = base.get(kind, rid), (title_of(kind, rid), site_url, licence_url)
        entry = before.get((kind, rid))
        if entry is None or entry[0] is not record or entry[1] != made_from:
            entry = (record, made_from, script_json(record_jsonld(base, kind, rid, site_url, licence_url)))
        made[kind, rid] = entry
    if kept is not None:
        kept.jsonld = made
    return {f"{kind}/{rid}.md": entry[2] for (kind, rid), entry in made.items()}


def citation_outputs(references: dict[str, cite.Reference], kept: Kept | None) -> dict[str, Citation]:
    """Each record page's citation files and meta tags (escaped once), by page: a kept page's while its
    reference (title, address, date, licence) is the same."""
    before = kept.citations if kept else {}
    made: dict[cite.Reference, Citation] = {}
    out: dict[str, Citation] = {}
    for path, ref in references.items():
        made[ref] = out[path] = before.get(ref) or (
            cite.files(ref, *path[:-3].split("/")),
            [(name, str(escape.text(value))) for name, value in cite.meta_tags(ref)])
    if kept is not None:
        kept.citations = made
    return out


def site_info(name: str, url: str, licence: export.Licence | None = None, repo_url: str = "",
              about_share: Decimal = ABOUT_SHARE, directory_urls: bool = True) -> SiteInfo:
    """What templates may say about the site: its name and address, the Data page's column dictionary, the
    content's licence, the repository that takes corrections, how far "about N" reaches (the plugin's
    ``about_share``) and whether pages are served as folders."""
    extras = {"data_columns": export.data_columns(), "repo_url": repo_url, "licence": licence}
    return SiteInfo(name=name, url=url, about_share=about_share, directory_urls=directory_urls, extras=extras)
