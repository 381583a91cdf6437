"""Preview benchmark: the real `honorboard serve`, one data file saved, the changed page polled.

    python bench/serve.py [--scale 1.0] [--demo] [--edits 3]

Starts `honorboard serve` on the large data set (bench/generate.py), or on the demo's data/
with --demo, waits for the first build, then saves a member's motto (a branch file) and
polls that member's page until the new motto is served; prints seconds from save to served,
for each of --edits edits, and the first build's time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def project(work: Path, scale: float, demo: bool) -> Path:
    for name in ("theme", "site_src"):
        shutil.copytree(REPO / name, work / name)
    shutil.copyfile(REPO / "mkdocs.yml", work / "mkdocs.yml")
    if demo:
        shutil.copytree(REPO / "data", work / "data")
    else:
        generate(work / "data", scale)
    return work


def a_member(data: Path) -> tuple[Path, str, str]:
    """A branch file, a member id in it and that member's motto line."""
    for path in sorted((data / "branches").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        found = re.search(r"^  - id: (\S+)\n(?:    .*\n)*?(    motto: .*)$", text, re.M)
        if found:
            return path, found.group(1), found.group(2)
    raise SystemExit("no member with a motto")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--demo", action="store_true", help="the demo's data/ instead of the large set")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hb-serve-"))
    proc = None
    try:
        root = project(work, args.scale, args.demo)
        port = free_port()
        env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "HONORBOARD_CACHE_DIR": str(work / "cache")}
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "honorboard.cli", "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        branch, member, motto_line = a_member(root / "data")
        page = f"http://127.0.0.1:{port}/members/{member}/"
        while fetch(page) is None:
            if proc.poll() is not None:
                raise SystemExit("serve exited")
            time.sleep(0.2)
        print(f"first build (cold picture cache) served after {time.perf_counter() - started:6.1f} s")
        times = []
        for i in range(args.edits):
            time.sleep(1.5)  # let the watcher settle
            marker = f"预览测速第{i + 1}次修改"
            text = branch.read_text(encoding="utf-8")
            new_line = f"    motto: {marker}"
            branch.write_text(text.replace(motto_line, new_line, 1), encoding="utf-8")
            motto_line = new_line
            saved = time.perf_counter()
            while marker not in (fetch(page) or ""):
                time.sleep(0.05)
                if time.perf_counter() - saved > 300:
                    raise SystemExit("the edit never showed")
            times.append(time.perf_counter() - saved)
            print(f"edit {i + 1}: saved → served in {times[-1]:5.2f} s")
        goal = 0.5 if args.demo else 2.0
        print(f"preview edit, {'demo' if args.demo else f'scale {args.scale}'}: median {sorted(times)[len(times) // 2]:.2f} s "
              f"(goal ≤ {goal} s)")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
