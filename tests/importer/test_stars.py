"""`honorboard import X.xlsx --month YYYY-MM`: one month's star awards."""

from __future__ import annotations

from pathlib import Path

from xlsx_util import imp, workbook

from helpers import edit, tree_digest
from honorboard.data.loader import load

HEAD = ["编号", "姓名", "类别", "星级", "得分", "事由"]


def test_new_month_file_created_with_the_schema_line(here: Path):
    xlsx = workbook(here / "s.xlsx", [
        HEAD,
        ["jiang-hua", "姜华", "服务星", 5, 197.5, "下班后返岗办证"],
        [None, "李晓芳", None, "★★★★", 196, "讲授微党课"],  # the name alone finds the id
        ["wang-fang", None, "先锋星", "5星", "98.5分", None],
    ], title="星级党员")
    ran = imp(xlsx, month="2024-06")
    assert ran.code == 0, ran.err
    text = (here / "data/stars/2024-06.yml").read_text(encoding="utf-8")
    assert text == (
        "# yaml-language-server: $schema=../../schema/stars.schema.json\n"
        "# 星级党员——2024年6月（由 honorboard import 导入；文件名即月份）\n"
        "awards:\n"
        "  - member: jiang-hua\n    category: 服务星\n    stars: 5\n    score: 197.5\n    citation: 下班后返岗办证\n"
        "  - member: li-xiaofang\n    stars: 4\n    score: 196\n    citation: 讲授微党课\n"
        "  - member: wang-fang\n    category: 先锋星\n    stars: 5\n    score: 98.5\n"
    )
    assert "data/stars/2024-06.yml：新建文件，新增 3 条星级党员，更新 0 条" in ran.out
    result = load(here / "data")
    assert not result.errors, result.lines()
    assert [a.member.id for a in result.site.months[-1].awards] == ["jiang-hua", "li-xiaofang", "wang-fang"]


def test_existing_month_merged_by_member_and_category(here: Path):
    path = here / "data/stars/2024-05.yml"
    edit(path, {"awards:\n": "# 五月（手写注释）\nawards:\n", "  - member: li-xiaofang\n": "  # 第二支部\n  - member: li-xiaofang\n"})
    before = path.read_text(encoding="utf-8")
    xlsx = workbook(here / "s.xlsx", [
        HEAD,
        ["jiang-hua", None, "服务星", None, None, "为企业办理道路运输证"],  # same member and category: updated
        ["jiang-hua", None, "先锋星", 4, None, None],  # another category: a new award
        ["li-xiaofang", None, "星级党员", 3, None, None],  # the default category, written or not
    ])
    ran = imp(xlsx, month="2024-05")
    assert ran.code == 0, ran.err
    assert path.read_text(encoding="utf-8") == before.replace(
        "    citation: 下班后返岗为企业办理道路运输证\n", "    citation: 为企业办理道路运输证\n"
    ).replace(
        "  - member: li-xiaofang\n", "  - member: li-xiaofang\n    stars: 3\n"
    ) + "  - member: jiang-hua\n    category: 先锋星\n    stars: 4\n"
    assert "data/stars/2024-05.yml：新增 1 条星级党员，更新 2 条" in ran.out
    assert not load(here / "data").errors


def test_two_members_with_one_name(here: Path):
    """Two 王伟 are normal: the name alone cannot say which; both candidates are listed."""
    edit(here / "data/branches/alpha.yml", {"  - id: wang-fang\n": "  - id: wang-wei\n    name: 王伟\n  - id: wang-fang\n"})
    edit(here / "data/branches/beta.yml", {"    name: 李晓芳\n": "    name: 李晓芳\n  - id: wang-wei-2\n    name: 王伟\n"})
    assert not load(here / "data").errors
    before = tree_digest(here / "data")
    xlsx = workbook(here / "s.xlsx", [["姓名", "星级"], ["王伟", 5], ["李晓芳", 4], ["王小伟", 3]])
    ran = imp(xlsx, month="2024-06")
    assert ran.code == 1
    assert ran.lines == [
        "s.xlsx 工作表“党员” 第 2 行 A 列（姓名）：姓名 王伟 对应 2 名党员：wang-wei（data/branches/alpha.yml）、"
        "wang-wei-2（data/branches/beta.yml）；请加一列“编号”并填写其 id",
        "s.xlsx 工作表“党员” 第 4 行 A 列（姓名）：没有姓名为 王小伟 的党员（是否为 王伟？）",
        "共 2 处错误，未改动任何文件",
    ]
    assert tree_digest(here / "data") == before
    # with the id the row is clear; the name is then checked against it
    xlsx = workbook(here / "s.xlsx", [["编号", "姓名", "星级"], ["wang-wei-2", "王伟", 5], ["wang-wei", "王芳", 4]])
    ran = imp(xlsx, month="2024-06")
    assert ran.lines[0] == ("s.xlsx 工作表“党员” 第 3 行 B 列（姓名）：编号 wang-wei 是 王伟（data/branches/alpha.yml），"
                            "但本行姓名为 王芳：请核对编号和姓名")


def test_member_must_exist_and_be_named_once_per_category(here: Path):
    before = tree_digest(here / "data")
    xlsx = workbook(here / "s.xlsx", [
        HEAD,
        ["jiang-hu", None, None, 5, None, None],
        ["wang-fang", None, "服务星", 5, None, None],
        [None, "王芳", "服务星", 4, None, None],
        [None, None, None, 3, None, "只有事由"],
    ])
    ran = imp(xlsx, month="2024-06")
    assert ran.code == 1
    assert ran.lines == [
        's.xlsx 工作表“党员” 第 2 行 A 列（编号）：党员 jiang-hu 不存在（是否为 jiang-hua？）',
        "s.xlsx 工作表“党员” 第 4 行 A 列（编号）：党员 wang-fang 的“服务星” 重复：第 3、4 行都是它，只能保留一行",
        "s.xlsx 工作表“党员” 第 5 行 A 列（编号）：编号和姓名都为空：请填写获评党员的编号或姓名",
        "共 3 处错误，未改动任何文件",
    ]
    assert tree_digest(here / "data") == before


def test_bad_values_through_the_checkers_kinds(here: Path):
    xlsx = workbook(here / "s.xlsx", [HEAD, ["jiang-hua", None, None, 6, "九十", None]])
    ran = imp(xlsx, month="2024-06")
    assert ran.code == 1
    assert ran.lines[:2] == [
        's.xlsx 工作表“党员” 第 2 行 D 列（星级）：应在 1 到 5 之间，实际为 "6"',
        's.xlsx 工作表“党员” 第 2 行 E 列（得分）：应为数字，实际为 "九十"',
    ]
    assert not (here / "data/stars/2024-06.yml").exists()


def test_month_must_be_a_month(here: Path):
    xlsx = workbook(here / "s.xlsx", [HEAD, ["jiang-hua", None, None, 5, None, None]])
    ran = imp(xlsx, month="2024-13")
    assert ran.code == 2
    assert "--month 2024-13：应为 年-月，如 2024-05（月份 01–12）" in ran.err
