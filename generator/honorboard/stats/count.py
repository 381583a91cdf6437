"""Which requests are views, and what each screen last said.

A view is one client (address + user agent) starting a lecture: requesting its video file
from the start (no Range, or a Range from byte 0; 200 or 206), or, for a lecture without a
video on this host, loading its page (200, or 304 from the browser's cache). One per client,
lecture and Beijing day. Nothing a screen's browser asks counts, nor the tooling, nor bots.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable
from urllib.parse import parse_qs

from crawleruseragents import is_crawler

from ..data.validate import Records
from .accesslog import Request

TOOL_AGENT = "honorboard/"
"""How our own tooling (deploy's checks, tests) introduces itself: never a visitor."""

_ID = r"[a-z0-9][a-z0-9-]{0,62}"
LECTURE_PAGE = re.compile(rf"/lectures/({_ID})/(?:index\.html)?$")
SCREEN_PAGE = re.compile(rf"/screens/({_ID})/(?:index\.html)?$")
FIRST_BYTE = re.compile(r"^bytes=0*-")
_BUILD = re.compile(r"^[0-9A-Za-z-]{1,64}$")


@dataclass(frozen=True)
class Targets:
    """What in the site a view is of: local video files by their path under data/ (which is
    their path under the site root), and the lectures counted by their page."""

    videos: dict[str, str]  # "media/lectures/oath.mp4" → lecture id
    pages: frozenset[str]  # lectures without a video on this host
    screens: frozenset[str]

    @classmethod
    def of(cls, records: Records) -> Targets:
        videos, pages = {}, set()
        for lecture_id, rec in records.lectures.items():
            video = rec.get("video")
            if isinstance(video, str) and not video.lower().startswith(("http://", "https://")):
                videos[video] = lecture_id
            else:
                pages.add(lecture_id)
        return cls(videos, frozenset(pages), frozenset(records.screens))

    def video(self, path: str) -> str | None:
        """The lecture whose video ``path`` is, under whatever sub-path the site is served."""
        if not self.videos or "." not in path[-6:]:
            return None
        parts = path.split("/")
        for i in range(1, len(parts)):  # "/party/media/lectures/oath.mp4": try each tail
            found = self.videos.get("/".join(parts[i:]))
            if found:
                return found
        return None


@dataclass
class Poll:
    moment: dt.datetime
    build: str


@dataclass
class Counted:
    views: Counter = field(default_factory=Counter)  # (day, lecture id) → clients
    polls: dict[str, Poll] = field(default_factory=dict)  # screen id → its latest poll
    builds: set[str] = field(default_factory=set)  # every build a screen reported
    skipped: Counter = field(default_factory=Counter)  # reason → requests that looked like views
    days: set[dt.date] = field(default_factory=set)  # days the logs cover


@lru_cache(maxsize=2048)
def _not_a_visitor(user_agent: str) -> str | None:
    if user_agent.startswith(TOOL_AGENT):
        return "工具"
    if user_agent in ("", "-") or is_crawler(user_agent):
        return "爬虫与脚本"
    return None


def count(requests: Iterable[Request], targets: Targets) -> Counted:
    out = Counted()
    started: set[tuple] = set()  # (day, lecture, client): a set, so a client counts once a day
    screens: set[tuple[str, str]] = set()  # clients that are lobby screens
    for req in requests:
        out.days.add(req.day)
        if req.method != "GET":
            continue
        path = req.path
        if path.endswith("/version.json"):
            _poll(req, targets, out, screens)
            continue
        lecture = None
        if path.endswith("/") or path.endswith(".html"):
            m = LECTURE_PAGE.search(path)
            if m and m[1] in targets.pages and req.status in (200, 304):
                lecture = m[1]
            elif "preview" not in req.query and SCREEN_PAGE.search(path):
                screens.add(req.client)  # a screen's own page: whatever else this browser asks is the screen's
        else:
            lecture = targets.video(path)
            if lecture is not None and (req.status not in (200, 206) or
                                        (req.range and not FIRST_BYTE.match(req.range))):
                lecture = None  # a seek, a resume, a failed request: not a start
        if lecture is None:
            continue
        why = _not_a_visitor(req.user_agent)
        if why:
            out.skipped[why] += 1
            continue
        started.add((req.day, lecture, req.client))
    for day, lecture, client in started:
        if client in screens:
            out.skipped["电子屏"] += 1
        else:
            out.views[(day, lecture)] += 1
    return out


def _poll(req: Request, targets: Targets, out: Counted, screens: set) -> None:
    """``version.json?screen=<id>&build=<build>``: a screen saying it is alive and what it shows."""
    if "screen=" not in req.query:
        return
    query = parse_qs(req.query)
    screen, build = query.get("screen", [""])[0], query.get("build", [""])[0]
    if not re.fullmatch(_ID, screen) or not _BUILD.match(build):
        return  # not what our screens send: never shown in the table
    screens.add(req.client)
    moment = req.moment
    out.builds.add(build)
    kept = out.polls.get(screen)
    if kept is None or moment >= kept.moment:
        out.polls[screen] = Poll(moment, build)
