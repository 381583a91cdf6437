"""Each lobby screen's health, from its polls of ``version.json?screen=<id>&build=<build>``."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from .accesslog import BEIJING
from .count import Poll

OFFLINE_AFTER = dt.timedelta(minutes=10)  # screens poll every minute (backing off to 10 min when failing)
OK, OLD, OFFLINE = "正常", "旧版本", "离线"
UNKNOWN = "未登记"  # polls for an id data/screens/ no longer has: shown, never alarming


@dataclass(frozen=True)
class Health:
    id: str
    name: str
    last_seen: dt.datetime | None
    build: str | None
    state: str


def newest_build(reported: set[str], deployed: str | None) -> str | None:
    """The build screens should show: the deployed one when known, else the newest any screen
    reported (build ids begin with their UTC time, so they sort by age)."""
    if deployed:
        return deployed
    return max(reported) if reported else None


def screens(names: dict[str, str], polls: dict[str, Poll], newest: str | None, now: dt.datetime) -> list[Health]:
    """Every screen of data/screens/, then any unknown id that polled (a screen still running
    after its file was removed, or one given the wrong address)."""
    rows = []
    for screen_id in [*sorted(names), *sorted(set(polls) - set(names))]:
        poll = polls.get(screen_id)
        name = names.get(screen_id, "（data/screens/ 中没有此屏）")
        if screen_id not in names:
            state = UNKNOWN
        elif poll is None or now - poll.moment > OFFLINE_AFTER:
            state = OFFLINE
        elif newest and poll.build != newest:
            state = OLD
        else:
            state = OK
        rows.append(Health(screen_id, name, poll.moment if poll else None, poll.build if poll else None, state))
    return rows


def table(rows: list[Health]) -> str:
    head = ("屏幕", "名称", "最后一次轮询（北京时间）", "显示的构建", "状态")
    body = [(h.id, h.name, h.last_seen.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S") if h.last_seen else "从未",
             h.build or "—", h.state) for h in rows]
    widths = [max(_width(r[i]) for r in [head, *body]) for i in range(len(head))]
    return "\n".join("  ".join(_pad(cell, w) for cell, w in zip(r, widths)).rstrip() for r in [head, *body])


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
