"""1,000 nested flow lists ``[[[…]]]``: the parser hands over events one by one and the loader stops
at the 21st level."""

BOUNDED = True
FILE = "content/actors/yaml-nested-1000-deep-flow.yaml"
EXPECT = [f"{FILE}:2:27: nested deeper than 20 levels"]


def files() -> dict[str, bytes]:
    notes = "[" * 1000 + "]" * 1000
    return {"actors/yaml-nested-1000-deep-flow.yaml": f"name: Deep\nnotes: {notes}\ntype: person\n".encode()}
