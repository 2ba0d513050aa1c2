"""UTF-16 without a byte-order mark decodes as UTF-8 full of NUL characters: refused at the first one."""

EXPECT = ["content/actors/bytes-utf16-no-bom.yaml:1:2: contains the invisible character U+0000 "
          "(control character): remove it"]


def files() -> dict[str, bytes]:
    text = "name: Ada\ntype: person\nsources: [daily-report]\n"
    return {"actors/bytes-utf16-no-bom.yaml": text.encode("utf-16-le")}
