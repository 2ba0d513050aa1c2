"""U+0085 NEXT LINE, another line break only YAML sees: refused like U+2028."""

EXPECT = ["content/actors/bytes-next-line.yaml:1:10: contains the invisible character U+0085 "
          "(control character): remove it"]


def files() -> dict[str, bytes]:
    text = "name: Ada\u0085status: retracted\ntype: person\nsources: [daily-report]\n"
    return {"actors/bytes-next-line.yaml": text.encode()}
