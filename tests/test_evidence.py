"""The evidence report: the source's words or the editors' summary, and facts resting on one report (issue 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator import build_factbase
from generator.check.evidence import evidence_report

from conftest import FIXTURE_CONTENT, ROOT


def _append(project: Path, name: str, text: str) -> None:
    path = project / "content" / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_fixture_tree_counts() -> None:
    assert evidence_report(build_factbase(FIXTURE_CONTENT)).to_text() == """evidence:
  citations: 8, 4 with the source's words (0 of them with an editors' summary too), 0 with only an editors' \
summary, 4 with neither
  quotations: 1 of 1 found word for word in a cited passage
  facts resting on a single report: 3
  single report, statements: ada-ready, group-rejects
  single report, events: ambassadors-briefing"""


def test_a_figure_rests_on_one_report_when_no_other_report_counts_the_same_thing(project: Path) -> None:
    """released-daily and released-wire count the same measure from two reports; apart, each rests on one."""
    wire = project / "content" / "figures" / "released-wire.yaml"
    measure = next(line for line in wire.read_text(encoding="utf-8").splitlines() if line.startswith("measure:"))
    wire.write_text(wire.read_text(encoding="utf-8").replace(measure, "measure: trucks-let-in"), encoding="utf-8")
    single = evidence_report(build_factbase(project / "content")).single
    assert {("figures", "released-daily"), ("figures", "released-wire")} <= set(single)


def test_summaries_and_a_second_report_are_counted(project: Path) -> None:
    """A second citation from another report takes the event off the list; a summary is counted as one."""
    events = project / "content" / "events" / "ambassadors-briefing.yaml"
    summarised = "  - daily-report\n  - source: wire-report\n    summary: Says the briefing took place.\n"
    events.write_text(events.read_text(encoding="utf-8").replace("  - daily-report\n", summarised), encoding="utf-8")
    report = evidence_report(build_factbase(project / "content"))
    assert (report.citations, report.quoted, report.summarised, report.bare) == (9, 4, 1, 4)
    assert ("events", "ambassadors-briefing") not in report.single


def test_copies_of_one_report_count_once(project: Path) -> None:
    events = project / "content" / "events" / "ambassadors-briefing.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("  - daily-report\n",
                                                                 "  - daily-report\n  - wire-report\n"),
                      encoding="utf-8")
    assert ("events", "ambassadors-briefing") not in evidence_report(build_factbase(project / "content")).single
    _append(project, "sources/wire-report.yaml", "copy_of: daily-report\n")
    assert ("events", "ambassadors-briefing") in evidence_report(build_factbase(project / "content")).single


def test_markdown_for_the_methodology_page_links_each_fact() -> None:
    text = evidence_report(build_factbase(FIXTURE_CONTENT)).to_markdown()
    assert text.startswith("### Quotations, summaries and single reports\n\n"
                           "Of 8 citations, **4** give the source's own words")
    assert "**1 of 1** quotations are found word for word" in text
    assert "- Statements: [ada-ready](statements/ada-ready.md), [group-rejects](statements/group-rejects.md)" in text
    assert "- Figures:" not in text, "the two figures count one thing from two reports"


def test_check_report_prints_the_evidence() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--report", "--content", str(FIXTURE_CONTENT)],
                            cwd=ROOT, capture_output=True, text=True)
    assert "\nevidence:\n  citations: 8, 4 with the source's words" in result.stdout
