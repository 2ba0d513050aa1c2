"""1,000 nested block lists in the notes: refused at the 21st level, without recursion."""

BOUNDED = True
EXPECT = ["content/actors/yaml-nested-1000-deep.yaml:3:41: nested deeper than 20 levels"]


def files() -> dict[str, bytes]:
    notes = "- " * 1000 + "x"
    return {"actors/yaml-nested-1000-deep.yaml": f"name: Deep\nnotes:\n  {notes}\ntype: person\n".encode()}
