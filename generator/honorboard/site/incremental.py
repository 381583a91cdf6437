"""Under a preview, render again only the pages whose inputs changed.

A page's inputs are what it read while it was rendered (``render.Inputs``): the data files of
the objects it showed, and the site-wide views it used. Each input has a fingerprint: a file
its stat (mtime, size, inode), a site-wide view a digest of what it reads (``SiteViews.reads``). A page is
rendered again when one of its fingerprints moved, when its spec changed shape (a month gained
a neighbour, a title changed) or when a template was edited; otherwise its last HTML is kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .pages import PageSpec
from .render import Inputs, Renderer
from .views import SiteViews

@dataclass
class _Kept:
    shape: tuple
    files: dict[Path, tuple]
    views: dict[str, str]
    html: str


def _identity(value) -> object:
    where = getattr(value, "where", None)
    if where:
        pos = where.get("") or next(iter(where.values()))
        return type(value).__name__, str(pos.path), getattr(value, "id", None) or getattr(value, "key", None)
    return value if value is None or isinstance(value, (str, int)) else type(value).__name__


def _shape(spec: PageSpec) -> tuple:
    return (spec.template, spec.title, spec.url,
            tuple((k, _identity(v)) for k, v in sorted(spec.context.items()) if k not in ("site", "views")))


class PageMemo:
    """Each generated page's last HTML and what it was made from, across rebuilds."""

    def __init__(self):
        self.kept: dict[str, _Kept] = {}
        self._templates: tuple | None = None

    def render(self, specs: Iterable[PageSpec], renderer: Renderer, stamps: dict[Path, tuple],
               views: SiteViews) -> tuple[dict[str, str], set[str]]:
        """Every page's HTML by URL, and the URLs rendered this time. ``stamps``: each data
        file's stat; ``views``: this build's views, which fingerprint what they read."""
        templates = tuple(sorted((str(p), p.stat().st_mtime_ns) for folder in renderer.folders for p in folder.rglob("*.html")))
        if templates != self._templates:
            self.kept.clear()
            self._templates = templates
        digests: dict[str, str] = {}
        every_file = None

        def view_digest(kind: str) -> str:
            nonlocal every_file
            if kind not in digests:
                found = views.reads(kind)
                if found is None:  # reads the whole site: every file's stat
                    if every_file is None:
                        every_file = hashlib.sha1(repr(sorted((str(p), s) for p, s in stamps.items())).encode()).hexdigest()
                    found = every_file
                digests[kind] = found
            return digests[kind]

        html: dict[str, str] = {}
        rendered: set[str] = set()
        kept: dict[str, _Kept] = {}
        for spec in specs:
            shape = _shape(spec)
            old = self.kept.get(spec.url)
            if (old is not None and old.shape == shape
                    and all(stamps.get(f) == s for f, s in old.files.items())
                    and all(view_digest(k) == d for k, d in old.views.items())):
                kept[spec.url] = old
            else:
                inputs = Inputs()
                fragment = renderer.render(spec, inputs=inputs)
                kept[spec.url] = _Kept(shape, {f: stamps.get(f) for f in inputs.files},
                                       {k: view_digest(k) for k in inputs.views}, fragment)
                rendered.add(spec.url)
            html[spec.url] = kept[spec.url].html
        self.kept = kept
        return html, rendered
