"""The one place where untrusted text becomes Markdown/HTML.

Every ``{{ … }}`` in a page template passes through :func:`finalize`, so no
template can forget it: ASCII punctuation becomes a numeric character reference
(``*`` → ``&#42;``), which neither Markdown, attr_list nor HTML reads as syntax,
and line breaks become spaces. Only values already marked safe (built here from
escaped parts) pass unchanged.
"""

from __future__ import annotations

import string
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

_ENTITIES = {ord(c): f"&#{ord(c)};" for c in string.punctuation}
_ENTITIES.update({ord("\n"): " ", ord("\r"): " ", ord("\t"): " "})


def text(value: Any) -> Markup:
    """Plain text that shows exactly as typed wherever it lands in Markdown or HTML."""
    if isinstance(value, Markup):
        return value
    return Markup(str(value).translate(_ENTITIES))


def finalize(value: Any) -> Any:
    """Jinja's finalize hook: every expression's output is escaped unless already safe."""
    if value is None:
        return ""
    return text(value)


def href(url: str) -> str:
    """An http(s) URL (already checked by the model) made safe inside ``(…)`` and attributes."""
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError(f"refusing to link to {url!r}")
    return quote(url, safe="/:?#[]@!$&*+,;=%~-._")

