"""The command line: ``research-site check | schema | search-index`` (also ``python -m generator``)."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from generator import build_factbase
from generator.check.provenance import provenance_report
from generator.model.errors import ContentError, UsageError
from generator.model.fields import with_field_tables
from generator.model.jsonschema import stale_schemas, write_schemas
from generator.model.kinds import KINDS

Command = Callable[[argparse.Namespace], int]


def _content_dir(args: argparse.Namespace) -> Path:
    content = Path(args.content)
    if not content.is_dir():
        raise UsageError(f"content folder not found: {content}")
    return content


def cmd_check(args: argparse.Namespace) -> int:
    content = _content_dir(args)
    try:
        base = build_factbase(content)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    stale = stale_schemas(content.resolve().parent)
    if stale:
        print(ContentError(stale).report(), file=sys.stderr)
        return 1
    for warning in base.warnings:
        print(warning, file=sys.stderr)
    if args.strict and base.warnings:
        count = len(base.warnings)
        print(f"{count} warning{'s' if count != 1 else ''} in content (errors with --strict)", file=sys.stderr)
        return 1
    counts = base.counts()
    print("ok: " + ", ".join(f"{counts[k]} {k}" for k in KINDS))
    if args.report:
        print(provenance_report(base).to_text())
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    root = Path(args.root)
    written = write_schemas(root)
    guide = root / "CONTRIBUTING.md"
    if guide.is_file():  # the editors' guide lists every field in the model's words
        text = guide.read_text(encoding="utf-8")
        if with_field_tables(text) != text:
            guide.write_text(with_field_tables(text), encoding="utf-8")
            written.append(guide)
    for path in written:
        print(f"wrote {path.relative_to(root).as_posix() if path.is_relative_to(root) else path}")
    return 0


def cmd_search_index(args: argparse.Namespace) -> int:
    """The site's search index for a site built by any engine from the same content (the plugin does this itself)."""
    from generator.render import views
    from generator.render.searchdocs import documents, page_documents
    from generator.site.search import FOLDER, build_bundle, install

    content, site = _content_dir(args), Path(args.site)
    if not site.is_dir():
        raise UsageError(f"built site folder not found: {site}")
    try:
        base = build_factbase(content)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    docs = documents(base, lambda kind, rid: views.title(base, kind, rid)) + page_documents(content / "pages")
    work = site / f".{FOLDER}-work"
    try:
        build_bundle(docs, work / FOLDER, args.lang)
        install(work / FOLDER, site, keep=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {site / FOLDER}: {len(docs)} documents")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    check = sub.add_parser("check", help="validate every record under the content folder")
    check.add_argument("--content", default="content", help="the content folder (default: content)")
    check.add_argument("--strict", action="store_true", help="treat provenance warnings as errors")
    check.add_argument("--report", action="store_true", help="print the provenance report after the summary")
    check.set_defaults(run=cmd_check)
    schema = sub.add_parser("schema", help="write site_config/schema/*.json and the field tables of CONTRIBUTING.md")
    schema.add_argument("--root", default=".", help="the project folder (default: .)")
    schema.set_defaults(run=cmd_schema)
    search = sub.add_parser("search-index", help="write the search index (Pagefind) into a built site")
    search.add_argument("--content", default="content", help="the content folder (default: content)")
    search.add_argument("--site", default="site", help="the built site folder (default: site)")
    search.add_argument("--lang", default="en", help="the site's language, for stemming (default: en)")
    search.set_defaults(run=cmd_search_index)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="research-site", description="Validate facts and build the research site.")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _command_modules():
        module.register(sub)
    return top


def _command_modules() -> list[Any]:
    """Each command module adds its own subcommands (keeps this file from growing)."""
    import sys as _sys

    modules: list[Any] = [_sys.modules[__name__]]
    # Other command modules are appended here, one import each.
    from generator.commands import diff, generate, new
    modules += [new, diff, generate]
    return modules


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        run: Command = args.run
        return run(args)
    except UsageError as exc:
        print(f"research-site: {exc}", file=sys.stderr)
        return 2
