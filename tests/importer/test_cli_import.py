"""`honorboard import` end to end: the committed example on the demo data, exit codes, the CLI."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from xlsx_util import workbook

from helpers import REPO, tree_digest
from honorboard.cli import main
from honorboard.data.loader import load

EXAMPLE = REPO / "examples/import/zwfw-1f-new-members.xlsx"


def honorboard(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "honorboard.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def _entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def test_committed_example_is_what_the_tool_makes():
    """Compared entry by entry: another zlib may compress the same content differently."""
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import make_example_xlsx
    finally:
        sys.path.remove(str(REPO / "tools"))
    assert _entries(EXAMPLE.read_bytes()) == _entries(make_example_xlsx.build())


def test_readme_walkthrough_on_the_demo_data(demo: Path):
    """dry run → import → check, as the README's new-user walkthrough runs them."""
    before = tree_digest(demo)
    dry = honorboard("import", str(EXAMPLE), "--branch", "zwfw-1f", "--dry-run", cwd=demo.parent)
    assert dry.returncode == 0, dry.stderr
    assert dry.stderr == ""
    assert "+  - id: zhou-xiaomin" in dry.stdout.splitlines()
    assert "data/branches/zwfw-1f.yml：新增 2 名党员，更新 0 名" in dry.stdout
    assert tree_digest(demo) == before

    started = time.perf_counter()
    done = honorboard("import", str(EXAMPLE), "--branch", "zwfw-1f", cwd=demo.parent)
    took = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    assert took < 10
    changed = {k for k in tree_digest(demo) if tree_digest(demo)[k] != before.get(k)}
    assert changed == {"branches/zwfw-1f.yml"}
    old = before["branches/zwfw-1f.yml"].decode("utf-8")
    new = (demo / "branches/zwfw-1f.yml").read_text(encoding="utf-8")
    assert new.startswith(old.split("posts:\n")[0])  # every line before the new members as it was
    assert new.endswith("posts:\n" + old.split("posts:\n", 1)[1])  # and every line after them

    result = load(demo)
    assert not result.errors, result.lines()
    assert [m.id for m in result.site.branch("zwfw-1f").members][-2:] == ["zhou-xiaomin", "guo-jianjun"]
    check = honorboard("check", cwd=demo.parent)
    assert check.returncode == 0, check.stderr
    assert "41 名党员" in check.stdout

    again = honorboard("import", str(EXAMPLE), "--branch", "zwfw-1f", cwd=demo.parent)
    assert again.returncode == 0
    assert "没有需要改动的内容" in again.stdout


def test_exit_codes_through_main(here: Path, capsys):
    good = workbook(here / "m.xlsx", [["编号", "姓名"], ["li-ming", "李明"]])
    bad = workbook(here / "bad.xlsx", [["编号", "姓名"], ["Li Ming", "李明"]])
    assert main(["import", str(good), "--branch", "alpha", "--dry-run"]) == 0
    assert main(["import", str(bad), "--branch", "alpha"]) == 1
    assert "bad.xlsx 工作表“党员” 第 2 行 A 列（编号）" in capsys.readouterr().err
    assert main(["import", "missing.xlsx", "--branch", "alpha"]) == 2
    assert main(["import", str(good), "--month", "2024-5"]) == 2


def test_usage_errors_from_the_parser(here: Path):
    both = honorboard("import", "m.xlsx", "--branch", "alpha", "--month", "2024-06", cwd=here)
    assert both.returncode == 2
    neither = honorboard("import", "m.xlsx", cwd=here)
    assert neither.returncode == 2
    assert "用法错误" in neither.stderr


def test_stars_end_to_end_with_data_option(here: Path):
    workbook(here / "s.xlsx", [["姓名", "类别", "星级", "事由"], ["姜华", "先锋星", 5, "带头攻坚"]], title="8月")
    out = honorboard("import", "s.xlsx", "--month", "2024-08", "--data", "data", cwd=here)
    assert out.returncode == 0, out.stderr
    assert (here / "data/stars/2024-08.yml").read_text(encoding="utf-8").endswith(
        "awards:\n  - member: jiang-hua\n    category: 先锋星\n    stars: 5\n    citation: 带头攻坚\n")
    assert "data/stars/2024-08.yml：新建文件，新增 1 条星级党员，更新 0 条" in out.stdout


def test_one_id_on_50000_rows_gives_one_line(project: Path):
    """A small sheet whose id repeats on 50,000 rows (quadratic before: 2.5 G characters): one message naming the first rows and the
    count, a few hundred bytes of output, exit 1, data untouched (it once printed 170 MB)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("党员")
    ws.append(["编号", "姓名"])
    for _ in range(50_000):
        ws.append(["li-ming", "李明"])
    xlsx = project / "dupes.xlsx"
    wb.save(xlsx)
    before = tree_digest(project / "data")
    out = honorboard("import", str(xlsx), "--branch", "alpha", cwd=project)
    assert out.returncode == 1, out.stderr[-2000:]
    assert out.stderr.splitlines() == [
        "dupes.xlsx 工作表“党员” 第 3 行 A 列（编号）：编号 li-ming 重复：第 2、3、4、5、6 等共 50000 行都是它，只能保留一行",
        "共 1 处错误，未改动任何文件",
    ]
    assert out.stdout == ""
    assert tree_digest(project / "data") == before
