"""An overlong UTF-8 encoding of '/' (0xC0 0xAF), the classic path-traversal disguise: refused."""

EXPECT = ["content/actors/bytes-overlong-utf8.yaml:1:9: invalid UTF-8 byte 0xc0: save the file as UTF-8"]


def files() -> dict[str, bytes]:
    return {"actors/bytes-overlong-utf8.yaml": b"name: ..\xc0\xaf..\xc0\xafetc\ntype: person\nsources: [daily-report]\n"}
