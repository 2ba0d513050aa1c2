"""The registry of kinds: what the rest of the generator reads about each kind is declared once, in the model."""

from __future__ import annotations

from generator.model.kinds import CITED_KINDS, KIND_NAMES, KINDS

CITATION = (("sources", "*", "source"), "sources")


def test_references_are_read_from_the_model() -> None:
    """The links the linker resolves come from the ``RefersTo`` marks on the model's id fields."""
    assert {name: set(kind.references) for name, kind in KINDS.items()} == {
        "actors": {(("roles", "*", "of"), "actors"), (("member_of", "*"), "actors"), CITATION},
        "statements": {(("speaker",), "actors"), (("event",), "events"), (("about", "*"), "actors"), CITATION},
        "figures": {(("reported_by",), "actors"), (("about", "*"), "actors"), (("event",), "events"),
                    (("parts", "*"), "figures"), CITATION},
        "events": {(("participants", "*", "actor"), "actors"), CITATION},
        "sources": set(),
    }


def test_every_kind_but_sources_cites() -> None:
    assert [kind.name for kind in CITED_KINDS] == ["actors", "statements", "figures", "events"]


def test_kinds_in_site_order_and_named_both_ways() -> None:
    assert list(KINDS) == ["actors", "statements", "figures", "events", "sources"]
    assert {name: kind.name for name, kind in KIND_NAMES.items() if name != kind.name} == {
        "actor": "actors", "statement": "statements", "figure": "figures", "event": "events", "source": "sources"}


def test_every_title_and_sort_field_is_a_field_of_the_model() -> None:
    for kind in KINDS.values():
        assert kind.title_field in kind.model.model_fields
        assert kind.sort_field is None or kind.sort_field in kind.model.model_fields
