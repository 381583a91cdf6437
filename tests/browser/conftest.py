"""Real pages in headless Chromium (Debian's, driven by Playwright), served from 127.0.0.1.

The site is built once per session and served under a sub-path (/dangjian/), as intranet
hosts often do; every request the page makes is recorded, and one that leaves 127.0.0.1
fails the test.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from helpers import REPO, mkdocs_build
from pagekit import RangeHandler, Watched, chromium_path

SUBPATH = "dangjian"


if chromium_path() is None:  # pragma: no cover - CI installs it; say so loudly elsewhere
    pytest.exit("浏览器测试需要 Debian 的 chromium（apt-get install chromium），见 README", returncode=3)


def build(project: Path, out: Path) -> None:
    done = mkdocs_build(project, out)
    assert done.returncode == 0, done.stderr


class _Quiet(RangeHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def served_root(tmp_path_factory):
    """A folder served on 127.0.0.1; sites are built into sub-folders of it."""
    root = tmp_path_factory.mktemp("www")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def demo_url(served_root) -> str:
    """The demo site from data/, at http://127.0.0.1:PORT/dangjian/."""
    root, base = served_root
    build(REPO, root / SUBPATH)
    return f"{base}/{SUBPATH}/"


@pytest.fixture(scope="session")
def build_site(served_root):
    """``build_site(project, name)`` → the URL of ``project`` built and served at /name/."""
    root, base = served_root

    def _build(project: Path, name: str) -> str:
        build(project, root / name)
        return f"{base}/{name}/"

    return _build


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture
def open_page(browser):
    """``open_page(url, width, height)`` → a watched page, loaded; closed after the test."""
    contexts = []

    def _open(url: str, width: int = 1366, height: int = 900) -> Watched:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        contexts.append(context)
        watched = Watched(context.new_page())
        watched.page.goto(url, wait_until="load")
        return watched

    yield _open
    for context in contexts:
        context.close()
