"""Which pictures a site needs, as plain job records (engine-neutral, picklable)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..data.model import Site
from ..data.problems import Pos
from . import urls
from .card import PRINT, WEB, CardText, mm


@dataclass(frozen=True)
class Job:
    kind: str  # photo | emblem | cover-photo | picture | card
    out: str  # site path of the result
    params: tuple  # everything besides the source bytes that decides the pixels
    source: str | None = None  # data/ path of the input picture
    where: Pos | None = None  # where that picture (or the drawn text) is named
    field: str = ""

    @property
    def uses_fonts(self) -> bool:
        return self.kind == "card"


@dataclass(frozen=True)
class Text:
    """A text that will be drawn, with where it was written (for the glyph check)."""

    text: str
    where: Pos | None
    field: str


def card_text(branch, site_url: str | None) -> CardText:
    r = branch.rating
    brand = branch.brand
    return CardText(
        brand=brand.name if brand else branch.name,
        slogan=(brand.slogan or "") if brand else "",
        branch=branch.name,
        unit=branch.unit or "",
        rating=f"{r.year}年 {r.title}" if r else "",
        stars=(r.stars or 0) if r else 0,
        highlights=tuple(brand.highlights[:3]) if brand else (),
        color=branch.color,
        qr_url=f"{site_url.rstrip('/')}/branches/{branch.id}/" if site_url else None,
    )


def plan(site: Site, site_url: str | None) -> list[Job]:
    return list(_jobs(site, site_url))


def _jobs(site: Site, site_url: str | None) -> Iterator[Job]:
    # A member without a photo and a lecture without a cover are drawn by the page (HTML/CSS in
    # the page's font): no picture per person or lecture to draw, store and copy.
    for member in site.members.values():
        if member.photo:
            for px in urls.PHOTO_SIZES:
                yield Job("photo", urls.photo(member.id, px), urls.photo_size(px), member.photo, member.pos("photo"), "photo")
    for branch in site.branches:
        emblem = branch.brand.emblem if branch.brand else None
        if emblem:
            yield Job("emblem", urls.emblem(branch.id), (urls.EMBLEM_SIDE,), emblem, branch.brand.pos("emblem"), "brand.emblem")
        text = card_text(branch, site_url)
        where = branch.brand.pos("name") if branch.brand else branch.pos("name")
        yield Job("card", urls.card(branch.id), (text, WEB, 0, None), emblem, where, "brand")
        yield Job("card", urls.card(branch.id, True), (text, PRINT, mm(3), 300), emblem, where, "brand")
    for lec in site.lectures:
        if lec.cover:
            yield Job("cover-photo", urls.cover(lec.id), urls.COVER_SIZE, lec.cover, lec.pos("cover"), "cover")
    seen = set()
    for screen in site.screens:
        for slide in screen.slides:
            if slide.src and slide.src not in seen:
                seen.add(slide.src)
                yield Job("picture", urls.picture(slide.src), urls.PICTURE_BOX, slide.src, slide.pos("src"), "src")


def drawn_texts(site: Site) -> Iterator[Text]:
    """Every text the pictures draw, for the glyph check before drawing; and the names and
    titles that screens and drawn portraits and covers set in these fonts (the screens carry a
    subset of them), since a name must never show as a box."""
    for member in site.members.values():
        if not member.photo:
            yield Text(member.name, member.pos("name"), "name")
    for branch in site.branches:
        b = branch.brand
        yield Text(branch.name, branch.pos("name"), "name")
        if branch.unit:
            yield Text(branch.unit, branch.pos("unit"), "unit")
        if b:
            yield Text(b.name, b.pos("name"), "brand.name")
            if b.slogan:
                yield Text(b.slogan, b.pos("slogan"), "brand.slogan")
            for h in b.highlights[:3]:
                yield Text(h, b.pos("highlights"), "brand.highlights")
        if branch.rating:
            yield Text(branch.rating.title, branch.rating.pos("title"), "ratings.title")
    for lec in site.lectures:
        if not lec.cover:
            yield Text(lec.title, lec.pos("title"), "title")
            if lec.lecturer:
                yield Text(lec.speaker, lec.lecturer.pos("name"), "name")
            else:
                yield Text(lec.speaker, lec.pos("lecturer_name"), "lecturer_name")
            yield Text(lec.topic, lec.pos("topic"), "topic")
    yield Text("扫码查看支部第期主讲：年·", None, "")
