"""Render a ``PageSpec`` into an HTML fragment, in an autoescaping Jinja environment.

The theme's own Jinja environment (MkDocs) does not autoescape, so user text never goes
through it: fragments are rendered here and handed over as finished HTML. Every link is
relative to the page it is on, so the site works under any sub-path.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Sequence

import jinja2
from markupsafe import Markup

from . import pages
from .markup import render_markdown
from .pages import PageSpec


def relative_url(from_url: str, to_url: str) -> str:
    """A link from page ``from_url`` to ``to_url`` (both site-root relative)."""
    target, _, fragment = to_url.partition("#")
    base = posixpath.dirname(from_url.rstrip("/")) if not from_url.endswith("/") else from_url.rstrip("/")
    rel = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") or target == "":
        rel = rel + "/" if rel != "." else "./"
    return rel + (f"#{fragment}" if fragment else "")


def stars(count: int | None, total: int = 5) -> Markup:
    """★★★☆☆ with the number for screen readers (look.md)."""
    if not count:
        return Markup("")
    filled = "★" * count
    empty = "☆" * max(0, total - count)
    return Markup('<span class="hb-stars" role="img" aria-label="{n}星"><span class="hb-star-on">{f}</span>'
                  '<span class="hb-star-off">{e}</span></span>').format(n=count, f=filled, e=empty)


def cn_date(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


class Renderer:
    def __init__(self, template_dirs: Sequence[Path]):
        self.folders = tuple(template_dirs)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.folders]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(md=render_markdown, stars=stars, cn_date=cn_date)

    def render(self, spec: PageSpec, media_url=None) -> str:
        """The page's fragment. ``media_url(path)`` maps a data/ media path to a site URL."""

        def url(target) -> str:
            to = target if isinstance(target, str) else pages.url_of(target)
            return relative_url(spec.url, to)

        def media(path: str | None) -> str:
            if not path:
                return ""
            if path.lower().startswith(("http://", "https://")):
                return path
            site_path = media_url(path) if media_url else path
            return relative_url(spec.url, site_path)

        template = self.env.get_template(spec.template)
        return template.render(**spec.context, page=spec, url=url, media=media, nav=pages.NAV)
