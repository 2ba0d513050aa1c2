"""Every quoted passage in the bundled content is the reports' own words (issue 15).

A citation's ``quote`` must be a passage, or a contiguous part of one, that
``../shared/research/passages.md`` copies from the cited report, or a part of a
paragraph of the seed article for the seed's own record. Only whitespace,
typographic quotes and apostrophes, and dashes are forgiven. A ``locator`` must be
one that passages.md gives the passage (``para N``, ``caption``, ...), and a quote
found only in labelled passages must say which one.

Which passages belong to which source is read from passages.md itself, by the
source's ``url``: a page with its own section ("Stored URL") owns that section up to
any "Other stored ..." sub-list; a page named inside another page's section (a copy
of it) shares that section; a page in an "Other stored ..." list owns its own bullet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SHARED = ROOT.parent / "shared"
SEED_FILE = SHARED / "seeds" / "000_6c229be60933762a.txt"
PASSAGES_FILE = SHARED / "research" / "passages.md"
SOURCES_FILE = SHARED / "research" / "sources.md"
SEED_SOURCE = "madhyamam-potential-temporary-truce"
CITED = ("actors", "statements", "figures", "events")

pytestmark = pytest.mark.skipif(not (PASSAGES_FILE.exists() and SEED_FILE.exists()),
                                reason=f"../shared research notes not found under {SHARED}")

_TYPOGRAPHY = str.maketrans({**dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
                             **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
                             **dict.fromkeys("\u2013\u2014\u2012\u2015", "-")})


def norm(text: str) -> str:
    """Forgive only whitespace, quote marks and dashes."""
    return " ".join(text.translate(_TYPOGRAPHY).split())


def contains(passage: str, quote: str) -> bool:
    """``quote`` occurs in ``passage`` starting and ending on word boundaries."""
    haystack, needle = norm(passage), norm(quote)
    start = haystack.find(needle) if needle else -1
    while start != -1:
        end = start + len(needle)
        cut_before = start > 0 and haystack[start - 1].isalnum() and needle[0].isalnum()
        cut_after = end < len(haystack) and haystack[end].isalnum() and needle[-1].isalnum()
        if not (cut_before or cut_after):
            return True
        start = haystack.find(needle, start + 1)
    return False


# --- passages.md, read as passages -------------------------------------------

@dataclass(frozen=True)
class Passage:
    label: str | None  # "para 4", "caption", "dek", "title", "date line"; None when passages.md gives none
    text: str


_LABEL = re.compile(r"\bpara (\d+)(?: \([^)]*\))?: \"")
_NAMED = {"**Caption": "caption", "**Dek": "dek", "**Title as stored": "title", "**Date line": "date line"}
_OPENING = re.compile(r"(?::\*\* |: |\): | reads )\"")
_WHOLE = re.compile(r"^- \"(.*)\"\.?$")  # a bullet that is nothing but the page's words
_REMARK = re.compile(r"\s*\([^()]*\)\.?$")  # passages.md's own remark after a passage: "(the excerpt is cut here)."


def logical_lines(lines: list[str]) -> list[str]:
    """Bullets with their wrapped continuation lines joined."""
    joined: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(("- ", "#")) or not joined or not stripped:
            joined.append(stripped)
        else:
            joined[-1] += " " + stripped
    return [line for line in joined if line]


def passage_of(line: str) -> Passage | None:
    """The page's words a line of passages.md quotes, from its first opening quote to its last quote mark."""
    whole = _WHOLE.match(line)
    if whole:
        return Passage(None, whole.group(1))
    labelled = _LABEL.search(line)
    opening = labelled.end() - 1 if labelled else None
    if opening is None:
        found = _OPENING.search(line)
        opening = found.end() - 1 if found else None
    while (remark := _REMARK.search(line)) and remark.start() > (opening or 0):
        line = line[:remark.start()]
    closing = line.rfind('"')
    if opening is None or closing <= opening:
        return None
    label = f"para {labelled.group(1)}" if labelled else next(
        (name for marker, name in _NAMED.items() if line.lstrip("- ").startswith(marker)), None)
    return Passage(label, line[opening + 1:closing])


def _sections(text: str) -> list[list[str]]:
    sections: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.startswith("## "):
            sections.append([])
        sections[-1].append(line)
    return sections


def _bullet(lines: list[str], index: int) -> list[str]:
    """The bullet at ``index`` and every line indented under it."""
    indent = len(lines[index]) - len(lines[index].lstrip())
    block = [lines[index]]
    for line in lines[index + 1:]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        block.append(line)
    return block


def scope(url: str) -> tuple[list[str], bool]:
    """The lines of passages.md that hold the words of the page at ``url``, and whether its paragraph
    labels are this page's (a copy named in another page's section shares only its unlabelled passages)."""
    for lines in _sections(PASSAGES_FILE.read_text(encoding="utf-8")):
        pattern = re.compile(re.escape(url) + r"(?![\w/.-])")
        hits = [i for i, line in enumerate(lines) if pattern.search(line)]
        if not hits:
            continue
        index = hits[0]
        other = next((i for i, line in enumerate(lines) if line.startswith("**Other stored")), len(lines))
        if "Stored URL" in lines[index]:
            return lines[:other], True
        if lines[0].startswith("## Other stored") or index > other:
            return _bullet(lines, index), True
        return lines, False
    return [], False


def passages_for(url: str) -> list[Passage]:
    lines, own_labels = scope(url)
    found = [p for p in map(passage_of, logical_lines(lines)) if p is not None]
    return found if own_labels else [p for p in found if p.label is None]


def seed_paragraphs() -> list[Passage]:
    paragraphs = [line for line in SEED_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Passage(f"para {n}", text) for n, text in enumerate(paragraphs, start=1)]


# --- the content ------------------------------------------------------------------

def _load(kind: str) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((CONTENT / kind).glob("*.yaml"))}


SOURCES = _load("sources")
CITATIONS = [(kind, rid, index, c) for kind in CITED for rid, record in _load(kind).items()
             for index, c in enumerate(record.get("sources") or []) if isinstance(c, dict) and c.get("quote")]


def _passages(source_id: str) -> list[Passage]:
    if source_id == SEED_SOURCE:
        return seed_paragraphs()
    return passages_for(SOURCES[source_id]["url"])


def test_the_reader_of_passages_md_finds_the_reports_words() -> None:
    """The parser itself: labelled and unlabelled passages, nested quotes, captions, other pages' bullets."""
    toi = passages_for(SOURCES["toi-herzog-foreign-diplomats"]["url"])
    assert Passage("caption", "President Isaac Herzog meets with a group of foreign ambassadors at his Jerusalem "
                              "residence on December 19, 2023. (GPO)") in toi
    assert any(p.label == "para 2" and "more than 80 countries" in p.text for p in toi)
    assert not any("some 105" in p.text for p in toi), "the live blog's words are not S2's"
    zero_ready = passages_for("http://zero-ready.com/news/gaza-war-worlds-moral-failure-red-cross-chief-says")
    para3 = next(p.text for p in zero_ready if p.label == "para 3")
    assert para3.startswith('"There\'s nothing') and para3.endswith("southern Israel.")
    blog = passages_for("https://www.timesofisrael.com/liveblog_entry/herzog-israel-ready-for-another-truce-in-"
                        "exchange-for-hostages-aid-can-be-tripled/")
    assert Passage(None, "The seven-day pause last month brought home some 105 hostages.") in blog
    assert not any("84 Israelis" in p.text for p in blog), "Middle East Monitor's bullet is its own"
    assert len(seed_paragraphs()) == 9


@pytest.mark.parametrize("kind,rid,index,citation", CITATIONS,
                         ids=[f"{k}/{r}[{i}]" for k, r, i, _ in CITATIONS])
def test_every_quote_is_a_passage_of_its_source_with_its_locator(kind: str, rid: str, index: int,
                                                                 citation: dict) -> None:
    source = citation["source"]
    passages = _passages(source)
    assert passages, f"{source}: passages.md holds no passage of this source (is its url there?)"
    found = [p for p in passages if contains(p.text, citation["quote"])]
    where = f"{kind}/{rid} sources[{index}] ({source})"
    assert found, f"{where}: quote is not the source's words: {citation['quote']!r}"
    locator = citation.get("locator")
    labels = {p.label for p in found}
    named = sorted(label for label in labels if label is not None)
    if locator is not None:
        assert locator in named, f"{where}: locator {locator!r}, but passages.md gives it as {named or 'unlabelled'}"
    else:
        assert not named, f"{where}: give the locator passages.md gives this passage: {named}"


def test_a_day_given_in_words_is_in_the_quoted_passage() -> None:
    """date_given in words is the source's own words: so it must stand in the citation's quote (checked above)."""
    words = [(kind, rid, c) for kind in CITED for rid, record in _load(kind).items()
             for c in record.get("sources") or [] if isinstance(c, dict) and c.get("date_given")
             and not str(c["date_given"])[:1].isdigit()]
    assert words, "the bundled content records Breitbart's 'on Friday'"
    for kind, rid, citation in words:
        assert citation["date_given"] in (citation.get("quote") or ""), f"{kind}/{rid}: {citation['date_given']!r}"


def test_every_locator_is_on_a_quoted_citation() -> None:
    bare = [(kind, rid, i) for kind in CITED for rid, record in _load(kind).items()
            for i, c in enumerate(record.get("sources") or [])
            if isinstance(c, dict) and c.get("locator") and not c.get("quote")]
    assert not bare, f"a locator without a quote points at nothing we can check: {bare}"


def test_every_source_url_and_title_is_in_the_research_notes() -> None:
    notes = PASSAGES_FILE.read_text(encoding="utf-8") + SOURCES_FILE.read_text(encoding="utf-8")
    for sid, source in SOURCES.items():
        assert source["url"] in notes, f"sources/{sid}: url not in the research notes"
        title = source["title"]
        assert norm(title) in norm(notes) or title.endswith("(headline not recorded)"), (
            f"sources/{sid}: title is neither a recorded headline nor marked '(headline not recorded)'")


# --- the facts passages.md's FLAGS correct, one test each ---------------------------

@pytest.fixture(scope="module")
def base():  # type: ignore[no-untyped-def]
    from generator import build_factbase
    return build_factbase(CONTENT)


def _groups(base, measure: str):  # type: ignore[no-untyped-def]
    from generator.check.compare import measure_views
    return measure_views(base)[measure].groups


def _whole(base, measure: str):  # type: ignore[no-untyped-def]
    """The groups that compare totals, not parts."""
    return [g for g in _groups(base, measure) if not g.part]


def _all_text(kind: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((CONTENT / kind).glob("*.yaml")))


def test_countries_at_the_briefing_are_not_a_disagreement(base) -> None:  # type: ignore[no-untyped-def]
    """S2 says "some 80" and "more than 80"; S7 says "80 envoys", never "about 80"."""
    groups = _whole(base, "countries-at-herzog-ambassadors-briefing")
    assert groups and all(g.verdict != "disagree" for g in groups)
    amounts = {(f.value, f.qualifier) for f in base.records("figures").values()
               if f.measure == "countries-at-herzog-ambassadors-briefing"}
    assert amounts == {(80, "about"), (80, "more-than")}, "S2's two wordings, nothing else"
    for fid, fig in base.records("figures").items():
        for c in fig.sources:
            assert not (c.source == "ommcom-herzog-second-ceasefire" and fig.qualifier == "about"), fid
    assert "about 80" not in _all_text("events") + _all_text("figures")


def test_110_and_some_105_disagree_and_more_than_100_fits_110(base) -> None:  # type: ignore[no-untyped-def]
    from generator.check.compare import verdict
    figures = base.records("figures")
    total, blog, more = (figures[i] for i in ("released-hostages-total", "released-hostages-toi-liveblog",
                                               "released-hostages-more-than-100"))
    assert (total.value, blog.value, blog.qualifier, more.value, more.qualifier) == (
        110, 105, "about", 100, "more-than")
    assert verdict([total, blog]) == "disagree"
    assert verdict([total, more]) == "compatible"
    [group] = _whole(base, "hostages-released-november-truce")
    assert group.verdict == "disagree"
    sources = {c.source for fid in group.figure_ids for c in figures[fid].sources}
    assert sources == {"zero-ready-red-cross-moral-failure", "voi-reuters-spoljaric-remarks", "toi-liveblog-herzog-"
                       "another-truce", "ommcom-herzog-second-ceasefire", "daily-sabah-herzog-new-deal"}


def test_both_breakdowns_of_the_released_hostages(base) -> None:  # type: ignore[no-untyped-def]
    parts = {fid: f for fid, f in base.records("figures").items() if f.part_of == "released-hostages-total"}
    by_source = {fid: ({c.source for c in f.sources}, f.value, dict(f.breakdown)) for fid, f in parts.items()}
    assert sorted(by_source.values(), key=str) == sorted([
        ({SEED_SOURCE}, 86, {"group": "women and children"}),
        ({SEED_SOURCE}, 24, {"group": "foreign nationals"}),
        ({"middle-east-monitor-herzog-new-pause"}, 84, {"nationality": "Israeli"}),
        ({"middle-east-monitor-herzog-new-pause"}, 24, {"nationality": "foreign"})], key=str)
    assert "Only the seed article gives this split" in (parts["released-hostages-women-children-seed"].notes or "")


def test_palestinians_released_240_with_71_women_and_169_children(base) -> None:  # type: ignore[no-untyped-def]
    figures = base.records("figures")
    [group] = _whole(base, "palestinians-released-november-truce")
    assert group.verdict == "agree" and len(group.figure_ids) == 5
    assert {figures[fid].value for fid in group.figure_ids} == {240}
    parts = sorted((f.value, dict(f.breakdown)) for f in figures.values() if f.part_of == "released-palestinians-memo")
    assert parts == [(71, {"group": "women"}), (169, {"group": "children"})]


def test_hostages_still_held_130_more_than_100_about_129(base) -> None:  # type: ignore[no-untyped-def]
    held = {fid: f for fid, f in base.records("figures").items() if f.measure == "hostages-remaining-in-gaza"}
    assert sorted((f.value, f.qualifier, str(f.as_of)) for f in held.values()) == [
        (100, "more-than", "2023-12"), (129, "about", "2023-12"), (130, "exactly", "2023-12")]
    assert all(f.date_basis for f in held.values())
    assert "about 130" not in _all_text("figures") + _all_text("events") + _all_text("statements")
    [group] = _whole(base, "hostages-remaining-in-gaza")
    assert group.verdict == "disagree"


def test_s5_names_no_agency_and_is_not_afp(base) -> None:  # type: ignore[no-untyped-def]
    sources = base.records("sources")
    s5 = next(s for s in sources.values() if s.url == "http://zero-ready.com/news/gaza-war-worlds-moral-failure-"
                                                       "red-cross-chief-says")
    assert s5.agency is None and "AFP" not in s5.publisher + (s5.notes or "") + s5.title
    assert not any("afp" in sid and "zero-ready" in sid for sid in sources)
    reuters_copies = {sid for sid, s in sources.items() if s.agency == "reuters"}
    assert {"devdiscourse-reuters-red-cross-moral-failure", "jpost-reuters-red-cross-moral-failure"} <= reuters_copies
    quote2 = next(c.quote for c in base.records("statements")["spoljaric-urges-keep-negotiating"].sources
                  if c.source == "zero-ready-red-cross-moral-failure")
    assert "keep negotiating...\"" in norm(quote2 or ""), "the page's own ellipsis is kept"


def test_biden_is_dated_tuesday_12_december_and_friday_is_breitbarts(base) -> None:  # type: ignore[no-untyped-def]
    statement = base.records("statements")["biden-indiscriminate-bombing"]
    event = base.records("events")["biden-fundraiser-remarks"]
    for record, when in ((statement, statement.date), (event, event.date)):
        assert str(when) == "2023-12-12" and record.status == "confirmed"
        assert "Tuesday" in record.date_basis and "13 December 2023" in record.date_basis
    friday = [c for c in event.sources if "Friday" in (c.quote or "")]
    assert [c.source for c in friday] == ["breitbart-biden-fundraiser"]
    assert "Breitbart's claim" in (friday[0].summary or "")
    tuesday = {c.source for c in event.sources if "Tuesday" in (c.quote or "")}
    assert tuesday == {"conservative-institute-biden-indiscriminate-bombing", "anews-biden-starting-to-lose-support",
                       "ibtimes-afp-biden-warns-netanyahu", "nybreaking-biden-losing-support"}
    assert all((c.summary or "").startswith("Day given: Tuesday") for c in event.sources if c.source in tuesday), (
        "each source's day and the evidence for it")
    assert "campaign fundraiser" not in _all_text("statements") + _all_text("actors")


def test_the_monday_meeting_and_other_undated_days_stay_at_the_month(base) -> None:  # type: ignore[no-untyped-def]
    """S7 gives no calendar date for "Monday"; The Hill none for "Tuesday"."""
    assert str(base.records("events")["warsaw-meeting"].date) == "2023-12"
    assert str(base.records("events")["atlantic-council-discussion"].date) == "2023-12"
    assert str(base.records("statements")["kirby-deal-not-imminent"].date) == "2023-12"
    assert "18 December" not in _all_text("events") + _all_text("statements") + _all_text("actors")


def test_voi_wording_is_a_variant_not_the_same_words(base) -> None:  # type: ignore[no-untyped-def]
    statements = base.records("statements")
    for voi, reuters in (("spoljaric-moral-failure-voi", "spoljaric-moral-failure"),
                         ("spoljaric-urges-keep-negotiating-voi", "spoljaric-urges-keep-negotiating")):
        assert statements[voi].variant_of == reuters
        assert {c.source for c in statements[voi].sources} == {"voi-reuters-spoljaric-remarks"}
        assert "voi-reuters-spoljaric-remarks" not in {c.source for c in statements[reuters].sources}
        assert norm(statements[voi].text) != norm(statements[reuters].text)


def test_copies_and_agencies_are_recorded_as_the_pages_give_them(base) -> None:  # type: ignore[no-untyped-def]
    sources = base.records("sources")
    assert sources["yahoo-hill-herzog-humanitarian-pause"].copy_of == "hill-herzog-humanitarian-pause"
    assert "The Hill" not in sources["yahoo-hill-herzog-humanitarian-pause"].publisher
    assert sources["jpost-reuters-red-cross-moral-failure"].copy_of == "devdiscourse-reuters-red-cross-moral-failure"
    assert sources["devdiscourse-reuters-hamas-rejects-talks"].agency == "reuters"
    assert sources["middle-east-monitor-herzog-new-pause"].agency == "anadolu"
    assert sources["ibtimes-afp-biden-warns-netanyahu"].agency == "afp"
    assert sources["toi-liveblog-herzog-another-truce"].authors == ["Jacob Magid"]
    assert sources["nybreaking-biden-losing-support"].agency is None, "our notes say only 'AP-style text'"


def test_check_strict_report_passes_on_the_bundled_content() -> None:
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--strict", "--report", "--content",
                             str(CONTENT)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "no warning either"
    assert "\nevidence:\n" in result.stdout and "0 with neither" in result.stdout
