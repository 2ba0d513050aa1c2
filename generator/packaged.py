"""Where the generator's packaged defaults live, and how a site's own files override them.

The page templates, the theme's overrides (Material's ``custom_dir``: templates, CSS, vendored
scripts) and the JSON Schema ship inside the package, so a site needs nothing but its
content, its ``mkdocs.yml`` and whatever it chooses to override. A site overrides a
default by putting a file of the same name in its own templates folder (the plugin's
``templates`` option) or its theme's ``custom_dir``: the site's file is found first.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DEFAULTS = PACKAGE / "defaults"  # the packaged defaults (package data: see pyproject.toml)
TEMPLATES = DEFAULTS / "templates"  # Jinja2 page templates (*.md.j2)
OVERRIDES = DEFAULTS / "overrides"  # the theme's overrides: main.html, partials, stylesheets, javascripts
SCHEMAS = DEFAULTS / "schema"  # JSON Schema of each kind, for editors
STARTER = PACKAGE / "starter"  # the files `research-site init` writes into a new site
EXAMPLE = STARTER / "example"  # the bundled fact base (`init --example`): a link to this repository's content/

# Added to every site after its own extra_css / extra_javascript (a site lists only its own).
STYLESHEETS = ["stylesheets/research-site.css"]
SCRIPTS = ["javascripts/vendor/tablesort-5.6.0.min.js", "javascripts/vendor/tablesort-5.6.0.number.min.js",
           "javascripts/tables.js", "javascripts/cite.js", "javascripts/search.js"]


def template_path(site_templates: Path | None) -> list[Path]:
    """Where page templates are looked up: the site's own folder first (when it has one), then the defaults."""
    folders = [site_templates] if site_templates is not None and site_templates.is_dir() else []
    return [*(f for f in folders if f.resolve() != TEMPLATES), TEMPLATES]


def version() -> str:
    """The installed generator's version (what a site pins)."""
    try:
        return metadata.version("research-site")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"
