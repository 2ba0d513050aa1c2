"""The search index of a dirty build, made whole: what a full build's index holds, in its order.

Material's search plugin, in a dirty build, indexes only the rebuilt pages and merges
them into its last index assuming there is one. This gives it the whole index instead:
each page's entries (new if the page was rebuilt, kept otherwise) in the order of the
pages, as a full build lists them. It reaches into Material's plugin (``search_index``,
``search_index_prev``): the one place that does.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig


def merge_search_index(config: MkDocsConfig, pages: list[str], built: set[str]) -> None:
    """``pages``: every page's URL in build order; ``built``: the URLs of the pages this build rebuilt."""
    search = next((p for p in config.plugins.values() if hasattr(p, "search_index_prev")), None)  # Material's
    previous = getattr(search, "search_index_prev", None)
    if search is None or previous is None:
        return
    entries = by_page(previous.entries)
    for url in built:
        entries[url] = []
    for url, fresh in by_page(search.search_index.entries).items():
        entries.setdefault(url, []).extend(fresh)
    search.search_index.entries = merged(pages, entries)
    search.search_index_prev = None


def by_page(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Index entries grouped by the page they point into (a location is ``url`` or ``url#anchor``)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        grouped.setdefault(entry["location"].partition("#")[0], []).append(entry)
    return grouped


def merged(pages: list[str], entries: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Every page's entries, in the order of ``pages``."""
    return [entry for url in pages for entry in entries.get(url, [])]
