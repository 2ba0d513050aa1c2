#!/usr/bin/env python3
"""One entry point for newcomers and CI: sets up everything, then serves the site or runs the tests.

    python3 dev.py serve   # build the site from content/ and serve it with live reload
    python3 dev.py test    # ruff, mypy --strict, then the whole test suite (what CI runs)
    python3 dev.py build   # build the site into site/ (strict), replacing site/ only when all of it built

It creates ``.venv`` and installs the project there (again whenever pyproject.toml
changes), so only Python 3.11+ is needed beforehand. Uses only the standard library.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-from"


def run(*cmd: str | Path, check: bool = True) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, check=check).returncode


def ensure_venv() -> None:
    """Create the virtual environment and install the project when pyproject.toml changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - a clear message for a newcomer on an old Python
        sys.exit("Python 3.11 or newer is needed")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        run(sys.executable, "-m", "venv", VENV)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[test]")
    STAMP.write_text(wanted)


def ensure_chromium() -> None:
    """The browser tests drive Debian's Chromium; install it where we are root with apt (CI)."""
    if shutil.which("chromium") or not shutil.which("apt-get") or os.geteuid() != 0:
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        if subprocess.run(cmd, env=env).returncode != 0:
            print("warning: could not install chromium; the browser tests will be skipped", flush=True)
            return


def build(args: list[str]) -> int:
    """Build into a fresh folder, then put it in place of site/ only when the build and its audit passed.

    A failed build (bad content, a failed audit, a crash while MkDocs writes) leaves the last good site/
    exactly as it was, so a deploy step that copies site/ anyway never publishes half a site.
    """
    site = ROOT / "site"
    fresh = Path(tempfile.mkdtemp(prefix=".site-new-", dir=ROOT))
    try:
        code = run(BIN / "mkdocs", "build", "--strict", "--site-dir", fresh, *args, check=False)
        if code != 0:
            print("build failed: site/ was left as it was", file=sys.stderr, flush=True)
            return code
        fresh.chmod(0o755)  # mkdtemp makes it private; a published folder is not
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=ROOT))
        if site.exists():
            site.rename(old / "site")
        fresh.rename(site)  # same folder, same file system: one rename, never a mixture
        shutil.rmtree(old)
        return 0
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if command not in ("serve", "test", "build"):
        print(__doc__)
        return 0 if command == "help" else 2
    ensure_venv()
    if command == "serve":
        # --dirty: only pages whose content changed are rebuilt (the plugin makes that exact; see README)
        return run(BIN / "mkdocs", "serve", "--livereload", "--dirty", *argv[1:], check=False)
    if command == "build":
        return build(argv[1:])
    ensure_chromium()
    for check in (["ruff", "check", "generator", "tests", "bench", "dev.py"], ["mypy", "--strict", "generator"]):
        if run(BIN / check[0], *check[1:], check=False) != 0:  # lint and types fail the run, as a test would
            return 1
    return run(PYTHON, "-m", "pytest", *argv[1:], check=False)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
