"""Output folders that would destroy the project are refused before anything is touched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import tree_digest


def run(*args: str, cwd: Path, **env) -> subprocess.CompletedProcess:
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"} | env
    return subprocess.run([sys.executable, "-m", "honorboard.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def _all_files(root: Path) -> dict:
    return tree_digest(root)


@pytest.mark.parametrize("site_dir, says", [
    (".", "这就是项目目录"),
    ("data", "这就是数据目录"),
    ("data/branches", "在数据目录"),
    ("site_src", "这就是手写页面目录"),
    ("theme", "这就是主题目录"),
    ("theme/honorboard", "在主题目录"),
    (".cache/honorboard", "这就是图片缓存目录"),
    (".cache", "包含图片缓存目录"),
    ("..", "包含项目目录"),
    (".git", "这就是Git 仓库目录"),
])
def test_build_refuses_project_folders(project: Path, site_dir: str, says: str):
    """`build --site-dir` onto the project, data/, site_src/, the theme, the cache or a parent: exit 2, nothing changed."""
    (project / ".git").mkdir()
    (project / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    cache = project / ".cache/honorboard"
    (cache / "img").mkdir(parents=True)
    (cache / "img/keep.png").write_bytes(b"png")
    before = _all_files(project)
    out = run("build", "--site-dir", site_dir, cwd=project, HONORBOARD_CACHE_DIR=str(cache))
    assert out.returncode == 2, out.stderr
    line = out.stderr.strip()
    assert line.startswith("honorboard：不能把站点生成到 ") and says in line, line
    assert "文件将丢失" in line
    assert _all_files(project) == before
    assert "站点已生成" not in out.stdout


def test_build_refuses_a_foreign_folder_outside_the_project(project: Path, tmp_path_factory):
    """A non-empty folder outside the project that is not a built site (a home folder) is never replaced."""
    home = tmp_path_factory.mktemp("home")
    (home / ".bashrc").write_text("export A=1\n", encoding="utf-8")
    before = tree_digest(home)
    out = run("build", "--site-dir", str(home), cwd=project)
    assert out.returncode == 2
    assert "不是 honorboard 生成的站点" in out.stderr
    assert tree_digest(home) == before
    # a folder outside that holds an earlier build is replaced as usual
    elsewhere = tmp_path_factory.mktemp("www") / "site"
    assert run("build", "--site-dir", str(elsewhere), cwd=project).returncode == 0
    assert run("build", "--site-dir", str(elsewhere), cwd=project).returncode == 0
    assert (elsewhere / "version.json").is_file()


def test_mkdocs_build_into_data_is_refused(project: Path):
    """Plain `mkdocs build -d data` stops in the plugin before MkDocs empties the folder."""
    before = _all_files(project / "data")
    out = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "data"], cwd=project,
                         capture_output=True, text=True, timeout=300, env=os.environ | {"NO_MKDOCS_2_WARNING": "1"})
    assert out.returncode != 0
    assert "不能把站点生成到 data：这就是数据目录" in out.stderr
    assert _all_files(project / "data") == before


def test_failed_build_ends_in_chinese(project: Path):
    """A build stopped inside MkDocs (a broken theme template) ends with a Chinese line, not MkDocs' English."""
    (project / "theme/honorboard/member.html").write_text("{{ nope.nope }}", encoding="utf-8")
    out = run("build", cwd=project)
    assert out.returncode == 1
    assert "Aborted" not in out.stderr
    assert out.stderr.strip().splitlines()[-1].startswith("honorboard：构建失败")


def test_deploy_refuses_overlapping_site_and_target(project: Path, tmp_path_factory):
    """`deploy TARGET --site DIR` with one inside the other, or a target in the project: exit 2, nothing written."""
    target = tmp_path_factory.mktemp("srv") / "hb"
    assert run("deploy", str(target), cwd=project).returncode == 0
    current = target / "current"
    releases = sorted((target / "releases").iterdir())
    out = run("deploy", str(target), "--site", str(current), cwd=project)
    assert out.returncode == 2 and "在发布目标之内" in out.stderr
    out = run("deploy", str(current / "nested"), "--site", str(current), cwd=project)
    assert out.returncode == 2 and "包含发布目标" in out.stderr
    assert sorted((target / "releases").iterdir()) == releases
    before = _all_files(project)
    for bad in ("data", ".", "site_src"):
        out = run("deploy", bad, cwd=project)
        assert out.returncode == 2, (bad, out.stderr)
        assert out.stderr.startswith(f"honorboard：不能发布到 {bad}：")
    assert _all_files(project) == before
