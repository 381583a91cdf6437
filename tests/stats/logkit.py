"""Access-log lines as nginx writes them (``combined``, optionally with ``"$http_range"``)."""

from __future__ import annotations

import datetime as dt

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
BEIJING = dt.timezone(dt.timedelta(hours=8))
CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
PHONE = "Mozilla/5.0 (Linux; Android 12; HarmonyOS) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 MicroMessenger/8.0"
SCREEN = "Mozilla/5.0 (X11; Linux aarch64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36"
BOT = "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"


def stamp(when: dt.datetime) -> str:
    return f"{when.day:02d}/{MONTHS[when.month - 1]}/{when.year}:{when:%H:%M:%S} {when:%z}"


def line(addr: str, when: dt.datetime, target: str, status: int = 200, ua: str = CHROME, method: str = "GET",
         size: int = 5120, range_: str | None = None, referer: str = "-") -> str:
    out = f'{addr} - - [{stamp(when)}] "{method} {target} HTTP/1.1" {status} {size} "{referer}" "{ua}"'
    if range_ is not None:
        out += f' "{range_ or "-"}"'
    return out + "\n"


def at(day: str, clock: str = "10:00:00", tz: dt.timezone = BEIJING) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=tz)
