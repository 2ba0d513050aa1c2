"""Stable addresses: a renamed record lists its former id, and the old URL leads to its new page."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browsing import NO_CHROMIUM, chromium, serving

from generator import build_factbase
from generator.site.audit import address_problems

from conftest import FIXTURE_CONTENT
from sitebuild import make_project, mkdocs_build, page


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site after statements/ada-ready was renamed ada-is-ready (its old id kept in former_ids)."""
    project = make_project(FIXTURE_CONTENT, tmp_path_factory.mktemp("renamed"))
    old = project / "content" / "statements" / "ada-ready.yaml"
    new = old.with_name("ada-is-ready.yaml")
    new.write_text(old.read_text(encoding="utf-8") + "former_ids: [ada-ready]\n", encoding="utf-8")
    old.unlink()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_the_old_address_redirects_to_the_new_page_without_script(renamed_site: Path) -> None:
    html = (renamed_site / "statements" / "ada-ready" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in html
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    assert refresh and canonical and refresh.group(1) == canonical.group(1) == "../ada-is-ready/"
    target = urljoin("https://example.org/statements/ada-ready/", refresh.group(1))
    assert target == "https://example.org/statements/ada-is-ready/"
    assert (renamed_site / "statements" / "ada-is-ready" / "index.html").exists()


def test_the_new_page_says_where_it_used_to_be(renamed_site: Path) -> None:
    text = page(renamed_site, "statements/ada-is-ready").text
    assert "Formerly at statements/ada-ready/, which now leads here." in text


@pytest.fixture
def served(renamed_site: Path) -> Iterator[str]:
    with serving(renamed_site) as url:
        yield url


@NO_CHROMIUM
def test_a_reader_following_the_old_url_lands_on_the_new_page(served: str) -> None:
    with chromium() as browser:
        tab = browser.new_page()
        tab.goto(served + "/statements/ada-ready/")
        tab.wait_for_url(served + "/statements/ada-is-ready/", timeout=15000)
        assert tab.locator("h1").first.inner_text().strip() != ""
        assert "statements/ada-ready/" in tab.locator("article").inner_text()


def test_the_audit_sees_a_missing_redirect(renamed_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(renamed_site, site)
    base = build_factbase(renamed_site.parent / "content")
    assert address_problems(base, site) == []
    (site / "statements" / "ada-ready" / "index.html").unlink()
    assert address_problems(base, site) == [
        "statements/ada-ready/index.html does not lead to statements/ada-is-ready/ (a former id's address)"]
