"""Human words for codes: measure and topic names (content/measures, content/topics), Babel's names and
dates, statement link texts, officials' statements, the Disagreements page (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import ContentError, build_factbase
from generator.model.values import PartialDate
from generator.packaged import TEMPLATES
from generator.render import words
from generator.render.cite import bibtex, reference
from generator.render.pages import Renderer

from conftest import ROOT


def _pages(content: Path) -> dict[str, str]:
    renderer = Renderer(build_factbase(content), TEMPLATES)
    return renderer.pages()


def test_a_measure_and_a_topic_are_shown_by_their_names(project: Path) -> None:
    content = project / "content"
    (content / "measures").mkdir()
    (content / "measures" / "people-released.yaml").write_text("name: People freed in the pause\n"
                                                               "description: As each source counts them.\n")
    (content / "topics").mkdir()
    (content / "topics" / "humanitarian-pause.yaml").write_text("name: Pauses for aid\n")
    pages = _pages(content)
    assert "## People freed in the pause\n" in pages["figures/index.md"]
    figure = pages["figures/released-daily.md"]
    assert "| Measure | [People freed in the pause](measure/people-released.md): As each source counts them&#46; |" \
        in figure  # the name links to the measure's chart page
    assert "# Topic: Pauses for aid\n" in pages["topics/humanitarian-pause.md"]
    assert "[Pauses for aid](../topics/humanitarian-pause.md)" in pages["statements/ada-ready.md"]
    assert "people&#45;released" not in pages["figures/index.md"]


def test_without_a_name_file_a_slug_is_shown_as_words(project: Path) -> None:
    pages = _pages(project / "content")
    assert "## People released\n" in pages["figures/index.md"]
    assert "# Topic: Humanitarian pause\n" in pages["topics/humanitarian-pause.md"]


def test_a_bad_name_file_is_an_error_with_its_place(project: Path) -> None:
    (project / "content" / "measures").mkdir()
    (project / "content" / "measures" / "people-released.yaml").write_text("name: People\ncolour: red\n")
    with pytest.raises(ContentError) as caught:
        build_factbase(project / "content")
    assert [str(p) for p in caught.value.problems] == [
        "content/measures/people-released.yaml:2:1: colour: unknown field 'colour': allowed fields are "
        "description, name"]


def test_a_name_file_for_an_unused_slug_is_a_warning(project: Path) -> None:
    (project / "content" / "topics").mkdir()
    (project / "content" / "topics" / "humanitarian-paus.yaml").write_text("name: Pause\n")
    warnings = [str(p) for p in build_factbase(project / "content").warnings]
    assert ("content/topics/humanitarian-paus.yaml:1:1: warning: no statement's or event's topics is "
            "'humanitarian-paus': rename the file to a slug in use, or remove it") in warnings


def test_codes_become_words_from_babel() -> None:
    assert words.language_name("he") == "Hebrew" and words.language_name("fr-CA") == "French (Canada)"
    assert words.country_name("IL") == "Israel" and words.country_name("NO") == "Norway"
    assert words.code_words("social-media-post") == "Social media post"
    assert words.actor_type("intergovernmental-organization") == "Intergovernmental organisation"


@pytest.mark.parametrize(("date", "text"), [(PartialDate(2023, 12, 19), "19 December 2023"),
                                            (PartialDate(2023, 12), "December 2023"), (PartialDate(2023), "2023")])
def test_one_date_style_as_precise_as_the_source(date: PartialDate, text: str) -> None:
    assert words.date_text(date) == text


def test_statement_links_carry_speaker_date_and_opening_words(project: Path) -> None:
    pages = _pages(project / "content")
    assert ("[Ada Leader&#44; 19 December 2023&#58; “Northland is ready for another pause&#46;”]"
            "(../statements/ada-ready.md)") in pages["sources/daily-report.md"]


def test_an_organisation_shows_its_officials_statements(project: Path) -> None:
    pages = _pages(project / "content")
    northland = pages["actors/northland.md"]
    assert "## Statements by Northland officials" in northland
    assert "(../statements/ada-ready.md)" in northland.split("## Statements by Northland officials")[1]
    assert "| 0 (and 1 by its officials) |" in pages["actors/index.md"]


def test_the_disagreements_page_lists_differing_figures_apart_from_compatible_wordings() -> None:
    """110 vs "about 105" differ; "about 80" and "more than 80" can both be true (issue 14/15): listed apart."""
    pages = _pages(ROOT / "content")
    page = pages["disagreements.md"]
    numbers, rest = page.split("## Numbers worded differently that can all be true")
    compatible, disputed = rest.split("## Disputed records")
    assert "(figures/released-hostages-total.md)" in numbers
    assert "countries-at-herzog-briefing" not in numbers
    assert "(figures/countries-at-herzog-briefing-toi.md)" in compatible
    assert "(figures/countries-at-herzog-briefing-toi-some.md)" in compatible
    assert "released-hostages-total" not in compatible
    assert "No record is disputed." in disputed  # Biden's day is now derived from the sources, not disputed


def test_a_bibtex_citation_escapes_what_latex_would_read() -> None:
    ref = reference("sources", "x", "50% of {all} #1_a & b", "Site", "https://example.org/s/", "2023-11-14")
    assert r"title = {{50\% of \{all\} \#1\_a \& b}}" in bibtex(ref)
    assert "url = {https://example.org/s/sources/x/}" in bibtex(ref)


def test_a_build_to_publish_needs_the_site_s_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitebuild import make_project, mkdocs_build  # noqa: PLC0415 - only this test builds a site

    project = make_project(ROOT / "tests" / "fixtures" / "content", tmp_path / "project")
    monkeypatch.delenv("RESEARCH_SITE_PREVIEW", raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)
    failed = mkdocs_build(project)
    assert failed.returncode == 1
    assert "site_url is empty, so citations and structured data carry no address: set the SITE_URL" in failed.stderr
    monkeypatch.setenv("SITE_URL", "https://research.example.org/")
    assert mkdocs_build(project).returncode == 0
    assert "https://research.example.org/statements/ada-ready/" in (
        project / "site" / "statements" / "ada-ready" / "index.html").read_text(encoding="utf-8")


def test_the_disagreements_page_lists_the_day_breitbart_gives_biden_s_fundraiser() -> None:
    """Issue 13: every statement whose date sources give differently, with the evidence one click away."""
    pages = _pages(ROOT / "content")
    dates = pages["disagreements.md"].split("## Dates the sources give differently")[1].split("## Disputed")[0]
    row = next(line for line in dates.splitlines() if "(events/biden-fundraiser-remarks.md)" in line)
    assert "| 12 December 2023 | [Breitbart](sources/breitbart-biden-fundraiser.md): “on Friday” |" in row
    assert "(statements/biden-indiscriminate-bombing.md)" in row  # the statement made there
    assert dates.count("\n| [") == 1  # no other bundled record is dated otherwise
    event = pages["events/biden-fundraiser-remarks.md"]
    assert "<br>⚠️ Dated otherwise by Breitbart: “on Friday” [^5] (" in event
    assert "Date it gives: “on Friday”." in event.split("[^5]: ")[1]
    statement = pages["statements/biden-indiscriminate-bombing.md"]
    assert ("⚠️ The sources give the date of [Biden&#39;s remarks on Israel at a fundraiser]"
            "(../events/biden-fundraiser-remarks.md), where this was said, differently") in statement


def test_a_source_s_other_day_is_listed_and_a_coarser_date_is_not(project: Path) -> None:
    content = project / "content"
    statement = content / "statements" / "ada-ready.yaml"
    statement.write_text(statement.read_text().replace("    locator: paragraph 2\n",
                                                       "    locator: paragraph 2\n    date_given: 2023-12\n"))
    rejects = content / "statements" / "group-rejects.yaml"
    rejects.write_text(rejects.read_text().replace("  - wire-report\n",
                                                   "  - source: wire-report\n    date_given: 2024-01-03\n"))
    pages = _pages(content)
    dates = pages["disagreements.md"].split("## Dates the sources give differently")[1].split("## Disputed")[0]
    assert "(statements/group-rejects.md)" in dates and "3 January 2024" in dates
    row = next(line for line in dates.splitlines() if "(statements/group-rejects.md)" in line)
    assert row.endswith("| — |")  # statements are made at events: only an event's row lists them
    assert "ada-ready" not in dates  # December 2023 can be 19 December 2023: shown, not listed
    assert "Date it gives: December 2023." in pages["statements/ada-ready.md"]
    assert "⚠️" not in pages["statements/ada-ready.md"].split("| Date |")[1].split("\n")[0]
    assert "<br>⚠️ Dated otherwise by Example Wire: 3 January 2024 [^1]" in pages["statements/group-rejects.md"]


def test_with_no_date_given_otherwise_the_page_says_so(project: Path) -> None:
    page = _pages(project / "content")["disagreements.md"]
    assert "No source gives a record a date other than the record's own." in page


def test_a_long_disagreements_section_is_paged_and_nothing_is_left_out(project: Path) -> None:
    """At 10,000 records the page was 556 KB: each section shows its first rows and pages the rest."""
    from generator.render.pages import DISAGREEMENT_PAGE_SIZE, DISAGREEMENT_PREVIEW  # noqa: PLC0415

    statements = project / "content" / "statements"
    disputed = (statements / "group-rejects.yaml").read_text()  # already disputed: one more than written here
    extra = DISAGREEMENT_PAGE_SIZE * 2
    for n in range(extra):
        (statements / f"disputed-{n:03d}.yaml").write_text(disputed)
    pages = _pages(project / "content")
    total = extra + 1
    overview = pages["disagreements.md"].split("## Disputed records")[1].split("## Retracted")[0]
    assert overview.count("\n| [") == DISAGREEMENT_PREVIEW
    assert f"The first {DISAGREEMENT_PREVIEW} of {total}: [all {total}](disagreements/disputed.md)." in overview
    paged = ["disagreements/disputed.md", "disagreements/disputed/page/2.md", "disagreements/disputed/page/3.md"]
    assert [p for p in pages if p.startswith("disagreements/")] == paged
    listed = [line for p in paged for line in pages[p].splitlines() if line.startswith("| [")]
    assert len(listed) == total and len(set(listed)) == total
    assert "# Disagreements: disputed records" in pages[paged[1]] and "Page 2 of 3:" in pages[paged[1]]
    assert "disagreements/numbers.md" not in pages  # short sections have no pages of their own
