"""What ``mkdocs serve`` watches: each folder once.

MkDocs watches the docs folder, then every ``watch`` entry, each with a poller of its own. Our docs
folder lives inside the content folder the plugin watches (``content/pages`` in ``content``), so a
saved page was seen by two pollers half a second apart and built twice, the second time in full at
scale. Only the outermost of nested folders is kept.
"""

from __future__ import annotations

import os


def outermost(paths: list[str]) -> list[str]:
    """``paths`` in their order, without any that is the same as one kept or lies inside another."""
    kept: list[str] = []
    for path in paths:
        within = any(inside(path, other) and not inside(other, path) for other in paths)
        if not within and not any(inside(path, other) for other in kept):
            kept.append(path)
    return kept


def inside(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or below it (both as absolute paths)."""
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
