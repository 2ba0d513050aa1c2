"""A file of zero bytes (a header cannot be written into it): refused as empty."""

EXPECT = ["content/actors/yaml-empty-file.yaml:1:1: file is empty: write the record's fields as 'field: value' lines"]


def files() -> dict[str, bytes]:
    return {"actors/yaml-empty-file.yaml": b""}
