"""Real-looking records (tests/fixtures/realworld): emoji in titles, quoted multi-line summaries,
HTML copied from an old site, very long titles. Valid input is never refused, and in Chromium
nothing from it runs, nothing overflows a phone screen, and the text is shown as written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from helpers import REPO

RECORDS = sorted((REPO / "tests/fixtures/realworld/lectures").glob("*.yml"))


def test_real_records_pass_check_build_and_run_nothing(build_site, open_page, project):
    for record in RECORDS:
        shutil.copyfile(record, project / "data/lectures" / record.name)
    check = subprocess.run([sys.executable, "-m", "honorboard.cli", "check"], cwd=project,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and check.stderr == "", check.stderr  # no error, not even a warning
    url = build_site(project, "realworld")
    pages = [f"lectures/{r.stem}/" for r in RECORDS] + ["lectures/", "", "about/"]
    for width in (375, 1366):
        for path in pages:
            w = open_page(url + path, width=width)
            dialogs: list[str] = []
            w.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for link in w.page.locator(".hb-prose a").all():
                href = link.get_attribute("href")
                assert href is None or href.startswith(("https://", "http://", "mailto:", "tel:")), href
                if href is None:  # what was a script link: clicking it does nothing
                    link.click(timeout=2000)
                    w.page.wait_for_timeout(50)
            assert w.page.evaluate("window.pwned") is None, path
            assert dialogs == [] and w.foreign == [], (path, dialogs, w.foreign)
            overflow = w.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (path, width, overflow)
    w = open_page(url + "lectures/raw-html/")
    assert w.page.locator("h1").first.inner_text().startswith("<b>基层党建</b>与“三会一课”<script>")
    prose = w.page.locator(".hb-prose").first
    assert prose.locator("script, iframe, svg, [onerror], [onclick], [onload], [style]").count() == 0
    assert prose.locator("strong").inner_text() == "基本制度"  # harmless HTML kept
    w = open_page(url + "lectures/emoji-title/")
    assert "✨ 从“最多跑一次”到“一次都不跑”" in w.page.locator("h1").first.inner_text()
    w = open_page(url + "lectures/quoted-multiline/")
    assert "Slido：https://app.sli.do/event/abc123" in w.page.locator(".hb-prose").first.inner_text()
