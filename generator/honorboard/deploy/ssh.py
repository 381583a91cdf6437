"""A deploy target on another host, ``user@host:/path``: rsync over ssh, and short POSIX sh scripts
run there for the rest (each a single ssh call)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from contextlib import suppress
from pathlib import Path

from .releases import (
    PARTIAL, DeployError, State, Upload, not_a_link, remote_error, require_space, space_needed,
)

# $1 the target folder, $2 "create" for a deploy. Prints "key value" lines.
SURVEY = r"""
if [ -e "$1/current" ] && [ ! -L "$1/current" ]; then echo current-not-link; exit 0; fi
if [ "$2" = create ]; then
  mkdir -p -- "$1/releases" || exit 1
  probe="$1/releases/.probe-$$"  # mkdir -p succeeds on a read-only disk when the folder is there
  mkdir -- "$probe" && rmdir -- "$probe" || exit 1
fi
[ -d "$1/releases" ] || exit 0
cd -- "$1" || exit 1
date +'now %Y%m%d-%H%M%S'
df -Pk releases | awk 'END { print "free-kib", $4 }'
[ -L current ] && echo "current $(readlink current)"
for e in releases/*; do [ -d "$e" ] && echo "entry ${e#releases/}"; done
exit 0
"""
# $1 the target folder, $2 a release: a new symlink renamed over `current` (mv -T: rename(2), atomic)
SWITCH = r"""
cd -- "$1" || exit 1
ln -s -- "releases/$2" "current.tmp-$$" && mv -T -- "current.tmp-$$" current || { rm -f -- "current.tmp-$$"; exit 1; }
"""
# $1 the target folder, $2 the new release, then the old releases to delete once it is live
PUBLISH = r"""
cd -- "$1" || exit 1
mv -- "releases/$2.partial" "releases/$2" || { rm -rf -- "releases/$2.partial"; exit 1; }
ln -s -- "releases/$2" "current.tmp-$$" && mv -T -- "current.tmp-$$" current || {
  rm -f -- "current.tmp-$$"; rm -rf -- "releases/$2"; exit 1; }
shift 2; for n; do rm -rf -- "releases/$n"; done
exit 0  # the new site is live: a leftover old release is deleted by the next deploy
"""
REMOVE = r"""cd -- "$1/releases" || exit 1; shift; for n; do rm -rf -- "$n"; done"""

# ssh's own failures (exit status 255), most specific first
_SSH_REASONS = (
    ("Could not resolve hostname", "找不到这个主机名，请检查拼写或内网 DNS"),
    ("Connection refused", "连接被拒绝：主机上的 ssh 服务没有运行，或端口不对"),
    ("timed out", "连接超时：主机没有开机、网络不通或被防火墙拦截"),
    ("No route to host", "网络不通（No route to host）"),
    ("Network is unreachable", "网络不通（Network is unreachable）"),
    ("Host key verification failed", "主机密钥校验失败：主机可能重装过，核实后请更新 ~/.ssh/known_hosts"),
    ("Permission denied", "登录被拒绝：请先配置免密登录（ssh-copy-id 用户@主机）"),
)


class Remote:
    def __init__(self, host: str, path: str, label: str):
        self.host, self.path, self.label = host, path, label
        # HONORBOARD_SSH: another port, key or options, e.g. "ssh -p 2222 -i ~/.ssh/deploy".
        # BatchMode: fail at once instead of asking for a password nobody will type
        self.ssh = [*shlex.split(os.environ.get("HONORBOARD_SSH", "ssh")), "-o", "BatchMode=yes",
                    "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=4"]

    def survey(self, create: bool) -> State:
        lines = self._sh(SURVEY, self.path, "create" if create else "").splitlines()
        if "current-not-link" in lines:
            raise not_a_link(self.label)
        values = dict(line.split(" ", 1) for line in lines if " " in line)
        entries = [line[len("entry "):] for line in lines if line.startswith("entry ")]
        free = int(values.get("free-kib") or 0) * 1024
        return State.of(values.get("now", ""), entries, values.get("current"), free)

    def remove(self, names: list[str]) -> None:
        if names:
            self._sh(REMOVE, self.path, *names)

    def upload(self, site: Path, name: str, base: str | None, free: int) -> Upload:
        """rsync into releases/<name>.partial/, hard-linking files identical to release ``base``.
        Not -a: with -t a fresh build's new mtimes would stop --link-dest from linking unchanged
        files, so --checksum compares bytes; -o/-g would carry this PC's user ids to the host."""
        # --protect-args: rsync before 3.2.4 hands the remote path to the host's shell as it is
        # (spaces split it, `$(...)` runs); with it the path is only ever a path
        args = ["-rl", "--perms", "--chmod=D755,F644", "--checksum", "--stats", "--protect-args",
                "-e", shlex.join(self.ssh), "--rsync-path=LC_ALL=C rsync"]
        if base:
            args.append(f"--link-dest=../{base}")
        args += [f"{site}/", f"{self.host}:{self.path}/releases/{name}{PARTIAL}/"]
        if space_needed(*_measure(site)) > free:  # tight: ask rsync how much the hard links save
            plan = _stats(self._rsync(["--dry-run", *args]))
            need = space_needed(plan["Total transferred file size"], plan["Number of regular files transferred"],
                                plan["dir"])
            require_space(need, free, self.label)
        try:
            done = _stats(self._rsync(args))
        except BaseException:  # Ctrl-C included: no half-written release stays behind
            with suppress(DeployError):  # host gone: the next deploy removes it
                self.remove([name + PARTIAL])
            raise
        return Upload(done["reg"], done["reg"] - done["Number of regular files transferred"])

    def publish(self, name: str, old: list[str]) -> None:
        self._sh(PUBLISH, self.path, name, *old)

    def switch(self, name: str) -> None:
        self._sh(SWITCH, self.path, name)

    def _sh(self, script: str, *args: str) -> str:
        """Run ``script`` with sh on the host, ``args`` as $1…; its output."""
        script = "export LC_ALL=C\n" + script
        return self._run([*self.ssh, self.host, shlex.join(["sh", "-c", script, "honorboard", *args])])

    def _rsync(self, args: list[str]) -> str:
        return self._run(["rsync", *args])

    def _run(self, command: list[str]) -> str:
        try:  # C locale here and on the host (LC_ALL=C above): error texts to recognise
            out = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                                 env=os.environ | {"LC_ALL": "C"})
        except FileNotFoundError:
            raise DeployError(f"找不到 {command[0]} 命令，请先安装它") from None
        if out.returncode == 255:  # ssh could not connect or log in
            host = self.host.rpartition("@")[2]
            reason = next((r for text, r in _SSH_REASONS if text in out.stderr), out.stderr.strip())
            raise DeployError(f"无法连接 {host}：{reason}")
        if out.returncode:
            raise remote_error(out.stderr, self.label)
        return out.stdout


def _stats(output: str) -> dict[str, int]:
    """rsync --stats figures by name; "reg" and "dir" from "Number of files: 412 (reg: 400, dir: 12)"."""
    found = {k: int(v.replace(",", "")) for k, v in re.findall(r"^([A-Z][\w ]+): ([\d,]+)", output, re.MULTILINE)}
    found |= {k: int(v.replace(",", "")) for k, v in re.findall(r"\b(reg|dir): ([\d,]+)", output)}
    return {"reg": 0, "dir": 0, **found}


def _measure(site: Path) -> tuple[int, int, int]:
    """Bytes, files and folders of the whole site."""
    size = files = dirs = 0
    for folder, _, names in os.walk(site):
        dirs += 1
        files += len(names)
        size += sum(os.path.getsize(os.path.join(folder, n)) for n in names)
    return size, files, dirs
