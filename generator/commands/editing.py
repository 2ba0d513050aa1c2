"""Editors' commands: ``new`` writes a commented record skeleton, ``diff`` tells in words what changed.

Both read the schema from ``model``: the skeleton lists every field the model
declares (with the allowed values of each), and the diff knows each field's
default, so adding ``status: reported`` is not reported as a change.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from generator import build_factbase
from generator.check.compare import figure_amount, when_text
from generator.check.link import CITATION, REFERENCES
from generator.model.errors import ContentError, Problem, UsageError
from generator.model.jsonschema import SCHEMA_DIR
from generator.model.records import (
    KINDS,
    SINGULAR,
    Figure,
    PartialDate,
    check_slug,
    nested_model,
    parse_flag,
    parse_number,
)
from generator.read.load import discover, id_problem, read_all

# --- new: the record skeleton --------------------------------------------

KIND_NAMES = {**{name: name for name in KINDS}, **{one: many for many, one in SINGULAR.items()}}

# Optional in the model, but a model rule asks for one of them: the skeleton puts it with the required fields.
RULE_REQUIRED = {"figures": ("value",), "events": ("date",)}

# What a field means, for fields whose model declares no description ("Model.field" wins over "field").
HELP = {
    "status": "how well established the record is; to correct a record, retract it: never delete it",
    "Actor.name": "the name most English-language sources use",
    "Actor.type": "what sort of actor this is",
    "aliases": "other names: each a name, or {name, lang}",
    "Alias.name": "the other name, as written",
    "Alias.lang": "the language of that name",
    "Actor.description": "one or two neutral sentences on who this is",
    "roles": "offices held: each with a title, and where known of, start and end",
    "Role.title": "the office, e.g. President",
    "Role.start": "when the role began",
    "Role.end": "when it ended (leave out while it lasts)",
    "member_of": "organisations this actor belongs to",
    "country": "the country code (ISO 3166-1 alpha-2, e.g. IL, QA, US)",
    "wikidata": "the actor's Wikidata id (e.g. Q42)",
    "Statement.date": "when it was said",
    "Statement.text": "the words: exact for a quote, a faithful summary for a paraphrase or position",
    "Statement.kind": "quote: the exact words a source puts in quotation marks; paraphrase: a source's "
                      "summary of what was said; position: a stance attributed with no words quoted",
    "context": "where, when and to whom it was said",
    "Statement.event": "the event at which it was said",
    "Statement.about": "actors the statement is about",
    "topics": "topics, as short ids such as humanitarian-pause",
    "label": "what is counted, in a few words",
    "measure": "what is counted, as an id: figures with the same measure and period are compared",
    "value": "the number the source gives (for a range, leave it out and give min and/or max); "
             "say how the source qualifies it with qualifier",
    "min": "the low end of a range",
    "max": "the high end of a range",
    "unit": "what one unit is, e.g. people, days, trucks",
    "as_of": "the date the number describes (or give period instead)",
    "period": "the span the number covers",
    "Period.start": "the first day, month or year of the span",
    "Period.end": "the last day, month or year of the span",
    "reported_by": "the actor that gave the number",
    "Figure.about": "actors the number is about",
    "Figure.event": "the event the number belongs to",
    "Event.title": "what happened, in a few words",
    "Event.date": "when it happened (for a span, leave it out and give start and end)",
    "Event.start": "the first day, month or year of a span",
    "Event.end": "the last day, month or year of a span",
    "Event.type": "what sort of event",
    "location": "where it happened",
    "participants": "actors who took part: each an id, or {actor, role}",
    "Participant.actor": "the actor who took part",
    "Participant.role": "their part in it, e.g. host, mediator",
    "Event.description": "a few neutral sentences on what happened",
    "Source.title": "the headline or title as published",
    "publisher": "who published it",
    "Source.type": "what sort of source",
    "url": "the link to the source",
    "published": "the publication date the source states",
    "accessed": "the date you read it",
    "Source.language": "the language it is written in (BCP 47, e.g. en, he, ar)",
    "archive_url": "a link to an archived copy",
}
_WRAP = 100


def scaffold(kind: str, schema_ref: str | None = None) -> str:
    """The commented skeleton of a new record of ``kind`` (plural folder name)."""
    singular = SINGULAR[kind]
    schema_ref = schema_ref or f"../../{SCHEMA_DIR.as_posix()}/{singular}.schema.json"
    lines = [f"# yaml-language-server: $schema={schema_ref}",
             f"# A new {singular}. Fill in every required field; uncomment the optional ones you need.",
             "# Then run: research-site check", ""]
    for name in field_order(kind):
        lines += _field_block(kind, name) + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def field_order(kind: str) -> list[str]:
    """Required fields first; within each group the kind's own fields, then the shared ones."""
    model = KINDS[kind]
    shared = {name for base in model.__bases__ if issubclass(base, BaseModel) for name in base.model_fields}
    names = [n for n in model.model_fields if n not in shared] + [n for n in model.model_fields if n in shared]
    return sorted(names, key=lambda name: not is_required(kind, name))


def is_required(kind: str, name: str) -> bool:
    return KINDS[kind].model_fields[name].is_required() or name in RULE_REQUIRED.get(kind, ())


def _field_block(kind: str, name: str) -> list[str]:
    model = KINDS[kind]
    required = is_required(kind, name)
    about = f"{name} ({'required' if required else 'optional'}): {describe(kind, model, (name,))}"
    lines = textwrap.wrap(about, _WRAP - 2, initial_indent="# ", subsequent_indent="#   ")
    lines.append(("" if required else "# ") + f"{name}:")
    return lines + ["# " + line for line in _nested_skeleton(kind, model.model_fields[name], name)]


def _nested_skeleton(kind: str, info: FieldInfo, name: str) -> list[str]:
    """Commented lines showing the sub-fields of a mapping or a list of mappings."""
    inner = nested_model(info.annotation)
    if inner is None:
        return []
    is_list = any(get_origin(part) is list for part in _parts(info))
    lines = []
    for index, (sub, sub_info) in enumerate(inner.model_fields.items()):
        lead = ("- " if index == 0 else "  ") if is_list else ""
        need = "required: " if sub_info.is_required() else ""
        lines.append(f"  {lead}{sub}:  # {need}{describe(kind, inner, (name, sub))}")
    return lines


def describe(kind: str, model: type[BaseModel], path: tuple[str, ...]) -> str:
    """What a field means, how to write it, and its default."""
    info = model.model_fields[path[-1]]
    meaning = HELP.get(f"{model.__name__}.{path[-1]}") or HELP.get(path[-1]) or info.description or ""
    pieces = [meaning, _format_hint(kind, path, info, meaning), _default_hint(info)]
    return "; ".join(piece for piece in pieces if piece)


def _format_hint(kind: str, path: tuple[str, ...], info: FieldInfo, meaning: str) -> str:
    parts = list(_parts(info))
    values = [arg for part in parts if get_origin(part) is Literal for arg in get_args(part)]
    if values:
        return "one of: " + ", ".join(values)
    if PartialDate in parts:
        return "YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source"
    if parse_number in parts:
        return "digits, e.g. 240 or 2.5 (no thousands separators)"
    if parse_flag in parts:
        return "true or false"
    if check_slug in parts and not re.search(r"\bids?\b", meaning):  # the meaning already says so
        return _id_hint(kind, path, any(get_origin(part) is list for part in parts))
    return ""


def _id_hint(kind: str, path: tuple[str, ...], many: bool) -> str:
    target = _reference_target(kind, path)
    where = f" from content/{target}/" if target else " (lowercase words joined by hyphens)"
    return ("a list of ids" if many else "an id") + where


def _reference_target(kind: str, path: tuple[str, ...]) -> str | None:
    """Which folder a reference field points into, read from the linker's table."""
    specs = REFERENCES[kind] + ([CITATION] if kind != "sources" else [])
    for spec, target in specs:
        if tuple(step for step in spec if step != "*") == path:
            return target
    return None


def _default_hint(info: FieldInfo) -> str:
    default = info.default
    if info.is_required() or default is None or default == []:
        return ""
    return f"default: {_yaml_scalar(default)}"


def _yaml_scalar(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _parts(info: FieldInfo) -> Iterator[Any]:
    """Every type, argument and validator function inside a field's declared type."""
    yield from _annotation_parts(info.annotation)
    for meta in info.metadata:
        yield getattr(meta, "func", meta)


def _annotation_parts(annotation: Any) -> Iterator[Any]:
    yield annotation
    for meta in getattr(annotation, "__metadata__", ()):
        yield getattr(meta, "func", meta)
    for arg in get_args(annotation):
        yield from _annotation_parts(arg)


def cmd_new(args: argparse.Namespace) -> int:
    kind = KIND_NAMES[args.kind]
    problem = id_problem(args.id)
    if problem:
        raise UsageError(problem)
    content = Path(args.content)
    if not content.is_dir():
        raise UsageError(f"content folder not found: {content}")
    path = content / kind / f"{args.id}.yaml"
    schema = content.parent / SCHEMA_DIR / f"{SINGULAR[kind]}.schema.json"
    text = scaffold(kind, Path(os.path.relpath(schema, path.parent)).as_posix())
    path.parent.mkdir(exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        print(f"research-site: {path.as_posix()} already exists: edit it, or choose another id", file=sys.stderr)
        return 1
    print(f"wrote {path.as_posix()}: fill in the required fields, then run 'research-site check'")
    return 0


# --- diff: what changed in the facts since a git ref -----------------------

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
    if not content.is_dir():
        return Tree()
    files, _ = discover(content)
    raws, _ = read_all(content)
    data = {(raw.kind, raw.id): raw.doc.data for raw in raws}
    return Tree(data, {(kind, path.stem) for kind, path in files} - set(data), _problems(content))


def _problems(content: Path) -> list[Problem]:
    try:
        build_factbase(content)
    except ContentError as exc:
        return exc.problems
    return []


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
        fence = "``" if "`" in text else "`"
        pad = " " if "`" in text else ""
        return f"{fence}{pad}{text}{pad}{fence}"

    def item(self, value: Any) -> str:
        """A list item: ids as code, anything else as a value."""
        return self.code(value) if isinstance(value, str) else self.value(value)

    def value(self, value: Any, whole: bool = False) -> str:
        """A value as shown: in full with ``whole`` (a changed text), else cut at _LONGEST characters."""
        text = _shown(value, whole)
        if self.markdown:
            return self.code(text)
        return f"“{text}”" if isinstance(value, str) and " " in text else text


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


def fact_diff(old: Tree, new: Tree, style: Style) -> FactDiff:
    diff = FactDiff()
    for key in _ordered_keys(old, new):
        _compare(key, old, new, style, diff)
    seen = {_problem_key(p) for p in old.problems}
    diff.new_problems = [p for p in new.problems if _problem_key(p) not in seen]
    diff.old_problems = [p for p in new.problems if _problem_key(p) in seen]
    return diff


def _ordered_keys(old: Tree, new: Tree) -> list[Key]:
    order = {kind: index for index, kind in enumerate(KINDS)}
    keys = set(old.data) | old.unreadable | set(new.data) | new.unreadable
    return sorted(keys, key=lambda key: (order[key[0]], key[1]))


def _problem_key(problem: Problem) -> tuple[str, str, str]:
    """Problems are the same across versions when file, field and message match (lines move)."""
    return (problem.path, problem.field, problem.message)


def _compare(key: Key, old: Tree, new: Tree, style: Style, diff: FactDiff) -> None:
    name = f"{SINGULAR[key[0]]} {style.code(key[1])}"
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
    model = KINDS[kind]
    old, new = _with_defaults(model, old), _with_defaults(model, new)
    names = field_order(kind) + sorted((set(old) | set(new)) - set(model.model_fields))
    changes: list[str] = []
    for name in names:
        changes += _changes(name, old.get(name, _MISSING), new.get(name, _MISSING), style)
    return changes


def _with_defaults(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
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
    return _yaml_scalar(value) if isinstance(value, bool) else value


def _changes(name: str, old: Any, new: Any, style: Style, word: str = "field ") -> list[str]:
    if old == new:
        return []
    if old is _MISSING:
        return [f"new {word}{name}: {style.value(new)}"]
    if new is _MISSING:
        return [f"removed {word}{name} (was {style.value(old)})"]
    if isinstance(old, dict) and isinstance(new, dict):
        return [c for sub in _keys(old, new) for c in _changes(f"{name}.{sub}", old.get(sub, _MISSING),
                                                               new.get(sub, _MISSING), style, word)]
    if isinstance(old, list) and isinstance(new, list):
        return _item_changes(name, old, new, style) if name in ITEM_KEYS else _list_changes(name, old, new, style)
    if isinstance(old, str) and isinstance(new, str) and " " in old.strip() + new.strip():
        marked = style.value(marked_words(old, new), whole=True)
        return [f"{name} {style.value(old, whole=True)} → {style.value(new, whole=True)} (changed words: {marked})"]
    return [f"{name} {style.value(old)} → {style.value(new)}"]


def _keys(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return list(old) + [key for key in new if key not in old]


def _list_changes(name: str, old: list[Any], new: list[Any], style: Style) -> list[str]:
    shown = style.value if name in NAME_LISTS else style.item
    added = [f"{name}: added {shown(item)}" for item in new if item not in old]
    removed = [f"{name}: removed {shown(item)}" for item in old if item not in new]
    return added + removed or [f"{name}: reordered"]


def _item_changes(name: str, old: list[Any], new: list[Any], style: Style) -> list[str]:
    """Citations, aliases, roles, participants: matched by their id or name, then compared inside."""
    before, after = _by_key(old, ITEM_KEYS[name]), _by_key(new, ITEM_KEYS[name])
    if before is None or after is None:
        return [f"{name} {style.value(old)} → {style.value(new)}"]
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
    new = sub.add_parser("new", help="write a commented skeleton for a new record")
    new.add_argument("kind", choices=sorted(KIND_NAMES, key=lambda k: (k not in SINGULAR.values(), k)),
                     metavar="KIND", help="actor, statement, figure, event or source")
    new.add_argument("id", help="the new record's id: lowercase a-z, 0-9 and single hyphens")
    new.add_argument("--content", default="content", help="the content folder (default: content)")
    new.set_defaults(run=cmd_new)
    diff = sub.add_parser("diff", help="say which facts changed since a git ref (branch, tag or commit)")
    diff.add_argument("ref", help="the git ref to compare the working tree with, e.g. origin/main")
    diff.add_argument("--content", default="content", help="the content folder (default: content)")
    diff.add_argument("--markdown", action="store_true", help="write Markdown for a pull-request comment")
    diff.set_defaults(run=cmd_diff)

