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


_CHANGES = {"created", "deleted", "modified", "moved"}  # not "opened"/"closed": our own reads would rebuild forever


class Watch:
    """A folder watched with the system's file events (inotify on Linux): a saved file asks
    for a rebuild at once, where MkDocs' polling watcher notices it up to half a second later."""

    def __init__(self, server):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self.server, self._watches = server, {}
        self._handler = FileSystemEventHandler()
        self._handler.on_any_event = self._event
        self._observer = Observer()
        self._observer.start()

    def _event(self, event) -> None:
        if not event.is_directory and event.event_type in _CHANGES:
            request_rebuild(self.server)

    def watch(self, path: str) -> None:
        self.unwatch(path)
        try:
            self._watches[path] = self._observer.schedule(self._handler, path, recursive=True)
        except OSError:  # no inotify left (a system limit): MkDocs' polling watcher instead
            self.server.watch(path)

    def unwatch(self, path: str) -> None:
        watch = self._watches.pop(path, None)
        if watch is not None:
            self._observer.unschedule(watch)
        elif path in getattr(self.server, "_watched_paths", {}):
            self.server.unwatch(path)

    def stop(self) -> None:
        self._observer.stop()


class FolderGuard(threading.Thread):
    def __init__(self, server, folder: Path, interval: float = 0.5, watcher=None):
        super().__init__(name=f"honorboard-watch-{folder.name}", daemon=True)
        self.server, self.folder, self.interval = server, Path(folder), interval
        self.watcher = watcher or server  # what (un)watches the folder: MkDocs' server or a Watch
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
            if self.watcher is not self.server:
                self.watcher.unwatch(path)
            elif path in getattr(self.server, "_watched_paths", {}):
                self.server.unwatch(path)
            if now is not None:
                self.watcher.watch(path)
            request_rebuild(self.server)
