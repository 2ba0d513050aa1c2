"""U+2028 LINE SEPARATOR: YAML reads it as a line break, most editors and diffs do not show one, so
``name: Ada<LS>status: retracted`` would hide a field on what looks like one line. Refused."""

EXPECT = ["content/actors/bytes-line-separator.yaml:1:10: contains the invisible character U+2028 "
          "(LINE SEPARATOR): remove it"]


def files() -> dict[str, bytes]:
    text = "name: Ada\u2028status: retracted\ntype: person\nsources: [daily-report]\n"
    return {"actors/bytes-line-separator.yaml": text.encode()}
