"""`honorboard deploy | rollback` to a folder of this machine: layout, hard links, pruning, rollback."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from deploykit import honorboard, layout, tiny_site, variant
from helpers import edit, tree_digest

NAME = r"\d{8}-\d{6}-[0-9a-z]+"


def test_deploy_checks_builds_and_publishes(first_deploy):
    """Without --site: the data is checked and built, then published as releases/<name>, `current` a
    relative symlink to it, readable by the web server's account."""
    out, target = first_deploy
    assert out.returncode == 0, out.stderr
    link, releases = layout(target)
    assert re.fullmatch(f"releases/{NAME}", link)
    assert releases == [link.removeprefix("releases/")]
    build = json.loads((target / "current/version.json").read_text(encoding="utf-8"))["build"]
    assert link.endswith(build.rpartition("-")[2])  # the release names its build
    files = sum(1 for p in (target / "current").rglob("*") if p.is_file())
    assert out.stdout.splitlines()[-1].startswith(f"已发布 {target}/{link}（{files} 个文件，新传 {files} 个，复用 0 个），"
                                                  f"current 已切换；保留最近 1 次发布")
    assert (target / "current/members/jiang-hua/index.html").is_file()
    for p in (target / link).rglob("*"):
        assert stat.S_IMODE(p.stat().st_mode) == (0o755 if p.is_dir() else 0o644), p


def test_second_deploy_hard_links_unchanged_files(site: Path, tmp_path: Path):
    target = tmp_path / "target"
    assert honorboard("deploy", str(target), "--site", str(site)).returncode == 0
    changed = variant(site, tmp_path / "b", "bbbb")  # version.json and index.html differ
    out = honorboard("deploy", str(target), "--site", str(changed))
    assert out.returncode == 0, out.stderr
    files = sum(1 for p in site.rglob("*") if p.is_file())
    assert f"（{files} 个文件，新传 2 个，复用 {files - 2} 个）" in out.stdout
    first, second = (target / "releases" / name for name in layout(target)[1])
    css = next(site.glob("assets/stylesheets/main.*.min.css")).relative_to(site)
    assert (first / css).stat().st_ino == (second / css).stat().st_ino
    assert (second / css).stat().st_nlink == 2
    assert (first / "index.html").stat().st_ino != (second / "index.html").stat().st_ino
    assert (second / "index.html").read_bytes() == (changed / "index.html").read_bytes()


def test_keep_prunes_old_releases_and_interrupted_uploads(tmp_path: Path):
    target = tmp_path / "target"
    (target / "releases/20260101-000000-dead.partial/assets").mkdir(parents=True)  # an interrupted upload
    (target / "releases/notes").mkdir()  # not ours: stays
    names = []
    for i in range(4):
        out = honorboard("deploy", str(target), "--site", str(tiny_site(tmp_path / f"s{i}", f"v{i}")), "--keep", "2")
        assert out.returncode == 0, out.stderr
        names.append(re.search(f"releases/({NAME})", out.stdout)[1])
    assert names == sorted(names)  # names sort in deploy order, even within one second
    assert "保留最近 2 次发布" in out.stdout
    assert layout(target) == (f"releases/{names[-1]}", sorted([*names[-2:], "notes"]))


def test_rollback_goes_back_one_release_at_a_time(tmp_path: Path):
    target = tmp_path / "target"
    for tag in ("aaaa", "bbbb", "cccc"):
        assert honorboard("deploy", str(target), "--site", str(tiny_site(tmp_path / tag, tag))).returncode == 0
    a, b, c = layout(target)[1]

    out = honorboard("rollback", str(target))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == f"current 已从 releases/{c} 切换到 releases/{b}"
    assert f"  {b}  ← current" in out.stdout
    assert (target / "current/index.html").read_text(encoding="utf-8") == "<p>bbbb</p>"
    assert honorboard("rollback", str(target)).returncode == 0
    assert layout(target)[0] == f"releases/{a}"

    out = honorboard("rollback", str(target))
    assert out.returncode == 1
    assert f"honorboard：回退失败：releases/{a} 已是保留的最早一次发布，没有可回退的发布" in out.stderr
    assert layout(target)[0] == f"releases/{a}"

    assert honorboard("rollback", str(target), "--to", c).returncode == 0
    assert (target / "current/index.html").read_text(encoding="utf-8") == "<p>cccc</p>"
    out = honorboard("rollback", str(target), "--to", "20200101-000000-nope")
    assert out.returncode == 1 and f"没有名为 20200101-000000-nope 的发布，可选：{a}、{b}、{c}" in out.stderr
    listed = honorboard("rollback", str(target), "--list")
    assert listed.stdout.splitlines() == [f"{target}/releases/（旧 → 新）：", f"  {a}", f"  {b}", f"  {c}  ← current"]


def test_rollback_with_nothing_deployed(tmp_path: Path):
    out = honorboard("rollback", str(tmp_path / "target"))
    assert out.returncode == 1
    assert out.stderr == f"honorboard：回退失败：{tmp_path}/target 还没有任何发布；线上站点未改动\n"


def test_bad_data_deploys_nothing(project: Path, tmp_path: Path):
    target = tmp_path / "target"
    assert honorboard("deploy", str(target), "--site", str(tiny_site(tmp_path / "old"))).returncode == 0
    before = tree_digest(target), layout(target)
    edit(project / "data/stars/2024-05.yml", {"member: jiang-hua": "member: jiang-hu"})
    out = honorboard("deploy", str(target), cwd=project)
    assert out.returncode == 1
    assert '党员 "jiang-hu" 不存在（是否为 "jiang-hua"？）' in out.stderr
    assert out.stderr.endswith("honorboard：没有发布：请先改正上面的问题\n")
    assert (tree_digest(target), layout(target)) == before


def test_usage_errors_exit_2(tmp_path: Path):
    (tmp_path / "half").mkdir()
    (tmp_path / "half/index.html").write_text("<p></p>", encoding="utf-8")
    out = honorboard("deploy", str(tmp_path / "target"), "--site", str(tmp_path / "half"))
    assert out.returncode == 2
    assert "缺少 version.json" in out.stderr and "honorboard build" in out.stderr
    out = honorboard("deploy", str(tmp_path / "target"), "--site", str(tiny_site(tmp_path / "s")), "--keep", "0")
    assert out.returncode == 2 and out.stderr == "honorboard：--keep 至少为 1\n"
    out = honorboard("deploy", "dangjian.intranet:", "--site", str(tmp_path / "s"))
    assert out.returncode == 2 and "请写出主机上的目录，如 dangjian.intranet:/srv/honorboard" in out.stderr
    # an unset $DEPLOY_TARGET in CI must not deploy into the working folder
    out = honorboard("deploy", "", "--site", str(tmp_path / "s"), cwd=tmp_path)
    assert out.returncode == 2 and "发布目标为空" in out.stderr
    out = honorboard("rollback", "-oProxyCommand=touch pwned:/x", cwd=tmp_path)
    assert out.returncode == 2 and "不能以“-”开头" in out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["half", "s"]


def test_target_that_is_a_file_or_a_plain_current(tmp_path: Path):
    site = tiny_site(tmp_path / "site")
    (tmp_path / "file").write_text("不是目录", encoding="utf-8")
    out = honorboard("deploy", str(tmp_path / "file"), "--site", str(site))
    assert out.returncode == 1
    assert out.stderr == f"honorboard：发布失败：{tmp_path}/file 不是目录：路径上已有同名的普通文件；线上站点未改动\n"
    assert (tmp_path / "file").read_text(encoding="utf-8") == "不是目录"

    (tmp_path / "old/current").mkdir(parents=True)  # a site copied there by hand before
    out = honorboard("deploy", str(tmp_path / "old"), "--site", str(site))
    assert out.returncode == 1 and "current 已存在但不是符号链接" in out.stderr
    assert sorted(os.listdir(tmp_path / "old")) == ["current"]
