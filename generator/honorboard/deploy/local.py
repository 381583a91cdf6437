"""A deploy target that is a folder on this machine (or a mounted share): plain file operations."""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from .releases import (
    PARTIAL, STAMP, DeployError, State, Upload, not_a_link, os_error, require_space, space_needed,
)


class Local:
    def __init__(self, root: Path, label: str):
        self.root, self.label = root, label
        self.releases = root / "releases"

    def survey(self, create: bool) -> State:
        current = self.root / "current"
        if current.exists() and not current.is_symlink():
            raise not_a_link(self.label)
        try:
            if create:
                self.releases.mkdir(parents=True, exist_ok=True)
                # mkdir -p succeeds on a read-only disk when the folder is there: try a real write
                os.rmdir(tempfile.mkdtemp(prefix=".probe-", dir=self.releases))
            exists = self.releases.is_dir()
            entries = [p.name for p in self.releases.iterdir() if p.is_dir()] if exists else []
            free = shutil.disk_usage(self.releases).free if exists else 0
        except OSError as exc:
            raise os_error(exc, self.label) from None
        link = os.readlink(current) if current.is_symlink() else None
        return State.of(datetime.now().strftime(STAMP), entries, link, free)

    def remove(self, names: list[str]) -> None:
        for name in names:
            shutil.rmtree(self.releases / name, ignore_errors=True)

    def upload(self, site: Path, name: str, base: str | None, free: int) -> Upload:
        """Copy ``site`` into releases/<name>.partial/; a file with the same bytes at the same path in
        release ``base`` is hard-linked instead (no space, and its mtime, hence its ETag, stays)."""
        previous = self.releases / base if base else None
        partial = self.releases / (name + PARTIAL)
        try:
            dirs, plan = _plan(site, previous)
            new = [rel for rel, reuse in plan if not reuse]
            size = sum((site / rel).stat().st_size for rel in new)
            require_space(space_needed(size, len(new), len(dirs)), free, self.label)
            for rel in dirs:
                (partial / rel).mkdir()
                (partial / rel).chmod(0o755)  # the web server's account reads it, whatever our umask
            reused = sum(_put(site / rel, partial / rel, previous / rel if reuse else None) for rel, reuse in plan)
        except BaseException as exc:  # Ctrl-C included: no half-written release stays behind
            shutil.rmtree(partial, ignore_errors=True)
            if isinstance(exc, OSError):
                raise os_error(exc, self.label) from None
            raise
        return Upload(len(plan), reused)

    def publish(self, name: str, old: list[str]) -> None:
        """releases/<name>.partial → releases/<name>, `current` to it, then delete the ``old`` releases."""
        try:
            (self.releases / (name + PARTIAL)).rename(self.releases / name)
        except OSError as exc:
            self.remove([name + PARTIAL])
            raise os_error(exc, self.label) from None
        try:
            self.switch(name)
        except DeployError:
            self.remove([name])
            raise
        self.remove(old)

    def switch(self, name: str) -> None:
        """Point `current` at releases/<name>: a new symlink renamed over the old one, in one step."""
        tmp = self.root / f"current.tmp-{os.getpid()}"
        try:
            os.symlink(f"releases/{name}", tmp)
            os.replace(tmp, self.root / "current")
        except OSError as exc:
            with suppress(OSError):
                tmp.unlink()
            raise os_error(exc, self.label) from None


def _plan(site: Path, previous: Path | None) -> tuple[list[Path], list[tuple[Path, bool]]]:
    """The folders of ``site``, and its files each with "same bytes in the previous release?"."""
    dirs, files = [], []
    for folder, subdirs, names in os.walk(site):
        subdirs.sort()
        rel = Path(folder).relative_to(site)
        dirs.append(rel)
        files += [(rel / n, previous is not None and _same(site / rel / n, previous / rel / n)) for n in sorted(names)]
    return dirs, files


def _same(new: Path, old: Path) -> bool:
    return old.is_file() and old.stat().st_size == new.stat().st_size and filecmp.cmp(new, old, shallow=False)


def _put(src: Path, dst: Path, previous: Path | None) -> bool:
    """Hard-link ``previous`` at ``dst``, or copy ``src`` there. True when linked."""
    if previous is not None:
        try:
            os.link(previous, dst)
            return True
        except PermissionError:  # fs.protected_hardlinks: another account's file; a copy serves as well
            pass
    shutil.copyfile(src, dst)
    dst.chmod(0o644)
    return False
