"""A record in a misspelt kind folder would be silently skipped; instead the folder is refused."""

EXPECT = ["content/actor:1:1: unknown folder 'actor' (did you mean 'actors'?): "
          "records go in actors, events, figures, sources, statements"]


def files() -> dict[str, bytes]:
    return {"actor/ada.yaml": b"name: Ada\ntype: person\nsources: [daily-report]\n"}
