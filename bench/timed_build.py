"""Run ``mkdocs build --strict`` in this process and record where the time went.

    python bench/timed_build.py PROJECT OUT.json

Every hook of the research-site plugin is timed (the generator's own share of
the build); the whole build is timed too, and the process's peak memory is
written last, so one child process measures one build.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HOOKS = ("on_config", "on_pre_build", "on_files", "on_nav", "on_page_markdown", "on_page_content",
         "on_page_context", "on_post_page", "on_env", "on_post_build")
spent: dict[str, float] = defaultdict(float)


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start
    return wrapper


def instrument() -> None:
    """Wrap the plugin's hooks (the generator's share) and its load stage (load + validate)."""
    from generator.site import plugin, produce

    for hook in HOOKS:
        if hook in vars(plugin.ResearchSitePlugin):
            setattr(plugin.ResearchSitePlugin, hook, timed(hook, getattr(plugin.ResearchSitePlugin, hook)))
    produce.build_factbase = timed("load", produce.build_factbase)


def main(project: Path, out: Path) -> int:
    from mkdocs.__main__ import cli

    os.chdir(project)
    instrument()
    start = time.perf_counter()
    try:
        cli(["build", "--strict", "--quiet"], standalone_mode=False)
        status = 0
    except Exception as exc:  # reported to the caller, which stops the benchmark
        print(f"build failed: {exc}", file=sys.stderr)
        status = 1
    total = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    generator = sum(seconds for name, seconds in spent.items() if name != "load")
    out.write_text(json.dumps({"total": total, "generator": generator, "hooks": dict(spent),
                               "cpu": usage.ru_utime + usage.ru_stime,
                               "peak_rss_mb": usage.ru_maxrss / 1024, "status": status}))
    return status


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()))
