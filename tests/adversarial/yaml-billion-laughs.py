"""Billion laughs: nine levels of aliases, each ten times the one below (10**9 'lol's if expanded).

Every anchor and alias is refused where it stands; nothing is expanded, so the file is checked in
a few milliseconds and kilobytes.
"""

BOUNDED = True
FILE = "content/actors/yaml-billion-laughs.yaml"
ANCHORS = [f"{FILE}:{level + 1}:5: anchors (&a{level}) are not allowed: write the value out in full"
           for level in range(10)]
ALIASES = [f"{FILE}:{level + 1}:{10 + 5 * i}: aliases (*a{level - 1}) are not allowed: write the value out in full"
           for level in range(1, 10) for i in range(10)]
EXPECT = ANCHORS + ALIASES + [f"{FILE}:11:7: aliases (*a9) are not allowed: write the value out in full"]


def files() -> dict[str, bytes]:
    lines = ['a0: &a0 "lol"']
    for level in range(1, 10):
        aliases = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    lines.append("name: *a9")
    return {"actors/yaml-billion-laughs.yaml": ("\n".join(lines) + "\n").encode()}
