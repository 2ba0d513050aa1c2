"""How the evidence is given: the source's words or the editors' summary, and how many reports (issue 15).

Counted from a linked fact base for ``check --report`` and the methodology page:

* **Citations**: how many give the source's own words (``quote``), how many give
  only the editors' ``summary``, and how many neither (the source is named only).
* **Quotations**: how many statements of kind ``quote`` are found word for word in
  the quoted passage of a citation (the rule of ``provenance.quote_found``).
* **Single report**: the statements and events whose citations all lead to one
  report, and the figures whose number no other report gives for the same measure,
  date and part (each figure is one report's number; the question is whether any
  other report counts the same thing). Copies of one report count once: a source's
  report is the end of its ``copy_of`` chain, so a wire story carried by two
  publishers is still one source.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.check.compare import measure_views
from generator.check.link import FactBase
from generator.check.provenance import quote_found
from generator.model.kinds import ACTORS, EVENTS, FIGURES, SOURCES, STATEMENTS
from generator.model.records import Cited

FACT_KINDS = ("statements", "figures", "events")


@dataclass(frozen=True)
class Evidence:
    citations: int
    quoted: int  # give the source's own words
    summarised: int  # give the editors' summary and no quote
    annotated: int  # give the source's words and an editors' summary beside them
    quotations: int  # statements of kind quote
    verbatim: int  # of those, found word for word in a cited passage
    single: tuple[tuple[str, str], ...]  # (kind, id) of facts resting on one report

    @property
    def bare(self) -> int:
        return self.citations - self.quoted - self.summarised

    def to_text(self) -> str:
        lines = ["evidence:",
                 f"  citations: {self.citations}, {self.quoted} with the source's words ({self.annotated} of them "
                 f"with an editors' summary too), {self.summarised} with only an editors' summary, "
                 f"{self.bare} with neither",
                 f"  quotations: {self.verbatim} of {self.quotations} found word for word in a cited passage",
                 f"  facts resting on a single report: {len(self.single)}"]
        lines += [f"  single report, {kind}: {', '.join(ids)}" for kind, ids in self._single_by_kind()]
        return "\n".join(lines)

    def to_markdown(self) -> str:
        lines = ["### Quotations, summaries and single reports", "",
                 f"Of {self.citations} citations, **{self.quoted}** give the source's own words (a passage "
                 f"copied exactly; {self.annotated} of them with the editors' summary beside it), "
                 f"**{self.summarised}** give only the editors' summary, and {self.bare} name the source "
                 "without either.",
                 "",
                 f"**{self.verbatim} of {self.quotations}** quotations are found word for word in a passage "
                 "their sources give.",
                 ""]
        if not self.single:
            return "\n".join(lines + ["Every statement, figure and event rests on more than one report.", ""])
        lines.append(f"**{len(self.single)}** statements, figures and events rest on a single report (copies of "
                     "one report count once; a figure, when no other report gives a number for the same thing):")
        lines += [f"- {kind.capitalize()}: " + ", ".join(f"[{rid}]({kind}/{rid}.md)" for rid in ids)
                  for kind, ids in self._single_by_kind()]
        return "\n".join(lines) + "\n"

    def _single_by_kind(self) -> list[tuple[str, list[str]]]:
        return [(kind, ids) for kind in FACT_KINDS
                if (ids := [rid for k, rid in self.single if k == kind])]


def report_of(base: FactBase, source_id: str) -> str:
    """The report a source carries: the end of its copy_of chain (link refuses circles)."""
    seen = {source_id}
    copy_of = base.get(SOURCES, source_id).copy_of
    while copy_of is not None and copy_of not in seen:
        seen.add(copy_of)
        source_id, copy_of = copy_of, base.get(SOURCES, copy_of).copy_of
    return source_id


def _reports(base: FactBase, records: list[Cited]) -> set[str]:
    return {report_of(base, c.source) for record in records for c in record.sources}


def single_report(base: FactBase) -> tuple[tuple[str, str], ...]:
    """Statements and events citing one report; figures whose number, with every other report's number for the
    same measure, date and part, comes from one report (a figure is one report's number by design)."""
    single = [(STATEMENTS.name, rid) for rid, statement in sorted(base.records(STATEMENTS).items())
              if len(_reports(base, [statement])) == 1]
    figures = base.records(FIGURES)
    lone = {fid for view in measure_views(base).values() for group in view.groups
            if len(_reports(base, [figures[fid] for fid in group.figure_ids])) == 1 for fid in group.figure_ids}
    single += [(FIGURES.name, fid) for fid in sorted(lone)]
    single += [(EVENTS.name, rid) for rid, e in sorted(base.records(EVENTS).items()) if len(_reports(base, [e])) == 1]
    return tuple(single)


def evidence_report(base: FactBase) -> Evidence:
    cited: list[Cited] = [record for kind in (ACTORS, STATEMENTS, FIGURES, EVENTS)
                          for record in base.records(kind).values()]
    citations = [c for record in cited for c in record.sources]
    quoted = sum(1 for c in citations if c.quote)
    summarised = sum(1 for c in citations if c.summary and not c.quote)
    annotated = sum(1 for c in citations if c.summary and c.quote)
    quotations = [s for s in base.records(STATEMENTS).values() if s.kind == "quote"]
    verbatim = sum(1 for s in quotations if any(c.quote and quote_found(s.text, c.quote) for c in s.sources))
    return Evidence(len(citations), quoted, summarised, annotated, len(quotations), verbatim, single_report(base))
