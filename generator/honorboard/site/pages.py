"""One ``PageSpec`` per route of the site map (shared/spec/site-map.md).

Engine-neutral: a spec says *what* a page is (its URL, title, fragment template, and the
model objects it shows); an adapter (today MkDocs, see ``mkdocs_plugin``) decides how the
page is wrapped and written. URLs are relative to the site root, end in ``/`` and hold
ids only, never Chinese (non-ASCII paths become percent-encoded URLs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

from .catalog import search_payload
from ..data import model as m
from ..data.model import Site
from .views import SiteViews

NAV = (
    ("首页", ""),
    ("星级榜", "boards/"),
    ("先锋榜", "honors/"),
    ("品牌墙", "branches/"),
    ("先锋岗", "posts/"),
    ("微党课", "lectures/"),
    ("数据统计", "stats/"),
)
"""The site's navigation: the only pages in the nav; detail pages are listed by these."""


@dataclass(frozen=True)
class AssetSpec:
    """A generated file that is not a page (JSON the pages fetch)."""

    path: str  # "lectures/search.json"
    content: bytes


@dataclass(frozen=True)
class PageSpec:
    url: str  # "" for home, else "boards/2024-05/"
    title: str
    template: str  # a fragment template in theme/honorboard/
    context: dict = field(default_factory=dict, compare=False)
    in_nav: bool = False
    searchable: bool = True  # in the site-wide search index (home only repeats other pages)
    standalone: bool = False  # a whole HTML document (screens), not wrapped in the site's layout

    @property
    def source_name(self) -> str:
        """A Markdown-style source name for engines that want one (``boards/2024-05/index.md``).

        Always a folder's ``index.md``: ``lectures/index.md`` is the catalog, so a lecture
        whose id is ``index`` must be ``lectures/index/index.md``, not ``lectures/index.md``.
        """
        return self.url + "index.md"


_URLS = {
    m.Member: lambda o: f"members/{o.id}/",
    m.Branch: lambda o: f"branches/{o.id}/",
    m.Lecture: lambda o: f"lectures/{o.id}/",
    m.Month: lambda o: f"boards/{o.key}/",
    m.HonorYear: lambda o: f"honors/{o.year}/",
    m.Post: lambda o: f"posts/#{o.id}",  # posts have no page of their own: an anchor on /posts/
}


def url_of(obj) -> str:
    """The page URL of a model object (member, branch, lecture, month, honor year, post)."""
    try:
        return _URLS[type(obj)](obj)
    except KeyError:
        raise TypeError(f"no page for {type(obj).__name__}") from None


def plan(site: Site) -> Iterator[PageSpec]:
    """Every page of the site, nav pages first."""
    views = SiteViews(site)
    base = {"site": site, "views": views}
    yield PageSpec("", "首页", "home.html", base, in_nav=True, searchable=False)
    yield PageSpec("boards/", "星级党员榜", "boards.html", base, in_nav=True)
    yield PageSpec("honors/", "先锋榜", "honors.html", base, in_nav=True)
    yield PageSpec("branches/", "品牌墙", "branches.html", base, in_nav=True)
    yield PageSpec("posts/", "党员先锋岗", "posts.html", base, in_nav=True)
    yield PageSpec("lectures/", "微党课", "lectures.html", base, in_nav=True)
    yield PageSpec("stats/", "数据统计", "stats.html", base, in_nav=True)
    for month, prev, nxt in _with_neighbours(site.months):
        yield PageSpec(url_of(month), f"{month.label}星级党员榜", "board.html",
                       base | {"month": month, "prev": prev, "next": nxt})
    for year, prev, nxt in _with_neighbours(site.honor_years):
        yield PageSpec(url_of(year), f"{year.year}年度先锋榜", "honor_year.html",
                       base | {"year": year, "prev": prev, "next": nxt})
    for branch in site.branches:
        yield PageSpec(url_of(branch), views.branch_label(branch), "branch.html", base | {"branch": branch})
    for member in site.members.values():
        yield PageSpec(url_of(member), views.person_label(member), "member.html", base | {"member": member})
    for lecture in site.lectures:
        yield PageSpec(url_of(lecture), lecture.title, "lecture.html", base | {
            "lecture": lecture, "subtitles": subtitles_url(lecture) if lecture.subtitles else None})


def subtitles_url(lecture: m.Lecture) -> str:
    """Where a lecture's subtitles are published, as WebVTT: beside its page (an id-named
    folder, so two lectures' ``oath.srt`` and ``oath.vtt`` never meet)."""
    return url_of(lecture) + "subtitles.vtt"


def _with_neighbours(items: tuple) -> Iterator[tuple]:
    """Each item with the one before and after it (None at the ends): for 上月 / 下月 links."""
    for i, item in enumerate(items):
        yield item, items[i - 1] if i > 0 else None, items[i + 1] if i + 1 < len(items) else None


def assets(site: Site) -> Iterator[AssetSpec]:
    """Generated files beside the pages."""
    yield AssetSpec("lectures/search.json", search_payload(site))


def error_pages(lines: list[str]) -> Iterator[PageSpec]:
    """While data has problems (under ``serve``): every nav page lists them, nothing else."""
    for title, url in NAV:
        yield PageSpec(url, title, "problems.html", {"lines": lines}, in_nav=True)


def screen_pages(site: Site, build_id: str, font_url: str, site_url: str | None,
                 qr_code: Callable[[str], str] | None = None) -> Iterator[PageSpec]:
    """One standalone page per lobby screen, and an index of them for the office.

    ``qr_code(url)`` gives a QR code's data URI (default: drawn now; an engine may cache them).
    """
    from .screens import expand, phrases, qr_data_uri

    def qr(lecture) -> str | None:
        return (qr_code or qr_data_uri)(f"{site_url.rstrip('/')}/{url_of(lecture)}") if site_url else None

    views = SiteViews(site)
    for screen in site.screens:
        yield PageSpec(f"screens/{screen.id}/", screen.name, "screen.html", {
            "site": site, "views": views, "screen": screen, "pages": expand(screen, site), "build_id": build_id,
            "font_url": font_url, "qr": qr, "cut": phrases,
        }, searchable=False, standalone=True)
    yield PageSpec("screens/", "大厅电子屏", "screens.html", {"site": site}, searchable=False, standalone=True)
