"""Shared helpers: a fresh copy of the tiny fixture tree for every test that changes it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURE_CONTENT = TESTS / "fixtures" / "content"

# Test builds are local previews: no published address to cite (the plugin otherwise refuses an empty
# site_url under --strict). tests/test_citations.py builds without it, and with a SITE_URL.
os.environ.setdefault("RESEARCH_SITE_PREVIEW", "true")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder holding a copy of the fixture content as ``content/``."""
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    return tmp_path


@pytest.fixture
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """MkDocs keeps plugin objects between configurations loaded in one process: none from other tests."""
    from mkdocs.config.defaults import MkDocsConfig

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    cache = MkDocsConfig.plugins.plugin_cache  # type: ignore[attr-defined]
    cache.clear()
    yield
    cache.clear()
