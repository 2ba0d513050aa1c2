"""The same file name in two subfolders of one kind would make two records with one page: refused."""

EXPECT = [
    "content/actors/a/twin.yaml:1:1: the id 'twin' is also used by content/actors/b/twin.yaml "
    "(ids must be unique, ignoring case): rename one",
    "content/actors/b/twin.yaml:1:1: the id 'twin' is also used by content/actors/a/twin.yaml "
    "(ids must be unique, ignoring case): rename one",
]


def files() -> dict[str, bytes]:
    record = b"name: Twin\ntype: person\nsources: [daily-report]\n"
    return {"actors/a/twin.yaml": record, "actors/b/twin.yaml": record}
