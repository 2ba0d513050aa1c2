"""Stage 4: does the evidence say what the record says? (issue 8)

Runs on a linked fact base and checks each record against the ``quote`` its
citations give:

* **Quotes.** A statement of kind ``quote`` must appear word for word in the
  ``quote`` of at least one citation. Only these differences are forgiven:
  runs of whitespace (including line breaks) count as one space; typographic
  apostrophes and single quotes (‘ ’ ‚ ‛ ′) count as ``'``, typographic double
  quotes (“ ” „ ‟ ″) as ``"``, and the dashes – — ‒ ― as ``-``; and one run of
  terminal punctuation (``. , ; : ! ?``) at the end of the statement's text is
  ignored, because a quoted sentence often ends inside the source's quotation
  marks with a comma (``"… another pause," she said``). Letter case, inner
  punctuation and every word must match, and the match must start and end on
  word boundaries. A mismatch is an error.
* **Numbers.** A figure's value (or each of its min and max) must appear in the
  ``quote`` of at least one citation, written in digits (``240``, ``1,200``,
  ``1200``, ``2.5``, ``1.2 million``) or in words (``eighty-six``, ``eighty six``,
  ``one hundred and ten``, ``a dozen``, ``two dozen``, ``a hundred``); for a
  figure counted in days, ``a week``, ``one week`` and ``week-long`` mean 7.
  Digits match whole numbers only: 240 is not found in 1240 or 2400. A miss is
  a warning: the words may be in the source but not yet quoted.
* **Parts** (``parts`` and ``part_of``): see :mod:`generator.check.parts`.
* **Dates.** A statement or event dated after the publication of every source
  that cites it is an error (checked only when every citing source gives
  ``published``, and only when even the earliest reading of the record's date
  falls after the latest reading of each publication date).
"""

from __future__ import annotations

import difflib
import functools
import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from generator.check.link import Entry, FactBase, problem_at
from generator.check.parts import excess_problems, part_of_problems, parts_problems
from generator.model.errors import Problem
from generator.model.kinds import CITED_KINDS, SOURCES
from generator.model.records import Citation, Cited, Event, Figure, Record, Statement
from generator.model.values import PartialDate

DASH = "\u2013"

# --- normalising -----------------------------------------------------------

_TYPOGRAPHY = str.maketrans({**dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
                             **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
                             **dict.fromkeys("\u2013\u2014\u2012\u2015", "-")})
_TERMINAL = ".,;:!?"


def normalise(text: str) -> str:
    """Forgive only typography, spacing and encoding: quotes, apostrophes, dashes, whitespace, and
    composed or decomposed accents (NFC: "é" typed as one character or as e + U+0301)."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY).split())


def quote_needle(text: str) -> str:
    """The statement's words as they must appear in the source (terminal punctuation dropped)."""
    return normalise(text).rstrip(_TERMINAL + " ")


CHECKED_TEXTS = 1 << 16  # results kept per pure text check: a serve rebuild asks again for every record


@functools.lru_cache(maxsize=CHECKED_TEXTS)
def quote_found(text: str, passage: str) -> bool:
    """The needle occurs in the passage starting and ending on word boundaries.

    One ``str.find`` over both texts with a mark at every word boundary: CPython's search is linear
    for long needles, where trying each occurrence in turn was quadratic ("a a a …" in itself).
    """
    needle = quote_needle(text)
    return bool(needle) and _marked(needle) in _marked(normalise(passage))


_BOUNDARY = "\x00"  # never in a field: the loader refuses control characters
_EDGE = re.compile(r"\b")


def _marked(text: str) -> str:
    """``text`` with a mark at each word boundary: the needle's own marks then demand them in the passage."""
    return _EDGE.sub(_BOUNDARY, text)


# --- where problems point --------------------------------------------------

def quoted_citations(record: Record) -> list[tuple[int, Citation]]:
    """(index, citation) for every citation that gives the source's words."""
    return [(i, c) for i, c in enumerate(record.sources) if c.quote] if isinstance(record, Cited) else []


def _tried(cited: list[tuple[int, Citation]]) -> str:
    return ", ".join(f"sources[{i}] {c.source}" for i, c in cited)


# --- 1. quotes ---------------------------------------------------------------

Token = tuple[str, bool]  # (text, preceded by a space)
_TOKEN = re.compile(r"\w+(?:['-]\w+)*|[^\w\s]")
MIN_SIMILARITY = 0.3


def tokens(text: str) -> list[Token]:
    return [(m.group(), m.start() > 0 and text[m.start() - 1] == " ") for m in _TOKEN.finditer(text)]


def _similarity(a: list[Token], b: list[Token]) -> float:
    return difflib.SequenceMatcher(None, [t for t, _ in a], [t for t, _ in b], autojunk=False).ratio()


MAX_COMPARED = 64  # windows compared in full, the most promising first
MAX_COMPARED_WORK = 1_000_000  # and at most this many token pairs in all: the check stays linear


def _windows(words: list[Token], size: int) -> Iterator[tuple[int, int]]:
    """(start, width) of every run of source tokens a little shorter or longer than the statement."""
    for width in range(max(1, size - 2), size + 3):
        for start in range(max(1, len(words) - width + 1)):
            yield start, width


def _shared(needle: list[Token], words: list[Token]) -> Iterator[int]:
    """For each window, in the order of ``_windows``, how many tokens it shares with the needle (as
    multisets): an upper bound on the matches difflib can find. One sliding pass per width."""
    wanted = Counter(t for t, _ in needle)
    for width in range(max(1, len(needle) - 2), len(needle) + 3):
        have: Counter[str] = Counter()
        shared = 0
        for token, _ in words[:width]:
            shared += have[token] < wanted[token]
            have[token] += 1
        yield shared
        for start in range(1, max(1, len(words) - width + 1)):
            gone, new = words[start - 1][0], words[start + width - 1][0]
            have[gone] -= 1
            shared -= have[gone] < wanted[gone]
            shared += have[new] < wanted[new]
            have[new] += 1
            yield shared


def closest_passage(text: str, cited: list[tuple[int, Citation]]) -> tuple[str, list[Token], float]:
    """(source id, tokens, similarity) of the passage most like the statement's text."""
    source, words, start, width, score = closest_window(text, cited)
    return source, words[start:start + width], score


def closest_window(text: str, cited: list[tuple[int, Citation]]) -> tuple[str, list[Token], int, int, float]:
    """(source id, the quote's tokens, start, width, similarity) of the window most like the statement's text.

    Every window gets an upper bound on its similarity in one linear pass; windows are then compared
    in full from the best bound down, stopping when no bound can beat the best found (so the answer is
    the exhaustive one) or when MAX_COMPARED windows or MAX_COMPARED_WORK token pairs are spent.
    """
    needle = tokens(quote_needle(text))
    best: tuple[str, list[Token], int, int, float] = ("", [], 0, 0, -1.0)
    best_order, work = -1, 0
    for negative, order, source, words, start, width in heapq.nsmallest(MAX_COMPARED, _ranked(needle, cited)):
        window = words[start:start + width]
        work += len(needle) * len(window)
        if -negative < best[4] or work > MAX_COMPARED_WORK:
            break
        score = _similarity(needle, window)
        if score > best[4] or (score == best[4] and order < best_order):  # ties: the first, as read
            best, best_order = (source, words, start, width, score), order
    return best


def widened(needle: list[Token], words: list[Token], start: int, width: int) -> list[Token]:
    """The window with as many more source words at each end as the statement has unmatched words there.

    The most similar window leaves out a changed first or last word (dropping a mismatch raises the
    similarity), so the editor saw only their own word struck out; widened, the source's word shows beside it.
    """
    window = words[start:start + width]
    opcodes = difflib.SequenceMatcher(None, [t for t, _ in needle], [t for t, _ in window],
                                      autojunk=False).get_opcodes()
    if not opcodes:
        return window
    (first, i1, i2, _, _), (last, k1, k2, _, _) = opcodes[0], opcodes[-1]
    before = i2 - i1 if first == "delete" else 0
    after = k2 - k1 if last == "delete" else 0
    return words[max(0, start - before):start + width + after]


def _ranked(needle: list[Token], cited: list[tuple[int, Citation]]
            ) -> Iterator[tuple[float, int, str, list[Token], int, int]]:
    """(-bound, order, source, tokens, start, width) for every window of every citation."""
    order = 0
    for _, citation in cited:
        words = tokens(normalise(citation.quote or ""))
        for (start, width), shared in zip(_windows(words, len(needle)), _shared(needle, words), strict=True):
            size = min(width, len(words) - start)
            bound = 2 * shared / (len(needle) + size) if needle or size else 0.0
            yield -bound, order, citation.source, words, start, width
            order += 1


def _render(words: list[Token]) -> str:
    return "".join((" " if space else "") + word for word, space in words).strip()


def marked_difference(text: str, passage: list[Token]) -> str:
    """The passage with ``[-statement only-]`` and ``{+source only+}`` words marked."""
    mine = tokens(quote_needle(text))
    pieces = []
    matcher = difflib.SequenceMatcher(None, [t for t, _ in mine], [t for t, _ in passage], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(_render(passage[j1:j2]))
        if op in ("delete", "replace"):
            pieces.append(f"[-{_render(mine[i1:i2])}-]")
        if op in ("insert", "replace"):
            pieces.append(f"{{+{_render(passage[j1:j2])}+}}")
    return " ".join(pieces)


def quote_problem(entry: Entry[Statement]) -> Problem | None:
    """A quote statement whose words no citation gives word for word."""
    statement = entry.record
    if statement.kind != "quote":
        return None
    cited = quoted_citations(statement)
    if not cited:
        return problem_at(entry, ("text",), "no citation gives the quoted words: add a quote: to a citation")
    if any(quote_found(statement.text, c.quote or "") for _, c in cited):
        return None
    return problem_at(entry, ("text",), f"quote not found word for word in its citations "
                                      f"(tried {_tried(cited)}); {_closest_text(statement.text, cited)}")


def _closest_text(text: str, cited: list[tuple[int, Citation]]) -> str:
    needle = tokens(quote_needle(text))
    if len(needle) ** 2 > MAX_COMPARED_WORK:
        return "the text is too long to show the closest passage"
    source, words, start, width, score = closest_window(text, cited)
    if score < MIN_SIMILARITY:
        return "no similar passage in the quoted words"
    passage = widened(needle, words, start, width)
    return (f"closest passage in {source}, [-your text-] {{+source+}}: "
            f'"{marked_difference(text, passage)}"')


# --- 2. numbers ----------------------------------------------------------------

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SMALL_NUMBERS = {**{w: n for n, w in enumerate(_UNITS)}, **{w: 20 + 10 * n for n, w in enumerate(_TENS)}}
SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9}
MULTIPLIERS = {"hundred": 100, "dozen": 12}
NUMBER_WORDS = set(SMALL_NUMBERS) | set(SCALES) | set(MULTIPLIERS)
_DIGITS = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?!\d)(?:\s+(thousand|million|billion)\b)?")
_WORD = re.compile(r"[a-z]+|[^a-z\s-]")
_WEEK = re.compile(r"\b(?:a|one)[\s-]+week\b|\bweek-?long\b|\bweek long\b")


def digit_numbers(text: str) -> set[Decimal]:
    """Every number written in digits: "1,200" and "1200" are 1200; "1.2 million" is 1200000."""
    found = set()
    for whole, fraction, scale in _DIGITS.findall(text):
        number = Decimal(whole.replace(",", "") + fraction)
        found.add(number * SCALES[scale] if scale else number)
    return found


def words_value(words: list[str]) -> int:
    """The value of one run of number words: ["one", "hundred", "and", "ten"] → 110."""
    total, current = 0, 0
    for word in words:
        if word in SMALL_NUMBERS:
            current += SMALL_NUMBERS[word]
        elif word in MULTIPLIERS:
            current = (current or 1) * MULTIPLIERS[word]
        elif word in SCALES:
            total, current = total + (current or 1) * SCALES[word], 0
    return total + current


def _joins_run(words: list[str], index: int, run: list[str]) -> bool:
    """Whether words[index] continues (or, for "a", starts) a run of number words."""
    word, after = words[index], words[index + 1] if index + 1 < len(words) else ""
    if word in NUMBER_WORDS:
        return True
    if word == "a":
        return not run and after in SCALES | MULTIPLIERS
    return word == "and" and bool(run) and run[-1] in SCALES | MULTIPLIERS and after in NUMBER_WORDS


def word_numbers(text: str) -> set[Decimal]:
    """Every number written in words ("eighty-six", "a dozen", "two hundred and five")."""
    words = _WORD.findall(text.lower())
    found: set[Decimal] = set()
    run: list[str] = []
    for index in range(len(words) + 1):
        if index < len(words) and _joins_run(words, index, run):
            run.append(words[index])
        elif run:
            found.add(Decimal(words_value(run)))
            run = []
    return found


@functools.lru_cache(maxsize=CHECKED_TEXTS)
def numbers_in(text: str, unit: str = "") -> frozenset[Decimal]:
    """Every number a passage states, in digits or in words."""
    text = normalise(text)
    found = digit_numbers(text) | word_numbers(text)
    if unit.strip().lower() in ("day", "days") and _WEEK.search(text.lower()):
        found.add(Decimal(7))
    return frozenset(found)


def _figure_numbers(fig: Figure) -> list[tuple[str, int | float]]:
    return [(name, getattr(fig, name)) for name in ("value", "min", "max") if getattr(fig, name) is not None]


def number_problems(entry: Entry[Figure]) -> list[Problem]:
    """Warnings for each number of a figure that no citation's quote states."""
    fig = entry.record
    cited = quoted_citations(fig)
    stated = set().union(*(numbers_in(c.quote or "", fig.unit) for _, c in cited))
    problems = []
    for name, number in _figure_numbers(fig):
        if Decimal(str(number)) in stated:
            continue
        message = (f"{number} is not in the quoted words of any citation (tried {_tried(cited)}): "
                   "quote the words that give it" if cited else
                   f"{number} has no quoted evidence: add a quote: to a citation that gives it")
        problems.append(problem_at(entry, (name,), f"figure {entry.id}: {message}", "warning"))
    return problems


# --- 4. dates --------------------------------------------------------------------

def record_date(record: Record) -> tuple[str, PartialDate] | None:
    """(field, date) of a dated statement or event."""
    if isinstance(record, Statement):
        return "date", record.date
    if isinstance(record, Event):
        return ("date", record.date) if record.date else ("start", record.when)
    return None


def date_problem(entry: Entry[Record], base: FactBase) -> Problem | None:
    """A record dated after every source that cites it was published."""
    dated = record_date(entry.record)
    if dated is None or not isinstance(entry.record, Cited):
        return None
    name, when = dated
    published = [(c.source, base.get(SOURCES, c.source).published) for c in entry.record.sources]
    if any(day is None or when.earliest() <= day.latest() for _, day in published):
        return None
    listed = ", ".join(f"{source}: {day}" for source, day in published)
    return problem_at(entry, (name,), f"dated {when}, after every citing source was published ({listed})")


def date_given_problems(entry: Entry[Record], base: FactBase) -> list[Problem]:
    """A date a source gives that is after that source was published: a typo, or the wrong source."""
    if not isinstance(entry.record, Cited):
        return []
    problems = []
    for index, citation in enumerate(entry.record.sources):
        given, published = citation.date_given, base.get(SOURCES, citation.source).published
        if isinstance(given, PartialDate) and published is not None and given.earliest() > published.latest():
            problems.append(problem_at(entry, ("sources", index, "date_given"),
                                       f"{given} is after {citation.source} was published ({published}): check "
                                       "the date, or the source", "warning"))
    return problems


# --- all checks ------------------------------------------------------------------

def _entry_problems(entry: Entry[Record], base: FactBase) -> list[Problem]:
    problems: list[Problem | None] = [date_problem(entry, base), *date_given_problems(entry, base)]
    if (statement := entry.of(Statement)) is not None:
        problems.append(quote_problem(statement))
    if (figure := entry.of(Figure)) is not None:
        problems += number_problems(figure) + parts_problems(figure, base)
        problems += part_of_problems(figure, base) + excess_problems(figure, base)
    return [p for p in problems if p is not None]


def check_provenance(base: FactBase, skip: set[str] = frozenset(),  # type: ignore[assignment]
                     partial: bool = False) -> list[Problem]:
    """Every provenance error and warning in a linked fact base, sorted.

    ``skip`` names files whose records are not checked (they have problems of their own). With ``partial``
    (some records or links are broken), a record whose checks meet a missing record is left out too.
    """
    problems: list[Problem] = []
    for kind in CITED_KINDS:
        for entry in base.entries.get(kind.name, {}).values():
            if entry.raw.display in skip:
                continue
            try:
                problems += _entry_problems(entry, base)
            except KeyError:
                if not partial:
                    raise
    return sorted(problems)


# --- 5. the report ---------------------------------------------------------------

@dataclass(frozen=True)
class KindReport:
    """How well one kind of record is backed by quoted evidence."""

    kind: str
    records: int
    quoted: int  # records with a quote in at least one citation
    checked: int  # statements of kind quote, or figures: what can be verified
    verified: int  # of those, how many the evidence confirms
    lacking: tuple[str, ...] = ()  # ids with no citation quote at all


@dataclass(frozen=True)
class Report:
    """The provenance summary printed by ``check --report`` and shown on the methodology page."""

    kinds: tuple[KindReport, ...]
    sources: int
    archived: int

    def to_text(self) -> str:
        lines = ["provenance:"]
        for k in self.kinds:
            lines.append(f"  {k.kind}: {k.records} records, {k.quoted} with a quote{_verified_text(k)}")
        lines.append(f"  sources: {self.sources} sources, {self.archived} with archive_url")
        for k in self.kinds:
            if k.lacking:
                lines.append(f"  {k.kind} lacking evidence: {', '.join(k.lacking)}")
        return "\n".join(lines)

    def to_markdown(self) -> str:
        lines = ["| Records | Count | With a quoted passage | Checked against the quote |",
                 "| --- | ---: | ---: | ---: |"]
        for k in self.kinds:
            checked = f"{k.verified} of {k.checked}" if k.kind in _VERIFIED else DASH
            lines.append(f"| {k.kind.capitalize()} | {k.records} | {k.quoted} | {checked} |")
        lines += ["", f"{self.archived} of {self.sources} sources have an archived copy.", ""]
        lacking = [k for k in self.kinds if k.lacking]
        lines.append("Records still lacking a quoted passage:" if lacking else
                     "Every record cites at least one quoted passage.")
        lines += [f"- {k.kind.capitalize()}: {', '.join(k.lacking)}" for k in lacking]
        return "\n".join(lines) + "\n"


_VERIFIED = {"statements": "quotes verified", "figures": "numbers verified"}


def _verified_text(k: KindReport) -> str:
    label = _VERIFIED.get(k.kind)
    return f", {k.verified} of {k.checked} {label}" if label else ""


def _verified(entry: Entry[Record]) -> bool | None:
    """True/False for records the evidence can confirm; None for the rest."""
    if (statement := entry.of(Statement)) is not None and statement.record.kind == "quote":
        return any(quote_found(statement.record.text, c.quote or "") for _, c in quoted_citations(statement.record))
    if (figure := entry.of(Figure)) is not None:
        return not number_problems(figure)
    return None


def kind_report(kind: str, entries: dict[str, Entry[Record]]) -> KindReport:
    quoted = [e for e in entries.values() if quoted_citations(e.record)]
    results = [r for r in (_verified(e) for e in entries.values()) if r is not None]
    lacking = tuple(sorted(rid for rid, e in entries.items() if not quoted_citations(e.record)))
    return KindReport(kind, len(entries), len(quoted), len(results), sum(results), lacking)


def provenance_report(base: FactBase) -> Report:
    kinds = tuple(kind_report(kind.name, base.entries.get(kind.name, {})) for kind in CITED_KINDS)
    sources = base.records(SOURCES)
    archived = sum(1 for s in sources.values() if s.archive_url)
    return Report(kinds, len(sources), archived)
