"""Research-site generator: YAML facts → validated, linked fact base → Markdown pages.

The stages run in one direction: ``load`` (files → parsed documents), ``validate``
(documents → schema models), ``link`` (models → one fact base with backlinks),
``render`` (fact base → pages), ``site.produce`` (every generated file, for any
engine). Everything is gathered and checked before anything is written. The MkDocs
glue is ``site.plugin`` (see ARCHITECTURE.md).
"""

from __future__ import annotations

from pathlib import Path

from generator.check.former import former_id_problems
from generator.check.link import FactBase, link
from generator.check.provenance import check_provenance
from generator.model.errors import ContentError, Problem
from generator.read.terms import load_terms, unused_terms
from generator.serve.cache import Loaded, RecordCache

__all__ = ["ContentError", "FactBase", "Problem", "RecordCache", "build_factbase", "check_loaded"]


def build_factbase(content: Path, cache: RecordCache | None = None) -> FactBase:
    """Load, validate and link every record under ``content``; raise ContentError listing every problem.

    A long-lived process (``mkdocs serve``) passes the same ``cache`` to every build, so that files
    whose bytes did not change are not parsed and validated again; without one, every file is.
    """
    base, problems = check_loaded((cache or RecordCache()).load(Path(content)))
    base.terms, term_problems = load_terms(Path(content))  # the names of measures and topics
    problems += term_problems
    if not problems:
        base.warnings += unused_terms(base, Path(content))
    if problems:
        raise ContentError(problems, base.warnings)
    return base


def check_loaded(loaded: Loaded) -> tuple[FactBase, list[Problem]]:
    """Link and check what the per-file stages loaded: the fact base and every error (warnings stay on it)."""
    problems = list(loaded.problems)
    base, link_problems = link(loaded.validated, loaded.invalid, loaded.broken)
    problems += link_problems + former_id_problems(base)
    # The evidence of every record whose file and links are sound is checked even when others are not, so an
    # editor sees every error and warning at once; a record with a problem of its own waits until it is fixed.
    checked = check_provenance(base, skip={p.path for p in problems}, partial=bool(problems))
    problems += [p for p in checked if p.severity == "error"]
    base.warnings = [p for p in checked if p.severity == "warning"]
    return base, problems
