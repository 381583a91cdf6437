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
from honorboard.scaffold import append_member, render, yaml_text

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
], ids=["no-members-key", "empty-flow-list", "unindented-list"])
def test_append_member_shapes(before: str, after: str):
    assert append_member(before, "  - id: x\n", Path("b.yml")) == after


@pytest.mark.parametrize("args, words", [
    (["member", "jiang-hua", "--branch", "beta", "--name", "姜华"], '党员 id "jiang-hua" 重复'),
    (["member", "x-y", "--branch", "nope", "--name", "某"], "支部文件"),
    (["lecture", "t2", "--title", "课", "--topic", "党史", "--lecturer", "jiang-hu"], '党员 "jiang-hu" 不存在（是否为 "jiang-hua"？）'),
    (["branch", "alpha", "--name", "又一个"], "已存在：不会覆盖已有文件"),
    (["branch", "Bad_Id", "--name", "某"], "不是合法的 id"),
    (["month", "2024-13"], "应写成 年-月"),
    (["screen", "s", "--name", "   "], "name 的值为空"),
], ids=["duplicate-member", "no-branch", "unknown-lecturer", "exists", "bad-id", "bad-month", "blank-name"])
def test_refused_scaffold_writes_nothing(args, words, data_dir: Path, capsys):
    before = tree_digest(data_dir)
    assert main(["new", *args, "--data", str(data_dir)]) == 1
    assert words in capsys.readouterr().err
    assert tree_digest(data_dir) == before


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(str.strip))
def test_yaml_text_reads_back_as_the_same_text(value: str):
    """What the scaffolds write reads back as exactly the text typed, under YAML 1.1 and ours."""
    assert yaml.safe_load(f"k: {yaml_text(value)}\n") == {"k": value}


def test_templates_render_without_optional_values():
    text = render("branch.yml", id="a", name="某", unit=None, floor=None)
    assert yaml.safe_load(text) == {"name": "某", "members": []}
