"""A raw NUL byte inside a name: refused with its position, before YAML reads the file."""

EXPECT = ["content/actors/bytes-nul.yaml:1:9: contains the invisible character U+0000 (control character): remove it"]


def files() -> dict[str, bytes]:
    return {"actors/bytes-nul.yaml": b"name: Ad\x00a\ntype: person\nsources: [daily-report]\n"}
