"""``honorboard stats ACCESS_LOG...``: what the host saw, as counts in ``data/stats/`` and each
screen's health. No server-side code, no database, no visitor data kept: addresses and user
agents live only in memory, to tell clients apart within a day."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

from ..exits import EXIT_ATTENTION, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def add_parser(sub) -> None:
    """Registered by cli.py."""
    p = sub.add_parser("stats", help="从 nginx 访问日志统计微党课观看人次，并报告各电子屏是否在线")
    p.add_argument("logs", nargs="+", metavar="ACCESS_LOG",
                   help="nginx 访问日志（combined 格式，可为 .gz），轮转出的多个文件一起给出，如 /var/log/nginx/access.log*")
    p.add_argument("--data", dest="data_dir", default="data", help="数据目录（默认 data）")
    p.add_argument("--site", default=None,
                   help="主机上正在提供的站点目录（如 /srv/honorboard/current），以其 version.json 为最新构建；"
                        "不给时以日志中电子屏报告的最新构建为准")
    p.add_argument("--dry-run", action="store_true",
                   help="只统计和报告，不写入 data/stats/（如每 10 分钟查看一次电子屏状态的监控任务）")


def cmd_stats(args) -> int:
    from ..data.loader import load  # here, not at the top: every other command starts without them
    from . import accesslog, health, store
    from .count import Targets, count

    started = time.perf_counter()
    data_dir = Path(args.data_dir)
    if not data_dir.is_dir():
        print(f"honorboard：数据目录 {data_dir} 不存在", file=sys.stderr)
        return EXIT_USAGE
    logs = [Path(p) for p in args.logs]
    unreadable = [p for p in logs if not p.is_file() or not os.access(p, os.R_OK)]
    if unreadable:
        for p in unreadable:
            print(f"honorboard：{'无权读取' if p.is_file() else '找不到'}访问日志 {p}", file=sys.stderr)
        return EXIT_USAGE
    deployed = None
    if args.site is not None:
        deployed = _deployed_build(Path(args.site))
        if deployed is None:
            print(f"honorboard：{args.site} 中没有可读的 version.json（应为 honorboard build 或 deploy 的站点目录）",
                  file=sys.stderr)
            return EXIT_USAGE

    result = load(data_dir)
    stats_folder = (data_dir / store.FOLDER).absolute()
    own = [p for p in result.errors if Path(p.pos.path).absolute().is_relative_to(stats_folder)]
    if own:  # a hand-edited count: refuse to merge into what cannot be read back
        for p in own:
            print(p.format(), file=sys.stderr)
        print(f"data/{store.FOLDER}/ 中有 {len(own)} 处错误，未写入任何文件：请改正（或删除该文件后重新统计）",
              file=sys.stderr)
        return EXIT_PROBLEMS
    others = len(result.errors)

    tally = accesslog.Tally()
    try:
        counted = count(accesslog.read(logs, tally), Targets.of(result.records))
    except OSError as exc:  # a disk error while reading: nothing written
        print(f"honorboard：读取访问日志失败：{exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    old = store.kept(result.records)
    merged = store.merge(old, dict(counted.views))
    texts = store.month_texts(merged)
    too_big = store.too_big(texts)
    if too_big:  # check would refuse such a file: write none, rather than a month it cannot read back
        print(f"honorboard：{too_big} 月的统计超过单个数据文件的上限 {store.LIMIT_MB} MB，未写入任何文件"
              "（每天观看的微党课数以千计：请联系维护者）", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.dry_run:
        written, same = store.changed(data_dir, texts), 0
    else:
        written, same = store.write(data_dir, texts)

    print(_summary(logs, tally, counted, old, merged, written, same, time.perf_counter() - started, args.dry_run))
    if others:
        print(f"提醒：data/ 中另有 {others} 处错误（honorboard check 查看）；统计照常进行")
    names = {sid: str(rec.get("name") or sid) for sid, rec in result.records.screens.items()}
    if not names and not counted.polls:
        return EXIT_OK
    newest = health.newest_build(counted.builds, deployed)
    rows = health.screens(names, counted.polls, newest, dt.datetime.now(dt.timezone.utc))
    print()
    print(f"电子屏（最新构建：{newest or '未知'}；超过 {health.OFFLINE_AFTER.seconds // 60} 分钟未轮询即为离线）")
    print(health.table(rows))
    bad = [h for h in rows if h.state in (health.OFFLINE, health.OLD)]
    return EXIT_ATTENTION if bad else EXIT_OK


def _deployed_build(site: Path) -> str | None:
    try:
        build = json.loads((site / "version.json").read_text(encoding="utf-8"))["build"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return build if isinstance(build, str) and build else None


def _summary(logs, tally, counted, old, merged, written, same, took, dry_run=False) -> str:
    from .store import FOLDER

    days = sorted(counted.days)
    span = f"，{days[0]} 至 {days[-1]}（北京时间）" if days else ""
    bad = f"（{tally.malformed:,} 行格式不符，已跳过）" if tally.malformed else ""
    lines = [f"读取 {len(logs)} 个日志文件，{tally.lines:,} 行{bad}{span}，用时 {took:.1f} 秒"]
    for path in tally.cut:
        lines.append(f"提醒：{path} 不完整（压缩文件被截断），已统计到截断处")
    views = sum(counted.views.values())
    lectures = len({lec for _, lec in counted.views})
    skipped = "、".join(f"{why} {n:,} 次" for why, n in counted.skipped.most_common())
    lines.append(f"观看：日志中 {views:,} 人次（{lectures} 节微党课）" + (f"；不计：{skipped}" if skipped else ""))
    added = sum(merged.values()) - sum(old.values())
    where = "、".join(str(p) for p in written)
    if written and dry_run:
        lines.append(f"未写入（--dry-run）：会写入 {where}，新增 {added:,} 人次")
    elif written:
        lines.append(f"写入 {where}：新增 {added:,} 人次" + (f"；{same} 个文件无变化" if same else ""))
    else:
        lines.append(f"data/{FOLDER}/ 无变化（这些日志已统计过）" if merged else "没有可记录的观看")
    return "\n".join(lines)
