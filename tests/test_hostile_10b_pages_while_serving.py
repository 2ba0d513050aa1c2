"""Issue 16, defect 10 under ``mkdocs serve``: with invalid content the last good site is served on, and
MkDocs lists the docs folder itself; the plugin hands it only the regular files there (a FIFO would hang
the server, a link would publish its target). ResearchSitePlugin.on_files applies this filter."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import File

from generator.site.plugin import _regular


def test_only_regular_files_of_the_docs_folder_are_kept(tmp_path: Path) -> None:
    docs = tmp_path / "pages"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n")
    (docs / "env.md").symlink_to("/proc/self/environ")
    os.mkfifo(docs / "hang.md")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "real.css").write_text("")
    (theme / "linked.css").symlink_to(theme / "real.css")  # some installs link the theme's files
    files = [File(name, str(docs), str(tmp_path / "site"), True) for name in ("index.md", "env.md", "hang.md")]
    files += [File(name, str(theme), str(tmp_path / "site"), True) for name in ("real.css", "linked.css")]
    kept = [f.src_uri for f in files if _regular(f, str(docs))]
    assert kept == ["index.md", "real.css", "linked.css"]
