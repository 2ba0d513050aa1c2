"""Provenance: quotes, numbers, sums and dates checked against the evidence records cite."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from generator import ContentError, build_factbase
from generator.check.provenance import check_provenance, numbers_in, provenance_report, quote_found

from conftest import FIXTURE_CONTENT, ROOT

STATEMENT = "content/statements/ada-ready.yaml"
DAILY = "content/figures/released-daily.yaml"


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def errors(project: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    return [str(p) for p in caught.value.problems]


def warnings(project: Path) -> list[str]:
    return [str(p) for p in build_factbase(project / "content").warnings]


def add_figure(project: Path, figure_id: str, body: str) -> None:
    text = f"label: Part\nmeasure: {figure_id}\n{body.strip()}\nsources:\n  - wire-report\n"
    (project / "content" / "figures" / f"{figure_id}.yaml").write_text(text, encoding="utf-8")


# --- quotes ------------------------------------------------------------------

def test_fixture_tree_has_no_provenance_problems() -> None:
    assert check_provenance(build_factbase(FIXTURE_CONTENT)) == []


def test_a_changed_word_is_an_error_showing_the_closest_passage(project: Path) -> None:
    edit(project, STATEMENT, "text: Northland is ready", "text: Northland is prepared")
    assert errors(project) == [
        f"{STATEMENT}:3:7: text: quote not found word for word in its citations (tried sources[0] daily-report); "
        'closest passage in daily-report, [-your text-] {+source+}: '
        '"Northland is [-prepared-] {+ready+} for another pause"']


@pytest.mark.parametrize(("old", "new", "shown"), [
    ("text: Northland is ready", "text: Southland is ready",
     '"[-Southland-] {+Northland+} is ready for another pause"'),
    ("another pause.", "another truce.", '"Northland is ready for another [-truce-] {+pause+}"'),
])
def test_a_changed_first_or_last_word_shows_the_source_s_word_too(project: Path, old: str, new: str,
                                                                  shown: str) -> None:
    """The closest window left the source's word out (dropping a mismatch raises the similarity), so the
    editor saw only their own word struck out, and not what the source says instead."""
    edit(project, STATEMENT, old, new)
    assert errors(project) == [
        f"{STATEMENT}:3:7: text: quote not found word for word in its citations (tried sources[0] daily-report); "
        f"closest passage in daily-report, [-your text-] {{+source+}}: {shown}"]


def test_an_unrelated_quote_says_no_passage_is_similar(project: Path) -> None:
    edit(project, STATEMENT, "text: Northland is ready for another pause.", "text: Talks are over.")
    assert errors(project) == [
        f"{STATEMENT}:3:7: text: quote not found word for word in its citations (tried sources[0] daily-report); "
        "no similar passage in the quoted words"]


def test_a_quote_statement_needs_a_citation_quote(project: Path) -> None:
    edit(project, STATEMENT, "\n    quote: '\"Northland is ready for another pause,\" she said.'", "")
    assert errors(project) == [
        f"{STATEMENT}:3:7: text: no citation gives the quoted words: add a quote: to a citation"]


def test_paraphrases_are_not_checked_word_for_word(project: Path) -> None:
    edit(project, STATEMENT, "kind: quote", "kind: paraphrase")
    edit(project, STATEMENT, "text: Northland is ready", "text: Northland would accept")
    assert build_factbase(project / "content").warnings == []


@pytest.mark.parametrize(("text", "passage"), [
    ("Northland is ready for another pause.", '"Northland is ready for another pause," she said.'),
    ("Northland is ready for another pause!", "Northland is ready for another pause"),
    ("It\u2019s \u201cready\u201d \u2014 now", "It's \"ready\" - now"),
    ("It's ready", "It\u2019s   ready\n today"),
    ("ready for another", "Northland is ready for another pause"),
])
def test_only_spacing_typography_and_final_punctuation_are_forgiven(text: str, passage: str) -> None:
    assert quote_found(text, passage)


@pytest.mark.parametrize(("text", "passage"), [
    ("Northland is ready for another pause.", "Northland is ready for a pause."),
    ("northland is ready", "Northland is ready"),
    ("Northland is ready, for another", "Northland is ready for another"),
    ("ready for another paus", "ready for another pause"),
    ("eady for another pause", "ready for another pause"),
])
def test_every_word_letter_and_inner_mark_must_match(text: str, passage: str) -> None:
    assert not quote_found(text, passage)


# --- numbers -----------------------------------------------------------------

def test_a_number_missing_from_the_quote_is_a_warning(project: Path) -> None:
    edit(project, DAILY, "value: 110", "value: 111")
    assert warnings(project) == [
        f"{DAILY}:3:8: warning: value: figure released-daily: 111 is not in the quoted words of any citation "
        "(tried sources[0] daily-report): quote the words that give it"]


def test_a_figure_without_a_quote_is_a_warning_at_each_number(project: Path) -> None:
    add_figure(project, "trucks", "min: 80\nmax: 90\nunit: trucks")
    assert warnings(project) == [
        "content/figures/trucks.yaml:3:6: warning: min: figure trucks: 80 has no quoted evidence: "
        "add a quote: to a citation that gives it",
        "content/figures/trucks.yaml:4:6: warning: max: figure trucks: 90 has no quoted evidence: "
        "add a quote: to a citation that gives it"]


def test_warnings_do_not_stop_the_build_but_strict_does(project: Path) -> None:
    edit(project, DAILY, "value: 110", "value: 111")
    run = [sys.executable, "-m", "generator", "check", "--content", str(project / "content")]
    lenient = subprocess.run(run, cwd=project, capture_output=True, text=True)
    strict = subprocess.run(run + ["--strict"], cwd=project, capture_output=True, text=True)
    assert lenient.returncode == 0 and lenient.stdout.startswith("ok: ")
    assert "warning: value: figure released-daily: 111" in lenient.stderr
    assert (strict.returncode, strict.stdout) == (1, "")
    assert strict.stderr.endswith("1 warning in content (errors with --strict)\n")


@pytest.mark.parametrize(("passage", "number"), [
    ("240 people", 240), ("1,200 trucks", 1200), ("1200 trucks", 1200), ("2.5 per cent", Decimal("2.5")),
    ("1.2 million", 1200000), ("eighty-six women", 86), ("eighty six women", 86),
    ("one hundred and ten hostages", 110), ("a dozen", 12), ("two dozen", 24), ("a hundred", 100),
    ("twenty-four hundred", 2400), ("nine hundred and ninety-nine", 999), ("freed \u201ctwenty\u2014four\u201d", 24),
])
def test_numbers_are_read_in_digits_and_words(passage: str, number: int | Decimal) -> None:
    assert Decimal(number) in numbers_in(passage)


@pytest.mark.parametrize(("passage", "number"), [
    ("1240 people", 240), ("route A240", 240), ("2400 people", 240), ("2.40 people", 240), ("v1.240", 240),
    ("twenty-four", 20), ("twenty-four", 4), ("one hundred and ten", 100), ("eighty and ninety", 170),
])
def test_numbers_match_whole_numbers_only(passage: str, number: int) -> None:
    assert Decimal(number) not in numbers_in(passage)


def test_and_joins_number_words_only_after_hundred_or_thousand() -> None:
    assert {Decimal(80), Decimal(90)} <= numbers_in("between eighty and ninety people")


def test_a_week_means_seven_only_for_days() -> None:
    for passage in ("a week", "a week-long truce", "one week", "week long"):
        assert Decimal(7) in numbers_in(passage, "days")
    assert Decimal(7) not in numbers_in("a week", "people")


# --- parts -------------------------------------------------------------------

def parts_tree(project: Path, women: str, foreign: str, unit: str = "people", when: str = "") -> None:
    period = when or "period:\n  start: 2023-11\n  end: 2023-11"
    add_figure(project, "women", f"{women}\nunit: people\n{period}")
    add_figure(project, "foreign", f"{foreign}\nunit: {unit}\nperiod:\n  start: 2023-11\n  end: 2023-11")
    edit(project, DAILY, "reported_by: northland\n", "reported_by: northland\nparts: [women, foreign]\n")


def test_parts_that_add_up_pass(project: Path) -> None:
    parts_tree(project, "value: 86", "value: 24")
    assert errors_or_none(project) is None


def test_parts_that_do_not_add_up_show_the_arithmetic(project: Path) -> None:
    parts_tree(project, "value: 86", "value: 20")
    assert errors(project) == [f"{DAILY}:9:8: parts: 86 + 20 = 106, but value is 110"]


def test_parts_ranges_are_summed_end_to_end(project: Path) -> None:
    parts_tree(project, "min: 80\nmax: 85", "value: 20")
    assert errors(project) == [f"{DAILY}:9:8: parts: 80\u201385 + 20 = 100\u2013105, but value is 110"]


def test_a_range_total_contains_the_sum(project: Path) -> None:
    parts_tree(project, "value: 86", "value: 24")
    edit(project, DAILY, "value: 110", "min: 100\nmax: 120")
    assert errors_or_none(project) is None


def test_a_sum_above_the_range_is_an_error(project: Path) -> None:
    parts_tree(project, "value: 86", "value: 30")
    edit(project, DAILY, "value: 110", "min: 100\nmax: 110")
    assert errors(project) == [f"{DAILY}:10:8: parts: 86 + 30 = 116, but range is 100\u2013110"]


def test_an_approximate_mismatch_is_only_a_warning(project: Path) -> None:
    parts_tree(project, "value: 86\nqualifier: about", "value: 20")
    assert [w for w in warnings(project) if ": parts:" in w] == [
        f"{DAILY}:9:8: warning: parts: 86 + 20 = 106, but value is 110"]


def test_parts_must_share_the_unit(project: Path) -> None:
    parts_tree(project, "value: 86", "value: 24", unit="families")
    assert errors(project) == [
        f"{DAILY}:9:16: parts[1]: 'foreign' counts families, not people: parts must share the total's unit"]


def test_parts_must_fall_within_the_total_period(project: Path) -> None:
    parts_tree(project, "value: 86", "value: 24", when="period:\n  start: 2023-11-24\n  end: 2023-12-01")
    assert errors(project) == [
        f"{DAILY}:9:9: parts[0]: 'women' is dated 24 November 2023 \u2013 1 December 2023, "
        "which is not within November 2023"]


def test_a_part_period_inside_the_total_period_fits(project: Path) -> None:
    parts_tree(project, "value: 86", "value: 24", when="period:\n  start: 2023-11-24\n  end: 2023-11-30")
    assert errors_or_none(project) is None


def errors_or_none(project: Path) -> list[str] | None:
    try:
        build_factbase(project / "content")
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return None


# --- dates -------------------------------------------------------------------

def test_a_statement_dated_after_every_source_is_an_error(project: Path) -> None:
    edit(project, STATEMENT, "date: 2023-12-19", "date: 2023-12-20")
    assert errors(project) == [
        f"{STATEMENT}:2:7: date: dated 2023-12-20, after every citing source was published (daily-report: 2023-12-19)"]


def test_date_precision_never_causes_a_false_error(project: Path) -> None:
    edit(project, "content/statements/group-rejects.yaml", "date: 2023-12", "date: 2023-12-31")
    assert errors_or_none(project) is None


def test_one_later_source_is_enough(project: Path) -> None:
    edit(project, STATEMENT, "date: 2023-12-19", "date: 2023-12-20")
    edit(project, STATEMENT, "    locator: paragraph 2\n", "    locator: paragraph 2\n  - wire-report\n")
    assert errors_or_none(project) is None


def test_a_source_without_a_publication_date_skips_the_check(project: Path) -> None:
    edit(project, "content/sources/daily-report.yaml", "published: 2023-12-19\n", "")
    edit(project, STATEMENT, "date: 2023-12-19", "date: 2023-12-20")
    assert errors_or_none(project) is None


def test_an_event_dated_after_its_sources_is_an_error(project: Path) -> None:
    edit(project, "content/events/ambassadors-briefing.yaml", "date: 2023-12-19", "start: 2024-01")
    assert errors(project) == [
        "content/events/ambassadors-briefing.yaml:2:8: start: dated 2024-01, after every citing source "
        "was published (daily-report: 2023-12-19)"]


# --- report ------------------------------------------------------------------

def test_report_counts_evidence_per_kind() -> None:
    report = provenance_report(build_factbase(FIXTURE_CONTENT))
    assert report.to_text() == """provenance:
  actors: 3 records, 1 with a quote
  statements: 2 records, 1 with a quote, 1 of 1 quotes verified
  figures: 2 records, 2 with a quote, 2 of 2 numbers verified
  events: 1 records, 0 with a quote
  sources: 2 sources, 0 with archive_url
  actors lacking evidence: ada-leader, south-group
  statements lacking evidence: group-rejects
  events lacking evidence: ambassadors-briefing"""


def test_report_as_markdown_for_the_methodology_page(project: Path) -> None:
    edit(project, DAILY, "value: 110", "value: 111")
    edit(project, "content/sources/wire-report.yaml", "published:", "archive_url: https://archive.example/x\npublished:")
    assert provenance_report(build_factbase(project / "content")).to_markdown() == """\
| Records | Count | With a quoted passage | Checked against the quote |
| --- | ---: | ---: | ---: |
| Actors | 3 | 1 | \u2013 |
| Statements | 2 | 1 | 1 of 1 |
| Figures | 2 | 2 | 1 of 2 |
| Events | 1 | 0 | \u2013 |

1 of 2 sources have an archived copy.

Records still lacking a quoted passage:
- Actors: ada-leader, south-group
- Statements: group-rejects
- Events: ambassadors-briefing
"""


def test_check_report_prints_after_the_summary() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--report", "--content", str(FIXTURE_CONTENT)],
                            cwd=ROOT, capture_output=True, text=True)
    lines = result.stdout.splitlines()
    assert (result.returncode, lines[0], lines[1]) == (
        0, "ok: 3 actors, 2 statements, 2 figures, 1 events, 2 sources", "provenance:")


def test_a_date_given_after_its_source_was_published_is_a_warning(project: Path) -> None:
    edit(project, STATEMENT, "    locator: paragraph 2\n", "    locator: paragraph 2\n    date_given: 2023-12-21\n")
    warnings = [str(w) for w in build_factbase(project / "content").warnings]
    assert ("content/statements/ada-ready.yaml:15:17: warning: sources[0].date_given: 2023-12-21 is after "
            "daily-report was published (2023-12-19): check the date, or the source") in warnings
    edit(project, STATEMENT, "date_given: 2023-12-21", "date_given: 2023-12-18")
    assert not [w for w in build_factbase(project / "content").warnings if "date_given" in str(w)]
