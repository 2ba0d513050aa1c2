"""A record page as a reference: its citation in BibTeX, RIS and CSL-JSON, and the meta tags Zotero reads.

Each record page cites itself as a web page of the site: the site as author and publisher, the record's
title, its full address and its last change. The access date is the reader's, so the files leave it out
(reference managers add it on import) and the page's cite line fills it in (``javascripts/cite.js``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_BIBTEX_WORDS = {"\\": r"\textbackslash{}", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}
_LINE_BREAKS = re.compile(r"\s+")


@dataclass(frozen=True)
class Reference:
    """What a citation of one record page says."""

    key: str  # '<kind>-<id>': unique in the site
    title: str
    site: str
    url: str  # absolute when the site's URL is configured, else the page's path
    changed: date | None  # the record's last change (git), else the build date
    licence: str = ""


def reference(kind: str, record_id: str, title: str, site: str, site_url: str, changed: str,
              licence: str = "") -> Reference:
    path = f"{kind}/{record_id}/"
    url = f"{site_url.rstrip('/')}/{path}" if site_url else f"/{path}"
    try:
        day: date | None = date.fromisoformat(changed)
    except ValueError:
        day = None
    return Reference(f"{kind}-{record_id}", title, site, url, day, licence)


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text).strip()


def _bibtex_text(text: str) -> str:
    """Text safe inside a braced BibTeX field: LaTeX's special characters escaped."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_WORDS.get(m.group(1), "\\" + m.group(1)), _one_line(text))


def bibtex(ref: Reference) -> str:
    fields = [("title", "{" + _bibtex_text(ref.title) + "}"),  # double braces: keep the title's capitals
              ("author", "{" + _bibtex_text(ref.site) + "}"),  # a corporate author, not "Last, First"
              ("organization", _bibtex_text(ref.site)),
              ("howpublished", "\\url{" + ref.url + "}"),
              ("url", ref.url)]
    if ref.changed:
        fields += [("year", str(ref.changed.year)), ("month", str(ref.changed.month)),
                   ("date", ref.changed.isoformat()), ("note", f"Last changed {ref.changed.isoformat()}")]
    if ref.licence:
        fields.append(("copyright", _bibtex_text(ref.licence)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{ref.key},\n{body}\n}}\n"


def ris(ref: Reference) -> str:
    lines = [("TY", "ELEC"), ("TI", _one_line(ref.title)), ("AU", _one_line(ref.site)), ("PB", _one_line(ref.site)),
             ("UR", ref.url), ("ID", ref.key)]
    if ref.changed:
        lines += [("PY", str(ref.changed.year)), ("DA", ref.changed.strftime("%Y/%m/%d"))]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)


def csl_json(ref: Reference) -> str:
    item: dict[str, object] = {"id": ref.key, "type": "webpage", "title": ref.title,
                               "author": [{"literal": ref.site}], "container-title": ref.site,
                               "publisher": ref.site, "URL": ref.url}
    if ref.changed:
        item["issued"] = {"date-parts": [[ref.changed.year, ref.changed.month, ref.changed.day]]}
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def files(ref: Reference, kind: str, record_id: str) -> dict[str, bytes]:
    """The three citation files of one record page, beside its JSON: ``<kind>/<id>.bib`` etc."""
    return {f"{kind}/{record_id}.bib": bibtex(ref).encode("utf-8"),
            f"{kind}/{record_id}.ris": ris(ref).encode("utf-8"),
            f"{kind}/{record_id}.csl.json": csl_json(ref).encode("utf-8")}


def meta_tags(ref: Reference) -> list[tuple[str, str]]:
    """Highwire Press and Dublin Core tags, which Zotero and other reference managers read from a page."""
    tags = [("citation_title", ref.title), ("citation_author", ref.site), ("citation_publisher", ref.site),
            ("citation_public_url", ref.url), ("DC.title", ref.title), ("DC.creator", ref.site),
            ("DC.publisher", ref.site), ("DC.identifier", ref.url), ("DC.type", "Text")]
    if ref.changed:
        tags += [("citation_date", ref.changed.strftime("%Y/%m/%d")), ("DC.date", ref.changed.isoformat())]
    if ref.licence:
        tags.append(("DC.rights", ref.licence))
    return tags
