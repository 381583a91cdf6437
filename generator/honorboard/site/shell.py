"""The theme's page around a fragment, rendered once per URL depth and filled per page.

Thousands of detail pages share one layout (header, tabs, search box, switches, footer);
rendering that layout for each of them cost more than the pages themselves. An engine renders
one placeholder page per depth, with markers where the title, the address and the content go;
each generated page of that depth is the placeholder with the markers replaced. Links in the
layout are relative, so every page of one depth shares them.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import escape

TITLE = "HBSHELLTITLE9F3A"
"""Stands for the page title: ASCII, so the theme's filters (striptags, escape) leave it as is."""
CONTENT = "<!--hb-shell-content <h1 -->"
"""Stands for the content. It holds "<h1" so Material adds no heading of its own: the
fragment brings one (``fill`` adds it when one does not, as Material would)."""


def placeholder_url(depth: int) -> str:
    """The address the placeholder of a depth is rendered at: ``hb-shell/2/`` has depth 2."""
    return "/".join(["hb-shell", *[str(depth)] * (depth - 1)]) + "/"


def depth(url: str) -> int:
    return url.count("/")


class Shell:
    """One rendered placeholder, split at its markers."""

    def __init__(self, html: str, url: str):
        self.url = url
        pattern = "|".join(re.escape(m) for m in (TITLE, CONTENT, url))
        parts = re.split(f"({pattern})", html)
        if parts.count(CONTENT) != 1:
            raise ValueError(f"the theme shows the page content {parts.count(CONTENT)} times, not once")
        self._static, self._markers = parts[::2], parts[1::2]

    @property
    def parts(self) -> tuple:
        """What the shell is made of: equal parts, equal pages."""
        return tuple(self._static), tuple(self._markers)

    def fill(self, title: str, url: str, content: str) -> str:
        """The whole page: ``title`` is plain text (escaped here), ``content`` finished HTML."""
        if "<h1" not in content:
            content = f"<h1>{escape(title)}</h1>{content}"
        values = {TITLE: str(escape(title)), CONTENT: content, self.url: str(escape(quote(url, safe="/#")))}
        out = [self._static[0]]
        for marker, static in zip(self._markers, self._static[1:]):
            out += (values[marker], static)
        return "".join(out)
