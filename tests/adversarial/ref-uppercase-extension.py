"""A record named ``.YAML`` would be silently skipped; instead the file is refused."""

EXPECT = ["content/actors/ada.YAML:1:1: not a record file: only .yaml files belong in this folder"]


def files() -> dict[str, bytes]:
    return {"actors/ada.YAML": b"name: Ada\ntype: person\nsources: [daily-report]\n"}
