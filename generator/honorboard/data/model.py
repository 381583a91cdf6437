"""The typed model pages, cards and screens are drawn from.

Objects are frozen; relations run both ways (a member knows its branch, a branch its
members). Back-references are set once while the model is linked in ``build.py`` and are
left out of ``repr`` so printing an object does not walk the whole site.

Every object keeps ``where`` (field → position in its data file) so a later stage (say, a
glyph no font has in a name on a card) can still point at the file and line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .fields import Hours
from .problems import Pos

def _rel(default=()):
    """A relation filled in while linking: not compared, not printed."""
    return field(default=default, repr=False, compare=False)


@dataclass(frozen=True, eq=False)
class Located:
    where: Mapping[str, Pos] = field(default_factory=dict, repr=False, compare=False, kw_only=True)

    def pos(self, name: str) -> Pos | None:
        return self.where.get(name)


@dataclass(frozen=True, eq=False)
class Rating(Located):
    year: int
    title: str
    stars: int | None = None


@dataclass(frozen=True, eq=False)
class Brand(Located):
    name: str
    slogan: str | None = None
    color: str | None = None  # "#RRGGBB"
    emblem: str | None = None  # path relative to data/
    intro: str | None = None  # markdown
    highlights: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Member(Located):
    id: str
    name: str
    title: str | None = None
    photo: str | None = None
    joined: int | None = None
    motto: str | None = None
    bio: str | None = None  # markdown
    branch: Branch = _rel(None)
    awards: tuple[Award, ...] = _rel()  # oldest month first
    honors: tuple[HonorEntry, ...] = _rel()  # oldest year first
    posts: tuple[Post, ...] = _rel()
    lectures: tuple[Lecture, ...] = _rel()  # newest first
    roles: tuple[str, ...] = _rel()  # 支部书记, 组织委员 ...


@dataclass(frozen=True, eq=False)
class Seat(Located):
    """A place on the branch committee (支委会)."""

    member: Member
    role: str | None = None


@dataclass(frozen=True, eq=False)
class PostRecord(Located):
    text: str
    year: int | None = None


@dataclass(frozen=True, eq=False)
class Post(Located):
    id: str
    name: str
    kind: str | None = None
    location: str | None = None
    members: tuple[Member, ...] = ()
    pledge: str | None = None
    since: int | None = None
    records: tuple[PostRecord, ...] = ()
    branch: Branch = _rel(None)


@dataclass(frozen=True, eq=False)
class Branch(Located):
    id: str
    name: str
    path: Path
    unit: str | None = None
    floor: int | None = None
    secretary: Member | None = None
    committee: tuple[Seat, ...] = ()
    ratings: tuple[Rating, ...] = ()  # oldest first
    brand: Brand | None = None
    members: tuple[Member, ...] = ()
    posts: tuple[Post, ...] = ()
    alliances: tuple[Branch, ...] = _rel()  # both directions
    honors: tuple[HonorEntry, ...] = _rel()
    lectures: tuple[Lecture, ...] = _rel()  # newest first

    @property
    def rating(self) -> Rating | None:
        """The current rating: the latest year's."""
        return self.ratings[-1] if self.ratings else None

    @property
    def color(self) -> str | None:
        return self.brand.color if self.brand else None


@dataclass(frozen=True, eq=False)
class Award(Located):
    member: Member
    category: str = "星级党员"
    stars: int | None = None
    score: float | int | None = None
    citation: str | None = None
    month: Month = _rel(None)


@dataclass(frozen=True, eq=False)
class Month(Located):
    year: int
    month: int
    path: Path
    awards: tuple[Award, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"


@dataclass(frozen=True, eq=False)
class HonorEntry(Located):
    citation: str | None = None
    branch: Branch | None = None
    member: Member | None = None
    team: str | None = None
    list: HonorList = _rel(None)

    @property
    def name(self) -> str:
        if self.member is not None:
            return self.member.name
        if self.branch is not None:
            return self.branch.name
        return self.team or ""


@dataclass(frozen=True, eq=False)
class HonorList(Located):
    title: str
    entries: tuple[HonorEntry, ...] = ()
    year: HonorYear = _rel(None)


@dataclass(frozen=True, eq=False)
class HonorYear(Located):
    year: int
    path: Path
    lists: tuple[HonorList, ...] = ()


@dataclass(frozen=True, eq=False)
class Lecture(Located):
    id: str
    title: str
    topic: str
    date: dt.date
    path: Path
    lecturer: Member | None = None
    lecturer_name: str | None = None  # an outside speaker
    branch: Branch | None = None  # given, or the lecturer's
    duration: int | None = None
    episode: int | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None  # markdown
    video: str | None = None  # path under data/ or http(s) URL
    cover: str | None = None
    slides: str | None = None
    subtitles: str | None = None  # .vtt or .srt under data/; the site publishes it as WebVTT
    poster: bool = False  # set by the build: without cover:, a frame of the local video is the cover picture
    views: int | None = None  # as written: counted before this site
    counted: tuple[tuple[dt.date, int], ...] = ()  # (day, views) from data/stats/, oldest first

    @property
    def total_views(self) -> int:
        """观看次数: the views from before this site plus those `honorboard stats` counted."""
        return (self.views or 0) + sum(n for _, n in self.counted)

    @property
    def speaker(self) -> str:
        return self.lecturer.name if self.lecturer else (self.lecturer_name or "")

    @property
    def has_cover(self) -> bool:
        """A cover picture at the lecture's cover address: from cover:, or a frame of its video."""
        return bool(self.cover) or self.poster

    @property
    def video_is_url(self) -> bool:
        return bool(self.video) and self.video.lower().startswith(("http://", "https://"))


@dataclass(frozen=True, eq=False)
class Slide(Located):
    show: str
    seconds: int = 15
    src: str | None = None
    title: str | None = None
    text: str | None = None


@dataclass(frozen=True, eq=False)
class Screen(Located):
    id: str
    name: str
    path: Path
    slides: tuple[Slide, ...]
    orientation: str = "landscape"
    floor: int | None = None
    hours: Hours | None = None


@dataclass(frozen=True, eq=False)
class Site:
    """Everything in ``data/``, linked. Collections are ordered as pages list them."""

    data_dir: Path
    branches: tuple[Branch, ...]
    members: Mapping[str, Member]
    posts: tuple[Post, ...]
    months: tuple[Month, ...]  # oldest first
    honor_years: tuple[HonorYear, ...]  # oldest first
    lectures: tuple[Lecture, ...]  # newest first
    screens: tuple[Screen, ...]
    withheld: frozenset[str] = frozenset()  # ids of members with publish: false (not in the model)

    @property
    def latest_month(self) -> Month | None:
        return self.months[-1] if self.months else None

    @property
    def latest_honors(self) -> HonorYear | None:
        return self.honor_years[-1] if self.honor_years else None

    def branch(self, branch_id: str) -> Branch:
        return next(b for b in self.branches if b.id == branch_id)
