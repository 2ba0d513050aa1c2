"""1,000 nested flow lists ``[[[…]]]``: libyaml stops at its own limit of 1,000 levels while it scans
ahead; the pure-Python parser hands over events one by one and is stopped at the 21st level."""

from generator.read import yamlload

BOUNDED = True
FILE = "content/actors/yaml-nested-1000-deep-flow.yaml"
if yamlload._Loader.__name__ == "CSafeLoader":
    EXPECT = [f"{FILE}:2:1007: not valid YAML: exceeded maximum nesting depth"]
else:
    EXPECT = [f"{FILE}:2:27: nested deeper than 20 levels"]


def files() -> dict[str, bytes]:
    notes = "[" * 1000 + "]" * 1000
    return {"actors/yaml-nested-1000-deep-flow.yaml": f"name: Deep\nnotes: {notes}\ntype: person\n".encode()}
