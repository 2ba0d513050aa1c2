"""``research-site diff``: what changed in the facts since a git ref, in plain words or Markdown."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.commands.cli import main

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]


def _git(project: Path, *args: str) -> None:
    subprocess.run([*GIT, *args], cwd=project, check=True, capture_output=True)


@pytest.fixture
def repo(project: Path) -> Path:
    """The fixture tree committed in a fresh git repository."""
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "facts")
    return project


def _edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _write(repo: Path, name: str, text: str) -> None:
    (repo / "content" / name).write_text(text, encoding="utf-8")


def _diff(repo: Path, capsys: pytest.CaptureFixture[str], *args: str, ref: str = "HEAD") -> str:
    capsys.readouterr()
    assert main(["diff", ref, "--content", str(repo / "content"), *args]) == 0
    return capsys.readouterr().out


def _change_facts(repo: Path) -> None:
    _edit(repo, "figures/released-wire.yaml", "value: 105", "value: 104")
    _edit(repo, "figures/released-wire.yaml", "about 105 were freed", "about 104 were freed")
    _edit(repo, "figures/released-wire.yaml", "qualifier: about\n", "qualifier: about\nstatus: disputed\n"
                                                                     "notes: The wire later said 104.\n")
    _edit(repo, "actors/ada-leader.yaml", "  - A. Leader\n", "  - A. Leader\n  - Ada L.\n")
    _edit(repo, "actors/ada-leader.yaml", "    of: northland\n", '    of: northland\n    start: "2020"\n')
    _edit(repo, "events/ambassadors-briefing.yaml", "  - northland\n", "  - northland\n  - south-group\n"
                                                                      "topics: [humanitarian-pause]\n")
    _write(repo, "actors/east-league.yaml", "name: East League\ntype: organization\nsources: [wire-report]\n")
    (repo / "content" / "statements" / "group-rejects.yaml").unlink()


def test_plain_text_names_each_change(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _change_facts(repo)
    assert _diff(repo, capsys) == """\
Fact changes since HEAD: 1 added, 1 removed, 3 changed

Added:
  actor `east-league`: “East League”

Removed:
  statement `group-rejects`: “The group rejects talks while fighting continues.”

Changed:
  actor `ada-leader`: new alias `Ada L.`; role `President`: new start: 2020
  figure `released-wire`: value 105 → 104; citation `wire-report`: quote “about 105 were freed” → “about 104 were \
freed” (changed words: “about [-105-] {+104+} were freed”); new field notes: “The wire later said 104.”; status \
reported → disputed
  event `ambassadors-briefing`: new participant `south-group`; topics: added `humanitarian-pause`
"""


def test_markdown_is_ready_for_a_pull_request(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _change_facts(repo)
    assert _diff(repo, capsys, "--markdown") == """\
## Fact changes since `HEAD`

1 added, 1 removed, 3 changed.

### Added

- actor `east-league`: `East League`

### Removed

- statement `group-rejects`: `The group rejects talks while fighting continues.`

### Changed

- actor `ada-leader`
  - new alias `Ada L.`
  - role `President`: new start: `2020`
- figure `released-wire`
  - value `105` → `104`
  - citation `wire-report`: quote `about 105 were freed` → `about 104 were freed` (changed words: \
`about [-105-] {+104+} were freed`)
  - new field notes: `The wire later said 104.`
  - status `reported` → `disputed`
- event `ambassadors-briefing`
  - new participant `south-group`
  - topics: added `humanitarian-pause`
"""


def test_citations_added_and_removed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(repo, "figures/released-daily.yaml", "  - source: daily-report\n    quote: 110 people were released.\n",
          "  - wire-report\n")
    assert _diff(repo, capsys) == """\
Fact changes since HEAD: 0 added, 0 removed, 1 changed

Changed:
  figure `released-daily`: new citation `wire-report`; removed citation `daily-report`
"""


def test_defaults_and_short_forms_are_not_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(repo, "actors/northland.yaml", "country: NL\n", "country: NL\nstatus: reported\naliases: []\n")
    _edit(repo, "actors/south-group.yaml", "  - wire-report\n", "  - source: wire-report\n")
    assert _diff(repo, capsys) == "No fact changes since HEAD.\n"
    assert _diff(repo, capsys, "--markdown") == "## Fact changes since `HEAD`\n\nNo fact changes.\n"


def test_new_problems_are_listed_apart_from_old_ones(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo, "actors/broken.yaml", "name: Broken\ntype: persn\nsources: [daily-report]\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "broken actor")
    _edit(repo, "actors/broken.yaml", "name: Broken\n", "name: Broken\ncountry: XX\n")
    _edit(repo, "figures/released-daily.yaml", "value: 110", "value: 1,100")
    _write(repo, "figures/unreadable.yaml", "label: [\n")
    assert _diff(repo, capsys) == """\
Fact changes since HEAD: 1 added, 0 removed, 2 changed

Added:
  figure `unreadable`: cannot be read: see the problems below

Changed:
  actor `broken`: new field country: XX
  figure `released-daily`: value 110 → 1,100

New problems (2):
  content/figures/released-daily.yaml:3:8: value: '1,100' is not a plain number: write digits like 240 or 2.5 \
(no thousands separators, no leading zeros)
  content/figures/unreadable.yaml:2:1: not valid YAML: expected the node content, but found '<stream end>'

Problems already at HEAD (1):
  content/actors/broken.yaml:3:7: type: 'persn' is not allowed (did you mean 'person'?): use one of person, \
organization, state, armed-group, intergovernmental-organization, government-body
"""


def test_older_refs_and_branches_work(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _git(repo, "branch", "-M", "main")
    _edit(repo, "sources/wire-report.yaml", 'published: "2023-12"', 'published: "2023-12-20"')
    _git(repo, "commit", "-q", "-am", "more precise date")
    assert _diff(repo, capsys, ref="main~1") == """\
Fact changes since main~1: 0 added, 0 removed, 1 changed

Changed:
  source `wire-report`: published 2023-12 → 2023-12-20
"""
    assert _diff(repo, capsys, ref="main") == "No fact changes since main.\n"


def test_content_missing_at_the_ref_means_everything_is_new(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _git(project, "init", "-q")
    (project / "README").write_text("empty\n")
    _git(project, "add", "README")
    _git(project, "commit", "-q", "-m", "start")
    assert _diff(project, capsys).splitlines()[0] == "Fact changes since HEAD: 10 added, 0 removed, 0 changed"


@pytest.mark.parametrize(("ref", "message"), [
    ("no-such-branch", "research-site: unknown git ref 'no-such-branch'\n"),
    ("--output=x", "research-site: '--output=x' is not a git ref\n"),
])
def test_bad_refs_are_usage_errors(repo: Path, capsys: pytest.CaptureFixture[str], ref: str, message: str) -> None:
    assert main(["diff", "--content", str(repo / "content"), "--", ref]) == 2
    assert capsys.readouterr().err == message


def test_outside_a_repository_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(project.parent))
    assert main(["diff", "HEAD", "--content", str(project / "content")]) == 2
    assert capsys.readouterr().err == (f"research-site: diff needs a git repository, "
                                       f"and {project / 'content'} is not in one\n")


def test_a_changed_text_is_shown_in_full_with_the_changed_words_marked(repo: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    opening = "Northland's envoy to the talks, who has spoken for the president at every round since November, "
    _edit(repo, "actors/northland.yaml", "country: NL\n", f"country: NL\ndescription: {opening}and a former judge.\n")
    _git(repo, "commit", "-qam", "description")
    _edit(repo, "actors/northland.yaml", "and a former judge.", "and a former ambassador.")
    out = _diff(repo, capsys)
    assert (f"description “{opening}and a former judge.” → “{opening}and a former ambassador.” (changed words: "
            f"“{opening}and a former [-judge.-] {{+ambassador.+}}”)") in out
    assert "…" not in out


def test_an_added_figure_shows_its_value_unit_and_date(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(repo, "figures/released-radio.yaml", "label: People released\nmeasure: people-released\nvalue: 110\n"
                                                "qualifier: about\nunit: people\nas_of: 2023-12-01\n"
                                                "sources:\n  - source: daily-report\n    quote: about 110 people\n")
    (repo / "content" / "figures" / "released-wire.yaml").unlink()
    out = _diff(repo, capsys)
    assert "  figure `released-radio`: “People released”, about 110 people, 1 December 2023\n" in out
    assert "  figure `released-wire`: “People released during the pause”, about 105 people, November 2023\n" in out


def test_the_second_editions_fields_are_diffed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(repo, "statements/ada-ready.yaml", "speaker: ada-leader\n",
          "speaker: [ada-leader, northland]\nspeaker_description: the president and her state\n")
    _edit(repo, "figures/released-wire.yaml", "qualifier: about\n", "qualifier: more-than\npart_of: released-daily\n"
                                                                     "breakdown: {group: women}\n")
    _edit(repo, "sources/wire-report.yaml", "type: news-report\n", "type: news-report\nauthors: [Sam Writer]\n")
    out = _diff(repo, capsys)
    assert "statement `ada-ready`: speaker: added `northland`; new field speaker_description: " in out
    assert ("figure `released-wire`: qualifier about → more-than; new field part_of: released-daily; "
            "new field breakdown: {\"group\": \"women\"}") in out
    assert "source `wire-report`: authors: added “Sam Writer”" in out


def test_a_renamed_file_without_former_ids_is_named_with_what_to_add(repo: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Its old address would break: the reviewer sees which id to keep in former_ids."""
    _git(repo, "mv", "content/statements/ada-ready.yaml", "content/statements/ada-ready-again.yaml")
    hint = ("  statement `ada-ready-again` was `ada-ready`: add `former_ids: [ada-ready]` to "
            "content/statements/ada-ready-again.yaml so that the old address leads to it\n")
    out = _diff(repo, capsys)
    assert out.startswith("Fact changes since HEAD: 1 added, 1 removed, 0 changed\n")
    assert out.endswith("\nRenamed without a redirect (1):\n" + hint)
    _edit(repo, "statements/ada-ready-again.yaml", "kind: quote\n", "kind: quote\nformer_ids: [ada-ready]\n")
    assert "Renamed without a redirect" not in _diff(repo, capsys)
