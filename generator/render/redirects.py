"""Stable addresses: a small HTML page at each former id's address that sends the reader to the record.

The page works without script (a meta refresh, as mkdocs-redirects writes them, plus a canonical link
for search engines and a plain link for the reader); ids are validated slugs, so they need no escaping.
"""

from __future__ import annotations

from generator.check.link import FactBase
from generator.model.values import check_slug

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved to {target}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>This record's address changed: it is now at <a href="{target}">{target}</a>.</p>
</body>
</html>
"""


def redirect_pages(base: FactBase, site_url: str = "") -> dict[str, bytes]:
    """``<kind>/<former id>/index.html`` → the page that sends a reader to ``<kind>/<id>/``."""
    pages: dict[str, bytes] = {}
    for kind, entries in base.entries.items():
        for record_id, entry in sorted(entries.items()):
            for old in getattr(entry.record, "former_ids", []):
                pages[f"{kind}/{check_slug(old)}/index.html"] = redirect_page(kind, record_id, site_url)
    return pages


def redirect_page(kind: str, record_id: str, site_url: str = "") -> bytes:
    target = f"../{check_slug(record_id)}/"  # from <kind>/<old>/ to <kind>/<id>/
    canonical = f"{site_url.rstrip('/')}/{kind}/{record_id}/" if site_url else target
    return PAGE.format(target=target, canonical=canonical).encode("utf-8")


def former_addresses(base: FactBase) -> dict[tuple[str, str], list[str]]:
    """Each record's former ids, for its history: (kind, id) → the ids it had before."""
    return {(kind, rid): list(entry.record.former_ids) for kind, entries in base.entries.items()
            for rid, entry in entries.items() if getattr(entry.record, "former_ids", None)}
