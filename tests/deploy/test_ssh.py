"""`honorboard deploy | rollback user@host:/path` through a real sshd and rsync on 127.0.0.1."""

from __future__ import annotations

import re
from pathlib import Path

from deploykit import free_port, honorboard, layout, tiny_site, variant
from helpers import tree_digest


def test_deploy_twice_and_roll_back(site: Path, tmp_path: Path, ssh_env: dict):
    target = tmp_path / "srv/honorboard"
    remote = f"root@127.0.0.1:{target}"
    first = honorboard("deploy", remote, "--site", str(site), env=ssh_env)
    assert first.returncode == 0, first.stderr
    files = sum(1 for p in site.rglob("*") if p.is_file())
    assert f"已发布 {remote}/releases/" in first.stdout
    assert f"（{files} 个文件，新传 {files} 个，复用 0 个），current 已切换；保留最近 1 次发布" in first.stdout

    changed = variant(site, tmp_path / "b", "bbbb")
    second = honorboard("deploy", remote, "--site", str(changed), env=ssh_env)
    assert second.returncode == 0, second.stderr
    assert f"（{files} 个文件，新传 2 个，复用 {files - 2} 个）" in second.stdout
    link, (a, b) = layout(target)
    assert link == f"releases/{b}" and re.fullmatch(r"\d{8}-\d{6}-bbbb", b)
    assert tree_digest(target / "current") == tree_digest(changed)
    css = next(site.glob("assets/stylesheets/main.*.min.css")).relative_to(site)
    assert (target / "releases" / a / css).stat().st_ino == (target / "releases" / b / css).stat().st_ino

    back = honorboard("rollback", remote, env=ssh_env)
    assert back.returncode == 0, back.stderr
    assert back.stdout.startswith(f"current 已从 releases/{b} 切换到 releases/{a}\n")
    assert layout(target)[0] == f"releases/{a}" and tree_digest(target / "current") == tree_digest(site)


def test_unreachable_hosts(tmp_path: Path, ssh_env: dict):
    """A closed port and a name that does not resolve: a Chinese reason, and nothing changes."""
    target = tmp_path / "target"
    assert honorboard("deploy", str(target), "--site", str(tiny_site(tmp_path / "live"))).returncode == 0
    before = tree_digest(target), layout(target)
    site = tiny_site(tmp_path / "new", "new")
    closed = {"HONORBOARD_SSH": re.sub(r"-p \d+", f"-p {free_port()}", ssh_env["HONORBOARD_SSH"])}
    out = honorboard("deploy", f"root@127.0.0.1:{target}", "--site", str(site), env=closed)
    assert out.returncode == 1
    assert out.stderr == ("honorboard：发布失败：无法连接 127.0.0.1：连接被拒绝：主机上的 ssh 服务没有运行，或端口不对；"
                          "线上站点未改动\n")
    out = honorboard("deploy", "root@no-such-host.invalid:/srv/honorboard", "--site", str(site), env=ssh_env)
    assert out.returncode == 1
    assert "无法连接 no-such-host.invalid：找不到这个主机名，请检查拼写或内网 DNS" in out.stderr
    out = honorboard("rollback", f"root@127.0.0.1:{target}", env=closed)
    assert out.returncode == 1 and out.stderr.startswith("honorboard：回退失败：无法连接 127.0.0.1：连接被拒绝")
    assert (tree_digest(target), layout(target)) == before


def test_remote_target_that_is_a_file(tmp_path: Path, ssh_env: dict):
    (tmp_path / "file").write_text("不是目录", encoding="utf-8")
    out = honorboard("deploy", f"root@127.0.0.1:{tmp_path}/file", "--site", str(tiny_site(tmp_path / "s")),
                     env=ssh_env)
    assert out.returncode == 1
    assert "发布失败：root@127.0.0.1:" in out.stderr and "/file 不是目录：路径上已有同名的普通文件" in out.stderr
    assert (tmp_path / "file").read_text(encoding="utf-8") == "不是目录"
