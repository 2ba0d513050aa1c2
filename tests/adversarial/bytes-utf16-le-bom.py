"""A valid record saved as UTF-16 (little-endian, with its byte-order mark): refused, with the fix."""

EXPECT = ["content/actors/bytes-utf16-le-bom.yaml:1:1: file is UTF-16: save it as UTF-8"]


def files() -> dict[str, bytes]:
    text = "name: Ada\ntype: person\nsources: [daily-report]\n"
    return {"actors/bytes-utf16-le-bom.yaml": text.encode("utf-16")}  # Python writes the BOM first
