"""The same site from three engines: cold and warm builds at 1,000 and 5,000 records, in one run.

    .venv/bin/python bench/engines.py            # writes the table into README.md ("Choosing an engine")
    .venv/bin/python bench/engines.py --no-write --sizes 200

Engines that are not installed are left out (``pip install -e ".[engines]"`` installs them all):

- **MkDocs** (``mkdocs build --strict``) and **ProperDocs** (``properdocs build --strict -f mkdocs.yml``)
  run our plugin; they keep nothing between two runs, so a warm build (one record changed) is a second
  full build.
- **Zensical** builds the folder ``research-site generate --out build/docs`` writes (``zensical.yml``);
  its time is ``generate``, ``zensical build``, ``research-site audit`` and ``search-index``, each shown.
  Cold: no ``build/`` folder and no Zensical cache; warm: after one record changed, ``generate``
  rewrites only the files whose bytes changed and Zensical rebuilds from its cache.

Every timed command runs in a child process with ``SOURCE_DATE_EPOCH`` set.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from bench.synthetic import write_content  # noqa: E402
from sitebuild import make_project  # noqa: E402

README = ROOT / "README.md"
START, END = "<!-- engines:start -->", "<!-- engines:end -->"
BIN = Path(sys.executable).parent


def installed(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def run(project: Path, *cmd: str) -> float:
    """Seconds one command takes in ``project``; stops the benchmark when it fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env)
    took = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed in {project}:\n{done.stdout[-2000:]}{done.stderr[-4000:]}")
    return took


def edit_one_record(content: Path) -> None:
    """A statement's text changes (and its citation's quote with it, so the evidence still holds)."""
    path = sorted((content / "statements").glob("*.yaml"))[1]
    text = path.read_text(encoding="utf-8")
    said = next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("text: "))
    path.write_text(text.replace(said, said.rstrip(".") + " Tomorrow."), encoding="utf-8")


def with_plugin(project: Path, command: list[str]) -> dict[str, float]:
    shutil.rmtree(project / "site", ignore_errors=True)
    cold = run(project, *command)
    edit_one_record(project / "content")
    return {"cold": cold, "warm": run(project, *command)}


def zensical(project: Path) -> dict[str, float]:
    for folder in ("build", ".cache"):
        shutil.rmtree(project / folder, ignore_errors=True)
    steps = {"generate": [str(BIN / "research-site"), "generate", "--out", "build/docs"],
             "build": [str(BIN / "zensical"), "build", "--strict", "-f", "zensical.yml"],
             "audit": [str(BIN / "research-site"), "audit", "build/zensical-site"],
             "search index": [str(BIN / "research-site"), "search-index", "--site", "build/zensical-site"]}
    found: dict[str, float] = {}
    for phase in ("cold", "warm"):
        if phase == "warm":
            edit_one_record(project / "content")
        for step, command in steps.items():
            found[f"{phase} {step}"] = run(project, *command)
        found[phase] = sum(found[f"{phase} {step}"] for step in steps)
    return found


def measure(n: int, work: Path, engines: list[str]) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for engine in engines:
        project = work / f"{engine}-{n}"
        write_content(project / "content", n)  # each engine starts from the same files
        make_project(project / "content", project)
        print(f"{n:,} records, {engine}...", file=sys.stderr, flush=True)
        if engine == "MkDocs":
            results[engine] = with_plugin(project, [str(BIN / "mkdocs"), "build", "--strict"])
        elif engine == "ProperDocs":
            results[engine] = with_plugin(project, [str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml"])
        else:
            results[engine] = zensical(project)
        shutil.rmtree(project)
    return results


def table(all_results: dict[int, dict[str, dict[str, float]]]) -> str:
    lines = ["| Records | Engine | Cold build | Warm build (one record changed) | Cold ÷ MkDocs cold "
             "| Warm ÷ MkDocs cold |", "|---:|---|---:|---:|---:|---:|"]
    for n, results in all_results.items():
        base = results["MkDocs"]["cold"] if "MkDocs" in results else None
        for engine, found in results.items():
            cold, warm = found["cold"], found["warm"]
            if engine == "Zensical":
                cold_text, warm_text = (f"{found[phase]:.1f} s (" + " + ".join(
                    f"{key.split(' ', 1)[1]} {value:.1f}" for key, value in found.items()
                    if key.startswith(phase + " ")) + ")" for phase in ("cold", "warm"))
            else:
                cold_text, warm_text = f"{cold:.1f} s", f"{warm:.1f} s"
            ratios = (f"{cold / base:.2f} | {warm / base:.2f}") if base else "– | –"
            lines.append(f"| {n:,} | {engine} | {cold_text} | {warm_text} | {ratios} |")
    return "\n".join(lines) + "\n"


def machine() -> str:
    versions = ", ".join(f"{name} {installed(package)}" for name, package in
                         (("MkDocs", "mkdocs"), ("Material", "mkdocs-material"), ("ProperDocs", "properdocs"),
                          ("Zensical", "zensical")) if installed(package))
    return (f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {versions}, "
            f"{time.strftime('%Y-%m-%d', time.gmtime())}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000])
    parser.add_argument("--no-write", action="store_true", help="print the table, leave README.md")
    args = parser.parse_args(argv)
    engines = [name for name, package in (("MkDocs", "mkdocs"), ("ProperDocs", "properdocs"),
                                          ("Zensical", "zensical")) if installed(package)]
    results: dict[int, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="research-site-engines-") as tmp:
        for n in args.sizes:
            results[n] = measure(n, Path(tmp), engines)
            print(table({n: results[n]}), file=sys.stderr, flush=True)  # a long run shows what it has so far
    body = f"Measured on {machine()}.\n\n" + table(results)
    print(body)
    if not args.no_write:
        readme = README.read_text(encoding="utf-8")
        if START in readme and END in readme:
            head, rest = readme.split(START, 1)
            README.write_text(head + START + "\n" + body + END + rest.split(END, 1)[1], encoding="utf-8")
            print("wrote the table in README.md")


if __name__ == "__main__":
    main()
