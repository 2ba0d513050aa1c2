"""Former ids: each old address redirects to one record, and never shadows a record that has that id now."""

from __future__ import annotations

from generator.check.link import FactBase
from generator.model.errors import Problem
from generator.model.kinds import KINDS
from generator.model.values import RESERVED_IDS


def former_id_problems(base: FactBase) -> list[Problem]:
    """A former id that is some record's id, a reserved word, or another record's former id too."""
    problems: list[Problem] = []
    for kind, entries in base.entries.items():
        claimed: dict[str, str] = {}
        for record_id, entry in sorted(entries.items()):
            for index, old in enumerate(getattr(entry.record, "former_ids", [])):
                message = _clash(base, kind, record_id, old, claimed)
                if message:
                    line, col = entry.raw.doc.position(("former_ids", index))
                    problems.append(Problem(entry.raw.display, line, col, f"former_ids[{index}]", message))
                claimed.setdefault(old, entry.raw.display)
    return problems


def _clash(base: FactBase, kind: str, record_id: str, old: str, claimed: dict[str, str]) -> str | None:
    if old == record_id:
        return f"'{old}' is this {KINDS[kind].singular}'s own id: list only the ids it had before"
    if old in base.entries[kind]:
        there = base.entries[kind][old].raw.display
        return (f"'{old}' is the id of {there}: its address cannot redirect here while that "
                f"{KINDS[kind].singular} has it (remove it here, or rename that {KINDS[kind].singular})")
    if old in RESERVED_IDS:
        return f"'{old}' is a reserved word and was never an id: remove it"
    if old in claimed:
        return f"'{old}' is also a former id of {claimed[old]}: an old address can lead to one record only"
    return None
