"""`honorboard import X.xlsx --branch ID`: rows merged into the branch's members."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from xlsx_util import imp, workbook

from helpers import edit, tree_digest
from honorboard.data.loader import load
from honorboard.data.schema import MEMBER

HEAD = ["编号", "姓名", "职务", "入党年份", "格言"]

COMMENTED = """\
# yaml-language-server: $schema=../../schema/branches.schema.json
# 测试用最小数据：第一支部（手写注释）
name: 第一党支部
unit: 测试局
floor: 1
secretary: jiang-hua
alliances: [beta]
brand:
  name: 密切帮
  color: "#C8161D"   # 党建红，须加引号
members:
  # 书记在前
  - id: jiang-hua   # 书记
    name: 姜华
    title: 交通窗口 综合受理
    joined: 2012
    motto: 服务不是小事
  # 以下为窗口党员
  - id: wang-fang
    name: 王芳
    # 2020 年调入

# 岗位另起一段
posts:
  - id: traffic-window
    name: 党建引领窗口亮起来示范岗
    members: [jiang-hua]
"""


def test_new_member_appended_existing_updated_rest_untouched(here: Path):
    alpha = here / "data/branches/alpha.yml"
    alpha.write_text(COMMENTED, encoding="utf-8")
    xlsx = workbook(here / "m.xlsx", [
        HEAD,
        ["li-ming", "李明", "企业开办窗口", 2015, "yes"],
        ["wang-fang", "王芳", None, 2013, None],  # empty cells: leave as is
        ["jiang-hua", None, "支部书记", None, "服务从无小事"],
    ])
    ran = imp(xlsx, branch="alpha")
    assert ran.code == 0, ran.err
    assert ran.err == ""
    assert alpha.read_text(encoding="utf-8") == COMMENTED.replace(
        "    title: 交通窗口 综合受理\n", "    title: 支部书记\n"
    ).replace(
        "    motto: 服务不是小事\n", "    motto: 服务从无小事\n"
    ).replace(
        "    name: 王芳\n    # 2020 年调入\n",
        '    name: 王芳\n    joined: 2013\n    # 2020 年调入\n'
        '  - id: li-ming\n    name: 李明\n    title: 企业开办窗口\n    joined: 2015\n    motto: "yes"\n',
    )
    assert ran.out.splitlines() == [
        "读取 m.xlsx 工作表“党员”：3 行",
        "data/branches/alpha.yml：新增 1 名党员，更新 2 名",
        "  新增 li-ming 李明",
        "  更新 wang-fang 王芳：入党年份",
        "  更新 jiang-hua 姜华：职务、格言",
        ran.out.splitlines()[-1],
    ]
    assert ran.out.splitlines()[-1].startswith("已写入 data/branches/alpha.yml")
    result = load(here / "data")
    assert not result.errors, result.lines()
    assert result.site.members["li-ming"].branch.id == "alpha"


def test_same_sheet_twice_changes_nothing(here: Path):
    xlsx = workbook(here / "m.xlsx", [HEAD, ["li-ming", "李明", "窗口", 2015, "一次办好"]])
    assert imp(xlsx, branch="alpha").code == 0
    before = tree_digest(here / "data")
    again = imp(xlsx, branch="alpha")
    assert again.code == 0
    assert "没有需要改动的内容（1 条与现有数据相同）" in again.out
    assert tree_digest(here / "data") == before


def test_members_key_created_when_missing(here: Path):
    """beta.yml has members; a branch file without any gets `members:` where the schema puts it."""
    (here / "data/branches/gamma.yml").write_text("# 第三支部\nname: 第三党支部\nfloor: 3\n", encoding="utf-8")
    xlsx = workbook(here / "m.xlsx", [HEAD, ["zhou-min", "周敏", None, None, None]])
    assert imp(xlsx, branch="gamma").code == 0
    assert (here / "data/branches/gamma.yml").read_text(encoding="utf-8") == (
        "# 第三支部\nname: 第三党支部\nfloor: 3\nmembers:\n  - id: zhou-min\n    name: 周敏\n")


def test_dry_run_prints_a_diff_and_writes_nothing(here: Path):
    before = tree_digest(here / "data")
    xlsx = workbook(here / "m.xlsx", [HEAD, ["li-ming", "李明", None, 2015, None],
                                      ["wang-fang", "王芳", None, 2013, None]])
    ran = imp(xlsx, branch="alpha", dry_run=True)
    assert ran.code == 0, ran.err
    assert tree_digest(here / "data") == before
    lines = ran.out.splitlines()
    assert "--- a/data/branches/alpha.yml" in lines
    assert "+++ b/data/branches/alpha.yml" in lines
    assert "+  - id: li-ming" in lines
    assert "+    joined: 2013" in lines
    assert "data/branches/alpha.yml：新增 1 名党员，更新 1 名" in lines
    assert lines[-1].startswith("（试运行")
    assert sorted(p.name for p in here.iterdir()) == ["data", "m.xlsx"]  # no temporary folder left


def test_headers_with_synonyms_spaces_and_notes(here: Path):
    xlsx = workbook(here / "m.xlsx", [
        ["序号", " 党员编号 ", "姓 名", "岗位", "入党时间（年）", "座右铭", "简介", "备注", "籍贯"],
        [1, "li-ming", "李明", "窗口", dt.datetime(2015, 7, 1), "一次办好", "第一段\n第二段", "x", "北京"],
    ])
    ran = imp(xlsx, branch="alpha")
    assert ran.code == 0, ran.err
    # 序号 and 备注 are skipped quietly; an unknown header is a warning naming the column
    assert ran.lines == ["m.xlsx 工作表“党员” 第 1 行 I 列：提醒：表头“籍贯”不是可导入的列，此列已忽略"
                         "（可导入：编号、姓名、职务、入党年份、格言、简介、照片" + ran.lines[0].split("照片", 1)[1]]
    text = (here / "data/branches/alpha.yml").read_text(encoding="utf-8")
    assert ("  - id: li-ming\n    name: 李明\n    title: 窗口\n    joined: 2015\n    motto: 一次办好\n"
            "    bio: |\n      第一段\n      第二段\n") in text


def test_title_rows_above_the_header_and_numbers_as_text(here: Path):
    xlsx = workbook(here / "m.xlsx", [
        ["第一党支部党员名单（2024年）"],
        [],
        ["编号", "姓名", "入党年份", "照片"],
        [1001, "李明", "２０１５", "media\\jiang-hua.jpg"],  # a numeric staff code, full-width digits, a Windows path
        ["li-hua", "李华", "2016年7月", None],
        ["zhang-san", "张三", 2017.0, None],
    ], merge=("A1:D1",))
    ran = imp(xlsx, branch="alpha")
    assert ran.code == 0, ran.err
    text = (here / "data/branches/alpha.yml").read_text(encoding="utf-8")
    assert ('  - id: "1001"\n    name: 李明\n    photo: media/jiang-hua.jpg\n    joined: 2015\n'
            "  - id: li-hua\n    name: 李华\n    joined: 2016\n"
            "  - id: zhang-san\n    name: 张三\n    joined: 2017\n") in text
    assert not load(here / "data").errors


def test_sheet_chosen_by_its_headers_or_by_name(here: Path):
    xlsx = workbook(here / "m.xlsx", [["说明"], ["请在“党员”表中填写"]], title="说明", more={
        "星级": [["编号", "类别", "星级"], ["jiang-hua", "服务星", 5]],
        "党员": [HEAD, ["li-ming", "李明", None, None, None]],
    })
    ran = imp(xlsx, branch="alpha")
    assert ran.code == 0, ran.err
    assert ran.out.startswith("读取 m.xlsx 工作表“党员”：1 行")
    named = imp(xlsx, branch="alpha", sheet="党员", dry_run=True)
    assert "没有需要改动的内容" in named.out


def test_existing_quotes_kept_when_updated(here: Path):
    edit(here / "data/branches/alpha.yml", {"motto: 服务不是小事": "motto: '服务不是小事'"})
    xlsx = workbook(here / "m.xlsx", [HEAD, ["jiang-hua", None, None, None, "服务无小事"]])
    assert imp(xlsx, branch="alpha").code == 0
    assert "    motto: '服务无小事'\n" in (here / "data/branches/alpha.yml").read_text(encoding="utf-8")


@pytest.mark.skipif("publish" not in MEMBER.fields, reason="this schema has no publish switch")
def test_publish_column_yes_no(here: Path):
    xlsx = workbook(here / "m.xlsx", [["编号", "姓名", "是否公开"], ["li-ming", "李明", "否"], ["li-hua", "李华", True]])
    ran = imp(xlsx, branch="alpha")
    assert ran.code == 0, ran.err
    text = (here / "data/branches/alpha.yml").read_text(encoding="utf-8")
    assert "  - id: li-ming\n    name: 李明\n    publish: false\n  - id: li-hua\n    name: 李华\n    publish: true\n" in text
