"""Lobby screens (大厅电子屏): each playlist expanded into the pages of slides it shows.

A screen is seen from metres away, so a slide holds fewer people rather than smaller type
(look.md): lists longer than a page become several slides of the same kind, each playing
for the slide's ``seconds``. Pagination depends only on the orientation, because every size
on the screen is in viewport units: 1080p and 4K show the same slides.
"""

from __future__ import annotations

import math
import re
import weakref
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Iterator

from . import charts
from ..data.model import Branch, Screen, Site
from .views import SiteViews, Watched

PER_PAGE = {
    # kind: (landscape, portrait) — what fits legibly on either panel (people, honour entries,
    # cards, posts, lectures a slide)
    "stars": (8, 8),
    "honors": (8, 8),
    "branches": (1, 2),
    "posts": (2, 2),
    "lectures": (2, 2),
}
DEFAULT_SECONDS = 15
STATS = {
    # the stats slide: months of views, lectures at most, a title's line in em of the chart's
    # type (3.6vmin: 20 em fit half a landscape panel), and (landscape, portrait) the em the
    # lecture bars may take and the height of the columns
    "months": 6, "lectures": 5, "wrap": 20, "room": (16, 21), "columns": (14, 16),
}
STATS_HEADS = ("{span}观看次数", "观看最多的微党课")  # the months named from the data, not from today
MAX_COLUMNS = (4, 2)  # a grid of people: columns at most, landscape and portrait


def grid(count: int, portrait: bool) -> tuple[int, int]:
    """Columns and rows for ``count`` cells, composed for the count: few people large and
    side by side (landscape) or stacked (portrait), more in a grid that fills the panel."""
    count = max(1, count)
    if portrait:
        cols = 1 if count <= 2 else 2
    else:
        cols = count if count <= 4 else (3 if count <= 6 else 4)
    return cols, -(-count // cols)


@dataclass(frozen=True)
class Section:
    """One honour list (or part of a long one) on a shared slide."""

    title: str
    entries: tuple


@dataclass(frozen=True)
class SlidePage:
    """One thing the screen shows for ``seconds``."""

    kind: str
    seconds: int
    title: str
    items: tuple = ()
    page: int = 1
    pages: int = 1
    extra: dict = field(default_factory=dict, compare=False)


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def _on_floor(branch: Branch | None, floor: int | None) -> bool:
    return floor is None or (branch is not None and branch.floor == floor)


def expand(screen: Screen, site: Site) -> list[SlidePage]:
    """The slides a screen plays, in order; kinds with nothing to show are left out."""
    out: list[SlidePage] = []
    portrait = screen.orientation == "portrait"
    for slide in screen.slides:
        seconds = slide.seconds or DEFAULT_SECONDS
        pages = list(_pages(slide.show, screen, site, portrait, seconds, slide))
        out += pages
    if not out:  # a screen with nothing to show yet still shows its name and the clock
        out.append(SlidePage("empty", 60, screen.name))
    return out


def _paged(kind: str, title: str, items: list, portrait: bool, seconds: int, **extra) -> Iterator[SlidePage]:
    if not items:
        return
    size = PER_PAGE[kind][1 if portrait else 0]
    chunks = _chunks(items, size)
    for i, chunk in enumerate(chunks, 1):
        # the grid follows the panel (CSS picks one by orientation), the paging the playlist
        yield SlidePage(kind, seconds, title, tuple(chunk), i, len(chunks),
                        extra | {"grid": grid(len(chunk), False), "pgrid": grid(len(chunk), True)})


def _honor_pages(title: str, lists: list[tuple[str, list]], portrait: bool, seconds: int) -> Iterator[SlidePage]:
    """Honour lists packed onto shared slides: short lists side by side, a long one split."""
    size = PER_PAGE["honors"][1 if portrait else 0]
    pages: list[list[Section]] = []
    room = 0
    for name, entries in lists:
        for chunk in _chunks(entries, size):
            if not chunk:
                continue
            if not pages or len(chunk) > room:
                pages.append([])
                room = size
            pages[-1].append(Section(name, tuple(chunk)))
            room -= len(chunk)
    for i, sections in enumerate(pages, 1):
        # columns for either panel and where each list stands on them (CSS places it so); rows share the height
        sizes = [len(sec.entries) for sec in sections]
        cols = {"l": _honor_columns(sizes, MAX_COLUMNS[0]), "p": _honor_columns(sizes, MAX_COLUMNS[1])}
        places = {"l": honor_layout(sizes, cols["l"]), "p": honor_layout(sizes, cols["p"])}
        rows = {k: _row_heights(sections, v) for k, v in places.items()}
        yield SlidePage("honors", seconds, title, tuple(sections), i, len(pages),
                        cols | {"places": places, "rows": rows})


def _row_heights(sections: list[Section], places: list[Place]) -> str:
    """The wall's rows for CSS: a row with a portrait on it gets half as much height again as a
    row of names only (a face larger; a name of three lines still fits)."""
    portraits = [False] * max(p.row + p.height - 1 for p in places)
    for sec, place in zip(sections, places):
        for i, e in enumerate(sec.entries):
            portraits[place.row - 1 + i // place.cols] |= bool(e.member)
    return " ".join(f"minmax(0, {3 if p else 2}fr)" for p in portraits)


def _honor_columns(sizes: list[int], most: int) -> int:
    """Columns for a honour wall that leave the fewest empty cells (a list of n takes
    min(n, columns) of them side by side; CSS packs the lists densely): three single entries and a
    list of three fill 3 columns, where 4 would leave a quarter of the panel blank. Never fewer
    columns than the square root of the entries (up to ``most``): a landscape panel is wide, and a
    portrait one still takes two lists side by side."""
    count = sum(sizes)
    low = min(most, max(1, math.ceil(math.sqrt(count))))
    return min(range(low, min(most, count) + 1), key=lambda c: (_empty_cells(sizes, c), -c))


@dataclass(frozen=True)
class Place:
    """Where a honour list stands on the wall: its first row and column (from 1, as CSS counts),
    the rows and columns it spans, and the columns of its own entries."""

    row: int
    col: int
    height: int
    span: int
    cols: int


def _pack(sizes: list[int], cols: int) -> list[list[int]]:
    """[row, col, height, span] of each list, placed as CSS ``grid-auto-flow: row dense`` does."""
    taken: set[tuple[int, int]] = set()
    out = []
    for n in sizes:
        span, height = min(n, cols), -(-n // min(n, cols))
        row = 0
        while True:
            spot = next((c for c in range(cols - span + 1)
                         if all((row + dr, c + dc) not in taken for dr in range(height) for dc in range(span))), None)
            if spot is not None:
                taken |= {(row + dr, spot + dc) for dr in range(height) for dc in range(span)}
                out.append([row, spot, height, span])
                break
            row += 1
    return out


def _empty_cells(sizes: list[int], cols: int) -> int:
    """Entry cells left empty when lists of these sizes are placed as CSS ``grid-auto-flow: row dense`` does."""
    packed = _pack(sizes, cols)
    inside = sum(span * height - n for n, (_, _, height, span) in zip(sizes, packed))  # a list's own last row
    rows = max(r + h for r, _, h, _ in packed)
    return rows * cols - sum(h * w for _, _, h, w in packed) + inside


def honor_layout(sizes: list[int], cols: int) -> list[Place]:
    """The lists packed densely, then each widened into the empty cells beside it (a single list
    alone on the last row of a portrait panel takes the whole row, not its left half): the wall
    leaves no hole a list could fill. A list's own entries keep their columns."""
    packed = _pack(sizes, cols)
    taken = {(r + dr, c + dc) for r, c, h, w in packed for dr in range(h) for dc in range(w)}
    rows = max(r + h for r, _, h, _ in packed)

    def free(r: int, h: int, c: int) -> bool:
        return 0 <= c < cols and all((r + dr, c) not in taken for dr in range(h))

    changed = True
    while changed:
        changed = False
        for place in packed:
            r, c, h, w = place
            if r + h > rows:
                continue
            if free(r, h, c + w):
                taken |= {(r + dr, c + w) for dr in range(h)}
                place[3] += 1
                changed = True
            elif free(r, h, c - 1):
                taken |= {(r + dr, c - 1) for dr in range(h)}
                place[1] -= 1
                place[3] += 1
                changed = True
    return [Place(r + 1, c + 1, h, w, min(n, cols)) for n, (r, c, h, w) in zip(sizes, packed)]


_OPENING, _CLOSING = "“‘（(《「『【", "”’）)》」』】"
_PHRASES = re.compile(rf"(?<=[{_CLOSING}·・、，,：:\s])|(?=[{_OPENING}])")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WHOLE = 4  # Han characters a phrase may have and still stay one piece without asking jieba


@lru_cache(maxsize=None)
def phrases(text: str) -> tuple[str, ...]:
    """``text`` cut where a line may break on a screen: after a closing quote or bracket, before an
    opening one, after · 、， and between words (jieba), never inside a word: "垃圾分类“桶前值守”党员志愿队"
    → 垃圾 分类 “桶前值守” 党员 志愿队. A quoted phrase of up to WHOLE characters stays whole; a single
    character joins the word before it (密云区, not 密云 / 区). Joined again, the pieces are ``text``."""
    out: list[str] = []
    for part in filter(None, _PHRASES.split(text)):
        core = part.strip(_OPENING + _CLOSING + "·・、，,：: ")
        if len(core) <= WHOLE or not _HAN.search(core):
            out.append(part)
            continue
        import jieba  # loads its dictionary (≈ 0.7 s): only when a screen shows a long name

        words: list[str] = []
        for word in jieba.cut(part, HMM=False):
            # punctuation and single characters stay with the word before (an opening mark: after)
            if words and (len(word) == 1 or not _HAN.search(word)) and not words[-1][-1:] in _OPENING \
                    and word not in _OPENING:
                words[-1] += word
            elif words and words[-1] in _OPENING:
                words[-1] += word
            else:
                words.append(word)
        out += words
    return tuple(out)


def _pages(kind: str, screen: Screen, site: Site, portrait: bool, seconds: int, slide) -> Iterator[SlidePage]:
    floor = screen.floor
    if kind == "stars":
        month = site.latest_month
        if month:
            awards = [a for a in month.awards if _on_floor(a.member.branch, floor)]
            yield from _paged("stars", f"{month.label}星级党员", awards, portrait, seconds)
    elif kind == "honors":
        year = site.latest_honors
        if year:
            lists = [(lst.title, [e for e in lst.entries
                                  if e.team or _on_floor(e.member.branch if e.member else e.branch, floor)])
                     for lst in year.lists]
            yield from _honor_pages(f"{year.year}年度先锋榜", [(t, es) for t, es in lists if es], portrait, seconds)
    elif kind == "branches":
        branches = [b for b in site.branches if _on_floor(b, floor)]
        yield from _paged("branches", "支部品牌", branches, portrait, seconds)
    elif kind == "posts":
        posts = [p for p in site.posts if _on_floor(p.branch, floor)]
        yield from _paged("posts", "党员先锋岗", posts, portrait, seconds)
    elif kind == "lectures":
        yield from _paged("lectures", "最新微党课", list(site.lectures[:PER_PAGE["lectures"][1 if portrait else 0] * 2]),
                          portrait, seconds)
    elif kind == "stats":
        yield from _stats_page(site, portrait, seconds)
    elif kind == "image":
        yield SlidePage("image", seconds, "", (slide.src,))
    elif kind == "text":
        yield SlidePage("text", seconds, slide.title or "", (slide.text or "",))


_views: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _site_views(site: Site) -> SiteViews:
    """One SiteViews per site for all its screens: the sums over every day are made once."""
    found = _views.get(site)
    if found is None:
        found = _views[site] = SiteViews(site)
    return found


def _stats_page(site: Site, portrait: bool, seconds: int) -> Iterator[SlidePage]:
    """Views of the last months as columns and the most-watched lectures as bars, sized to be
    read across a lobby: as many lectures as their titles leave room for (a long title takes
    two lines), never a title cut short; nothing when nothing was watched yet."""
    views = _site_views(site)
    months = views.monthly_views()[-STATS["months"]:]
    shown, used = [], 0.0
    for w in views.most_watched(STATS["lectures"]):
        rows = charts.bar_rows([charts.watched_bar(w, notes=False)], STATS["wrap"], 99)
        height = charts.bars_height(rows, gap=.6)
        if shown and used + height > STATS["room"][portrait]:
            break
        shown.append(w)
        used += height
    if not months and not shown:
        return
    span = charts.span_of(months) if months else ""
    heads = (STATS_HEADS[0].format(span=span), *STATS_HEADS[1:])
    yield SlidePage("stats", seconds, "微党课观看统计", tuple(shown),
                    extra={"months": months, "heads": heads, "height": STATS["columns"][portrait]})


def characters(pages: list[SlidePage], screen: Screen) -> set[str]:
    """Every character a screen can show: for the font subset its page carries."""
    chars = set(screen.name) | set("0123456789:：年月日星期一二三四五六日天第页共/·（）()★☆")
    for p in pages:
        chars |= set(p.title)
        for item in p.items:
            chars |= set(_texts(item))
        if p.kind == "stats":  # headings, and counts as charts.count_text writes them
            chars |= set("".join(p.extra["heads"])) | set("0123456789,.万亿次年月…")
    return chars


def _texts(item) -> str:
    from ..data import model as m

    if isinstance(item, str):
        return item
    if isinstance(item, Section):
        return item.title + "".join(_texts(e) for e in item.entries)
    if isinstance(item, m.Award):
        b = item.member.branch
        return item.member.name + item.category + b.name + (b.unit or "") + (item.citation or "") + "★分"
    if isinstance(item, m.HonorEntry):
        b = item.member.branch if item.member else item.branch
        where = (b.name + (b.unit or "")) if b else ""
        return item.name + (item.citation or "") + where
    if isinstance(item, m.Branch):
        b, r = item.brand, item.rating
        brand = (b.name + (b.slogan or "") + "".join(b.highlights[:3])) if b else ""
        return item.name + (item.unit or "") + brand + (f"{r.year}年{r.title}" if r else "") + "扫码查看支部☆"
    if isinstance(item, m.Post):
        return item.name + (item.location or "") + (item.pledge or "") + "".join(p.name for p in item.members) + "在岗服务承诺"
    if isinstance(item, m.Lecture):
        return item.title + item.speaker + item.topic + "主讲扫码观看分钟"
    if isinstance(item, Watched):
        return item.title
    return ""


def qr_data_uri(url: str) -> str:
    """A QR code as an inline SVG data URI: black on white, 4-module quiet zone, no request."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=4, dark="#000", light="#fff")


def all_characters(site: Site) -> set[str]:
    chars: set[str] = set()
    for screen in site.screens:
        chars |= characters(expand(screen, site), screen)
    return chars
