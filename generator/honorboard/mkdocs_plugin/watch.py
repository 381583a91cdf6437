"""Under `serve`: keep watching a folder that is removed and put back (git checkout, a branch switch).

MkDocs 1.6 watches with watchdog's polling observer, whose watcher of a folder stops for good
once that folder is gone (and ignores the folder's own deletion), so a restored ``data/`` would
never be seen again. A small thread notices the folder disappear or come back (a new inode),
schedules a fresh watcher and asks for a rebuild.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISDIR(st.st_mode) else None


def request_rebuild(server) -> None:
    """Ask MkDocs' LiveReloadServer for a rebuild, as its own file watcher does."""
    cond = getattr(server, "_rebuild_cond", None)
    if cond is None:  # another MkDocs: the next change of any watched file rebuilds
        return
    with cond:
        server._want_rebuild = True
        cond.notify_all()


class FolderGuard(threading.Thread):
    def __init__(self, server, folder: Path, interval: float = 0.5):
        super().__init__(name=f"honorboard-watch-{folder.name}", daemon=True)
        self.server, self.folder, self.interval = server, Path(folder), interval
        self._last = _identity(self.folder)  # now, not when the thread first runs: a change in between counts
        self._halt = threading.Event()  # not _stop: Thread has a method of that name

    def stop(self) -> None:
        self._halt.set()

    def run(self) -> None:
        last = self._last
        while not self._halt.wait(self.interval) and not getattr(self.server, "_shutdown", False):
            now = _identity(self.folder)
            if now == last:
                continue
            last = now
            path = str(self.folder)
            if path in getattr(self.server, "_watched_paths", {}):
                self.server.unwatch(path)
            if now is not None:
                self.server.watch(path)
            request_rebuild(self.server)
