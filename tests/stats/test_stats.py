"""`honorboard stats` on generated nginx logs: exact counts, idempotent files, screen health."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from honorboard.cli import main
from logkit import BEIJING, BOT, CHROME, PHONE, SCREEN, at, line

VIDEO = "/media/lectures/%E5%85%A5%E5%85%9A.mp4"  # media/lectures/入党.mp4 as a browser asks for it
UTC = dt.timezone.utc


@pytest.fixture
def data(data_dir: Path) -> Path:
    """The mini data plus a lecture with a local video: ``oath`` (intranet URL video) and
    ``guest`` (no video) are counted by page, ``local`` by its video file."""
    (data_dir / "media" / "lectures").mkdir(parents=True)
    (data_dir / "media" / "lectures" / "入党.mp4").write_bytes(b"\0\0\0\x18ftypmp42")
    (data_dir / "lectures" / "local.yml").write_text(
        "title: 本地视频\ntopic: 党史国情\nlecturer_name: 外请专家\ndate: 2024-02-01\n"
        "video: media/lectures/入党.mp4\nviews: 5\n", encoding="utf-8")
    return data_dir


def stats(data: Path, *logs: Path, site: Path | None = None, capsys=None) -> tuple[int, str]:
    args = ["stats", *map(str, logs), "--data", str(data)] + (["--site", str(site)] if site else [])
    code = main(args)
    out = capsys.readouterr() if capsys else None
    return code, (out.out + out.err) if out else ""


def counts(data: Path) -> dict[tuple[str, str], int]:
    out = {}
    for f in sorted((data / "stats").glob("*.yml")):
        for row in yaml.safe_load(f.read_text(encoding="utf-8"))["views"]:
            out[(row["date"].isoformat(), row["lecture"])] = row["count"]
    return out


def write(path: Path, lines: list[str], zipped: bool = False) -> Path:
    text = "".join(lines).encode("utf-8")
    path.write_bytes(gzip.compress(text) if zipped else text)
    return path


DAY1 = [
    # one visitor starts the video, seeks twice, comes back after lunch: one view
    line("10.1.0.5", at("2024-05-06", "09:00:00"), VIDEO, 206, range_="bytes=0-"),
    line("10.1.0.5", at("2024-05-06", "09:01:00"), VIDEO, 206, range_="bytes=3000000-"),
    line("10.1.0.5", at("2024-05-06", "09:02:00"), VIDEO, 206, range_="bytes=9000000-"),
    line("10.1.0.5", at("2024-05-06", "13:30:00"), VIDEO, 206, range_="bytes=0-"),
    # same address, another browser (a shared office PC): a second view
    line("10.1.0.5", at("2024-05-06", "14:00:00"), VIDEO, 200, ua=PHONE, range_=""),
    # a resume only (Range not from 0): not a start
    line("10.1.0.6", at("2024-05-06", "10:00:00"), VIDEO, 206, range_="bytes=4000-"),
    # the page of a lecture with a local video is not a view of it
    line("10.1.0.7", at("2024-05-06", "10:00:00"), "/lectures/local/", 200),
    # lectures without a local video: counted by their page, 200 or 304, once a client a day
    line("10.1.0.7", at("2024-05-06", "10:05:00"), "/lectures/oath/", 200),
    line("10.1.0.7", at("2024-05-06", "10:06:00"), "/lectures/oath/index.html", 304),
    line("10.1.0.8", at("2024-05-06", "11:00:00"), "/party/lectures/guest/", 304),  # served under a sub-path
    # not views: a bot, our tooling, curl, a HEAD, a 404, a POST, an unknown lecture
    line("10.1.0.9", at("2024-05-06", "11:00:00"), "/lectures/oath/", 200, ua=BOT),
    line("10.1.0.9", at("2024-05-06", "11:00:00"), "/lectures/oath/", 200, ua="honorboard/0.1 (deploy)"),
    line("10.1.0.9", at("2024-05-06", "11:00:00"), VIDEO, 200, ua="curl/8.5.0"),
    line("10.1.0.10", at("2024-05-06", "11:00:00"), "/lectures/oath/", 200, method="HEAD"),
    line("10.1.0.10", at("2024-05-06", "11:00:00"), "/lectures/guest/", 404),
    line("10.1.0.10", at("2024-05-06", "11:00:00"), VIDEO, 416, range_="bytes=0-"),
    line("10.1.0.10", at("2024-05-06", "11:00:00"), "/lectures/nope/", 200),
    # garbage a log really holds
    '10.1.0.11 - - [06/May/2024:11:00:00 +0800] "\\x16\\x03\\x01\\x00\\xa5" 400 157 "-" "-"\n',
    "this is not a log line\n",
    '10.1.0.12 - - [31/Jun/2024:11:00:00 +0800] "GET /lectures/oath/ HTTP/1.1" 200 5 "-" "x"\n',
    '10.1.0.13 - - [06/May/2024:11:00:00 +0800] "GET /lectures/oath/ HTTP/1.1" 200 5 "-" "cut\n',
]


def test_counts_views_once_per_client_lecture_and_day(data: Path, tmp_path: Path, capsys):
    log = write(tmp_path / "access.log", DAY1)
    code, out = stats(data, log, capsys=capsys)
    assert code == 3, out  # the mini screen never polled: 离线
    assert counts(data) == {("2024-05-06", "local"): 2, ("2024-05-06", "oath"): 1, ("2024-05-06", "guest"): 1}
    assert f"{len(DAY1):,} 行（3 行格式不符，已跳过）" in out
    assert "日志中 4 人次（3 节微党课）" in out
    assert "爬虫与脚本 2 次" in out and "工具 1 次" in out


def test_rotated_and_gzipped_logs_in_any_order(data: Path, tmp_path: Path, capsys):
    """A week of traffic split into the files logrotate leaves: the same counts as one file."""
    rng = random.Random(14)
    lines, expected = [], {}
    for d in range(7):
        day = dt.date(2024, 5, 6) + dt.timedelta(days=d)
        for visitor in range(rng.randint(5, 30)):
            addr, when = f"10.2.{d}.{visitor}", at(day.isoformat(), f"{8 + visitor % 10:02d}:00:00")
            target, lecture = rng.choice([(VIDEO, "local"), ("/lectures/oath/", "oath"), ("/lectures/guest/", "guest")])
            rounds = rng.randint(1, 3)  # repeats by the same visitor count once
            lines += [line(addr, when + dt.timedelta(minutes=r), target, 200 if target != VIDEO else 206,
                           range_="bytes=0-" if target == VIDEO else None) for r in range(rounds)]
            expected[(day.isoformat(), lecture)] = expected.get((day.isoformat(), lecture), 0) + 1
    lines.sort(key=lambda s: s.split("[")[1][:20])  # by time, as nginx writes
    a, b, c = len(lines) // 3, 2 * len(lines) // 3, len(lines)
    files = [write(tmp_path / "access.log.2.gz", lines[:a], zipped=True),
             write(tmp_path / "access.log.1", lines[a:b]),
             write(tmp_path / "access.log", lines[b:c])]
    code, out = stats(data, files[1], files[0], files[2], capsys=capsys)
    assert counts(data) == expected
    # the same week again, and a run on a part of it: nothing changes, not even a file's time
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (data / "stats").iterdir()}
    stats(data, *files, capsys=capsys)
    code, out = stats(data, files[2], files[0], capsys=capsys)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (data / "stats").iterdir()} == before
    assert "data/stats/ 无变化" in out


def test_a_day_split_across_runs_keeps_the_larger_count(data: Path, tmp_path: Path, capsys):
    """A day read in two halves: the count never goes down; read whole, it is exact."""
    morning = [line(f"10.3.0.{i}", at("2024-05-06", "09:00:00"), "/lectures/oath/") for i in range(5)]
    evening = [line(f"10.3.1.{i}", at("2024-05-06", "18:00:00"), "/lectures/oath/") for i in range(3)]
    first, second = write(tmp_path / "access.log.1", morning), write(tmp_path / "access.log", evening)
    stats(data, first, capsys=capsys)
    stats(data, second, capsys=capsys)
    assert counts(data) == {("2024-05-06", "oath"): 5}
    stats(data, first, second, capsys=capsys)
    assert counts(data) == {("2024-05-06", "oath"): 8}


def test_days_are_beijing_days(data: Path, tmp_path: Path, capsys):
    """A host logging in UTC: 23:30 UTC is 07:30 the next morning in Beijing."""
    log = write(tmp_path / "access.log", [
        line("10.4.0.1", dt.datetime(2024, 5, 31, 23, 30, tzinfo=UTC), "/lectures/oath/"),
        line("10.4.0.1", dt.datetime(2024, 6, 1, 1, 0, tzinfo=UTC), "/lectures/oath/"),  # same Beijing day
        line("10.4.0.2", dt.datetime(2024, 5, 31, 15, 59, tzinfo=UTC), "/lectures/oath/"),
    ])
    stats(data, log, capsys=capsys)
    assert counts(data) == {("2024-06-01", "oath"): 1, ("2024-05-31", "oath"): 1}
    assert sorted(p.name for p in (data / "stats").iterdir()) == ["2024-05.yml", "2024-06.yml"]


def test_plain_combined_log_without_range(data: Path, tmp_path: Path, capsys):
    """nginx's default format does not log Range: a 206 then counts (once a day anyway)."""
    log = write(tmp_path / "access.log", [
        line("10.5.0.1", at("2024-05-06"), VIDEO, 206),
        line("10.5.0.1", at("2024-05-06", "10:01:00"), VIDEO, 206),
        line("10.5.0.2", at("2024-05-06"), VIDEO, 200),
    ])
    stats(data, log, capsys=capsys)
    assert counts(data) == {("2024-05-06", "local"): 2}


def test_screens_never_count_and_report_their_health(data: Path, tmp_path: Path, capsys):
    now = dt.datetime.now(BEIJING).replace(microsecond=0)
    (data / "screens" / "hall-2f.yml").write_text("name: 二楼走廊\nslides:\n  - show: stars\n", encoding="utf-8")
    (data / "screens" / "hall-3f.yml").write_text("name: 三楼走廊\nslides:\n  - show: stars\n", encoding="utf-8")
    new, old = "20240506010000-aaaa1111", "20240401010000-bbbb2222"
    poll = "/version.json?screen={}&build={}&t=1714960000000"
    log = write(tmp_path / "access.log", [
        # the lobby screen loads its page, a lecture page (a QR code slide, say) and polls
        line("10.6.0.1", now - dt.timedelta(hours=2), "/screens/lobby/?v=" + new, 200, ua=SCREEN),
        line("10.6.0.1", now - dt.timedelta(hours=1), "/lectures/oath/", 200, ua=SCREEN),
        line("10.6.0.1", now - dt.timedelta(minutes=3), poll.format("lobby", old), 200, ua=SCREEN),
        line("10.6.0.1", now - dt.timedelta(minutes=2), poll.format("lobby", new), 200, ua=SCREEN),
        # a second floor screen still on last month's build; a third silent for half an hour
        line("10.6.0.2", now - dt.timedelta(minutes=1), poll.format("hall-2f", old), 200, ua=SCREEN),
        line("10.6.0.3", now - dt.timedelta(minutes=30), poll.format("hall-3f", new), 200, ua=SCREEN),
        # an office PC previewing the lobby screen is a visitor, and does not report for it
        line("10.6.0.9", now - dt.timedelta(minutes=1), "/screens/lobby/?preview", 200),
        line("10.6.0.9", now - dt.timedelta(minutes=1), "/lectures/oath/", 200),
        # junk in the screen parameter is never shown
        line("10.6.0.8", now, "/version.json?screen=%3Cscript%3E&build=x", 200),
    ])
    code, out = stats(data, log, capsys=capsys)
    assert code == 3
    assert counts(data) == {(now.date().isoformat(), "oath"): 1}
    assert "电子屏 1 次" in out
    rows = {r.split()[0]: r.split() for r in out.splitlines() if r.startswith(("lobby", "hall-"))}
    seen = (now - dt.timedelta(minutes=2)).strftime("%Y-%m-%d %H:%M:%S").split()
    assert rows["lobby"] == ["lobby", "一楼大厅", *seen, new, "正常"]
    assert rows["hall-2f"][-2:] == [old, "旧版本"]
    assert rows["hall-3f"][-2:] == [new, "离线"]
    assert "script" not in out

    # the deployed site says which build is newest; all well → exit 0
    site = tmp_path / "current"
    site.mkdir()
    (site / "version.json").write_text(json.dumps({"build": new}), encoding="utf-8")
    for name in ("hall-2f", "hall-3f"):
        (data / "screens" / f"{name}.yml").unlink()
    code, out = stats(data, log, site=site, capsys=capsys)
    assert code == 0, out  # screens gone from data/screens/ are listed, never alarming
    assert f"最新构建：{new}" in out
    assert out.count("未登记") == 2


def test_no_visitor_data_is_written(data: Path, tmp_path: Path, capsys):
    stats(data, write(tmp_path / "access.log", DAY1), capsys=capsys)
    text = "".join(p.read_text(encoding="utf-8") for p in (data / "stats").iterdir())
    assert "10.1." not in text and "Mozilla" not in text and "Chrome" not in text
    assert set(yaml.safe_load(text.replace("views:", "views:", 1))) == {"views"}


def test_check_reads_the_stats_files(data: Path, tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(data.parent)
    stats(data, write(tmp_path / "access.log", DAY1), capsys=capsys)
    assert main(["check", str(data)]) == 0
    assert "访问统计 1 天，至 2024-05-06" in capsys.readouterr().out
    bad = data / "stats" / "2024-05.yml"
    bad.write_text("views:\n  - {date: 2024-05-06, lecture: oath, count: 2}\n"
                   "  - {date: 2024-06-01, lecture: oath, count: 1}\n"
                   "  - {date: 2024-05-06, lecture: oath, count: 3}\n"
                   "  - {date: 2024-05-07, lecture: oath, count: -1, who: 10.0.0.1}\n", encoding="utf-8")
    assert main(["check", "data"]) == 1
    err = capsys.readouterr().err
    bad = Path("data/stats/2024-05.yml")
    assert f"{bad}:3:12: 日期 2024-06-01 不在本文件的月份 2024-05 内" in err
    assert f'{bad}:4:33: 2024-05-06 的微党课 "oath" 重复（第 2 行已有）' in err
    assert f"{bad}:5:46: count 应在 1 到 1000000000 之间" in err and f"{bad}:5:50: 未知字段 who" in err
    # stats refuses to merge into a file it cannot read back, and writes nothing
    before = bad.read_bytes()
    code, out = stats(data, write(tmp_path / "access.log", DAY1), capsys=capsys)
    assert code == 1 and bad.read_bytes() == before
    assert "未写入任何文件" in out


def test_truncated_gzip_and_missing_file(data: Path, tmp_path: Path, capsys):
    whole = gzip.compress("".join(DAY1 * 50).encode("utf-8"))
    cut = tmp_path / "access.log.2.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    code, out = stats(data, cut, capsys=capsys)
    assert "不完整（压缩文件被截断），已统计到截断处" in out
    assert counts(data)  # what was read before the cut is counted
    code, out = stats(data, tmp_path / "nope.log", capsys=capsys)
    assert code == 2 and "找不到访问日志" in out


def test_counted_views_reach_the_model(data: Path, tmp_path: Path, capsys):
    from honorboard.data.loader import load

    stats(data, write(tmp_path / "access.log", DAY1), capsys=capsys)
    site = load(data).site
    lec = {x.id: x for x in site.lectures}
    assert lec["local"].total_views == 5 + 2
    assert lec["oath"].total_views == 7900 + 1
    assert lec["oath"].counted == ((dt.date(2024, 5, 6), 1),)


def test_command_line_entry(data: Path, tmp_path: Path):
    """The installed command, as cron runs it: exit 3 names the trouble on stdout."""
    log = write(tmp_path / "access.log", DAY1)
    out = subprocess.run([sys.executable, "-m", "honorboard.cli", "stats", str(log), "--data", str(data)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 3, out.stderr
    assert "lobby" in out.stdout and "离线" in out.stdout


def test_dry_run_reports_and_writes_nothing(data: Path, tmp_path: Path, capsys):
    log = write(tmp_path / "access.log", DAY1)
    before = sorted(p.relative_to(data) for p in data.rglob("*"))
    code, out = stats(data, log, "--dry-run", capsys=capsys)
    assert code == 3, out  # the screens are still reported
    assert "未写入（--dry-run）" in out and "2024-05.yml" in out
    assert sorted(p.relative_to(data) for p in data.rglob("*")) == before  # no stats/ folder, no file
    code, out = stats(data, log, capsys=capsys)
    assert counts(data)  # the same run without it writes


def test_a_month_too_big_for_a_data_file_writes_nothing(data: Path, tmp_path: Path, capsys, monkeypatch):
    from honorboard.stats import store

    monkeypatch.setattr(store, "MAX_FILE_BYTES", 300)  # the header and two rows: the real limit is 2 MB
    code, out = stats(data, write(tmp_path / "access.log", DAY1), capsys=capsys)
    assert code == 1 and "2024-05 月的统计超过" in out, out
    assert not (data / "stats").exists()
