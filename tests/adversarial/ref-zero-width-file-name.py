"""A file name with a zero-width space (U+200B) inside: refused, the invisible character shown escaped."""

EXPECT = ["content/actors/ada\\u200b-leader.yaml:1:1: the file name 'ada\\u200b-leader' is not a valid id: "
          "use lowercase a-z, 0-9 and single hyphens"]


def files() -> dict[str, bytes]:
    return {"actors/ada\u200b-leader.yaml": b"name: Ada\ntype: person\nsources: [daily-report]\n"}
