"""What the host saw, end to end: the demo site in a real nginx with the repo's config, a visitor
in Chromium starts a lecture's video and opens a lecture page, a lobby screen polls; then
`honorboard stats` on nginx's own access log counts exactly those views and finds the screen 正常."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from helpers import REPO, nginx_serving

VISITOR = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
SCREEN = "Mozilla/5.0 (X11; Linux aarch64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36"
BEIJING = dt.timezone(dt.timedelta(hours=8))


def _wait_for(log: Path, text: str, page) -> None:
    for _ in range(100):
        if log.is_file() and text in log.read_text(encoding="utf-8", errors="replace"):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{text!r} not in the access log:\n{log.read_text(errors='replace')[-3000:]}")


def test_views_and_screen_health_from_a_real_nginx_log(demo_url, served_root, browser, tmp_path: Path):
    root, _ = served_root
    subpath = demo_url.rstrip("/").rsplit("/", 1)[-1]  # the demo is built under a sub-path
    with nginx_serving(root, tmp_path / "nginx") as (port, log):
        base = f"http://127.0.0.1:{port}/{subpath}/"
        visitor = browser.new_context(user_agent=VISITOR, locale="zh-CN")
        page = visitor.new_page()
        page.goto(base + "lectures/yiti-shuangzheng/")
        page.wait_for_timeout(300)
        assert "yiti-shuangzheng.webm" not in log.read_text(encoding="utf-8"), "a page load must not fetch the video"
        page.locator("video").evaluate("v => { v.muted = true; return v.play(); }")
        page.wait_for_function("document.querySelector('video').currentTime > 0.2", timeout=15_000)
        page.goto(base + "lectures/oath-history/")  # its video is on another intranet host: its page counts
        page.goto(base + "lectures/oath-history/")  # again, the same day: still one view
        visitor.close()

        screen = browser.new_context(user_agent=SCREEN, viewport={"width": 1920, "height": 1080}, locale="zh-CN")
        shown = screen.new_page()
        shown.clock.install()
        shown.goto(base + "screens/lobby-1f/")
        shown.clock.run_for(90_000)  # the first poll comes within 60 s ± 20 %
        _wait_for(log, "version.json?screen=lobby-1f&build=", shown)
        screen.close()
    # nginx has stopped: its log is complete
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    out = subprocess.run([sys.executable, "-m", "honorboard.cli", "stats", str(log), "--data", str(data),
                          "--site", str(root / subpath)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 3, out.stdout + out.stderr  # the corridor screen never polled: 离线
    today = dt.datetime.now(BEIJING).date()
    month = yaml.safe_load((data / "stats" / f"{today:%Y-%m}.yml").read_text(encoding="utf-8"))
    rows = {(r["date"], r["lecture"]): r["count"] for r in month["views"]}
    assert {k: v for k, v in rows.items() if k[0] == today} == {
        (today, "yiti-shuangzheng"): 1, (today, "oath-history"): 1}, out.stdout
    table = {line.split()[0]: line.split() for line in out.stdout.splitlines() if line.startswith(("lobby-1f", "corridor-3f"))}
    assert table["lobby-1f"][-1] == "正常", out.stdout
    assert table["corridor-3f"][-1] == "离线", out.stdout
    assert "电子屏" in out.stdout and "不计：电子屏" not in out.stdout  # the screen opened no lecture
