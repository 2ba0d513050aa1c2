"""10,000 small valid actor files: all loaded, validated and linked within the bounds."""

BOUNDED = True
OUTCOME = "accept"
EXPECT: list[str] = []


def files() -> dict[str, bytes]:
    return {f"actors/many-{n:05d}.yaml": f"name: Actor {n}\ntype: person\nsources: [daily-report]\n".encode()
            for n in range(10_000)}
