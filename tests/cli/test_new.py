"""`honorboard new ...`: every template passes the check as written, and a refused one writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import Yaml12Loader, schema_validator, tree_digest
from honorboard import load
from honorboard.cli import main
from honorboard.authoring.scaffold import append_member, render
from honorboard.authoring.yamltext import scalar as yaml_text

SCAFFOLDS = [
    (["branch", "gamma", "--name", "第三党支部", "--unit", "测试局", "--floor", "3"], "branches/gamma.yml"),
    (["lecture", "new-talk", "--title", "新时代的“枫桥经验”", "--topic", "基层治理", "--lecturer", "wang-fang",
      "--date", "2024-06-01"], "lectures/new-talk.yml"),
    (["lecture", "guest-2", "--title", "yes", "--topic", "#1 专题", "--lecturer-name", "李: 老师"], "lectures/guest-2.yml"),
    (["month", "2024-06"], "stars/2024-06.yml"),
    (["screen", "hall-2f", "--name", "二楼走廊", "--floor", "2", "--portrait"], "screens/hall-2f.yml"),
]


@pytest.mark.parametrize("args, target", SCAFFOLDS, ids=[a[0][0] + "-" + a[1] for a in SCAFFOLDS])
def test_scaffold_passes_the_check_and_the_schema(args, target, data_dir: Path, capsys):
    assert main(["new", *args, "--data", str(data_dir)]) == 0
    assert "带 # 的行是可选字段" in capsys.readouterr().out
    path = data_dir / target
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schema/{path.parent.name}.schema.json\n")
    assert text.count("\n# ") >= 3  # the optional fields are there, commented out
    result = load(data_dir)
    assert result.problems == []
    assert list(schema_validator(path.parent.name).iter_errors(yaml.load(text, Loader=Yaml12Loader))) == []


def test_scaffold_values_read_back_as_typed(data_dir: Path):
    """Text that YAML would read as a bool, a comment or a mapping is quoted in the file."""
    assert main(["new", *SCAFFOLDS[2][0], "--data", str(data_dir)]) == 0
    lecture = load(data_dir).site.lectures
    guest = next(lec for lec in lecture if lec.id == "guest-2")
    assert (guest.title, guest.topic, guest.speaker) == ("yes", "#1 专题", "李: 老师")


def test_new_member_goes_after_the_last_member_and_keeps_every_other_byte(data_dir: Path):
    path = data_dir / "branches" / "alpha.yml"
    old = path.read_text(encoding="utf-8")
    assert main(["new", "member", "zhou-qiang", "--branch", "alpha", "--name", "周强", "--title", "企业开办窗口",
                 "--data", str(data_dir)]) == 0
    new = path.read_text(encoding="utf-8")
    head, tail = old.split("posts:\n")
    assert new.startswith(head + "  - id: zhou-qiang\n    name: 周强\n    title: 企业开办窗口\n")
    assert new.endswith("posts:\n" + tail)
    site = load(data_dir).site
    assert [m.id for m in site.branch("alpha").members] == ["jiang-hua", "wang-fang", "zhou-qiang"]


@pytest.mark.parametrize("before, after", [
    ("name: 第三党支部\n", "name: 第三党支部\nmembers:\n  - id: x\n"),
    ("name: 第三党支部\nmembers: []  # 待补充\nposts: []\n", "name: 第三党支部\nmembers:  # 待补充\n  - id: x\nposts: []\n"),
    ("name: 第三党支部\nmembers:\n- id: a\n  bio: |\n    多行\n\n# 岗位\nposts: []\n",
     "name: 第三党支部\nmembers:\n- id: a\n  bio: |\n    多行\n\n- id: x\n# 岗位\nposts: []\n"),
    ("name: 第三党支部\nmembers:\nposts: []\n", "name: 第三党支部\nmembers:\n  - id: x\nposts: []\n"),
    ("name: 第三党支部\nmembers: ~  # 待补充\n", "name: 第三党支部\nmembers:  # 待补充\n  - id: x\n"),
], ids=["no-members-key", "empty-flow-list", "unindented-list", "bare-key", "tilde"])
def test_append_member_shapes(before: str, after: str):
    assert append_member(before, "  - id: x\n", Path("b.yml")) == after


@pytest.mark.parametrize("args, code, words", [
    (["member", "jiang-hua", "--branch", "beta", "--name", "姜华"], 1, '党员 id "jiang-hua" 重复'),
    (["member", "x-y", "--branch", "nope", "--name", "某"], 1, "支部文件"),
    (["lecture", "t2", "--title", "课", "--topic", "党史", "--lecturer", "jiang-hu"], 1, '党员 "jiang-hu" 不存在（是否为 "jiang-hua"？）'),
    (["branch", "alpha", "--name", "又一个"], 1, "已存在：不会覆盖已有文件"),
    (["branch", "Bad_Id", "--name", "某"], 2, "不是合法的 id"),
    (["month", "2024-13"], 2, "应写成 年-月"),
    (["lecture", "t3", "--title", "课", "--topic", "党史", "--lecturer", "wang-fang", "--date", "2024-02-30"], 2,
     "日期 2024-02-30 不存在"),
    (["screen", "s", "--name", "   "], 1, "name 的值为空"),
], ids=["duplicate-member", "no-branch", "unknown-lecturer", "exists", "bad-id", "bad-month", "no-such-day", "blank-name"])
def test_refused_scaffold_writes_nothing(args, code, words, data_dir: Path, capsys):
    before = tree_digest(data_dir)
    try:
        got = main(["new", *args, "--data", str(data_dir)])
    except SystemExit as usage:  # argparse's own checks (--date) end the process
        got = usage.code
    assert got == code
    assert words in capsys.readouterr().err
    assert tree_digest(data_dir) == before


def test_no_scaffold_on_data_that_already_has_errors(data_dir: Path, capsys):
    """An unreadable branch file would hide a bad reference in the new one: fix the data first."""
    (data_dir / "branches" / "beta.yml").write_text("name：第二党支部\n", encoding="utf-8")
    before = tree_digest(data_dir)
    args = ["lecture", "ghost", "--title", "课", "--topic", "党史", "--lecturer", "nobody"]
    assert main(["new", *args, "--data", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "全角冒号" in err and "数据中已有 1 处错误，请先改正" in err
    assert tree_digest(data_dir) == before


def test_new_member_keeps_the_files_bom_line_ends_and_yaml_suffix(data_dir: Path):
    old = (data_dir / "branches" / "beta.yml").read_bytes()
    (data_dir / "branches" / "beta.yml").unlink()
    path = data_dir / "branches" / "beta.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + old.replace(b"\n", b"\r\n"))
    assert main(["new", "member", "zhou-qiang", "--branch", "beta", "--name", "周强", "--data", str(data_dir)]) == 0
    new = path.read_bytes()
    assert new.startswith(b"\xef\xbb\xbf" + old.replace(b"\n", b"\r\n"))
    assert b"\r\n  - id: zhou-qiang\r\n    name: " in new and b"\n" not in new.replace(b"\r\n", b"")
    assert [m.id for m in load(data_dir).site.branch("beta").members] == ["li-xiaofang", "zhou-qiang"]


def test_second_new_member_goes_below_the_first_ones_commented_fields(data_dir: Path):
    for member, name in (("zhou-qiang", "周强"), ("he-ping", "何平")):
        assert main(["new", "member", member, "--branch", "beta", "--name", name, "--data", str(data_dir)]) == 0
    lines = (data_dir / "branches" / "beta.yml").read_text(encoding="utf-8").splitlines()
    photos = [i for i, line in enumerate(lines) if "# photo: media/members/" in line]
    assert [lines[i].split("members/")[1].split(".")[0] for i in photos] == ["zhou-qiang", "he-ping"]
    assert lines.index("  - id: he-ping") > photos[0]


def test_names_cannot_break_out_of_the_comment_line(data_dir: Path):
    assert main(["new", "screen", "inj", "--name", '大厅\nhours: "00:00-00:01" #', "--data", str(data_dir)]) == 0
    text = (data_dir / "screens" / "inj.yml").read_text(encoding="utf-8")
    assert "\nhours:" not in text
    screen = load(data_dir).site.screens
    assert [(s.name, s.hours) for s in screen if s.id == "inj"] == [('大厅\nhours: "00:00-00:01" #', None)]


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1))
def test_yaml_text_reads_back_as_the_same_text(value: str):
    """What the scaffolds write reads back as exactly the text typed, under YAML 1.1 and ours."""
    assert yaml.safe_load(f"k: {yaml_text(value)}\n") == {"k": value}


def test_templates_render_without_optional_values():
    text = render("branch.yml", id="a", name="某", unit=None, floor=None)
    assert yaml.safe_load(text) == {"name": "某", "members": []}
