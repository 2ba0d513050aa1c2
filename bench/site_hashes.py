"""Byte-identity guard for refactoring: the SHA-256 of every built file, for three content trees.

    .venv/bin/python bench/site_hashes.py --write /tmp/before.txt   # on the commit you start from
    .venv/bin/python bench/site_hashes.py --check /tmp/before.txt   # after each step: lists what changed

It builds (``mkdocs build --strict``, ``SOURCE_DATE_EPOCH`` set, outside git so no
commit dates leak in) the bundled ``content/``, the fixture tree
``tests/fixtures/content`` and a 2,000-record synthetic base (``bench/synthetic.py``,
seed 1), and writes one line ``<sha256>  <tree>/<path>`` per built file. ``--check``
exits 1 and names every file added, removed or changed. The manifest is not kept in
the repository: any template change rightly changes it; it pins a refactoring only.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from bench.synthetic import write_content  # noqa: E402
from sitebuild import make_project, mkdocs_build  # noqa: E402  (tests/ helper: the real mkdocs.yml)

SYNTHETIC_RECORDS = 2_000


def site_hashes(content: Path, name: str, work: Path) -> dict[str, str]:
    """Build ``content`` in a fresh project under ``work``; ``{name/path: sha256}`` of every built file."""
    project = make_project(content, work / name)
    done = mkdocs_build(project)
    if done.returncode:
        raise SystemExit(f"mkdocs build failed for {name}:\n{done.stderr[-4000:]}")
    site = project / "site"
    return {f"{name}/{path.relative_to(site).as_posix()}": hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def all_hashes() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_content(work / "synthetic-content", SYNTHETIC_RECORDS)
        trees = {"bundled": ROOT / "content", "fixtures": ROOT / "tests" / "fixtures" / "content",
                 "synthetic": work / "synthetic-content"}
        out: dict[str, str] = {}
        for name, content in trees.items():
            out.update(site_hashes(content, name, work))
        return out


def read_manifest(path: Path) -> dict[str, str]:
    return {name: digest for digest, name in (line.split("  ", 1) for line in path.read_text().splitlines())}


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return ([f"removed  {name}" for name in sorted(before.keys() - after.keys())]
            + [f"added    {name}" for name in sorted(after.keys() - before.keys())]
            + [f"changed  {name}" for name in sorted(before.keys() & after.keys()) if before[name] != after[name]])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, metavar="MANIFEST", help="record the hashes of every built file")
    action.add_argument("--check", type=Path, metavar="MANIFEST", help="compare with a recorded manifest")
    args = parser.parse_args(argv)
    hashes = all_hashes()
    if args.write:
        args.write.write_text("".join(f"{digest}  {name}\n" for name, digest in hashes.items()))
        print(f"{len(hashes)} files hashed into {args.write}")
        return 0
    changes = differences(read_manifest(args.check), hashes)
    print("\n".join(changes) or f"all {len(hashes)} built files byte-identical")
    return 1 if changes else 0


if __name__ == "__main__":
    sys.exit(main())
