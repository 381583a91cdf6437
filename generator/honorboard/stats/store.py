"""``data/stats/<YYYY-MM>.yml``: views per lecture per day, and nothing about who viewed.

Counts from a run are merged by taking, for each day and lecture, the larger of what the file
holds and what the logs gave: the same logs again, or logs that overlap, change nothing; a day
split across two rotated files is counted whole when both are passed together (README).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from ..authoring.atomic import write_atomically
from ..data.fields import PList
from ..data.validate import Records
from ..data.yamlio import MAX_FILE_BYTES

FOLDER = "stats"
LIMIT_MB = MAX_FILE_BYTES // (1024 * 1024)
HEADER = (
    "# yaml-language-server: $schema=../../schema/stats.schema.json\n"
    "# 访问统计：每天每节微党课的观看人次（北京时间），由 honorboard stats 根据主机的访问日志写入。\n"
    "# 只有人次，没有地址、浏览器等任何访客信息。请勿手改：再次运行 honorboard stats 不会重复计数。\n"
)

Counts = dict[tuple[dt.date, str], int]


def kept(records: Records) -> Counts:
    """What data/stats/ holds now."""
    out: Counts = {}
    for rec in records.stats.values():
        rows = rec.get("views")
        for row in rows if isinstance(rows, PList) else ():
            if "date" in row and "lecture" in row and "count" in row:
                out[(row["date"], row["lecture"])] = row["count"]
    return out


def merge(old: Counts, new: Counts) -> Counts:
    merged = dict(old)
    for key, n in new.items():
        merged[key] = max(n, merged.get(key, 0))
    return merged


def month_texts(counts: Counts) -> dict[str, str]:
    """``"2026-12"`` → the file's text, one line a day and lecture, sorted (a stable diff in Git)."""
    months: dict[str, list] = defaultdict(list)
    for (day, lecture), n in counts.items():
        months[f"{day.year}-{day.month:02d}"].append((day, lecture, n))
    return {
        month: HEADER + "views:\n" + "".join(
            f"  - {{date: {day.isoformat()}, lecture: {lecture}, count: {n}}}\n" for day, lecture, n in sorted(rows))
        for month, rows in months.items()
    }


def existing(data_dir: Path, month: str) -> Path | None:
    folder = data_dir / FOLDER
    return next((p for p in (folder / f"{month}.yml", folder / f"{month}.yaml") if p.is_file()), None)


def _months(data_dir: Path, texts: dict[str, str]):
    """(file, new bytes, bytes now) for each month, oldest first."""
    for month, text in sorted(texts.items()):
        target = existing(data_dir, month) or data_dir / FOLDER / f"{month}.yml"
        yield target, text.encode("utf-8"), (target.read_bytes() if target.is_file() else b"")


def too_big(texts: dict[str, str]) -> str | None:
    """The first month whose file would be over the size every data file is held to."""
    return next((month for month, text in sorted(texts.items()) if len(text.encode("utf-8")) > MAX_FILE_BYTES), None)


def changed(data_dir: Path, texts: dict[str, str]) -> list[Path]:
    """The files ``write`` would write (for --dry-run)."""
    return [target for target, data, before in _months(data_dir, texts) if data != before]


def write(data_dir: Path, texts: dict[str, str]) -> tuple[list[Path], int]:
    """Write the months whose text changed; (files written, files already right)."""
    written, same = [], 0
    for target, data, before in _months(data_dir, texts):
        if before == data:
            same += 1
            continue
        write_atomically(target, data, expected=before)
        written.append(target)
    return written, same
