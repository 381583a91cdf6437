"""Hostile or simply real input through the real CLI: a Chinese line with a position, the
right exit code, nothing read from outside data/, no traceback, nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import edit, tree_digest


def run(*args: str, cwd: Path, **kw) -> subprocess.CompletedProcess:
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"} | kw.pop("env", {})
    return subprocess.run([sys.executable, "-m", "honorboard.cli", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=300, **kw)


def text(out: subprocess.CompletedProcess) -> str:
    return (out.stdout + out.stderr).decode("utf-8", "replace")


def no_traceback(out: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in text(out), text(out)


# --- reading outside data/ ----------------------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_check_and_build_never_echo_a_linked_secret(project: Path, tmp_path_factory):
    """`check` and `build` with a data file linked to a secret outside data/: exit 1, the secret never printed."""
    secret = tmp_path_factory.mktemp("ci") / "token"
    secret.write_text("name: SECRET-TOKEN-0123\nkey: SECRET\n", encoding="utf-8")
    (project / "data/branches/gamma.yml").symlink_to(secret)
    for cmd in (["check"], ["build"]):
        out = run(*cmd, cwd=project)
        assert out.returncode == 1
        no_traceback(out)
        assert "data/branches/gamma.yml:1:1: 此文件是指向 data/ 目录之外的链接" in text(out)
        assert "SECRET" not in text(out)
    assert not (project / "site").exists()


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_media_through_a_link_and_dotdot_is_published_inside_the_site(project: Path):
    """A lecture video named through a linked folder plus "..": the page links the file that was checked, inside the site."""
    data = project / "data"
    (data / "media/deep/er").mkdir(parents=True)
    (data / "media/lnk").symlink_to("deep/er", target_is_directory=True)
    (data / "media/talk.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 not really a video")
    edit(data / "lectures/oath.yml", {"video: http://video.intranet/oath.mp4": "video: media/lnk/../../talk.mp4"})
    out = run("build", "--site-dir", "out/site", cwd=project)
    assert out.returncode == 0, text(out)
    site = project / "out/site"
    assert (site / "media/talk.mp4").read_bytes().startswith(b"\x00\x00\x00\x18ftyp")
    assert sorted(p.name for p in (project / "out").iterdir()) == ["site"]  # nothing above the site root
    page = (site / "lectures/oath/index.html").read_text(encoding="utf-8")
    assert 'src="../../media/talk.mp4"' in page


# --- numbers that would break a page or Python -----------------------------------------


HUGE = "9" * 5000


@pytest.mark.parametrize("where, old, new, says", [
    ("lectures/oath.yml", "views: 7900", f"views: {HUGE}", "views 应在 0 到 1000000000000 之间"),
    ("lectures/oath.yml", "duration: 12", f"duration: -{HUGE}", "duration 应在 1 到 600 之间"),
    ("lectures/oath.yml", "episode: 34", f"episode: {'0' * 30}{HUGE}", "episode 应在 1 到 100000 之间"),
    ("branches/alpha.yml", "floor: 1", f"floor: {HUGE}", "floor 应在 -9 到 200 之间"),
    ("branches/alpha.yml", "joined: 2012", f"joined: {HUGE}", "joined 应为四位年份"),
    ("stars/2024-05.yml", "stars: 5", f"stars: +{HUGE}", "stars 应在 1 到 5 之间"),
    ("stars/2024-05.yml", "score: 197.5", f"score: {HUGE}", "score 应为不超过 9 位整数、至多 4 位小数的数字"),
    ("stars/2024-05.yml", "score: 197.5", "score: 100000000000000000000000", "score 应为不超过 9 位整数"),
    ("stars/2024-05.yml", "score: 197.5", "score: 197.00000000000001", "至多 4 位小数"),
    ("stars/2024-05.yml", "score: 197.5", "score: 1e23", "score 应为数字"),
    ("stars/2024-05.yml", "score: 197.5", "score: .inf", "score 应为数字"),
    ("stars/2024-05.yml", "score: 197.5", "score: nan", "score 应为数字"),
])
def test_numbers_out_of_any_range(project: Path, where, old, new, says):
    """Thousands of digits, inf, nan or 1e23: one Chinese line at the value, exit 1, no traceback, no site."""
    edit(project / "data" / where, {old: new})
    for cmd in ("check", "build"):
        out = run(cmd, cwd=project)
        assert out.returncode == 1, text(out)
        no_traceback(out)
        lines = [line for line in out.stderr.decode("utf-8").splitlines() if line.startswith("data/")]
        assert len(lines) == 1 and says in lines[0] and lines[0].startswith(f"data/{where}:"), lines
        assert len(lines[0]) < 300  # the value is cut, not echoed whole
    assert not (project / "site").exists()


def test_scores_print_as_written(project: Path):
    """The largest and smallest scores allowed show as typed, never in exponent form."""
    edit(project / "data/stars/2024-05.yml", {"score: 197.5": "score: 999999999.9999"})
    assert run("build", cwd=project).returncode == 0
    assert "999999999.9999分" in (project / "site/boards/2024-05/index.html").read_text(encoding="utf-8")
    edit(project / "data/stars/2024-05.yml", {"score: 999999999.9999": "score: 0.0001"})
    assert run("build", cwd=project).returncode == 0
    assert "0.0001分" in (project / "site/boards/2024-05/index.html").read_text(encoding="utf-8")


# --- a terminal that is not UTF-8 ----------------------------------------------------------


def test_new_with_a_gbk_name_is_refused_in_chinese(data_dir: Path):
    """`honorboard new member --name 张三` typed in a GBK terminal: exit 2, the GBK reading shown, no file touched."""
    before = tree_digest(data_dir)
    argv = [sys.executable.encode(), b"-m", b"honorboard.cli", b"new", b"member", b"zhang-san", b"--branch", b"alpha",
            b"--name", "张三".encode("gbk")]
    out = subprocess.run(argv, cwd=data_dir.parent, capture_output=True, timeout=60,
                         env=os.environ | {"LC_ALL": "C.UTF-8", "PYTHONUTF8": "1"})
    assert out.returncode == 2, text(out)
    no_traceback(out)
    message = out.stderr.decode("utf-8")
    assert "不是 UTF-8 编码（终端可能是 GBK，按 GBK 读是“张三”）" in message
    assert tree_digest(data_dir) == before


def test_gbk_console_does_not_crash_output(data_dir: Path):
    """Problems with characters a GBK console lacks (emoji) print escaped, not as a traceback."""
    edit(data_dir / "branches/alpha.yml", {"floor: 1": "floor: 一楼👍"})
    out = run("check", cwd=data_dir.parent, env={"PYTHONIOENCODING": "gbk"})
    assert out.returncode == 1
    no_traceback(out)
    assert 'floor 应为整数，实际为 "一楼\\U0001f44d"' in out.stderr.decode("gbk")


# --- syntax slips: the line to edit, in Chinese --------------------------------------------


@pytest.mark.parametrize("old, new, says", [
    ("duration: 12", "extra: [入党誓词, 党史\nduration: 12", [":5:8: YAML 格式错误：从这里开始的方括号“[”没有闭合"]),
    ("duration: 12", "extra: {a: 1\nduration: 12", [":5:8: YAML 格式错误：从这里开始的花括号“{”没有闭合"]),
    ("duration: 12", "extra: '没有闭合\nduration: 12", [":5:8: YAML 格式错误：从这里开始的引号没有闭合"]),
    ("duration: 12", "duration: 12\u2028", [":5:13: 这里有一个看不见的换行符 U+2028（行分隔符）"]),
    # a later problem keeps the line number an editor shows
    ("duration: 12", "duration: 12\u2029\nextra: [", [":5:13: 这里有一个看不见的换行符 U+2029（段落分隔符）",
      ":6:8: YAML 格式错误：从这里开始的方括号“[”没有闭合"]),
])
def test_syntax_slips_point_where_to_edit(project: Path, old, new, says):
    """Unclosed brackets and quotes at the line they open; hidden breaks at the editor's line; Chinese only."""
    path = project / "data/lectures/oath.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[4] == old  # the edit lands on line 5
    edit(path, {old: new})
    out = run("check", cwd=project)
    assert out.returncode == 1, text(out)
    no_traceback(out)
    problems = [line for line in out.stderr.decode("utf-8").splitlines() if line.startswith("data/")]
    assert len(problems) == len(says), problems
    assert all(p.startswith("data/lectures/oath.yml" + s) for p, s in zip(problems, says)), problems
    assert not any(w in text(out) for w in ("did not find", "while parsing", "expected")), text(out)


def test_quoted_multiline_with_fullwidth_colon_is_valid(project: Path):
    """A quoted summary whose continuation line reads `Slido：https://…` builds and keeps the text."""
    edit(project / "data/lectures/oath.yml",
         {"summary: |\n  讲述入党誓词的演变。\n": 'summary: "课后提问：\n  Slido：https://app.sli.do/event/x1\n  欢迎参加"\n'})
    out = run("build", cwd=project)
    assert out.returncode == 0, text(out)
    page = (project / "site/lectures/oath/index.html").read_text(encoding="utf-8")
    assert "Slido：https://app.sli.do/event/x1" in page


# --- ids that look like the site's own names ---------------------------------------------


def test_ids_named_like_the_site_do_not_collide(project: Path):
    """Lecture, branch, member and screen ids `index`, a branch `x` beside `x-print`, a screen
    `font`: every page and card is its own file and every listing still stands."""
    data = project / "data"
    (data / "lectures/oath.yml").rename(data / "lectures/index.yml")
    (data / "branches/index.yml").write_text("name: 第九党支部\nfloor: 9\nmembers:\n  - id: index\n    name: 张索引\n",
                                             encoding="utf-8")
    (data / "branches/index-print.yml").write_text("name: 第十党支部\nfloor: 10\nmembers:\n  - id: zhang-da\n    name: 张大\n",
                                                   encoding="utf-8")
    (data / "screens/lobby.yml").rename(data / "screens/font.yml")
    out = run("build", cwd=project)
    assert out.returncode == 0, text(out)
    site = project / "site"
    catalog = (site / "lectures/index.html").read_text(encoding="utf-8")
    assert "guest/" in catalog and 'href="../lectures/index/"' in catalog
    assert "入党誓词的演变历史" in (site / "lectures/index/index.html").read_text(encoding="utf-8")
    wall = (site / "branches/index.html").read_text(encoding="utf-8")
    assert "第一党支部" in wall and "第九党支部" in wall and "第十党支部" in wall
    assert "第九党支部" in (site / "branches/index/index.html").read_text(encoding="utf-8")
    assert "张索引" in (site / "members/index/index.html").read_text(encoding="utf-8")
    cards = {p.name for p in (site / "cards").iterdir()}
    assert {"index.png", "index_print.png", "index-print.png", "index-print_print.png"} <= cards
    assert "一楼大厅" in (site / "screens/font/index.html").read_text(encoding="utf-8")
    assert list((site / "assets/honorboard/fonts").glob("hb-*.woff2"))


@pytest.mark.parametrize("page", ["lectures.md", "lectures/index.md", "members/jiang-hua.md", "index.md"])
def test_a_hand_written_page_where_a_generated_one_goes_is_refused(project: Path, page):
    """site_src/lectures.md would silently lose to the catalog: exit 1, both named, no site."""
    (project / "site_src" / page).parent.mkdir(parents=True, exist_ok=True)
    (project / "site_src" / page).write_text("# 我的页面\n", encoding="utf-8")
    out = run("build", cwd=project)
    assert out.returncode == 1, text(out)
    no_traceback(out)
    url = "/" + page.removesuffix(".md").removesuffix("index").removesuffix("/")
    url = url if url == "/" else url + "/"
    assert f"site_src/{page}：与生成的页面 {url} 重名" in text(out), text(out)
    assert "Aborted" not in text(out)
    assert not (project / "site").exists()


# --- lists whose every entry is withheld ----------------------------------------------------


def test_a_month_or_honor_list_of_withheld_people_is_left_out(project: Path):
    """Every award of a month and every entry of an honor list withheld: neither is published as "0 人"."""
    data = project / "data"
    edit(data / "branches/alpha.yml", {"    motto: 服务不是小事\n": "    motto: 服务不是小事\n    publish: false\n"})
    (data / "stars/2024-06.yml").write_text("awards:\n  - member: jiang-hua\n    category: 服务星\n    stars: 4\n",
                                            encoding="utf-8")
    (data / "honors/2022.yml").write_text(
        "lists:\n  - title: 优秀党务工作者\n    entries:\n      - member: jiang-hua\n", encoding="utf-8")
    out = run("build", cwd=project)
    assert out.returncode == 0, text(out)
    site = project / "site"
    assert not (site / "boards/2024-06").exists()
    assert not (site / "honors/2022").exists()
    assert (site / "boards/2024-05/index.html").is_file()
    honors = (site / "honors/2023/index.html").read_text(encoding="utf-8")
    assert "红旗党支部" in honors and "优秀共产党员" not in honors
    pages = [p for p in site.rglob("*.html")]
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "2024-06" not in html and "2024年6月" not in html and "0 人" not in html, page
        assert "/honors/2022/" not in html and "优秀党务工作者" not in html, page
