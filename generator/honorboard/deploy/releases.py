"""What a deploy target holds, the same on a local folder and on a host over ssh, and how its
problems are said to the person deploying."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

RELEASE = re.compile(r"\d{8}-\d{6}-[0-9a-z]+")
PARTIAL = ".partial"
STAMP = "%Y%m%d-%H%M%S"
BLOCK = 4096  # ext4 and tmpfs allocate whole 4 KiB blocks


class DeployError(Exception):
    """A target problem, in Chinese; raised before `current` moves, so the live site is unchanged."""


@dataclass(frozen=True)
class State:
    now: str               # the target's clock (YYYYMMDD-HHMMSS)
    releases: list[str]    # oldest first
    partials: list[str]    # uploads that were interrupted
    current: str | None    # the release `current` points to
    free: int              # bytes free for new files

    @classmethod
    def of(cls, now: str, entries: list[str], link: str | None, free: int) -> State:
        """From the folder names under releases/ and where `current` points (``releases/<name>``)."""
        releases = sorted(e for e in entries if RELEASE.fullmatch(e))
        partials = sorted(e for e in entries if e.endswith(PARTIAL) and RELEASE.fullmatch(e[:-len(PARTIAL)]))
        name = (link or "").removeprefix("releases/").rstrip("/")
        return cls(now, releases, partials, name if name in releases else None, free)


@dataclass(frozen=True)
class Upload:
    files: int
    reused: int  # hard links to the previous release's identical files


def release_name(state: State, build: str) -> str:
    """``YYYYMMDD-HHMMSS-<build>`` by the target's clock, and always after the newest release there
    (two deploys in one second, a clock set back): name order is deploy order, which rollback relies on."""
    stamp = datetime.strptime(state.now, STAMP)
    if state.releases:
        stamp = max(stamp, datetime.strptime(state.releases[-1][:15], STAMP) + timedelta(seconds=1))
    return f"{stamp.strftime(STAMP)}-{build}"


def space_needed(new_bytes: int, new_files: int, dirs: int) -> int:
    """An upper bound on what an upload takes on disk: each file and folder wastes under a block."""
    return new_bytes + BLOCK * (new_files + dirs)


def require_space(need: int, free: int, label: str) -> None:
    if need > free:
        raise DeployError(f"{label} 空间不足（需要约 {_mb(need)}，可用 {_mb(free)}）：请清理该磁盘后重试")


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


_REASONS = {
    errno.ENOSPC: "空间不足：磁盘已满，请清理该磁盘后重试",
    errno.EDQUOT: "空间不足：超出磁盘配额",
    errno.EROFS: "不可写：只读文件系统",
    errno.EACCES: "不可写：权限不足",
    errno.EPERM: "不可写：权限不足",
    errno.ENOTDIR: "不是目录：路径上已有同名的普通文件",
}


def os_error(exc: OSError, label: str) -> DeployError:
    reason = _REASONS.get(exc.errno) or f"写入出错：{exc.strerror}（{exc.filename}）"
    return DeployError(f"{label} {reason}")


def remote_error(stderr: str, label: str) -> DeployError:
    """A failed command on the host: its C-locale error text names the errno (strerror), else its last line."""
    for code, reason in _REASONS.items():
        if os.strerror(code) in stderr:
            return DeployError(f"{label} {reason}")
    if "command not found" in stderr or "rsync: not found" in stderr:
        return DeployError(f"{label}：主机上没有 rsync，请先在主机上安装（apt-get install rsync）")
    lines = [line for line in stderr.splitlines() if line.strip()]
    return DeployError(f"{label}：{lines[-1] if lines else '主机上的命令失败'}")


def not_a_link(label: str) -> DeployError:
    return DeployError(f"{label}/current 已存在但不是符号链接（也许是以前直接放在这里的站点）：请先把它改名或移走")
