"""A synthetic but realistic fact base of N records, for benchmarks and scale tests.

Proportions follow a real research site: 5% actors, 60% statements, 15% figures,
10% events, 10% sources. Records cite sources with quotes and locators, refer to
each other, some figures of one measure and period disagree, and one actor (the
"hub") speaks in a tenth of all statements. Every record passes the validator and
the provenance checks: quotes appear word for word in their citations, numbers
are written in the quoted passage, and no record is dated after all its sources.
The same seed gives the same files byte for byte.
"""

from __future__ import annotations

import bisect
import random
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

SHARES = {"actors": 0.05, "statements": 0.60, "figures": 0.15, "events": 0.10, "sources": 0.10}
HUB_SHARE = 0.10  # of all statements, spoken by the one very connected actor
FIRST_DAY = date(2022, 1, 1)
DAYS = 730
WORDS = ("talks truce hostages release ceasefire aid corridor crossing border convoy trucks fuel medical "
         "supplies negotiators mediators proposal framework phase exchange prisoners families civilians "
         "shelter displacement reconstruction guarantees monitoring council resolution envoy delegation "
         "security pause extension agreement terms implementation deadline summit briefing sanctions "
         "humanitarian access water electricity hospitals schools casualties evacuation reports").split()
FIRST = "Amira Daniel Layla Yosef Omar Sarah Karim Noa Hassan Miriam Tariq Leah Samir Dana Rami Hana".split()
LAST = "Haddad Levi Nasser Cohen Khalil Mizrahi Saleh Peretz Aziz Friedman Mansour Katz Rahman Weiss".split()
PLACES = ("Doha, Qatar", "Cairo, Egypt", "Geneva, Switzerland", "New York, United States", "Warsaw, Poland",
          "Paris, France", "Amman, Jordan", "Brussels, Belgium")
PUBLISHERS = ("Wire Service", "Daily Record", "Evening Chronicle", "Regional Broadcaster", "Policy Review",
              "Morning Post", "Gulf Herald", "Levant Times", "Continental News", "Public Radio")
TOPICS = tuple(f"topic-{w}" for w in WORDS[:30])
ALIASES = (("Abu Karim", "ar"), ("أبو كريم", "ar"), ("הנשיא", "he"), ("Le Président", "fr"), ("The Envoy", None))
UNITS = ("people", "trucks", "days", "litres")


def counts(n: int) -> dict[str, int]:
    """Records per kind for a fact base of ``n`` records (statements take the rounding)."""
    out = {kind: max(1, round(n * share)) for kind, share in SHARES.items() if kind != "statements"}
    out["statements"] = max(1, n - sum(out.values()))
    return out


@dataclass
class Generator:
    """Writes one fact base; ids and dates are drawn from one seeded random stream."""

    n: int
    seed: int = 1
    prefix: str = ""  # prepended to every id and measure: a second base that shares nothing with the first
    rng: random.Random = field(init=False)
    plan: dict[str, int] = field(init=False)
    published: list[tuple[date, str]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.plan = counts(self.n)

    # --- small pieces -------------------------------------------------------
    def ids(self, kind: str) -> list[str]:
        return [f"{self.prefix}{kind[:-1]}-{i:05d}" for i in range(1, self.plan[kind] + 1)]

    def sentence(self, low: int = 12, high: int = 30) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def day(self, span: int = DAYS) -> date:
        return FIRST_DAY + timedelta(days=self.rng.randrange(span))

    def actor_id(self) -> str:
        """Actors are cited unevenly: a few are everywhere, most appear a few times."""
        return f"{self.prefix}actor-{min(self.plan['actors'], int(self.rng.paretovariate(1.2))):05d}"

    def citations(self, when: date | None, quote: str | None = None, k: int = 0) -> list[dict[str, str]]:
        """1–3 citations; the first source was published on or after ``when`` (provenance's date check)."""
        first = bisect.bisect_left(self.published, (when or FIRST_DAY, ""))
        chosen = [self.rng.choice(self.published[first:] or self.published[-1:])[1]]
        for _ in range(k or self.rng.choice((0, 1, 1, 2))):
            other = self.rng.choice(self.published)[1]
            if other not in chosen:
                chosen.append(other)
        return [self.citation(source, quote if i == 0 else None) for i, source in enumerate(chosen)]

    def citation(self, source: str, quote: str | None) -> dict[str, str]:
        out = {"source": source, "quote": quote or self.sentence(8, 20)}
        if self.rng.random() < 0.5:
            out["locator"] = f"paragraph {self.rng.randint(1, 20)}"
        return out

    # --- records ------------------------------------------------------------
    def source(self, i: int, sid: str) -> dict[str, Any]:
        published = self.day(DAYS + 60)
        self.published.append((published, sid))
        out: dict[str, Any] = {"title": self.sentence(5, 11).rstrip("."), "publisher": self.rng.choice(PUBLISHERS),
                               "type": self.rng.choice(("news-report", "news-report", "transcript", "report")),
                               "url": f"https://news.example.org/{published:%Y/%m}/{sid}?ref=feed&id={i}",
                               "published": str(published), "language": "en"}
        if i % 4 == 0:
            out["archive_url"] = f"https://archive.example.org/web/{published:%Y%m%d}/{sid}"
        return out

    def actor(self, i: int, aid: str) -> dict[str, Any]:
        kind = "state" if i % 10 == 3 else "organization" if i % 5 == 1 else "person"
        person = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
        name = person if kind == "person" else f"Body {i} of {self.sentence(1, 2).rstrip('.')}"
        out: dict[str, Any] = {"name": name, "type": kind, "description": self.sentence(10, 25)}
        if i % 2:
            out["aliases"] = [{"name": f"{a} {i}", **({"lang": lang} if lang else {})}
                              for a, lang in self.rng.sample(ALIASES, 2)]
        others = [a for a in dict.fromkeys(self.actor_id() for _ in range(2)) if a != aid]  # ordered: no set
        if kind == "person" and others:
            out["roles"] = [{"title": "Senior envoy", "of": others[0], "start": str(self.day())[:7]}]
        elif kind == "organization" and others:
            out["member_of"] = others
        out["sources"] = self.citations(None)
        return out

    def statement(self, i: int, speaker: str, event: str | None) -> dict[str, Any]:
        said = self.day()
        text = self.sentence()
        kind = self.rng.choice(("quote", "quote", "quote", "paraphrase", "position"))
        out: dict[str, Any] = {"speaker": speaker, "date": str(said), "kind": kind, "text": text}
        if event:
            out["event"] = event
        about = sorted({self.actor_id() for _ in range(self.rng.randint(0, 2))} - {speaker})
        if about:
            out["about"] = about
        out["topics"] = sorted(set(self.rng.sample(TOPICS, self.rng.randint(1, 3))))
        if i % 3 == 0:
            out["context"] = self.sentence(8, 16)
        out["status"] = self.rng.choice(("reported", "reported", "confirmed", "disputed"))
        out["sources"] = self.citations(said, f"“{text}” the speaker told reporters.")
        return out

    def event(self, i: int) -> dict[str, Any]:
        start = self.day()
        out: dict[str, Any] = {"title": self.sentence(4, 9).rstrip(".")}
        if i % 5 == 0:
            out.update(start=str(start), end=str(start + timedelta(days=self.rng.randint(1, 6))))
        else:
            out["date"] = str(start)
        out.update(type=self.rng.choice(("meeting", "negotiation", "statement", "vote", "other")),
                   location=self.rng.choice(PLACES), description=self.sentence(15, 35))
        people = sorted({self.actor_id() for _ in range(self.rng.randint(1, 4))})
        out["participants"] = [{"actor": a, "role": "delegate"} if j % 2 else a for j, a in enumerate(people)]
        out["topics"] = sorted(set(self.rng.sample(TOPICS, 2)))
        out["sources"] = self.citations(start)
        return out

    def figure(self, measure: str, as_of: date, amount: int, unit: str, parts: list[str] = ()) -> dict[str, Any]:
        out: dict[str, Any] = {"label": f"{measure.replace('-', ' ').capitalize()} ({unit})", "measure": measure}
        ranged = self.rng.random() < 0.1 and not parts
        if ranged:
            out.update(min=amount, max=amount + 10)
            words = f"between {amount:,} and {amount + 10:,} {unit}"
        else:
            out["value"] = amount
            words = f"{amount:,} {unit}"
        out.update(unit=unit, as_of=str(as_of))
        if self.rng.random() < 0.7:
            out["reported_by"] = self.actor_id()
        if parts:
            out["parts"] = list(parts)
        out["sources"] = self.citations(None, f"The count stood at {words} on {as_of:%d %B %Y}, officials said.")
        return out

    # --- the whole base -----------------------------------------------------
    def figures(self) -> dict[str, dict[str, Any]]:
        """Measures of 1–4 figures; a third of the groups disagree, every tenth is a breakdown."""
        out: dict[str, dict[str, Any]] = {}
        ids = iter(self.ids("figures"))
        m = 0
        while len(out) < self.plan["figures"]:
            m += 1
            measure, unit, as_of = f"{self.prefix}measure-{m:04d}", self.rng.choice(UNITS), self.day()
            amount = self.rng.randint(20, 5000)
            if m % 10 == 0 and self.plan["figures"] - len(out) >= 3:
                a, b, total = next(ids), next(ids), next(ids)
                out[a] = self.figure(f"{measure}-part-a", as_of, amount, unit)
                out[b] = self.figure(f"{measure}-part-b", as_of, amount + 7, unit)
                out[total] = self.figure(measure, as_of, 2 * amount + 7, unit, [a, b])
                continue
            for _ in range(min(self.rng.randint(1, 4), self.plan["figures"] - len(out))):
                disagree = m % 3 == 0 and self.rng.random() < 0.5
                shift = self.rng.randint(1, 40) if disagree else 0
                out[next(ids)] = self.figure(measure, as_of, amount + shift, unit)
        return out

    def records(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Every record by kind and id, sources first (the others cite them)."""
        out: dict[str, dict[str, dict[str, Any]]] = {"sources": {}}
        for i, sid in enumerate(self.ids("sources"), start=1):
            out["sources"][sid] = self.source(i, sid)
        self.published.sort()
        out["actors"] = {aid: self.actor(i, aid) for i, aid in enumerate(self.ids("actors"), start=1)}
        out["events"] = {eid: self.event(i) for i, eid in enumerate(self.ids("events"), start=1)}
        events = list(out["events"])
        out["statements"] = {}
        for i, sid in enumerate(self.ids("statements"), start=1):
            speaker = f"{self.prefix}actor-00001" if self.rng.random() < HUB_SHARE else self.actor_id()
            event = self.rng.choice(events) if i % 5 < 2 else None
            out["statements"][sid] = self.statement(i, speaker, event)
        out["figures"] = self.figures()
        return out


def dump(record: dict[str, Any]) -> str:
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=10_000)


PAGES = {"index.md": "# Synthetic research site\n\nA generated fact base for benchmarks.\n",
         "about.md": "# About\n\nGenerated.\n",
         # the sections the generated pages link to (status legend, Disagreements page, "Report a correction")
         "methodology.md": "# Methodology\n\nGenerated.\n\n## What each status means\n\nGenerated.\n\n"
                           "## Disagreements\n\nGenerated.\n\n## Corrections\n\nGenerated.\n"}


def write_content(content: Path, n: int, seed: int = 1) -> dict[str, int]:
    """Write a realistic fact base of ``n`` records (and the hand-written pages) into ``content``."""
    return write_records(content, Generator(n, seed).records())


def add_unrelated(content: Path, n: int, prefix: str = "extra-") -> dict[str, int]:
    """Add ``n`` records that neither cite nor are cited by the records already in ``content``."""
    records = Generator(n, seed=2, prefix=prefix).records()
    for kind, items in records.items():
        for rid, record in items.items():
            (content / kind / f"{rid}.yaml").write_text(dump(record), encoding="utf-8")
    return {kind: len(items) for kind, items in records.items()}

def small_records(n: int) -> dict[str, dict[str, dict[str, Any]]]:
    """``n`` small records: a name or a line of text and one citation each, in the usual proportions."""
    plan = counts(n)
    sources = {f"source-{i:05d}": {"title": f"Report {i}", "publisher": "Wire Service", "type": "news-report"}
               for i in range(1, plan["sources"] + 1)}
    cite = [{"source": f"source-{1 + i % plan['sources']:05d}"} for i in range(n)]
    actors = {f"actor-{i:05d}": {"name": f"Actor {i}", "type": "person", "sources": [cite[i]]}
              for i in range(1, plan["actors"] + 1)}
    speakers = list(actors)
    statements = {f"statement-{i:05d}": {"speaker": speakers[i % len(speakers)], "date": "2023-12-01",
                                         "kind": "position", "text": f"Position {i}.", "sources": [cite[i]]}
                  for i in range(1, plan["statements"] + 1)}
    figures = {f"figure-{i:05d}": {"label": f"Count {i}", "measure": f"count-{i}", "value": i, "unit": "people",
                                   "sources": [{**cite[i], "quote": f"{i} people"}]}
               for i in range(1, plan["figures"] + 1)}
    events = {f"event-{i:05d}": {"title": f"Meeting {i}", "date": "2023-11", "sources": [cite[i]]}
              for i in range(1, plan["events"] + 1)}
    return {"sources": sources, "actors": actors, "statements": statements, "figures": figures, "events": events}


def write_records(content: Path, records: dict[str, dict[str, dict[str, Any]]]) -> dict[str, int]:
    """Write records as YAML files (and the hand-written pages) into a fresh ``content`` folder."""
    if content.exists():
        shutil.rmtree(content)
    for kind, items in records.items():
        folder = content / kind
        folder.mkdir(parents=True)
        for rid, record in items.items():
            (folder / f"{rid}.yaml").write_text(dump(record), encoding="utf-8")
    (content / "pages").mkdir()
    for name, text in PAGES.items():
        (content / "pages" / name).write_text(text, encoding="utf-8")
    return {kind: len(items) for kind, items in records.items()}


def write_small_content(content: Path, n: int) -> dict[str, int]:
    return write_records(content, small_records(n))
