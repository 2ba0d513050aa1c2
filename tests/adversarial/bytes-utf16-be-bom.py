"""A valid record saved as UTF-16 big-endian with a byte-order mark: refused, with the fix."""

EXPECT = ["content/actors/bytes-utf16-be-bom.yaml:1:1: file is UTF-16: save it as UTF-8"]


def files() -> dict[str, bytes]:
    text = "name: Ada\ntype: person\nsources: [daily-report]\n"
    return {"actors/bytes-utf16-be-bom.yaml": b"\xfe\xff" + text.encode("utf-16-be")}
