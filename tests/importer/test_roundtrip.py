"""Round-trip YAML: what the import does not change stays byte for byte as it was written."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap

from helpers import MINI, REPO
from honorboard.data.schema import BRANCH, MEMBER
from honorboard.authoring.xlsx_import import yamledit

BRANCH_ORDER, MEMBER_ORDER = list(BRANCH.fields), list(MEMBER.fields)

DEMO = sorted((REPO / "data").rglob("*.yml")) + sorted(MINI.rglob("*.yml"))

HAND = """\
# yaml-language-server: $schema=../../schema/branches.schema.json
# 第一党支部（手写注释）
name: 第一党支部
brand:
  name: 密切帮
  color: "#C8161D"   # 党建红
members:
  # 支委在前
  - id: jiang-hua   # 书记
    name: 姜华
    motto: '服务不是小事'  # 单引号
  # 以下为窗口党员
  - id: wang-fang
    name: 王芳
    joined: 2013
    # 2020 年调入

# 岗位另起一段
posts:
  - id: traffic-window
    name: 示范岗
"""


@pytest.mark.parametrize("path", DEMO, ids=lambda p: str(p.relative_to(REPO)))
def test_unchanged_round_trip_is_byte_identical(path: Path):
    raw = path.read_bytes()
    doc = yamledit.parse(raw)
    assert doc.exact
    assert doc.dump().encode("utf-8") == raw


def test_every_demo_file_counted():
    assert len([p for p in DEMO if "fixtures" not in str(p)]) == 45


def test_edits_keep_comments_order_and_quotes():
    doc = yamledit.parse(HAND.encode())
    members = doc.root["members"]
    assert yamledit.set_field(members[0], "motto", "服务从无小事", MEMBER_ORDER)
    assert yamledit.set_field(members[0], "title", "支部书记", MEMBER_ORDER)
    assert not yamledit.set_field(members[1], "joined", 2013, MEMBER_ORDER)
    end = yamledit.ListEnd(doc.root, "members", BRANCH_ORDER, 4)
    new = CommentedMap(id="li-ming", name="李明")
    end.append(new)
    assert doc.dump() == HAND.replace(
        "    name: 姜华\n    motto: '服务不是小事'", "    name: 姜华\n    title: 支部书记\n    motto: '服务从无小事'"
    ).replace("    # 2020 年调入\n", "    # 2020 年调入\n  - id: li-ming\n    name: 李明\n")


def test_new_list_goes_where_the_schema_puts_it_comments_stay_with_their_key():
    text = "name: 第二党支部  # 名称\n\n# 岗位\nposts:\n  - id: p\n    name: 岗\n"
    doc = yamledit.parse(text.encode())
    end = yamledit.ListEnd(doc.root, "members", BRANCH_ORDER, 4)
    end.append(CommentedMap(id="a", name="甲"))
    end.append(CommentedMap(id="b", name="乙"))
    assert doc.dump() == ("name: 第二党支部  # 名称\nmembers:\n  - id: a\n    name: 甲\n  - id: b\n    name: 乙\n"
                          "\n# 岗位\nposts:\n  - id: p\n    name: 岗\n")


@pytest.mark.parametrize("before", ["members:\n", "members: []\n"])
def test_empty_members_becomes_a_block_list(before: str):
    doc = yamledit.parse(f"name: x\n{before}posts: []\n".encode())
    yamledit.ListEnd(doc.root, "members", BRANCH_ORDER, 4).append(CommentedMap(id="a", name="甲"))
    assert doc.dump() == "name: x\nmembers:\n  - id: a\n    name: 甲\nposts: []\n"


def test_after_a_literal_block_the_comment_moves_too():
    text = "members:\n  - id: a\n    name: 甲\n    bio: |\n      简介\n\n# 岗位\nposts: []\n"
    doc = yamledit.parse(text.encode())
    yamledit.ListEnd(doc.root, "members", BRANCH_ORDER, 4).append(CommentedMap(id="b", name="乙"))
    assert doc.dump() == text.replace("      简介\n", "      简介\n  - id: b\n    name: 乙\n")


@pytest.mark.parametrize("text, quoted", [
    ("服务不是小事", False), ("jiang-hua", False), ("一次告知清：群众少跑腿", False),
    ("yes", True), ("on", True), ("1001", True), ("2012", True), ("19.5", True), ("null", True),
    ("#1 窗口", True), ("窗口: 一楼", True), ("- 列表", True), ("18:00", True), ("'引号'", True),
    (" 前后空格 ", True), ("@开头", True), ("*星", True), ("[括号]", True), ("=", True), ("2024-05-01", True), ("a#b", False), ("a #b", True),
])
def test_misread_text_is_double_quoted(text: str, quoted: bool):
    doc = yamledit.new_document()
    doc.root["motto"] = yamledit.scalar(text)
    line = doc.dump()
    assert line.startswith('motto: "') is quoted, line
    assert yamledit.misread(text) is quoted
    # and every reader gets the text back
    import yaml

    assert yaml.safe_load(line)["motto"] == text


def test_multi_line_text_is_a_literal_block():
    doc = yamledit.new_document()
    doc.root["bio"] = yamledit.scalar("第一段\n\n第二段")
    assert doc.dump() == "bio: |\n  第一段\n\n  第二段\n"


def test_long_chinese_line_is_not_folded():
    doc = yamledit.new_document()
    doc.root["bio"] = yamledit.scalar("长" * 500)
    assert doc.dump() == f"bio: {'长' * 500}\n"


def test_crlf_and_bom_are_kept():
    raw = "\ufeffname: x\r\nmembers:\r\n  - id: a\r\n    name: 甲\r\n".encode()
    doc = yamledit.parse(raw)
    assert doc.dump().encode() == raw
    doc.root["members"][0]["name"] = "乙"
    assert doc.dump().encode() == raw.replace("甲".encode(), "乙".encode())


@pytest.mark.parametrize("text", [
    "members:\n- id: a\n  name: 甲\n",  # lists not indented
    "brand:\n    name: x\nmembers:\n    -   id: a\n        name: 甲\n",  # four spaces
])
def test_other_indentation_styles_are_kept(text: str):
    doc = yamledit.parse(text.encode())
    assert doc.exact and doc.dump() == text
