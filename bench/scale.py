"""Scale benchmark: build synthetic fact bases of N records and compare with MkDocs' own floor.

    .venv/bin/python bench/scale.py                 # N = 1,000, 5,000 and 10,000
    .venv/bin/python bench/scale.py --sizes 500 2000
    .venv/bin/python bench/scale.py --sizes 10000 --git   # the content in git: every page shows its history

For each N it measures load + validate, page generation (render + exports), the
full ``mkdocs build`` (a child process: time, peak memory, the generator's share)
and the sizes of what was built; then, in the same run, the *floor*: MkDocs alone
building the very same Markdown pages written to disk (same theme, nav and
extensions, no research-site plugin; the site's search index is the plugin's, see
generator/site/search.py, so the floor has none). It writes bench/RESULTS.md and
the table between the bench markers in README.md.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from generator import build_factbase  # noqa: E402
from generator.model.kinds import KINDS as REGISTRY  # noqa: E402

from bench.synthetic import write_content, write_small_content  # noqa: E402
from sitebuild import make_project  # noqa: E402  (tests/ helper: the real mkdocs.yml and site_config)

KINDS = tuple(REGISTRY)
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
RESULTS = ROOT / "bench" / "RESULTS.md"
README = ROOT / "README.md"
SMALL_RECORDS = 10_000


@dataclass
class Result:
    """Everything measured for one size."""

    n: int
    load: float  # load + validate + link + provenance checks, in process
    generate: float  # render + exports + JSON-LD (on_pre_build minus load), in process
    build: dict[str, Any]  # the child mkdocs build: total, generator (its hooks), peak_rss_mb
    floor: dict[str, Any]  # MkDocs alone on the same Markdown files, with Material's search plugin
    sizes: dict[str, Any]
    bare: dict[str, Any]  # the same without any search

    @property
    def ratio(self) -> float:
        return float(self.build["total"] / self.floor["total"])

    @property
    def bare_ratio(self) -> float:
        return float(self.build["total"] / self.bare["total"])

    @property
    def share(self) -> float:
        return float(self.build["generator"] / self.build["total"])

    @property
    def ms_per_record(self) -> float:
        return 1000 * float(self.build["total"]) / self.n


# --- one project ------------------------------------------------------------

def project_for(n: int, where: Path) -> Path:
    """A project folder with a synthetic fact base of ``n`` records and the real site config."""
    write_content(where / "content", n)
    return make_project(where / "content", where)


def timed_build(project: Path) -> dict[str, Any]:
    """``mkdocs build --strict`` in a child process; its timings and peak memory."""
    out = project / "build-timings.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "timed_build.py"), str(project), str(out)],
                          capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"mkdocs build failed in {project}:\n{done.stderr[-4000:]}")
    return dict(json.loads(out.read_text()))


def generate_in_process(project: Path) -> tuple[float, float, Any]:
    """(load seconds, generation seconds, plugin) from the plugin's own on_pre_build."""
    from mkdocs.config import load_config

    from generator.site import produce as glue

    config = load_config(str(project / "mkdocs.yml"))
    site_plugin = config.plugins["research-site"]
    loaded: list[float] = []

    def load(content: Path, cache: Any = None) -> Any:
        start = time.perf_counter()
        base = build_factbase(content, cache)
        loaded.append(time.perf_counter() - start)
        return base

    original, glue.build_factbase = glue.build_factbase, load
    cwd = Path.cwd()
    try:
        os.chdir(project)
        start = time.perf_counter()
        site_plugin.on_pre_build(config=config)
        total = time.perf_counter() - start
    finally:
        glue.build_factbase = original
        os.chdir(cwd)
    return loaded[0], total - loaded[0], site_plugin


# --- the floor ----------------------------------------------------------------

def floor_project(project: Path, site_plugin: Any, where: Path, search: bool = True) -> Path:
    """The same pages as plain Markdown files on disk, built by MkDocs without the plugin: with Material's own
    search plugin (``search``: the site as it was built before Pagefind, the floor issue 6's bound was set
    against), or with no search at all."""
    from mkdocs.utils.yaml import yaml_load

    from generator.site.generate import docs_files, write_folder

    write_folder(where / "docs", docs_files(site_plugin.site, project / "content" / "pages"))  # as `generate` does
    (where / "content").mkdir(exist_ok=True)  # make_project copies no content when this exists
    make_project(where / "content", where)
    with open(where / "mkdocs.yml", encoding="utf-8") as file:
        config = yaml_load(file)  # MkDocs' own loader: !ENV settings take this process's environment
    config["docs_dir"] = "docs"
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "research-site" in p)]
    if search:
        config["plugins"].append("search")
    (where / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return where


# --- sizes --------------------------------------------------------------------

def site_sizes(site: Path, n: int) -> dict[str, Any]:
    """Total size, median record page, largest page, search index."""
    pages = {p: p.stat().st_size for p in site.rglob("*.html")}
    records = [size for p, size in pages.items() if _is_record_page(site, p)]
    largest = max(pages, key=lambda p: pages[p])
    search = search_sizes(site / "pagefind")
    return {"total": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
            "record_page_median": statistics.median(records), "largest": largest.relative_to(site).as_posix(),
            "largest_size": pages[largest], **search, "search_per_record": search["search_index"] / n}


SHOWN_RESULTS = 10  # javascripts/search.js loads the fragments of the first ten results


def search_sizes(bundle: Path) -> dict[str, int]:
    """The Pagefind bundle on disk, and what a reader's first query downloads at most: the script, its
    worker and WebAssembly, the entry and meta files, the largest index chunk and ten result fragments
    (the largest ones). Nothing is downloaded for search before the reader types."""
    def size(pattern: str) -> list[int]:
        return sorted((p.stat().st_size for p in bundle.glob(pattern)), reverse=True)
    index_files = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind", "pagefind-entry.json", "*.pf_meta",
                   "index/*.pf_index", "fragment/*.pf_fragment")
    first = sum(sum(size(name)) for name in index_files[:5]) + sum(size("index/*.pf_index")[:1])
    first += sum(size("fragment/*.pf_fragment")[:SHOWN_RESULTS])
    return {"search_index": sum(sum(size(name)) for name in index_files), "search_first_query": first}


def _is_record_page(site: Path, page: Path) -> bool:
    parts = page.relative_to(site).parts
    return len(parts) == 3 and parts[0] in KINDS and parts[1] != "page" and parts[2] == "index.html"


# --- one size -------------------------------------------------------------------

def commit_history(project: Path) -> None:
    """The content in git: one commit adding every record, then one changing a tenth of the statements."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=project, check=True, env=env, capture_output=True)

    git("init", "-q")
    git("add", "content")
    git("commit", "-qm", "Add the fact base")
    for path in sorted((project / "content" / "statements").glob("*.yaml"))[::10]:
        path.write_text(path.read_text(encoding="utf-8") + "notes: Checked again.\n", encoding="utf-8")
    git("commit", "-qam", "Check a tenth of the statements again")


def measure(n: int, work: Path, repeat: int = 2, history: bool = False) -> Result:
    print(f"N = {n:,}: generating content", flush=True)
    project = project_for(n, work / f"site-{n}")
    if history:
        commit_history(project)
    load, generate, site_plugin = generate_in_process(project)
    print(f"  load {load:.2f} s, pages {generate:.2f} s; building with and without the plugin", flush=True)
    floor = floor_project(project, site_plugin, work / f"floor-{n}")
    bare = floor_project(project, site_plugin, work / f"bare-{n}", search=False)
    builds, floors, bares = [], [], []
    for _ in range(repeat):  # alternated, the fastest of each kept: other work on the machine only slows
        builds.append(timed_build(project))
        floors.append(timed_build(floor))
        bares.append(timed_build(bare))
        print(f"  build {builds[-1]['total']:.1f} s, floor {floors[-1]['total']:.1f} s, "
              f"without search {bares[-1]['total']:.1f} s", flush=True)
    fastest = functools.partial(min, key=lambda b: float(b["total"]))
    sizes = site_sizes(project / "site", n)
    result = Result(n, load, generate, fastest(builds), fastest(floors), sizes, fastest(bares))
    print(f"  build/floor {result.ratio:.2f} (without search {result.bare_ratio:.2f}), "
          f"generator share {result.share:.1%}", flush=True)
    shutil.rmtree(floor / "site")
    shutil.rmtree(bare / "site")
    return result


def small_load(work: Path) -> float:
    """Load + validate ``SMALL_RECORDS`` small records (issue 2 asks for under 3 s)."""
    content = work / "small" / "content"
    write_small_content(content, SMALL_RECORDS)
    start = time.perf_counter()
    build_factbase(content)
    return time.perf_counter() - start


# --- report -----------------------------------------------------------------------

def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown")
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    from importlib.metadata import version

    return (f"{os.cpu_count()} CPUs ({model}), {memory / 1024 / 1024:.0f} GiB memory, "
            f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, "
            f"Material {version('mkdocs-material')}, {platform.system()} {platform.release()}")


def _kb(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


def table(results: list[Result], small: float | None) -> str:
    rows = ["| Records | Load + validate | Pages (render + exports) | `mkdocs build` | Floor (MkDocs alone) "
            "| Build ÷ floor | Floor without search | Build ÷ it | Generator's share | Per record | Peak memory "
            "| Site size | Record page (median) | Largest page | Search index (per record) "
            "| Search: first query downloads at most |",
            "|" + "---:|" * 16]
    for r in results:
        s = r.sizes
        rows.append(f"| {r.n:,} | {r.load:.2f} s | {r.generate:.2f} s | {r.build['total']:.1f} s "
                    f"| {r.floor['total']:.1f} s | {r.ratio:.2f} | {r.bare['total']:.1f} s | {r.bare_ratio:.2f} "
                    f"| {r.share:.1%} | {r.ms_per_record:.2f} ms "
                    f"| {r.build['peak_rss_mb']:,.0f} MB | {s['total'] / 2**20:,.0f} MB "
                    f"| {_kb(s['record_page_median'])} "
                    f"| {_kb(s['largest_size'])} (`{s['largest']}`) | {s['search_index'] / 2**20:,.1f} MB "
                    f"({_kb(s['search_per_record'])}) | {_kb(s['search_first_query'])} |")
    lines = ["\n".join(rows), ""]
    if small is not None:
        lines.append(f"Loading and validating {SMALL_RECORDS:,} small records alone: {small:.2f} s.")
    if len(results) > 1:
        first, last = results[0], results[-1]
        time_growth = last.ms_per_record / first.ms_per_record
        lines.append(f"From {first.n:,} to {last.n:,} records: time per record ×{time_growth:.2f}, "
                     f"median record page ×{_growth(first, last):.2f}.")
    return "\n".join(lines) + "\n"


def targets(results: list[Result], small: float | None) -> str:
    """Issue 6's targets, each marked met or not at the largest size measured."""
    first, last = results[0], results[-1]
    checks = [
        (f"build ≤ 1.2 × floor at {last.n:,} records", last.ratio <= 1.2, f"{last.ratio:.2f}"),
        ("generator's own stages ≤ 10% of the build", last.share <= 0.10, f"{last.share:.1%}"),
        ("time per record within 15% of the smallest size's",
         last.ms_per_record <= 1.15 * first.ms_per_record, f"×{last.ms_per_record / first.ms_per_record:.2f}"),
        ("median record page within 15% of the smallest size's",
         _growth(first, last) <= 1.15, f"×{_growth(first, last):.2f}"),
        ("every page ≤ 200 KB", last.sizes["largest_size"] <= 200 * 1024, _kb(last.sizes["largest_size"])),
        ("peak memory < 1.5 GB", last.build["peak_rss_mb"] < 1536, f"{last.build['peak_rss_mb']:,.0f} MB"),
    ]
    if small is not None:
        checks.append((f"{SMALL_RECORDS:,} small records load and validate in < 3 s", small < 3, f"{small:.2f} s"))
    return "\n".join(f"- {'✅' if ok else '❌'} {name}: {value}" for name, ok, value in checks) + "\n"


def _growth(first: Result, last: Result) -> float:
    return float(last.sizes["record_page_median"] / first.sizes["record_page_median"])


def report(results: list[Result], small: float | None) -> str:
    return (f"Measured on {machine()}, {time.strftime('%Y-%m-%d')}.\n\n{table(results, small)}\n"
            f"Targets (issue 6):\n\n{targets(results, small)}\n"
            "*Load + validate* and *pages* are timed in one process; *`mkdocs build`* is a full strict build in "
            "a child process (its peak memory), of which the *generator's share* is the time spent in the "
            "research-site plugin's hooks. Builds with and without the plugin alternate and the fastest of each "
            "counts. The *floor* is MkDocs building the same Markdown pages and data files "
            "from disk with the same theme, nav and extensions but without the plugin, and with Material's own "
            "search plugin: the site as it was built before the switch to Pagefind, the floor issue 6's bound "
            "was set against (our build makes its Pagefind index instead). The *floor without search* builds "
            "no search index at all.\n")


def write_reports(results: list[Result], small: float | None) -> None:
    body = report(results, small)
    RESULTS.write_text("# Scale benchmark\n\nRegenerate with `.venv/bin/python bench/scale.py`.\n\n" + body,
                       encoding="utf-8")
    readme = README.read_text(encoding="utf-8")
    if START in readme and END in readme:
        head, rest = readme.split(START, 1)
        README.write_text(head + START + "\n" + body + END + rest.split(END, 1)[1], encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000, 10_000])
    parser.add_argument("--repeat", type=int, default=2, help="builds of each kind per size; the fastest counts")
    parser.add_argument("--no-write", action="store_true", help="print the table, leave RESULTS.md and README.md")
    parser.add_argument("--git", action="store_true", help="put the content in git (two commits) so that every "
                        "record page shows its history and the feeds have entries")
    args = parser.parse_args(argv)
    os.environ.setdefault("SITE_URL", "https://example.org/")  # a published build (without it --strict fails)
    with tempfile.TemporaryDirectory(prefix="research-site-bench-") as tmp:
        results = [measure(n, Path(tmp), args.repeat, args.git) for n in args.sizes]
        small = small_load(Path(tmp))
    print(table(results, small))
    if not args.no_write:
        write_reports(results, small)
        print(f"wrote {RESULTS.relative_to(ROOT)} and the table in README.md")


if __name__ == "__main__":
    main()
