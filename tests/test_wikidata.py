"""An actor's Wikidata id is a sameAs in its JSON-LD and a link on its page (checked for issue 18)."""

from __future__ import annotations

from pathlib import Path

from generator import build_factbase
from generator.packaged import TEMPLATES
from generator.render.jsonld import record_jsonld
from generator.render.pages import Renderer


def test_wikidata_id_is_same_as_and_linked(project: Path) -> None:
    actor = project / "content" / "actors" / "northland.yaml"
    actor.write_text(actor.read_text(encoding="utf-8") + "wikidata: Q42\n", encoding="utf-8")  # a placeholder id
    base = build_factbase(project / "content")
    assert record_jsonld(base, "actors", "northland")["sameAs"] == "https://www.wikidata.org/wiki/Q42"
    assert "sameAs" not in record_jsonld(base, "actors", "ada-leader")
    page = Renderer(base, TEMPLATES).record_page("actors", "northland")
    assert "Wikidata: [Q42](https://www.wikidata.org/wiki/Q42)" in page
