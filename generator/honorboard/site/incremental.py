"""Under a preview, render again only the pages whose inputs changed.

While a page is rendered, what it reads is recorded (``render.Inputs``): each model object's
attributes, the site-wide views it calls, the site's collections it goes through. Kept with its
HTML, that record answers, after a save, whether the page would come out the same:

1. cheaply, when no data file was added or removed, none the page read from changed (by
   stat), no view it used reads anything that changed (``SiteViews.reads``) and its
   collections hold the same objects;
2. otherwise exactly: the attributes it read and the views it called give the same values on
   the new model (objects found again by type, file and id, or position in the file).

A page whose spec changed shape (a month gained a neighbour) or whose template was edited is
rendered again. Saving a member's motto renders that member's page and the few that show the
motto, not every page that shows someone from the same branch file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..data import model as m
from ..data.model import Site
from .pages import PageSpec
from .render import Inputs, Renderer
from .views import SiteViews


def key(obj) -> tuple | None:
    """A model object's identity across rebuilds: type, file, and id (or place in the file)."""
    where = getattr(obj, "where", None)
    if not where:
        return None
    pos = where.get("") or next(iter(where.values()))
    ident = getattr(obj, "id", None)
    if isinstance(ident, str):
        return type(obj).__name__, str(pos.path), ident
    return type(obj).__name__, str(pos.path), pos.line, pos.col


def value(v) -> object:
    """A comparable stand-in for what a page read: model objects by their key."""
    if v is None or isinstance(v, (str, int, float, dt.date)):
        return v
    if callable(v):  # a method the template calls: what it returns is read through other noted reads
        return "<callable>"
    k = key(v)
    if k is not None:
        return k
    if isinstance(v, (tuple, list)):
        return tuple(value(x) for x in v)
    if isinstance(v, dict):
        return tuple((value(a), value(b)) for a, b in v.items())
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return type(v).__name__, tuple(value(getattr(v, f.name)) for f in dataclasses.fields(v))
    return repr(v)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _index(site: Site) -> dict[tuple, object]:
    """Every model object of the site by its key."""
    found: dict[tuple, object] = {}
    seen: set[int] = set()
    stack = [*site.branches, *site.members.values(), *site.posts, *site.months, *site.honor_years,
             *site.lectures, *site.screens]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        k = key(obj)
        if k is None:
            continue
        found[k] = obj
        names = _FIELDS.get(type(obj))
        if names is None:
            names = _FIELDS[type(obj)] = tuple(f.name for f in dataclasses.fields(obj) if f.name != "where")
        for name in names:
            v = getattr(obj, name)
            if isinstance(v, tuple):
                stack.extend(x for x in v if getattr(x, "where", None))
            elif getattr(v, "where", None):
                stack.append(v)
    return found


@dataclass
class _Kept:
    shape: tuple
    listing: str  # which data files there were (a new file can add to a relation the page read)
    files: dict[str, tuple | None]  # data file → its stat when the page was rendered
    views: dict[str, str]  # kind of view used → digest of what it read
    collections: dict[str, object]  # Site attribute → the objects it held
    reads: list[tuple[tuple, tuple[str, ...], tuple]]  # (object, attributes, their values)
    calls: list[tuple[str, tuple, object]]  # (view, arguments, result)
    html: str


def _shape(spec: PageSpec) -> tuple:
    return (spec.template, spec.title, spec.url,
            tuple((k, value(v)) for k, v in sorted(spec.context.items()) if k not in ("site", "views")))


class Fingerprints:
    """What one rebuild's pages are checked against, each part computed once and only when
    asked for: shared by every page of the rebuild."""

    def __init__(self, site: Site, views: SiteViews, stamps: dict[Path, tuple]):
        self.site, self.views = site, views
        self.stamps = {str(p): s for p, s in stamps.items()}
        self.listing = hashlib.sha1("\n".join(sorted(self.stamps)).encode("utf-8")).hexdigest()
        self._views: dict[str, str] = {}
        self._collections: dict[str, object] = {}
        self._index: dict[tuple, object] | None = None
        self._folders: dict[str, list[str]] = {}

    def view(self, kind: str) -> str:
        if kind not in self._views:
            found = self.views.reads(kind)
            if found is None:  # reads the whole site: every file's stat
                found = hashlib.sha1(repr(sorted(self.stamps.items())).encode()).hexdigest()
            self._views[kind] = found
        return self._views[kind]

    def collection(self, name: str) -> object:
        if name not in self._collections:
            found = getattr(self.site, name, None)
            self._collections[name] = value(tuple(found.values()) if isinstance(found, dict) else found)
        return self._collections[name]

    def find(self, k) -> object:
        if self._index is None:
            self._index = _index(self.site)
        return self._index.get(k, _GONE)

    def _resolve(self, v):
        """A recorded argument back as an object of the new model (LookupError: gone)."""
        if isinstance(v, tuple) and len(v) >= 3 and v[0] in _MODEL_TYPES and isinstance(v[1], str):
            obj = self.find(v)
            if obj is _GONE:
                raise LookupError(v)
            return obj
        if isinstance(v, tuple):
            return tuple(self._resolve(x) for x in v)
        return v

    def unchanged(self, kept: _Kept) -> bool:
        """Would the page come out the same? See the module's docstring."""
        if kept.listing == self.listing and all(self.stamps.get(f) == s for f, s in kept.files.items()) and \
                all(self.view(k) == d for k, d in kept.views.items()) and \
                all(self.collection(c) == v for c, v in kept.collections.items()):
            return True
        for k, names, values in kept.reads:
            obj = self.find(k)
            if obj is _GONE or tuple(value(getattr(obj, n, None)) for n in names) != values:
                return False
        for name, args, result in kept.calls:
            if args is None:  # a view read as a value (figures), not called
                if value(getattr(self.views, name)) != result:
                    return False
                continue
            try:
                objects = [self._resolve(a) for a in args]
            except LookupError:  # an argument is gone
                return False
            if value(getattr(self.views, name)(*objects)) != result:
                return False
        return all(self.collection(c) == v for c, v in kept.collections.items())

    def folder(self, name: str) -> list[str]:
        """The data files in ``data/<name>/``."""
        if name not in self._folders:
            prefix = str(self.site.data_dir / name) + "/"
            self._folders[name] = [f for f in self.stamps if f.startswith(prefix)]
        return self._folders[name]

    def record(self, shape: tuple, inputs: Inputs, html: str) -> _Kept:
        reads = []
        files: dict[str, None] = {}
        for obj, names in inputs.objects.values():
            names = tuple(sorted(names))
            k = key(obj)
            reads.append((k, names, tuple(value(getattr(obj, n, None)) for n in names)))
            files[k[1]] = None
            for n in names:  # an attribute made from other files too: their changes are the page's
                folder = ALSO_FROM.get((type(obj), n))
                if folder:
                    files.update(dict.fromkeys(self.folder(folder)))
        return _Kept(shape, self.listing, {f: self.stamps.get(f) for f in files}, {k: self.view(k) for k in inputs.views},
                     {c: self.collection(c) for c in inputs.collections},
                     reads, [(n, None if args is None else value(args), value(result)) for n, args, result in inputs.calls],
                     html)


ALSO_FROM = {
    (m.Lecture, "counted"): "stats",
    (m.Lecture, "total_views"): "stats",
}
"""Attributes whose values come from files besides the object's own (a lecture's views per
day are in data/stats/): a page that read one depends on every file of that folder."""

_GONE = object()
_MODEL_TYPES = {c.__name__ for c in vars(m).values() if isinstance(c, type) and issubclass(c, m.Located)}


class PageMemo:
    """Each generated page's last HTML and what it was made from, across rebuilds."""

    def __init__(self):
        self.kept: dict[str, _Kept] = {}
        self._templates: tuple | None = None

    def render(self, specs: Iterable[PageSpec], renderer: Renderer, build: Fingerprints) -> tuple[dict[str, str], set[str]]:
        """Every page's HTML by URL, and the URLs rendered this time."""
        templates = tuple(sorted((str(p), p.stat().st_mtime_ns) for folder in renderer.folders for p in folder.rglob("*.html")))
        if templates != self._templates:
            self.kept.clear()
            self._templates = templates
        html: dict[str, str] = {}
        rendered: set[str] = set()
        kept: dict[str, _Kept] = {}
        for spec in specs:
            shape = _shape(spec)
            old = self.kept.get(spec.url)
            if old is not None and old.shape == shape and build.unchanged(old):
                # its stats and digests are today's now: the next check is the cheap one again
                old.listing, old.files = build.listing, {f: build.stamps.get(f) for f in old.files}
                old.views = {k: build.view(k) for k in old.views}
                kept[spec.url] = old
            else:
                inputs = Inputs()
                fragment = renderer.render(spec, inputs=inputs)
                kept[spec.url] = build.record(shape, inputs, fragment)
                rendered.add(spec.url)
            html[spec.url] = kept[spec.url].html
        self.kept = kept
        return html, rendered
