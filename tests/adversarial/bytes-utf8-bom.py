"""A UTF-8 byte-order mark (as Windows editors write it) is dropped: the record builds and shows."""

OUTCOME = "accept"
EXPECT: list[str] = []
RENDER = [("actors/bytes-utf8-bom", "Bom Ada")]


def files() -> dict[str, bytes]:
    return {"actors/bytes-utf8-bom.yaml": b"\xef\xbb\xbfname: Bom Ada\ntype: person\nsources: [daily-report]\n"}
