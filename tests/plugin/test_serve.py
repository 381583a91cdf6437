"""A real `mkdocs serve`: bad data shows the problems, the server stays up, and recovers on a fix."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    """The page's text; a 404's page too (MkDocs serves the theme's 404.html with it)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.read().decode("utf-8")


def _wait_for(url: str, needle: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} not served within {seconds}s; last page: {last[:300]!r}")


@contextlib.contextmanager
def _serving(project: Path):
    """A real `mkdocs serve` of ``project`` on a free port: (the process, its base URL)."""
    port = _free_port()
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        yield server, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_survives_bad_data_and_recovers(project: Path):
    beta = project / "data/branches/beta.yml"
    good = beta.read_text(encoding="utf-8")
    beta.write_text(good.replace("name: 第二党支部", "name：第二党支部"), encoding="utf-8")
    with _serving(project) as (server, url):
        page = _wait_for(url, "数据有误", 90)
        assert "beta.yml:1:5: 字段 name 后面是全角冒号" in page
        for deep in ("branches/alpha/", "members/jiang-hua/", "lectures/oath/", "no/such/page/"):
            page = _get(url + deep)  # every address shows the problems, none an English 404
            assert "数据有误" in page and "beta.yml:1:5: 字段 name 后面是全角冒号" in page, deep
        beta.write_text(good, encoding="utf-8")  # the person fixes the file and saves
        page = _wait_for(url, "最新微党课", 90)
        assert "数据有误" not in page
        assert "数据有误" not in _get(url + "no/such/page/") and "页面不存在" in _get(url + "no/such/page/")
        assert server.poll() is None  # still serving


def test_serve_keeps_watching_when_data_is_removed_and_restored(project: Path):
    """`git checkout` or a branch switch removes data/ and puts it back: the preview says so
    in Chinese, never hangs, and picks up the restored folder and later edits to it."""
    data = project / "data"
    with _serving(project) as (server, url):
        _wait_for(url, "最新微党课", 90)
        aside = project / "data-aside"
        data.rename(aside)  # the folder is gone, as during a branch switch
        page = _wait_for(url, "数据目录 data 不存在", 60)
        assert "恢复后预览自动重建" in page
        aside.rename(data)  # and back, a new folder to the old watcher
        _wait_for(url, "最新微党课", 60)
        alpha = data / "branches/alpha.yml"
        alpha.write_text(alpha.read_text(encoding="utf-8").replace("name: 第一党支部", "name: 第一党支部改名"),
                         encoding="utf-8")
        _wait_for(url + "branches/alpha/", "第一党支部改名", 60)  # the restored folder is watched
        assert server.poll() is None


def test_folder_guard_rewatches_a_folder_put_back_and_stops_cleanly(tmp_path: Path):
    """The guard alone, with a stand-in for MkDocs' server: watch calls and rebuild requests."""
    import threading

    from honorboard.mkdocs_plugin.watch import FolderGuard

    class Server:
        def __init__(self):
            self._watched_paths, self.calls = {}, []
            self._rebuild_cond, self._want_rebuild = threading.Condition(), False

        def watch(self, path):
            self._watched_paths[path] = 1
            self.calls.append(("watch", path))

        def unwatch(self, path):
            self._watched_paths.pop(path)
            self.calls.append(("unwatch", path))

    folder = tmp_path / "data"
    folder.mkdir()
    server = Server()
    server.watch(str(folder))
    guard = FolderGuard(server, folder, interval=0.02)
    guard.start()

    def until(condition) -> bool:  # the guard polls: wait for what it does, not for a step of it
        deadline = time.monotonic() + 5
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.02)
        return condition()

    folder.rename(tmp_path / "aside")
    assert until(lambda: server._want_rebuild)
    assert server.calls == [("watch", str(folder)), ("unwatch", str(folder))]
    server._want_rebuild = False
    (tmp_path / "aside").rename(folder)
    assert until(lambda: server._want_rebuild)
    assert server.calls == [("watch", str(folder)), ("unwatch", str(folder)), ("watch", str(folder))]
    guard.stop()
    guard.join(timeout=2)
    assert not guard.is_alive()
