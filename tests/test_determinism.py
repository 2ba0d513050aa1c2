"""Determinism: the same content built twice, in two different folders, gives byte-identical sites.

SOURCE_DATE_EPOCH is set by ``mkdocs_build`` (it fixes the build date and the gzip time of
sitemap.xml.gz). A different folder catches absolute paths leaking into the output.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from test_adversarial import hostile_site  # noqa: F401  (the session fixture)

from sitebuild import mkdocs_build


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_in_two_folders_are_byte_identical(hostile_site: Path, tmp_path: Path) -> None:  # noqa: F811
    first = hostile_site.parent
    second = tmp_path / "another" / "place" / "project"
    shutil.copytree(first, second, ignore=shutil.ignore_patterns("site"))
    result = mkdocs_build(second)
    assert result.returncode == 0, result.stderr
    before, after = files_of(hostile_site), files_of(second / "site")
    assert sorted(before) == sorted(after)
    assert [name for name in before if before[name] != after[name]] == []
    for folder in (str(first), str(second), str(tmp_path)):
        assert not [name for name, data in after.items() if folder.encode() in data]


def test_the_gzipped_sitemap_carries_the_source_date_not_the_clock(hostile_site: Path) -> None:  # noqa: F811
    raw = (hostile_site / "sitemap.xml.gz").read_bytes()
    # The gzip header's MTIME field: MkDocs uses the pages' update date, the day of SOURCE_DATE_EPOCH.
    assert int.from_bytes(raw[4:8], "little") == 1700000000 // 86400 * 86400
    assert gzip.decompress(raw) == (hostile_site / "sitemap.xml").read_bytes()
