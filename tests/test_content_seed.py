"""The bundled fact base covers the seed article, and its quotations are exact.

These tests read the YAML files with PyYAML directly, so they do not depend on
the loader's API. They check three things:

1. every checkable claim of the seed article, sentence by sentence, is carried
   by the records listed for it, each citing the seed with a quote that
   contains the claim;
2. every ``kind: quote`` statement's text is word for word in one of its
   citation quotes;
3. every citation quote is a verbatim passage of the seed article or of the
   reports' own words kept in ``../shared/research/passages.md`` (when present;
   ``test_content_passages.py`` checks each quote against its own source's passages).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SHARED = ROOT.parent / "shared"
SEED_FILE = SHARED / "seeds" / "000_6c229be60933762a.txt"
DOSSIER_FILE = SHARED / "research" / "passages.md"

SEED_SOURCE = "madhyamam-potential-temporary-truce"
KINDS = ("actors", "statements", "figures", "events", "sources")

# The seed article, sentence by sentence: a distinctive part of each checkable
# claim, and the records (kind, id) that must carry it. Every listed record must
# cite the seed with a quote containing the claim's text.
CLAIMS: list[tuple[str, list[tuple[str, str]]]] = [
    # paragraph 1
    ("Israeli President Isaac Herzog", [("actors", "isaac-herzog")]),
    ("willingness to negotiate a new temporary truce with Hamas",
     [("statements", "herzog-ambassadors-ready-for-pause")]),
    # paragraph 2
    ("potential for a humanitarian pause during a gathering of ambassadors on Tuesday",
     [("statements", "herzog-seed-willing-to-negotiate-truce"), ("events", "herzog-ambassadors-briefing")]),
    ("readiness to facilitate the release of captives held by the Palestinian group",
     [("statements", "herzog-seed-willing-to-negotiate-truce"), ("actors", "hamas")]),
    # paragraph 3
    ("increasing pressure on Israel to halt its assault on Gaza",
     [("events", "international-pressure-on-israel")]),
    ("allow more humanitarian aid into the besieged territory",
     [("events", "international-pressure-on-israel")]),
    ("mediated by Qatar and Egypt",
     [("events", "late-november-truce"), ("actors", "qatar"), ("actors", "egypt")]),
    ("week-long truce in November",
     [("events", "late-november-truce"), ("figures", "november-truce-length")]),
    # paragraph 4
    ("Hamas released 86 women and children", [("figures", "released-hostages-women-children-seed")]),
    ("240 Palestinian women and teenagers held in Israeli jails", [("figures", "released-palestinians-seed")]),
    ("release of 24 foreign nationals", [("figures", "released-foreign-nationals-seed")]),
    # paragraph 5
    ("Recent talks held in Poland", [("events", "warsaw-meeting")]),
    ("Prime Minister Mohammed bin Abdulrahman Al Thani",
     [("events", "warsaw-meeting"), ("actors", "mohammed-bin-abdulrahman-al-thani")]),
    ("Mossad Director David Barnea",
     [("events", "warsaw-meeting"), ("actors", "david-barnea"), ("actors", "mossad")]),
    ("CIA Director Bill Burns", [("events", "warsaw-meeting"), ("actors", "william-burns"), ("actors", "cia")]),
    ("possibility of a new deal that could secure the release of hostages in exchange for Palestinians",
     [("events", "warsaw-meeting")]),
    ("coupled with a humanitarian pause in the fighting", [("events", "warsaw-meeting")]),
    # paragraph 6
    ("issued a statement on Tuesday rejecting any negotiations related to prisoner exchanges",
     [("statements", "hamas-rejects-prisoner-exchange-talks"), ("events", "hamas-statement-on-prisoner-talks")]),
    ('"continuing Israeli genocidal war."', [("statements", "hamas-rejects-prisoner-exchange-talks")]),
    ('openness to initiatives contributing to "ending the aggression"',
     [("statements", "hamas-open-to-initiatives-ending-aggression")]),
    ("facilitating the entry of aid", [("statements", "hamas-open-to-initiatives-ending-aggression")]),
    # paragraph 7 (its first sentence is the article's own assessment: see UNCHECKABLE)
    ("significant destruction in northern Gaza", [("events", "northern-gaza-destruction-displacement")]),
    ("mass displacement of the population to the southern part of the territory",
     [("events", "northern-gaza-destruction-displacement")]),
    ("crowded shelters and tent camps", [("events", "northern-gaza-destruction-displacement")]),
    # paragraph 8
    ("prompted international calls for Israel to scale back its offensive",
     [("statements", "france-calls-for-ceasefire"), ("statements", "united-kingdom-calls-for-ceasefire"),
      ("statements", "germany-calls-for-ceasefire")]),
    ("France, the United Kingdom, and Germany joined the chorus for a ceasefire",
     [("statements", "france-calls-for-ceasefire"), ("statements", "united-kingdom-calls-for-ceasefire"),
      ("statements", "germany-calls-for-ceasefire"), ("actors", "france"), ("actors", "united-kingdom"),
      ("actors", "germany")]),
    ('U.S. President Joe Biden characterized the bombing as "indiscriminate."',
     [("statements", "biden-indiscriminate-bombing"), ("events", "biden-fundraiser-remarks")]),
    ("U.S. President Joe Biden", [("actors", "joe-biden"), ("actors", "united-states")]),
    ("Security Council is expected to vote on a resolution later on Tuesday",
     [("events", "security-council-ceasefire-vote"), ("actors", "un-security-council")]),
    ("urging a halt to the ongoing fighting", [("events", "security-council-ceasefire-vote")]),
    # paragraph 9
    ("International Committee of the Red Cross (ICRC), Mirjana Spoljaric",
     [("actors", "icrc"), ("actors", "mirjana-spoljaric"), ("events", "icrc-geneva-press-conference")]),
    ('referred to the war in Gaza as a "moral failure" of the international community',
     [("statements", "spoljaric-moral-failure")]),
    ("called on both Israel and Hamas to reach a new truce", [("statements", "spoljaric-urges-keep-negotiating")]),
    ("impact on future generations in Gaza", [("statements", "spoljaric-urges-keep-negotiating")]),
]

# Seed sentences with nothing to attribute or count, and why.
UNCHECKABLE = {
    "In the latest diplomatic efforts to address the ongoing conflict in Gaza":
        "framing; its claim (Herzog's willingness) is listed above",
    "The statements from both Herzog and Hamas suggest some progress toward a potential truce":
        "the article's own assessment and speculation, attributed to no one",
}


_TYPOGRAPHY = str.maketrans({**dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
                             **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
                             **dict.fromkeys("\u2013\u2014\u2012\u2015", "-")})


def _collapse(text: str) -> str:
    """Whitespace runs as one space; typographic quotes, apostrophes and dashes as plain ones."""
    return " ".join(text.translate(_TYPOGRAPHY).split())


def _load_all() -> dict[tuple[str, str], dict]:
    records = {}
    for kind in KINDS:
        for path in sorted((CONTENT / kind).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert isinstance(data, dict), f"{path} is not a mapping"
            records[(kind, path.stem)] = data
    return records


RECORDS = _load_all()


def _citations(record: dict) -> list[dict]:
    return [{"source": c} if isinstance(c, str) else c for c in record.get("sources") or []]


def _seed_sentences(text: str) -> list[str]:
    protected = text.replace("U.S.", "U\u0000S\u0000")
    parts = re.split(r'(?<=[.!?])"?\s+(?=[A-Z])', protected)
    return [_collapse(p.replace("\u0000", ".")) for p in parts if p.strip()]


def test_seed_source_record_exists():
    source = RECORDS.get(("sources", SEED_SOURCE))
    assert source is not None, f"content/sources/{SEED_SOURCE}.yaml is missing"
    assert "madhyamamonline.com" in source["url"]
    assert "published" not in source, "the seed's publication date is not stated in the dossier"


@pytest.mark.parametrize("claim,holders", CLAIMS, ids=[c for c, _ in CLAIMS])
def test_seed_claim_is_represented(claim, holders):
    for kind, record_id in holders:
        record = RECORDS.get((kind, record_id))
        assert record is not None, f"{kind}/{record_id}.yaml is missing (it carries: {claim!r})"
        seed_quotes = [_collapse(c.get("quote") or "") for c in _citations(record) if c["source"] == SEED_SOURCE]
        assert seed_quotes, f"{kind}/{record_id} does not cite the seed source {SEED_SOURCE}"
        assert any(claim in q for q in seed_quotes), (
            f"{kind}/{record_id} cites the seed, but no seed quote contains {claim!r}")


def test_every_seed_sentence_is_accounted_for():
    if not SEED_FILE.exists():
        pytest.skip(f"seed article not found at {SEED_FILE} (../shared is absent)")
    sentences = _seed_sentences(SEED_FILE.read_text(encoding="utf-8"))
    assert len(sentences) >= 15
    missing = [s for s in sentences
               if not any(claim in s for claim, _ in CLAIMS)
               and not any(s.startswith(prefix) for prefix in UNCHECKABLE)]
    assert not missing, f"seed sentences with no listed claim: {missing}"
    for claim, _ in CLAIMS:
        assert claim in _collapse(SEED_FILE.read_text(encoding="utf-8")), f"claim not in the seed: {claim!r}"


def test_quote_statements_are_word_for_word():
    checked = 0
    for (kind, record_id), record in RECORDS.items():
        if kind != "statements" or record.get("kind", "quote") != "quote":
            continue
        text = _collapse(record["text"]).rstrip(".,;:!? ")  # a quotation often ends in the source's comma
        quotes = [_collapse(c.get("quote") or "") for c in _citations(record)]
        assert any(text in q for q in quotes), (
            f"statements/{record_id}: its text is not word for word in any citation quote")
        checked += 1
    assert checked >= 10


def test_citation_quotes_are_verbatim_in_seed_or_passages():
    if not (SEED_FILE.exists() and DOSSIER_FILE.exists()):
        pytest.skip(f"seed or passages.md not found under {SHARED} (../shared is absent); cannot verify quotes")
    corpus = [_collapse(SEED_FILE.read_text(encoding="utf-8")), _collapse(DOSSIER_FILE.read_text(encoding="utf-8"))]
    bad = []
    for (kind, record_id), record in RECORDS.items():
        for citation in _citations(record):
            quote = citation.get("quote")
            if quote and not any(_collapse(quote) in text for text in corpus):
                bad.append(f"{kind}/{record_id} -> {citation['source']}: {quote!r}")
    assert not bad, "citation quotes not found verbatim in the seed or passages.md:\n" + "\n".join(bad)


NUMBER_WORDS = {4: ("four",), 7: ("week", "seven")}


def test_figure_numbers_appear_in_a_citation_quote():
    for (kind, record_id), record in RECORDS.items():
        if kind != "figures":
            continue
        quotes = " ".join(c.get("quote") or "" for c in _citations(record))
        for field in ("value", "min", "max"):
            if field in record:
                number = record[field]
                spelled = (str(number),) + NUMBER_WORDS.get(number, ())
                assert any(re.search(rf"\b{re.escape(s)}", quotes) for s in spelled), (
                    f"figures/{record_id}: {field} {number} does not appear in any citation quote")


def test_parts_add_up():
    for (kind, record_id), record in RECORDS.items():
        if kind == "figures" and record.get("parts"):
            missing = [p for p in record["parts"] if ("figures", p) not in RECORDS]
            assert not missing, f"figures/{record_id}: parts {missing} do not exist"
            parts = [RECORDS[("figures", p)]["value"] for p in record["parts"]]
            assert sum(parts) == record["value"], f"figures/{record_id}: parts {parts} do not add up"


PASSAGES_FILE = SHARED / "research" / "passages.md"  # the reports' own words (sources.md summarises them)


def test_citation_quotes_are_the_sources_own_words():
    """A quote is only ever the source's words: a passage of the seed or of passages.md (typography forgiven)."""
    if not (SEED_FILE.exists() and PASSAGES_FILE.exists()):
        pytest.skip(f"seed or passages not found under {SHARED} (../shared is absent); cannot verify quotes")
    from generator.check.provenance import normalise

    corpus = [normalise(SEED_FILE.read_text(encoding="utf-8")), normalise(PASSAGES_FILE.read_text(encoding="utf-8"))]
    bad = [f"{kind}/{record_id} -> {citation['source']}: {citation['quote']!r}"
           for (kind, record_id), record in RECORDS.items() for citation in _citations(record)
           if citation.get("quote") and not any(normalise(citation["quote"]) in text for text in corpus)]
    assert not bad, "citation quotes that are not the source's own words (make them summary):\n" + "\n".join(bad)


def test_editors_sentences_are_not_quotes():
    """The two citations that were the editors' own sentences are no longer given as a source's words."""
    quotes = [c.get("quote") or "" for (kind, _), record in RECORDS.items() for c in _citations(record)]
    assert not any("the sources disagree on the day" in q for q in quotes)
    assert not any("reports the same remarks and dates its report 20 December" in q for q in quotes)
