"""`honorboard check | build` as a person runs them: exit codes, messages, and no half-written site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import tree_digest

BAD_STARS = "awards:\n  - member: jiang-hu\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "honorboard.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_check_clean_exits_0(data_dir: Path):
    out = run("check", cwd=data_dir.parent)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    assert "数据无误" in out.stdout


def test_check_problems_exit_1_on_stderr(data_dir: Path):
    """Every problem on stderr, paths relative to where the command ran."""
    (data_dir / "stars/2024-06.yml").write_text(BAD_STARS, encoding="utf-8")
    (data_dir / "branches/beta.yml").write_text("name: 第二党支部\nslogn: x\n", encoding="utf-8")
    out = run("check", "data", cwd=data_dir.parent)
    assert out.returncode == 1
    lines = out.stderr.splitlines()
    assert 'data/stars/2024-06.yml:2:13: 党员 "jiang-hu" 不存在（是否为 "jiang-hua"？）' in lines
    assert "data/branches/beta.yml:2:1: 未知字段 slogn" in lines
    assert lines[-1].startswith("共 ")
    # run from inside data/: the same problem, a path relative to there
    inner = run("check", ".", cwd=data_dir)
    assert "stars/2024-06.yml:2:13: " in inner.stderr


def test_usage_errors_exit_2(tmp_path: Path):
    assert run("check", "no-such-dir", cwd=tmp_path).returncode == 2
    assert run("frobnicate", cwd=tmp_path).returncode == 2
    assert run("build", "-f", "missing.yml", cwd=tmp_path).returncode == 2


def test_build_writes_site(project: Path):
    out = run("build", cwd=project)
    assert out.returncode == 0, out.stderr
    assert (project / "site/index.html").is_file()
    assert (project / "site/members/jiang-hua/index.html").is_file()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []


def test_failed_check_leaves_site_byte_identical(project: Path):
    """A build stopped by bad data changes nothing in an existing site/ and leaves no temp folder."""
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>上一次发布</p>", encoding="utf-8")
    (site / "media").mkdir()
    (site / "media/old.png").write_bytes(b"\x89PNG old")
    before = tree_digest(site)
    (project / "data/stars/2024-06.yml").write_text(BAD_STARS, encoding="utf-8")
    out = run("build", cwd=project)
    assert out.returncode == 1
    assert 'data/stars/2024-06.yml:2:13: 党员 "jiang-hu" 不存在' in out.stderr
    assert tree_digest(site) == before
    assert sorted(p.name for p in project.iterdir()) == ["data", "mkdocs.yml", "site", "site_src", "theme"]


def test_failed_check_creates_nothing(project: Path):
    (project / "data/stars/2024-06.yml").write_text(BAD_STARS, encoding="utf-8")
    assert run("build", cwd=project).returncode == 1
    assert not (project / "site").exists()


def test_failed_mkdocs_build_keeps_old_site(project: Path):
    """A failure inside MkDocs (here a broken template) also keeps the old site, whole."""
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    before = tree_digest(site)
    (project / "theme/honorboard/member.html").write_text("{% if %}", encoding="utf-8")
    out = run("build", cwd=project)
    assert out.returncode == 1
    assert "构建失败" in out.stderr
    assert tree_digest(site) == before
    assert not [p for p in project.iterdir() if p.name.startswith(".")]


def test_build_replaces_old_site(project: Path):
    site = project / "site"
    site.mkdir()
    (site / "stale.html").write_text("old", encoding="utf-8")
    assert run("build", "--site-dir", "site", cwd=project).returncode == 0
    assert not (site / "stale.html").exists() and (site / "version.json").is_file()
