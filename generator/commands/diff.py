"""``research-site diff``: which facts changed since a git ref, in words (for a terminal or a pull request).

Both versions of the content tree are read once each, through the same loader
as ``check``; the diff knows each field's default from the model, so adding
``status: reported`` is not reported as a change.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator import check_loaded
from generator.check.compare import figure_amount, when_text
from generator.model.errors import Problem, UsageError, printable
from generator.model.fields import field_order, yaml_scalar
from generator.model.kinds import KINDS
from generator.model.records import Figure
from generator.serve.cache import RecordCache

# Lists of mappings, and the sub-field that tells their items apart (a bare string is that sub-field).
ITEM_KEYS = {"sources": "source", "aliases": "name", "participants": "actor", "roles": "title"}
ITEM_NOUNS = {"sources": "citation", "aliases": "alias", "participants": "participant", "roles": "role"}
HEADLINES = ("name", "title", "label", "text")
NAME_LISTS = ("authors",)  # lists of names as printed, not of ids
_MISSING = object()
_LONGEST = 120
UNREADABLE = "cannot be read: see the problems below"

Key = tuple[str, str]


@dataclass
class Tree:
    """One side of a diff: each record's parsed data (valid or not), the unreadable files, the problems."""

    data: dict[Key, dict[str, Any]] = field(default_factory=dict)
    unreadable: set[Key] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


def read_tree(content: Path) -> Tree:
    """Every record file parsed once: its data, valid or not, and every problem ``check`` would report."""
    if not content.is_dir():
        return Tree()
    loaded = RecordCache().load(content)
    data = {(raw.kind, raw.id): raw.doc.data for raw in loaded.parsed}
    _, problems = check_loaded(loaded)
    return Tree(data, {(kind, path.stem) for kind, path in loaded.files} - set(data), sorted(problems))


def _git(cwd: Path, *args: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]} failed: {message[-1] if message else 'no message'}")
    return result.stdout


def tree_at(ref: str, content: Path, into: Path) -> Path:
    """Write the content folder as it was at ``ref`` under ``into``; return its path there."""
    if ref.startswith("-"):
        raise UsageError(f"'{ref}' is not a git ref")
    try:
        top = Path(_git(content, "rev-parse", "--show-toplevel").decode().strip()).resolve()
    except UsageError:
        raise UsageError(f"diff needs a git repository, and {content} is not in one") from None
    if subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=top,
                      capture_output=True, check=False).returncode != 0:
        raise UsageError(f"unknown git ref '{ref}'")
    relative = content.resolve().relative_to(top).as_posix()
    if _git(top, "ls-tree", "--name-only", ref, "--", relative).strip():
        _extract(_git(top, "archive", "--format=tar", ref, "--", relative), into)
    return into / relative


def _extract(archive: bytes, into: Path) -> None:
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # refuses links and paths leaving the folder
            tar.extractall(into, filter="data")
        else:  # pragma: no cover - Python before 3.11.4
            tar.extractall(into)  # noqa: S202 - git archive of our own repository


@dataclass(frozen=True)
class Style:
    """How ids and values are shown: plain text for a terminal, or Markdown for a pull request."""

    markdown: bool

    def code(self, text: str) -> str:
        """A code span no value can leave (CommonMark 6.1): unprintable characters (line breaks
        among them) escaped, a fence longer than any run of backticks inside, padded when the text
        starts or ends with a backtick or a space (CommonMark strips one padding space a side)."""
        text = printable(text)
        fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
        if not text.strip(" "):  # all spaces are kept as they are; nothing at all is one space
            return f"{fence}{text or ' '}{fence}"
        pad = " " if text[0] in "` " or text[-1] in "` " else ""
        return f"{fence}{pad}{text}{pad}{fence}"

    def name(self, text: str) -> str:
        """A field name: as written when it is a plain name, else (an unknown field) as code."""
        return text if _PLAIN_NAME.fullmatch(text) else self.code(text)

    def item(self, value: Any) -> str:
        """A list item: ids as code, anything else as a value."""
        return self.code(value) if isinstance(value, str) else self.value(value)

    def value(self, value: Any, whole: bool = False) -> str:
        """A value as shown: in full with ``whole`` (a changed text), else cut at _LONGEST characters."""
        text = _shown(value, whole)
        if self.markdown:
            return self.code(text)
        return f"“{text}”" if isinstance(value, str) and " " in text else text


_BACKTICKS = re.compile("`+")
# lowercase words joined by '.' or inner '_': nothing Markdown reads as markup, nothing a terminal obeys
_PLAIN_NAME = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:_[a-z0-9]+)*)*")


def _shown(value: Any, whole: bool = False) -> str:
    if value is None:
        text = "(empty)"
    elif isinstance(value, str):
        text = " ".join(value.split())
    else:
        text = json.dumps(value, ensure_ascii=False)
    return text if whole or len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def marked_words(old: str, new: str) -> str:
    """The new text with the words it dropped as ``[-old-]`` and the words it brought as ``{+new+}``."""
    before, after = old.split(), new.split()
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            pieces += after[j1:j2]
        if op in ("delete", "replace"):
            pieces.append(f"[-{' '.join(before[i1:i2])}-]")
        if op in ("insert", "replace"):
            pieces.append(f"{{+{' '.join(after[j1:j2])}+}}")
    return " ".join(pieces)


@dataclass
class FactDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)
    new_problems: list[Problem] = field(default_factory=list)
    old_problems: list[Problem] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # records given a new id whose old address would break


def fact_diff(old: Tree, new: Tree, style: Style) -> FactDiff:
    diff = FactDiff()
    for key in _ordered_keys(old, new):
        _compare(key, old, new, style, diff)
    diff.moved = [f"{KINDS[kind].singular} {style.code(rid)} was {style.code(was)}: add "
                  f"{style.code(f'former_ids: [{was}]')} to content/{kind}/{rid}.yaml so that the old address "
                  "leads to it" for (kind, rid), was in _moved(old, new)]
    seen = {_problem_key(p) for p in old.problems}
    diff.new_problems = [p for p in new.problems if _problem_key(p) not in seen]
    diff.old_problems = [p for p in new.problems if _problem_key(p) in seen]
    return diff


def _moved(old: Tree, new: Tree) -> list[tuple[Key, str]]:
    """(new key, old id) of each added record whose facts are a removed record's of its kind (``former_ids``
    aside) and whose ``former_ids`` do not list that id: a renamed file, its old address now broken."""
    gone: dict[tuple[str, str], str] = {}
    for (kind, rid), data in old.data.items():
        if (kind, rid) not in new.data and (kind, rid) not in new.unreadable:
            gone.setdefault((kind, _facts_of(data)), rid)
    moved = []
    for (kind, rid), data in new.data.items():
        was = gone.get((kind, _facts_of(data)))
        if (kind, rid) not in old.data and was is not None and was not in (data.get("former_ids") or []):
            moved.append(((kind, rid), was))
    return sorted(moved)


def _facts_of(data: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in data.items() if k != "former_ids"}, sort_keys=True, default=str)


def _ordered_keys(old: Tree, new: Tree) -> list[Key]:
    order = {kind: index for index, kind in enumerate(KINDS)}
    keys = set(old.data) | old.unreadable | set(new.data) | new.unreadable
    return sorted(keys, key=lambda key: (order[key[0]], key[1]))


def _problem_key(problem: Problem) -> tuple[str, str, str]:
    """Problems are the same across versions when file, field and message match (lines move)."""
    return (problem.path, problem.field, problem.message)


def _compare(key: Key, old: Tree, new: Tree, style: Style, diff: FactDiff) -> None:
    name = f"{KINDS[key[0]].singular} {style.code(key[1])}"
    existed = key in old.data or key in old.unreadable
    if key in new.unreadable and existed:
        diff.changed.append((name, [UNREADABLE]))
    elif key in new.unreadable:
        diff.added.append(f"{name}: {UNREADABLE}")
    elif key not in new.data:
        diff.removed.append(_with_headline(name, old.data.get(key, {}), style) + _amount(key[0], old.data[key]))
    elif not existed:
        diff.added.append(_with_headline(name, new.data[key], style) + _amount(key[0], new.data[key]))
    else:
        changes = record_changes(key[0], old.data.get(key, {}), new.data[key], style)
        if changes:
            diff.changed.append((name, changes))


def _with_headline(name: str, data: dict[str, Any], style: Style) -> str:
    headline = next((data[f] for f in HEADLINES if isinstance(data.get(f), str)), None)
    return f"{name}: {style.value(headline)}" if headline else name


def _amount(kind: str, data: dict[str, Any]) -> str:
    """', about 110 people, November 2023': an added or removed figure's number, unit and date (when it is valid)."""
    if kind != "figures":
        return ""
    try:
        figure = Figure.model_validate(data)
    except ValidationError:
        return ""
    return f", {figure_amount(figure)} {figure.unit}, {when_text(figure)}"


def record_changes(kind: str, old: dict[str, Any], new: dict[str, Any], style: Style) -> list[str]:
    """Each difference between two versions of one record, in plain words, in the skeleton's field order."""
    model = KINDS[kind].model
    old, new = with_defaults(model, old), with_defaults(model, new)
    names = field_order(kind) + sorted((set(old) | set(new)) - set(model.model_fields))
    changes: list[str] = []
    for name in names:
        changes += _changes(name, old.get(name, _MISSING), new.get(name, _MISSING), style)
    return changes


def with_defaults(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """A left-out field counts as its default, and short list items as their long form."""
    defaults = {name: _raw(info.default) for name, info in model.model_fields.items()
                if not info.is_required() and info.default is not None}
    full = {**defaults, **data}
    if isinstance(full.get("speaker"), str):  # one speaker is a list of one: adding a second is one change
        full["speaker"] = [full["speaker"]]
    for name, key in ITEM_KEYS.items():
        if isinstance(full.get(name), list):
            full[name] = [{key: item} if isinstance(item, str) else item for item in full[name]]
    return full


def _raw(value: Any) -> Any:
    """A model default written the way an editor would write it in YAML."""
    return yaml_scalar(value) if isinstance(value, bool) else value


def _changes(name: str, old: Any, new: Any, style: Style, word: str = "field ") -> list[str]:
    if old == new:
        return []
    if old is _MISSING:
        return [f"new {word}{style.name(name)}: {style.value(new)}"]
    if new is _MISSING:
        return [f"removed {word}{style.name(name)} (was {style.value(old)})"]
    if isinstance(old, dict) and isinstance(new, dict):
        return [c for sub in _keys(old, new) for c in _changes(f"{name}.{sub}", old.get(sub, _MISSING),
                                                               new.get(sub, _MISSING), style, word)]
    if isinstance(old, list) and isinstance(new, list):
        return _item_changes(name, old, new, style) if name in ITEM_KEYS else _list_changes(name, old, new, style)
    if isinstance(old, str) and isinstance(new, str) and " " in old.strip() + new.strip():
        marked = style.value(marked_words(old, new), whole=True)
        return [f"{style.name(name)} {style.value(old, whole=True)} → {style.value(new, whole=True)} "
                f"(changed words: {marked})"]
    return [f"{style.name(name)} {style.value(old)} → {style.value(new)}"]


def _keys(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return list(old) + [key for key in new if key not in old]


def _list_changes(name: str, old: list[Any], new: list[Any], style: Style) -> list[str]:
    shown = style.value if name in NAME_LISTS else style.item
    added = [f"{style.name(name)}: added {shown(item)}" for item in new if item not in old]
    removed = [f"{style.name(name)}: removed {shown(item)}" for item in old if item not in new]
    return added + removed or [f"{style.name(name)}: reordered"]


def _item_changes(name: str, old: list[Any], new: list[Any], style: Style) -> list[str]:
    """Citations, aliases, roles, participants: matched by their id or name, then compared inside."""
    before, after = _by_key(old, ITEM_KEYS[name]), _by_key(new, ITEM_KEYS[name])
    if before is None or after is None:
        return [f"{style.name(name)} {style.value(old)} → {style.value(new)}"]
    noun = ITEM_NOUNS[name]
    changes = [f"new {noun} {style.code(key)}" for key in after if key not in before]
    changes += [f"removed {noun} {style.code(key)}" for key in before if key not in after]
    for key in (k for k in before if k in after):
        changes += [f"{noun} {style.code(key)}: {c}"
                    for sub in _keys(before[key], after[key])
                    for c in _changes(sub, before[key].get(sub, _MISSING), after[key].get(sub, _MISSING), style, "")]
    return changes or [f"{name}: reordered"]


def _by_key(items: list[Any], key: str) -> dict[str, dict[str, Any]] | None:
    """Items by their identifying sub-field, or None when that cannot tell them apart."""
    keyed = {item[key]: item for item in items if isinstance(item, dict) and isinstance(item.get(key), str)}
    return keyed if len(keyed) == len(items) else None


# --- diff: the report --------------------------------------------------------

def render(diff: FactDiff, ref: str, style: Style) -> str:
    counts = f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
    empty = not (diff.added or diff.removed or diff.changed)
    if style.markdown:
        title = f"## Fact changes since {style.code(ref)}"
        lines = [title, "", "No fact changes." if empty else f"{counts}."]
    else:
        lines = [f"No fact changes since {ref}." if empty else f"Fact changes since {ref}: {counts}"]
    lines += _section("Added", diff.added, style) + _section("Removed", diff.removed, style)
    lines += _changed_section(diff.changed, style)
    lines += _section(f"Renamed without a redirect ({len(diff.moved)})", diff.moved, style)
    lines += _problem_section(f"New problems ({len(diff.new_problems)})", diff.new_problems, style)
    lines += _problem_section(f"Problems already at {style.code(ref) if style.markdown else ref} "
                              f"({len(diff.old_problems)})", diff.old_problems, style)
    return "\n".join(lines) + "\n"


def _heading(title: str, style: Style) -> list[str]:
    return ["", f"### {title}", ""] if style.markdown else ["", f"{title}:"]


def _section(title: str, items: list[str], style: Style) -> list[str]:
    if not items:
        return []
    bullet = "- " if style.markdown else "  "
    return _heading(title, style) + [bullet + item for item in items]


def _changed_section(changed: list[tuple[str, list[str]]], style: Style) -> list[str]:
    if not changed:
        return []
    if not style.markdown:
        return _heading("Changed", style) + [f"  {name}: {'; '.join(changes)}" for name, changes in changed]
    lines = _heading("Changed", style)
    for name, changes in changed:
        lines += [f"- {name}"] + [f"  - {change}" for change in changes]
    return lines


def _problem_section(title: str, problems: list[Problem], style: Style) -> list[str]:
    return _section(title, [style.code(str(p)) if style.markdown else str(p) for p in problems], style)


def cmd_diff(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not content.is_dir():
        raise UsageError(f"content folder not found: {content}")
    style = Style(markdown=args.markdown)
    with tempfile.TemporaryDirectory(prefix="research-site-diff-") as tmp:
        old = read_tree(tree_at(args.ref, content, Path(tmp)))
    print(render(fact_diff(old, read_tree(content), style), args.ref, style), end="")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    diff = sub.add_parser("diff", help="say which facts changed since a git ref (branch, tag or commit)")
    diff.add_argument("ref", help="the git ref to compare the working tree with, e.g. origin/main")
    diff.add_argument("--content", default="content", help="the content folder (default: content)")
    diff.add_argument("--markdown", action="store_true", help="write Markdown for a pull-request comment")
    diff.set_defaults(run=cmd_diff)
