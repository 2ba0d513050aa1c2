"""The wheel, installed outside this repository, starts a site and builds it with nothing of this repository.

The wheel is built from this tree (``pip wheel``, as CI does in ``python3 dev.py test``) and installed,
not editable, into a fresh virtual environment in a temporary folder. Its dependencies are the ones
already installed in this project's ``.venv`` (a path line, no network); an audit hook installed in the
fresh environment (``sitecustomize``) logs every file or folder opened under this repository outside
``.venv``, and the test requires that log to stay empty. Commands run from the temporary folder with no
PYTHONPATH, so the repository is not on the path.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from generator.render import escape

from conftest import ROOT
from sitebuild import make_project, mkdocs_build

AUDIT = '''
import os, sys
_ROOT, _LOG = os.environ.get("RS_REPOSITORY"), os.environ.get("RS_OPENED")
if _ROOT and _LOG:
    _SKIP = os.path.join(_ROOT, ".venv") + os.sep
    def _hook(event, args):
        if event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.abspath(os.fsdecode(args[0]))
            if (path + os.sep).startswith(_ROOT + os.sep) and not path.startswith(_SKIP):
                with open(_LOG, "a", encoding="utf-8") as log:
                    log.write(path + "\\n")
    sys.addaudithook(_hook)
'''

LEFT_OUT = {".git", ".venv", "build", "dist", "site", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis"}


def _left_out(folder: str, names: list[str]) -> set[str]:
    """What a wheel is not built from: the working tree's own folders (at its top) and caches."""
    top = Path(folder) == ROOT
    return {n for n in names if (top and n in LEFT_OUT) or n == "__pycache__" or n.endswith(".egg-info")}

# What an editor types into the required fields of each skeleton (placeholder facts).
FILL_INS = {
    "actor": {"name": "Wheel League", "type": "organization", "sources": "[example-source]"},
    "statement": {"speaker": "example-actor", "date": "2024-01-15", "text": "We are ready",
                  "sources": '[{source: example-source, quote: "We are ready to talk"}]'},
    "figure": {"label": "People counted", "measure": "people-counted", "value": "7", "unit": "people",
               "sources": "[{source: example-source, quote: 7 people were counted.}]"},
    "event": {"title": "A second meeting", "date": "2024-01", "sources": "[example-source]"},
    "source": {"title": "A second report", "publisher": "Example Publisher", "type": "report"},
}


class Installed:
    """A fresh virtual environment holding the wheel; runs its commands from a folder outside the repository."""

    def __init__(self, work: Path):
        self.work = work
        self.bin = work / "venv" / "bin"
        self.opened = work / "opened.log"

    def run(self, *cmd: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000", RS_REPOSITORY=str(ROOT),
                   RS_OPENED=str(self.opened), PATH=f"{self.bin}{os.pathsep}{env.get('PATH', '')}")
        return subprocess.run([str(self.bin / cmd[0]), *cmd[1:]], cwd=cwd or self.work, env=env,
                              capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    # From a copy of the tree: setuptools' build/ folder in a working tree keeps files since deleted or renamed.
    source = work / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=_left_out)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(work / "dist"),
                    str(source)], check=True, capture_output=True, timeout=600)
    [wheel] = (work / "dist").glob("research_site-*.whl")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(work / "venv")], check=True)
    python = work / "venv" / "bin" / "python"
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True, timeout=600, env=clean)
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    (purelib / "_research_site_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")  # this .venv's deps
    (purelib / "sitecustomize.py").write_text(AUDIT)
    env = Installed(work)
    where = env.run("python", "-c", "import generator; print(generator.__file__)")
    assert where.stdout.startswith(str(purelib)), where.stdout + where.stderr  # the wheel's copy, not this tree's
    return env


def _fill(path: Path, values: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for name, value in values.items():
        text, count = re.subn(rf"^{name}:$", f"{name}: {value}", text, flags=re.MULTILINE)
        assert count == 1, name
    path.write_text(text, encoding="utf-8")


def _built(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_new_site_from_the_wheel_alone(installed: Installed) -> None:
    done = installed.run("research-site", "init", "my-site")
    assert done.returncode == 0, done.stderr
    site = installed.work / "my-site"
    for kind, values in FILL_INS.items():
        done = installed.run("research-site", "new", kind, f"wheel-{kind}", cwd=site)
        assert done.returncode == 0, done.stderr
        _fill(site / "content" / f"{kind}s" / f"wheel-{kind}.yaml", values)
    done = installed.run("research-site", "check", "--strict", cwd=site)
    assert (done.returncode, done.stdout) == (0, "ok: 2 actors, 2 statements, 2 figures, 2 events, 2 sources\n"), \
        done.stderr
    done = installed.run("python", "-m", "mkdocs", "build", "--strict", cwd=site)
    assert done.returncode == 0, done.stderr[-3000:]
    built = _built(site / "site")
    records = sorted(p.relative_to(site / "content") for p in (site / "content").glob("*/*.yaml"))
    assert len(records) == 10
    for record in records:
        assert f"{record.parent}/{record.stem}/index.html" in built
    for name, data in built.items():
        if name.endswith(".html"):
            for marker in (b'src="http', b'src="//', b'href="//', b'<link rel="stylesheet" href="http'):
                assert marker not in data, f"{name}: {marker!r}"
    assert not installed.opened.exists(), installed.opened.read_text()


def _normal(data: bytes, name: str, description: str) -> bytes:
    """A built file with the site's own name and description taken out (and the footer's copyright line)."""
    data = re.sub(rb'\s*<div class="md-copyright__highlight">.*?</div>', b"", data, flags=re.DOTALL)
    for shown in (name, str(escape.text(name))):  # as the theme writes it, and as a template writes YAML text
        data = data.replace(shown.encode(), b"SITE NAME")
    return data.replace(description.encode(), b"SITE DESCRIPTION")


class _Settings(yaml.SafeLoader):
    """mkdocs.yml as written: an ``!ENV [NAME, default]`` setting reads as its list."""


_Settings.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node))  # type: ignore[arg-type]


def test_the_demo_site_equals_this_repository_s_build(installed: Installed, tmp_path: Path) -> None:
    done = installed.run("research-site", "init", "demo", "--example", "--name", "A demo")
    assert done.returncode == 0, done.stderr
    done = installed.run("python", "-m", "mkdocs", "build", "--strict", cwd=installed.work / "demo")
    assert done.returncode == 0, done.stderr[-3000:]
    assert not installed.opened.exists(), installed.opened.read_text()
    demo = _built(installed.work / "demo" / "site")
    ours = make_project(ROOT / "content", tmp_path / "ours")
    done = mkdocs_build(ours)
    assert done.returncode == 0, done.stderr[-3000:]
    bundled = _built(ours / "site")
    assert sorted(demo) == sorted(bundled)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Settings)  # noqa: S506
    different = [name for name in bundled if not name.startswith("feeds/")  # the feeds name the site in XML
                 if _normal(demo[name], "A demo", "What this fact base covers, in one sentence.")
                 != _normal(bundled[name], config["site_name"], config["site_description"])]
    assert different == []
    shutil.rmtree(tmp_path / "ours")
