"""A Latin-1 byte (0xE9, 'é') in a UTF-8 file: refused with its line and column."""

EXPECT = ["content/actors/bytes-invalid-utf8.yaml:1:10: invalid UTF-8 byte 0xe9: save the file as UTF-8"]


def files() -> dict[str, bytes]:
    return {"actors/bytes-invalid-utf8.yaml": b"name: Ren\xe9\ntype: person\nsources: [daily-report]\n"}
