"""A file name with a Cyrillic 'а' (U+0430) that looks like an existing id: refused, shown escaped."""

EXPECT = ["content/actors/\u0430da-leader.yaml:1:1: the file name '\\u0430da-leader' is not a valid id: "
          "use lowercase a-z, 0-9 and single hyphens"]


def files() -> dict[str, bytes]:
    return {"actors/\u0430da-leader.yaml": b"name: Ada\ntype: person\nsources: [daily-report]\n"}
