"""Windows line endings (CRLF) build like LF, and no carriage return reaches the text."""

OUTCOME = "accept"
EXPECT: list[str] = []
RENDER = [("actors/bytes-crlf", "Crlf Ada, line two")]


def files() -> dict[str, bytes]:
    text = 'name: Crlf Ada\r\ntype: person\r\ndescription: "Crlf Ada,\r\n  line two"\r\nsources: [daily-report]\r\n'
    return {"actors/bytes-crlf.yaml": text.encode()}
