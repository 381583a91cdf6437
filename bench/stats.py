"""`honorboard stats` on a large access log: seconds for N lines, plain and gzip, next to a bare
loop that only reads the same lines and splits them (the floor any parser stands on).

    python bench/stats.py [--lines 1000000]

The log is what an intranet host writes in a month: pages, styles and pictures, videos started
and sought, screens polling every minute, bots. Goal: 1 million lines well under 30 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "stats"))
from logkit import BOT, CHROME, PHONE, SCREEN, line  # noqa: E402

GOAL_S = 30.0


def make_log(path: Path, n: int) -> None:
    rng = random.Random(14)
    lectures = sorted(p.stem for p in (REPO / "data" / "lectures").glob("*.yml"))
    start = dt.datetime(2024, 11, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assets = ["/assets/stylesheets/main.css", "/assets/honorboard/site.js", "/img/members/jiang-hua-240.webp",
              "/", "/boards/2024-11/", "/branches/zwfw-1f/", "/search/search_index.json"]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            when = start + dt.timedelta(seconds=i * 2.6)
            r = rng.random()
            addr = f"10.{rng.randint(0, 20)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
            ua = rng.choice((CHROME, PHONE))
            if r < 0.05:
                f.write(line("10.99.0.1", when, f"/version.json?screen=lobby-1f&build=20241101000000-ab12cd34&t={i}",
                             ua=SCREEN, range_=""))
            elif r < 0.10:
                f.write(line(addr, when, "/media/lectures/army-120.mp4", 206,
                             range_=rng.choice(("bytes=0-", "bytes=1048576-"))))
            elif r < 0.25:
                f.write(line(addr, when, f"/lectures/{rng.choice(lectures)}/", 200, range_=""))
            elif r < 0.27:
                f.write(line(addr, when, "/lectures/oath-history/", 200, ua=BOT, range_=""))
            elif r < 0.2701:
                f.write("\\x16\\x03\\x01 garbage\n")
            else:
                f.write(line(addr, when, rng.choice(assets), 200, range_=""))


def bare(path: Path) -> int:
    n = 0
    with open(path, encoding="utf-8") as f:
        for raw in f:
            n += len(raw.split('"'))
    return n


def run(log: Path, data: Path) -> float:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "honorboard.cli", "stats", str(log), "--data", str(data)],
                         capture_output=True, text=True)
    took = time.perf_counter() - started
    if out.returncode not in (0, 3):
        sys.exit(out.stderr)
    return took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = tmp / "data"
        shutil.copytree(REPO / "data", data)
        shutil.rmtree(data / "stats")
        log = tmp / "access.log"
        make_log(log, args.lines)
        with open(log, "rb") as src, gzip.open(tmp / "access.log.1.gz", "wb", compresslevel=6) as dst:
            shutil.copyfileobj(src, dst)
        mb = log.stat().st_size / 1e6
        started = time.perf_counter()
        bare(log)
        floor = time.perf_counter() - started
        first = run(log, data)
        again = run(log, data)  # the same log again: nothing to write
        zipped = run(tmp / "access.log.1.gz", data)
    print(f"{args.lines:,} lines ({mb:.0f} MB)")
    print(f"  honorboard stats, plain:      {first:5.1f} s  (again, nothing new: {again:.1f} s)")
    print(f"  honorboard stats, gzip:       {zipped:5.1f} s")
    print(f"  bare read + split, in-process: {floor:5.1f} s  → stats = {first / floor:.1f}× the floor")
    print(f"  goal: {GOAL_S:.0f} s for 1,000,000 lines → {'met' if first < GOAL_S * args.lines / 1e6 else 'MISSED'}")


if __name__ == "__main__":
    main()
