"""Render a ``PageSpec`` into an HTML fragment, in an autoescaping Jinja environment.

The theme's own Jinja environment (MkDocs) does not autoescape, so user text never goes
through it: fragments are rendered here and handed over as finished HTML. Every link is
relative to the page it is on, so the site works under any sub-path.
"""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from . import charts, pages
from .markup import render_markdown
from ..images import urls as picture_urls
from ..images.colors import readable
from ..images.placeholders import palette_color
from .pages import PageSpec
from ..data.model import Site
from .views import VIEW_READS, floor_label


def relative_url(from_url: str, to_url: str) -> str:
    """A link from page ``from_url`` to ``to_url`` (both site-root relative, clean).

    Up to the site root, then down: ``boards/2024-05/`` → ``members/x/`` is ``../../members/x/``.
    (posixpath.relpath gives shorter links but costs a tenth of a page's render time.)
    """
    if to_url.startswith("#"):
        return to_url
    return ("../" * from_url.count("/") + to_url) or "./"


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


def brand_style(branch) -> str:
    """CSS custom properties for a branch's colour and a readable text colour on it."""
    bg, ink = readable(branch.color)
    return f"--hb-brand: {bg}; --hb-brand-ink: {ink}"


class Inputs:
    """What one page read while it was rendered, for a preview that renders again only pages
    whose inputs changed (``site.incremental``): each model object's attributes it read, the
    data files those objects came from, the site-wide views it called (with their arguments)
    and the site's collections it went through."""

    def __init__(self):
        self.objects: dict[int, tuple[object, set[str]]] = {}  # id → (object, attributes read)
        self.views: set[str] = set()  # kinds, see views.VIEW_READS
        self.calls: list[tuple[str, tuple | None, object]] = []  # (view, arguments or None for a value, result)
        self.collections: set[str] = set()  # Site attributes

    def note(self, obj, attribute: str) -> None:
        seen = self.objects.get(id(obj))
        if seen is None:
            self.objects[id(obj)] = (obj, {attribute})
        else:
            seen[1].add(attribute)


_reading: ContextVar[Inputs | None] = ContextVar("hb_reading", default=None)


class _Environment(jinja2.Environment):
    """Jinja reads ``a.b`` through ``getattr``: while a page is being recorded, each model
    object's attribute read is noted there."""

    def getattr(self, obj, attribute):
        inputs = _reading.get()
        if inputs is not None:
            if getattr(obj, "where", None):
                inputs.note(obj, attribute)
            elif isinstance(obj, Site):
                inputs.collections.add(attribute)
        return super().getattr(obj, attribute)


class _RecordedViews:
    """The site's views, noting which ones a page called and with what."""

    def __init__(self, views, inputs: Inputs):
        self._views, self._inputs = views, inputs

    def __getattr__(self, name):
        if name == "where":  # asked by _Environment.getattr: the views are no model object
            raise AttributeError(name)
        self._inputs.views.add(VIEW_READS.get(name, "all") or "")
        found = getattr(self._views, name)
        if not callable(found):  # a value (figures): what it held is what the page showed
            self._inputs.calls.append((name, None, found))
            return found

        def call(*args):
            result = found(*args)
            self._inputs.calls.append((name, args, result))
            return result

        return call


class Renderer:
    def __init__(self, template_dirs: Sequence[Path]):
        self.folders = tuple(template_dirs)
        self.env = _Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.folders]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(
            md=render_markdown, stars=stars, cn_date=cn_date, brand_style=brand_style, floor_label=floor_label,
            placeholder_color=palette_color,
        )
        self.env.globals["charts"] = charts  # SVG charts (数据统计, the screens' stats slide)

    def render(self, spec: PageSpec, media_url=None, inputs: Inputs | None = None) -> str:
        """The page's fragment. ``media_url(path)`` maps a data/ media path to a site URL;
        ``inputs``, when given, is filled with what the page read."""

        def url(target) -> str:
            to = target if isinstance(target, str) else pages.url_of(target)
            return relative_url(spec.url, to)

        def media(path: str | None) -> str:
            if not path:
                return ""
            if path.lower().startswith(("http://", "https://")):
                return path
            site_path = media_url(path) if media_url else path
            # A file may be named "第1讲#上.mp4" or "100%.pdf": encode every segment, or the
            # browser reads # as a fragment, ? as a query and % as an escape.
            return relative_url(spec.url, quote(site_path, safe="/"))

        template = self.env.get_template(spec.template)
        context = spec.context
        if inputs is None:
            return template.render(**context, page=spec, url=url, media=media, nav=pages.NAV, pic=picture_urls)
        if "views" in context:
            context = context | {"views": _RecordedViews(context["views"], inputs)}
        token = _reading.set(inputs)
        try:
            return template.render(**context, page=spec, url=url, media=media, nav=pages.NAV, pic=picture_urls)
        finally:
            _reading.reset(token)
