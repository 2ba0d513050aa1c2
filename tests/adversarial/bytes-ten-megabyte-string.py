"""A 10 MB name: refused by its size before it is decoded or parsed."""

BOUNDED = True
EXPECT = ["content/actors/bytes-ten-megabyte-string.yaml:1:1: file is larger than 1,000,000 bytes: "
          "split the record or shorten it"]


def files() -> dict[str, bytes]:
    return {"actors/bytes-ten-megabyte-string.yaml":
            b"name: " + b"a" * 10_000_000 + b"\ntype: person\nsources: [daily-report]\n"}
