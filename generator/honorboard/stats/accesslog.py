"""nginx access logs, as written: the ``combined`` format, plain or gzip, any rotation order.

    log_format combined '$remote_addr - $remote_user [$time_local] '
                        '"$request" $status $body_bytes_sent '
                        '"$http_referer" "$http_user_agent"';

A line may carry more quoted fields after the user agent; one that reads like a Range header
(``"bytes=0-"`` or ``"-"``) is taken as ``$http_range`` (README: the ``honorboard`` format).
A line that is not this shape is counted, never fatal: logs hold TLS handshakes, cut lines
from a full disk, and whatever a scanner sent.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote

BEIJING = dt.timezone(dt.timedelta(hours=8), "北京时间")

LINE = re.compile(
    r'(?P<addr>\S+) \S+ \S+ \[(?P<time>\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\] "(?P<request>[^"]*)" (?P<status>\d{3}) (?:\d+|-)'
    r' "[^"]*" "(?P<ua>[^"]*)"(?: "(?P<extra>[^"]*)")?'
)
REQUEST = re.compile(r"(?P<method>[A-Z]{3,10}) (?P<target>\S+)(?: HTTP/\d(?:\.\d)?)?$")
_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                        "Nov", "Dec"), 1)}


@dataclass(frozen=True, slots=True)
class Request:
    client: tuple[str, str]  # address and user agent: one visitor's browser, never written anywhere
    time: str  # as logged: "10/Oct/2026:13:55:36 +0800" (see ``moment``)
    day: dt.date  # in Beijing
    method: str
    path: str  # percent-decoded, without the query
    query: str
    status: int
    range: str | None  # the Range header when the log has it ("" for none), None when it does not say

    @property
    def user_agent(self) -> str:
        return self.client[1]

    @property
    def moment(self) -> dt.datetime:
        return parse_time(self.time)


@dataclass
class Tally:
    lines: int = 0
    malformed: int = 0
    cut: list[Path] = field(default_factory=list)  # files that ended early (a truncated .gz): read up to there


def read(paths: list[Path], tally: Tally) -> Iterator[Request]:
    """Every well-formed request of every file in turn (order does not matter to the counts)."""
    for path in paths:
        try:
            with _open(path) as f:
                for raw in f:
                    tally.lines += 1
                    req = parse(raw.rstrip("\n"))
                    if req is None:
                        tally.malformed += 1
                        continue
                    yield req
        except (EOFError, gzip.BadGzipFile, zlib.error):  # rotation cut short, a disk that filled up
            tally.cut.append(path)


def _open(path: Path):
    with open(path, "rb") as probe:
        zipped = probe.read(2) == b"\x1f\x8b"  # by content: logrotate names vary (.gz, .1.gz, -20261201)
    # nginx escapes bytes it will not log as \xHH; anything else undecodable is a broken line
    if zipped:
        return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="\n")
    return open(path, encoding="utf-8", errors="replace", newline="\n")


def parse(line: str) -> Request | None:
    m = LINE.match(line)
    if m is None:
        return None
    time = m["time"]
    try:
        day = beijing_day(time[:14], time[21:])
    except (KeyError, ValueError):  # "Foo" for a month, a 31st of June
        return None
    rq = REQUEST.match(m["request"])
    if rq is None:  # "-" or bytes a scanner sent: a line of the log, no request to count
        return Request((m["addr"], m["ua"]), time, day, "", "", "", int(m["status"]), None)
    target = rq["target"]
    path, _, query = target.partition("?")
    extra = m["extra"]
    rng = None
    if extra is not None and (extra == "-" or extra.startswith("bytes=")):
        rng = "" if extra == "-" else extra
    return Request((m["addr"], m["ua"]), time, day, rq["method"], unquote(path, errors="replace"), query,
                   int(m["status"]), rng)


@lru_cache(maxsize=4096)
def beijing_day(hour: str, zone: str) -> dt.date:
    """The Beijing date of ``10/Oct/2026:13`` in ``+0200``: one computation per logged hour."""
    return parse_time(f"{hour}:00:00 {zone}").date()


def parse_time(text: str) -> dt.datetime:
    """``10/Oct/2026:13:55:36 +0800`` → an aware datetime in Beijing time."""
    day, mon, year = int(text[0:2]), _MONTHS[text[3:6]], int(text[7:11])
    hh, mm, ss = int(text[12:14]), int(text[15:17]), int(text[18:20])
    sign = -1 if text[21] == "-" else 1
    offset = dt.timedelta(hours=int(text[22:24]), minutes=int(text[24:26])) * sign
    return dt.datetime(year, mon, day, hh, mm, ss, tzinfo=dt.timezone(offset)).astimezone(BEIJING)
