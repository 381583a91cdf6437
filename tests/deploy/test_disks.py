"""Full and read-only disks on the target, made with tmpfs mounts (as root), reached locally and
over ssh: a Chinese error, exit 1, and the live site byte-identical with no half-written release."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from deploykit import honorboard, layout, tiny_site, variant
from helpers import tree_digest


def snapshot(target: Path):
    return tree_digest(target), layout(target)


def test_full_disk(site: Path, tmp_path: Path, tmpfs, via):
    """Room for one copy of the site: a second release fits as hard links, a bigger one is refused
    before anything is copied."""
    blocks = sum(-(-p.stat().st_size // 4096) + 1 for p in site.rglob("*"))
    disk = tmpfs("disk", f"size={blocks * 4 + 256}k")
    target, env = via(disk / "honorboard")
    assert honorboard("deploy", target, "--site", str(site), env=env).returncode == 0
    out = honorboard("deploy", target, "--site", str(variant(site, tmp_path / "b", "bbbb")), env=env)
    assert out.returncode == 0, out.stderr
    assert "新传 2 个" in out.stdout
    before = snapshot(disk / "honorboard")
    out = honorboard("deploy", target, "--site", str(variant(site, tmp_path / "c", "cccc", extra=100)), env=env)
    assert out.returncode == 1
    assert re.fullmatch(rf"honorboard：发布失败：{re.escape(target)} 空间不足（需要约 \d+\.\d MB，可用 0\.\d MB）："
                        r"请清理该磁盘后重试；线上站点未改动\n", out.stderr), out.stderr
    assert snapshot(disk / "honorboard") == before


def test_disk_full_during_the_copy(site: Path, tmp_path: Path, tmpfs, via):
    """The bytes fit but the files run out of inodes midway: the copy fails, the partial upload goes."""
    disk = tmpfs("disk", "size=64m,nr_inodes=48")
    target, env = via(disk / "honorboard")
    assert honorboard("deploy", target, "--site", str(tiny_site(tmp_path / "tiny")), env=env).returncode == 0
    before = snapshot(disk / "honorboard")
    out = honorboard("deploy", target, "--site", str(site), env=env)
    assert out.returncode == 1
    assert out.stderr.endswith(f"发布失败：{target} 空间不足：磁盘已满，请清理该磁盘后重试；线上站点未改动\n"), out.stderr
    assert snapshot(disk / "honorboard") == before


def test_read_only_disk(tmp_path: Path, tmpfs, via):
    disk = tmpfs("disk", "size=4m")
    target, env = via(disk / "honorboard")
    for tag in ("aaaa", "bbbb"):
        assert honorboard("deploy", target, "--site", str(tiny_site(tmp_path / tag, tag)), env=env).returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    before = snapshot(disk / "honorboard")
    out = honorboard("deploy", target, "--site", str(tiny_site(tmp_path / "new", "cccc")), env=env)
    assert out.returncode == 1
    assert out.stderr == f"honorboard：发布失败：{target} 不可写：只读文件系统；线上站点未改动\n"
    out = honorboard("rollback", target, env=env)
    assert out.returncode == 1
    assert out.stderr == f"honorboard：回退失败：{target} 不可写：只读文件系统；线上站点未改动\n"
    assert snapshot(disk / "honorboard") == before
