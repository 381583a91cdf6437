"""The linked model: every relation the pages need, both ways, from the mini data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from honorboard import load


@pytest.fixture
def site(data_dir: Path):
    result = load(data_dir)
    assert result.problems == []
    return result.site


def test_member_relations(site):
    """A member knows its branch, awards, honors, posts on duty, lectures and roles."""
    jiang = site.members["jiang-hua"]
    assert jiang.branch.id == "alpha"
    assert [(a.month.key, a.category, a.stars, a.score) for a in jiang.awards] == [("2024-05", "服务星", 5, 197.5)]
    assert [(e.list.year.year, e.list.title, e.citation) for e in jiang.honors] == [(2023, "优秀共产党员", "连续六年零差错")]
    assert [p.id for p in jiang.posts] == ["traffic-window"]
    assert jiang.roles == ("支部书记",)
    assert site.members["wang-fang"].roles == ("组织委员",)
    li = site.members["li-xiaofang"]
    assert [lec.id for lec in li.lectures] == ["oath"]
    assert li.awards[0].category == "星级党员"  # the default category


def test_branch_relations(site):
    alpha, beta = site.branch("alpha"), site.branch("beta")
    assert [m.id for m in alpha.members] == ["jiang-hua", "wang-fang"]
    assert alpha.secretary is site.members["jiang-hua"]
    assert [(s.member.id, s.role) for s in alpha.committee] == [("wang-fang", "组织委员")]
    assert alpha.rating.title == "红旗党支部" and alpha.rating.stars == 5
    assert alpha.floor == 1 and alpha.color == "#C8161D"
    assert alpha.brand.highlights == ("一窗受理", "帮办代办")
    # alliances are declared once and hold both ways
    assert [b.id for b in alpha.alliances] == ["beta"]
    assert [b.id for b in beta.alliances] == ["alpha"]
    assert [e.list.title for e in alpha.honors] == ["红旗党支部"]
    # the guest lecture names alpha; the oath lecture defaults to its lecturer's branch
    assert [lec.id for lec in alpha.lectures] == ["guest"]
    assert [lec.id for lec in beta.lectures] == ["oath"]
    assert beta.rating is None and beta.brand is None


def test_months_years_lectures_screens(site):
    assert [m.key for m in site.months] == ["2024-05"] and site.latest_month.label == "2024年5月"
    assert [lst.title for lst in site.latest_honors.lists] == ["红旗党支部", "优秀共产党员", "抗疫先锋"]
    team = site.latest_honors.lists[2].entries[0]
    assert team.team == "核酸检测志愿服务队" and team.name == "核酸检测志愿服务队"
    assert [lec.id for lec in site.lectures] == ["guest", "oath"]  # newest first
    oath = site.lectures[1]
    assert oath.date == dt.date(2023, 11, 3) and oath.speaker == "李晓芳" and oath.video_is_url
    assert site.lectures[0].speaker == "外请专家" and site.lectures[0].lecturer is None
    screen = site.screens[0]
    assert (screen.hours.start, screen.hours.end) == (450, 1140)
    assert [(s.show, s.seconds) for s in screen.slides] == [("stars", 20), ("honors", 15), ("image", 15), ("text", 15)]


def test_model_is_immutable_and_keeps_positions(site):
    jiang = site.members["jiang-hua"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        jiang.name = "x"
    pos = jiang.pos("name")
    assert (pos.path.name, pos.line, pos.col) == ("alpha.yml", 24, 11)


def test_yaml11_words_stay_text(data_dir: Path):
    """`yes`, `010`, `18:00`, `on` are what was typed, not True / 8 / 1080."""
    case = Path(__file__).parent / "cases" / "yaml11_text.yml"
    shutil.copyfile(case, data_dir / "branches/beta.yml")
    site = load(data_dir).site
    beta = site.branch("beta")
    assert (beta.name, beta.unit) == ("yes", "010")
    member = site.members["010"]
    assert (member.name, member.motto) == ("18:00", "on")


def test_demo_data_is_clean():
    """The demo in data/ passes, and meets the sizes the issue asks for."""
    result = load(Path(__file__).parents[2] / "data")
    assert result.problems == []
    site = result.site
    assert len(site.branches) >= 5 and len(site.members) >= 30
    assert len(site.months) >= 12 and len(site.honor_years) >= 2
    assert len(site.lectures) >= 10 and len(site.screens) >= 2
    assert any(e.team for y in site.honor_years for lst in y.lists for e in lst.entries)
    categories = {a.category for m in site.months for a in m.awards}
    assert {"模范星", "服务星", "先锋星"} <= categories


def test_withheld_member_is_referenced_but_left_out(data_dir: Path):
    """publish: false passes the check wherever the id is used, and the model never names the person."""
    branch = data_dir / "branches" / "alpha.yml"
    branch.write_text(branch.read_text(encoding="utf-8").replace(
        "    motto: 服务不是小事\n", "    motto: 服务不是小事\n    publish: false\n"), encoding="utf-8")
    beta = data_dir / "branches" / "beta.yml"
    beta.write_text(beta.read_text(encoding="utf-8") + "    publish: false\n", encoding="utf-8")
    result = load(data_dir)
    assert result.problems == []
    site = result.site
    assert site.withheld == {"jiang-hua", "li-xiaofang"}
    assert set(site.members) == {"wang-fang"}
    alpha = site.branch("alpha")
    assert [m.id for m in alpha.members] == ["wang-fang"]
    assert alpha.secretary is None  # was jiang-hua
    assert [s.member.id for s in alpha.committee] == ["wang-fang"]
    assert [p.members for p in site.posts] == [()]
    assert [a.member.id for month in site.months for a in month.awards] == []
    assert [e.name for y in site.honor_years for lst in y.lists for e in lst.entries] == ["第一党支部", "核酸检测志愿服务队"]
    oath = next(lec for lec in site.lectures if lec.id == "oath")
    assert (oath.lecturer, oath.speaker, oath.branch.id) == (None, "第二党支部党员", "beta")
    assert oath.pos("lecturer_name").line == 3  # a glyph problem in the speaker still points at a line


def test_post_members_from_a_later_branch_are_kept(data_dir: Path):
    """A post may put a member of a branch read after its own on duty."""
    branch = data_dir / "branches" / "alpha.yml"
    branch.write_text(branch.read_text(encoding="utf-8").replace(
        "    members: [jiang-hua]\n", "    members: [jiang-hua, li-xiaofang]\n"), encoding="utf-8")
    site = load(data_dir).site
    assert [m.id for m in site.posts[0].members] == ["jiang-hua", "li-xiaofang"]
    assert [p.id for p in site.members["li-xiaofang"].posts] == ["traffic-window"]
