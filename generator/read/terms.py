"""The names of shared slugs: ``content/measures/*.yaml`` and ``content/topics/*.yaml`` (both optional).

A figure's ``measure`` and a statement's or event's ``topics`` are slugs, kept in URLs and data; a reader
sees the name given here. A few files at most, read and checked on every build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.check.validate import validate_as
from generator.model.errors import Problem
from generator.model.records import VOCABULARIES, Term
from generator.read.load import _files_below, display_path, read_record

Terms = dict[str, dict[str, Term]]  # vocabulary ('measures', 'topics') -> slug -> its name


def load_terms(content: Path) -> tuple[Terms, list[Problem]]:
    """Every Term file under ``content``, checked like a record file (same errors, same positions)."""
    terms: Terms = {vocabulary: {} for vocabulary in VOCABULARIES}
    problems: list[Problem] = []
    root = content.parent
    for vocabulary in VOCABULARIES:
        folder = content / vocabulary
        if not folder.is_dir() or folder.is_symlink():
            continue
        for path, unreadable in _files_below(folder):  # links, FIFOs and devices refused as for records
            if unreadable or path.suffix != ".yaml":
                problems.append(Problem(display_path(path, root), 1, 1, "", unreadable
                                        or f"not a name file: {vocabulary}/ holds <slug>.yaml files only"))
                continue
            raw = read_record(vocabulary, path, root)
            result = raw if isinstance(raw, list) else validate_as(raw, Term)
            if isinstance(result, list):
                problems += result
            else:
                terms[vocabulary][path.stem] = result
    return terms, problems


def unused_terms(base: Any, content: Path) -> list[Problem]:
    """A name file for a slug no record uses is a typo or a leftover: say which (``base``: the linked FactBase).
    A warning (``check --strict`` fails on it), so that removing a measure's last figure still builds."""
    used = {"measures": {figure.measure for figure in base.records("figures").values()},
            "topics": {topic for kind in ("statements", "events") for record in base.records(kind).values()
                       for topic in record.topics}}
    terms: Terms = base.terms
    owners = {"measures": "figure's measure", "topics": "statement's or event's topics"}
    return [Problem(display_path(content / vocabulary / f"{slug}.yaml", content.parent), 1, 1, "",
                    f"no {owners[vocabulary]} is '{slug}': rename the file to a slug in use, or remove it",
                    severity="warning")
            for vocabulary, named in terms.items() for slug in sorted(named) if slug not in used[vocabulary]]
