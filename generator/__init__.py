"""Research-site generator: YAML facts → validated, linked fact base → Markdown pages.

The stages run in one direction: ``load`` (files → parsed documents), ``validate``
(documents → schema models), ``link`` (models → one fact base with backlinks),
``render`` (fact base → pages). Everything is gathered and checked before
anything is written. Only ``plugin`` knows about MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError, Problem
from .link import FactBase, link
from .load import read_all
from .provenance import check_provenance
from .validate import validate

__all__ = ["ContentError", "FactBase", "Problem", "build_factbase"]


def build_factbase(content: Path) -> FactBase:
    """Load, validate and link every record under ``content``; raise ContentError listing every problem."""
    raws, problems = read_all(Path(content))
    validated = []
    invalid = set()
    for raw in raws:
        result = validate(raw)
        if isinstance(result, list):
            problems += result
            invalid.add((raw.kind, raw.id))
        else:
            validated.append((raw, result))
    base, link_problems = link(validated, invalid)
    problems += link_problems
    if not problems:  # evidence is only worth checking once every record and link is sound
        checked = check_provenance(base)
        problems = [p for p in checked if p.severity == "error"]
        base.warnings = [p for p in checked if p.severity == "warning"]
    if problems:
        raise ContentError(problems)
    return base
