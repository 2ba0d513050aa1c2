"""The YAML test suite (tests/yaml-test-suite/cases.json) and what the loader must make of each case.

Each case is the suite's YAML text, whether it must fail, and (for a valid case) its expected event
tree. ``expected_data`` turns that tree into the plain data the loader builds (mappings, lists, text;
a plain empty, ``~`` or ``null`` value is None), so the two can be compared.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUITE = Path(__file__).parent / "yaml-test-suite" / "cases.json"

# Why a valid case may be refused: each rule is documented in CONTRIBUTING.md / SECURITY.md.
DOCUMENTED_REFUSALS = {
    "anchors and aliases": r"(anchors|aliases) \([&*]",
    "tags": r"tags \(",
    "several documents": r"a second YAML document",
    "non-mapping top level": r"the file must be a mapping",
    "empty file": r"file is empty",
    "indentation tabs": r"tab used for indentation",
    "keys left empty or on another line than their ':'": r"a key must be written before its ':'",
    "keys that are not text": r"a key must be plain text",
    "duplicate keys": r"duplicate key",
    "invisible characters": r"contains the invisible character",
}


@dataclass(frozen=True)
class Case:
    id: str
    name: str
    fail: bool
    yaml: str
    tree: str | None


def cases() -> list[Case]:
    """Every case; a valid one the package gives no tree (a variant of the case before it, e.g. without
    the final line break) has its sibling's tree."""
    found: list[Case] = []
    for c in json.loads(SUITE.read_text(encoding="utf-8")):
        tree = c.get("tree")
        if not c["fail"] and not tree and found and found[-1].id.split("-")[0] == c["id"].split("-")[0]:
            tree = found[-1].tree
        found.append(Case(c["id"], c.get("name", ""), c["fail"], c["yaml"], tree))
    return found


_ESCAPES = {"\\\\": "\\", "\\n": "\n", "\\t": "\t", "\\b": "\b", "\\r": "\r", "\\0": "\0", "\\a": "\a",
            "\\v": "\v", "\\f": "\f", "\\e": "\x1b"}


def _unescape(text: str) -> str:
    return re.sub(r"\\[\\ntbr0avfe]", lambda m: _ESCAPES[m.group()], text)


class _Unsupported(Exception):
    """The tree uses what the loader refuses by rule (anchors, tags, several documents, ...)."""


def tree_rule(tree: str) -> str | None:
    """The documented rule a valid case's tree falls under (the loader may refuse it), if any."""
    try:
        data = expected_data(tree)
    except _Unsupported as exc:
        return str(exc)
    return None if isinstance(data, dict) else "non-mapping top level"


def expected_data(tree: str) -> Any:
    """The data the loader should build from a valid case, or raise _Unsupported."""
    stack: list[Any] = []
    keys: list[Any] = []
    root: list[Any] = []
    documents = 0

    def add(value: Any) -> None:
        if not stack:
            root.append(value)
            return
        top = stack[-1]
        if isinstance(top, list):
            top.append(value)
        elif keys[-1] is _NO_KEY:
            if not isinstance(value, _Key):
                raise _Unsupported("keys that are not text")
            keys[-1] = value.text
        else:
            top[keys[-1]] = value.value if isinstance(value, _Key) else value
            keys[-1] = _NO_KEY

    for line in tree.splitlines():
        line = line.lstrip()
        if line.startswith("+DOC"):
            documents += 1
            if documents > 1:
                raise _Unsupported("several documents")
        elif line.startswith(("+MAP", "+SEQ")):
            if "&" in line:
                raise _Unsupported("anchors and aliases")
            if "<" in line:
                raise _Unsupported("tags")
            container: Any = {} if line.startswith("+MAP") else []
            add(container)
            stack.append(container)
            keys.append(_NO_KEY)
        elif line.startswith(("-MAP", "-SEQ")):
            stack.pop()
            keys.pop()
        elif line.startswith("=ALI"):
            raise _Unsupported("anchors and aliases")
        elif line.startswith("=VAL"):
            rest = line[5:]
            if rest[:1] in "&<":
                raise _Unsupported("anchors and aliases" if rest[0] == "&" else "tags")
            style, text = rest[0], _unescape(rest[1:])
            value = None if style == ":" and text in ("", "~", "null") else text
            add(_Key(text, value) if stack and isinstance(stack[-1], dict) and keys[-1] is _NO_KEY else value)
    if not root:
        raise _Unsupported("empty file")
    return root[0]


_NO_KEY = object()


@dataclass(frozen=True)
class _Key:
    text: str
    value: Any
