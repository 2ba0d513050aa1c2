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
import socket
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


DEFAULT_ADDRESS = ("127.0.0.1", 8000)  # MkDocs' own default dev_addr (mkdocs.yml sets none)


def serve_address(args: list[str]) -> tuple[str, int]:
    """The host and port ``mkdocs serve`` will listen on: -a/--dev-addr HOST:PORT, else MkDocs' default."""
    for index, arg in enumerate(args):
        value = None
        if arg in ("-a", "--dev-addr") and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--dev-addr="):
            value = arg.split("=", 1)[1]
        elif arg.startswith("-a") and len(arg) > 2:
            value = arg[2:]
        if value and value.rpartition(":")[2].isdigit():
            host, _, port = value.rpartition(":")
            return host or DEFAULT_ADDRESS[0], int(port)
    return DEFAULT_ADDRESS


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does: TIME_WAIT is free
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def busy_port_message(args: list[str]) -> str | None:
    """What to do when the serve address is taken (MkDocs would end in a traceback), or None when it is free."""
    host, port = serve_address(args)
    if port_is_free(host, port):
        return None
    free = next((p for p in range(port + 1, port + 50) if port_is_free(host, p)), port + 1)
    return (f"port {port} on {host} is busy: another program (perhaps another 'dev.py serve') is using it.\n"
            f"Stop that program, or serve on another port:  python3 dev.py serve -a {host}:{free}")


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
    if command == "serve":
        busy = busy_port_message(argv[1:])
        if busy:
            print(busy, file=sys.stderr)
            return 1
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
