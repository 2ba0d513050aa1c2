"""Structured data for machines: one schema.org JSON-LD object per record page."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from generator.check.link import FactBase
from generator.model.kinds import KINDS
from generator.model.records import Actor, Cited, Event, Figure, Record, Source, Statement
from generator.render import views

RefTo = Callable[[str, str], dict[str, str]]  # (kind, id) → {"@id": the page's address}
Describe = Callable[[FactBase, Any, RefTo], dict[str, Any]]  # one kind's schema.org fields for one record

ACTOR_TYPES = {"person": "Person", "state": "Country"}


def page_url(kind: str, record_id: str) -> str:
    return f"{kind}/{record_id}/"


def _ref(here: str, kind: str, record_id: str, site_url: str) -> str:
    """Absolute when the site's URL is known, else relative to the page (resolves the same way)."""
    target = page_url(kind, record_id)
    if site_url:
        return site_url.rstrip("/") + "/" + target
    return _relative(here, target)


def _relative(here: str, target: str) -> str:
    """``relpath(target, here) + "/"`` for two ``<kind>/<id>/`` folders, without relpath's cost at 10,000 pages."""
    (here_kind, here_id), (kind, record_id) = here.split("/")[:2], target.split("/")[:2]
    if here_kind != kind:
        return f"../../{target}"
    return "./" if here_id == record_id else f"../{record_id}/"


def record_jsonld(base: FactBase, kind: str, record_id: str, site_url: str = "",
                  licence_url: str = "") -> dict[str, Any]:
    here = page_url(kind, record_id)
    record = base.get(KINDS[kind], record_id)
    data: dict[str, Any] = {"@context": "https://schema.org", "@id": _ref(here, kind, record_id, site_url),
                            "name": views.title(base, kind, record_id)}

    def ref(target_kind: str, target_id: str) -> dict[str, str]:
        return {"@id": _ref(here, target_kind, target_id, site_url)}

    describe: Describe = _BY_KIND.get(kind, _thing)
    data.update(describe(base, record, ref))
    if licence_url and isinstance(record, Cited):  # a source is someone else's work: the site's licence is not its
        data["license"] = licence_url
    if isinstance(record, Cited):
        data["isBasedOn"] = [{"@id": _ref(here, "sources", c.source, site_url)} for c in record.sources]
    return data


def _actor(base: FactBase, record: Actor, ref: RefTo) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": ACTOR_TYPES.get(record.type, "Organization")}
    if record.aliases:
        out["alternateName"] = [a.name for a in record.aliases]
    if record.description:
        out["description"] = record.description
    if record.wikidata:
        out["sameAs"] = f"https://www.wikidata.org/wiki/{record.wikidata}"
    return out


def _statement(base: FactBase, record: Statement, ref: RefTo) -> dict[str, Any]:
    creators = [ref("actors", a) for a in record.speakers]
    out: dict[str, Any] = {"@type": "Quotation" if record.kind == "quote" else "CreativeWork", "text": record.text,
                           "creator": creators[0] if len(creators) == 1 else creators,
                           "dateCreated": str(record.date)}
    if record.language:
        out["inLanguage"] = record.language
    if record.about:
        out["about"] = [ref("actors", a) for a in record.about]
    return out


# schema.org has no "about" or "more than": a one-sided qualifier is the bound it names.
_VALUE_TERMS = {"exactly": "value", "about": "value", "more-than": "minValue", "at-least": "minValue",
                "fewer-than": "maxValue", "at-most": "maxValue"}


def _figure(base: FactBase, record: Figure, ref: RefTo) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "Observation", "measuredProperty": record.measure, "unitText": record.unit}
    if record.value is not None:
        out[_VALUE_TERMS[record.qualifier]] = record.value
    else:
        out.update({k: v for k, v in (("minValue", record.min), ("maxValue", record.max)) if v is not None})
    if record.as_of:
        out["observationDate"] = str(record.as_of)
    if record.reported_by:
        out["creator"] = ref("actors", record.reported_by)
    return out


def _event(base: FactBase, record: Event, ref: RefTo) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "Event", "startDate": str(record.date or record.start)}
    if record.end:
        out["endDate"] = str(record.end)
    if record.location:
        out["location"] = {"@type": "Place", "name": record.location}
    if record.participants:
        out["attendee"] = [ref("actors", p.actor) for p in record.participants]
    return out


def _source(base: FactBase, record: Source, ref: RefTo) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "NewsArticle" if record.type == "news-report" else "CreativeWork",
                           "headline": record.title, "publisher": {"@type": "Organization", "name": record.publisher}}
    if record.url:
        out["url"] = record.url
    if record.published:
        out["datePublished"] = str(record.published)
    if record.archive_url:
        out["archivedAt"] = record.archive_url
    if record.language:
        out["inLanguage"] = record.language
    if record.authors:
        out["author"] = [{"@type": "Person", "name": name} for name in record.authors]
    if record.agency:
        out["sourceOrganization"] = ref("actors", record.agency)
    if record.copy_of:
        out["isBasedOn"] = ref("sources", record.copy_of)
    return out


# Each kind's schema.org description; a kind without one is a plain Thing (its name and sources).
_BY_KIND: dict[str, Describe] = {
    "actors": _actor, "statements": _statement, "figures": _figure, "events": _event, "sources": _source}


def _thing(base: FactBase, record: Record, ref: RefTo) -> dict[str, Any]:
    return {"@type": "Thing"}


def script_json(data: dict[str, Any]) -> str:
    """JSON that cannot close or open tags inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
