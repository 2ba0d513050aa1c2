"""A dirty build's search index: each page's entries, new if the page was rebuilt, kept otherwise, in page order."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from generator.site.search_merge import merge_search_index


def entry(location: str, text: str) -> dict[str, Any]:
    return {"location": location, "title": text, "text": text}


def test_rebuilt_pages_replace_their_entries_and_the_order_is_the_pages() -> None:
    """Material's search plugin, as a dirty build leaves it: last build's index, and this build's rebuilt pages."""
    previous = [entry("a/", "a"), entry("a/#one", "a1"), entry("b/", "old b"), entry("c/", "c"),
                entry("gone/", "a removed page")]
    fresh = [entry("b/", "new b"), entry("b/#two", "b2"), entry("d/", "a new page")]
    search = SimpleNamespace(search_index_prev=SimpleNamespace(entries=previous),
                             search_index=SimpleNamespace(entries=fresh))
    config: Any = SimpleNamespace(plugins={"search": search})
    merge_search_index(config, ["a/", "d/", "b/", "c/"], {"b/", "d/"})
    assert [e["title"] for e in search.search_index.entries] == ["a", "a1", "a new page", "new b", "b2", "c"]
    assert search.search_index_prev is None  # Material must not merge the last index in again


def test_without_a_last_index_nothing_is_merged() -> None:
    search = SimpleNamespace(search_index_prev=None, search_index=SimpleNamespace(entries=[entry("a/", "a")]))
    config: Any = SimpleNamespace(plugins={"search": search})
    merge_search_index(config, ["a/"], {"a/"})
    assert search.search_index.entries == [entry("a/", "a")]
