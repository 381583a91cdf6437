"""Every kind of data file, declared once (contract: shared/spec/data-format.md).

Rules that span fields of one record live in the ``check`` functions beside the
declaration; rules that span files (ids, references) live in ``validate.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fields import (
    Bool, Choice, Color, Ctx, Date, Field, HoursKind, Id, Int, ListOf, MediaPath, Number, Obj, Rec,
    Text, Year,
)

SLIDE_KINDS = ("stars", "honors", "branches", "posts", "lectures", "stats", "image", "text")


def _one_of(names: tuple[str, ...], code: str):
    """A check that exactly one of ``names`` is present in the record."""

    def check(rec: Rec, c: Ctx, loc: str) -> None:
        # count what was written: a value that failed conversion still counts as written
        if sum(n in rec.written for n in names) != 1:
            c.add(code, rec.pos, found=_named_written(rec, names))

    return check


def _named_written(rec: Rec, names: tuple[str, ...]) -> str:
    present = [n for n in names if n in rec.written]
    return " " + "、".join(present) if present else "零个"


def _check_slide(rec: Rec, c: Ctx, loc: str) -> None:
    show = rec.get("show")
    if show is None:
        return
    for name, kinds in (("src", ("image",)), ("title", ("text",)), ("text", ("text",))):
        if name in rec.written and show not in kinds:
            c.add("field.not_for_kind", rec.written[name], field=name, kinds=" / ".join(kinds))
    needs = {"image": ("src",), "text": ("text",)}.get(show, ())
    for name in needs:
        if name not in rec.written:
            c.add("field.missing", rec.pos, field=name, what=f"show: {show} 需要它")


COMMITTEE = Obj({
    "member": Field(Id("member"), True, "支委的党员 id"),
    "role": Field(Text("职务"), False, "支委职务，如 组织委员"),
})

RATING = Obj({
    "year": Field(Year(), True, "评定年份"),
    "title": Field(Text("称号"), True, "评定称号，如 红旗党支部、五星级党支部"),
    "stars": Field(Int(1, 5, "星级 1–5"), False, "星级 1–5"),
})

BRAND = Obj({
    "name": Field(Text("品牌名称"), True, "品牌名称（一支部一特色）"),
    "slogan": Field(Text("口号"), False, "品牌口号"),
    "color": Field(Color(), False, '品牌色 #RRGGBB，须加引号，如 "#C8161D"'),
    "emblem": Field(MediaPath("image"), False, "品牌标识图片，相对于 data/"),
    "intro": Field(Text("品牌介绍", markdown=True), False, "品牌介绍（可用 Markdown）"),
    "highlights": Field(ListOf(Text("亮点")), False, "品牌亮点，简短词语"),
})

MEMBER = Obj({
    "id": Field(Id(), True, "党员 id，全局唯一，如 jiang-hua"),
    "name": Field(Text("姓名"), True, "姓名"),
    "title": Field(Text("职务"), False, "岗位或职务"),
    "photo": Field(MediaPath("image"), False, "照片，相对于 data/"),
    "joined": Field(Year(), False, "入党年份"),
    "motto": Field(Text("格言"), False, "格言"),
    "bio": Field(Text("简介", markdown=True), False, "简介（可用 Markdown）"),
    "publish": Field(Bool(), False, "是否公开（默认 true）；false 时此人不出现在任何页面、图片和电子屏上，其他文件仍可引用其 id"),
})

RECORD = Obj({
    "year": Field(Year(), False, "年份"),
    "text": Field(Text("事迹"), True, "事迹"),
})

POST = Obj({
    "id": Field(Id(), True, "岗位 id，全局唯一"),
    "name": Field(Text("岗位名称"), True, "岗位名称"),
    "kind": Field(Text("类型"), False, "类型：先锋岗、示范岗、示范窗口、服务岗……"),
    "location": Field(Text("位置"), False, "位置，如 一楼 12号窗口"),
    "members": Field(ListOf(Id("member")), False, "在岗党员 id"),
    "pledge": Field(Text("承诺"), False, "服务承诺"),
    "since": Field(Year(), False, "设立年份"),
    "records": Field(ListOf(RECORD), False, "岗位事迹"),
})

BRANCH = Obj({
    "name": Field(Text("支部名称"), True, "支部名称，如 第一党支部"),
    "unit": Field(Text("单位"), False, "所属机关单位"),
    "floor": Field(Int(-9, 200, "楼层（整数）"), False, "所在楼层（整数）"),
    "secretary": Field(Id("member"), False, "支部书记的党员 id"),
    "committee": Field(ListOf(COMMITTEE), False, "支委会成员"),
    "ratings": Field(ListOf(RATING), False, "历年评定；最近一年为当前评定"),
    "brand": Field(BRAND, False, "支部品牌"),
    "alliances": Field(ListOf(Id("branch")), False, "联盟支部的 id"),
    "members": Field(ListOf(MEMBER), False, "本支部党员"),
    "posts": Field(ListOf(POST), False, "党员先锋岗 / 示范岗 / 示范窗口"),
}, example="name: 第一党支部")

AWARD = Obj({
    "member": Field(Id("member"), True, "获评党员的 id"),
    "category": Field(Text("类别"), False, "类别：星级党员（默认）、服务星、先锋星、模范星……"),
    "stars": Field(Int(1, 5, "星级 1–5"), False, "星级 1–5"),
    "score": Field(Number(), False, "得分，如双百分考核总分 197.5"),
    "citation": Field(Text("事由"), False, "简短事由"),
})

STARS = Obj({
    "awards": Field(ListOf(AWARD), True, "本月星级党员列表"),
}, example="awards:")

ENTRY_TARGETS = ("branch", "member", "team")
HONOR_ENTRY = Obj({
    "branch": Field(Id("branch"), False, "获奖支部 id"),
    "member": Field(Id("member"), False, "获奖党员 id"),
    "team": Field(Text("集体名称"), False, "获奖集体名称（自由文字）"),
    "citation": Field(Text("事由"), False, "事由"),
}, check=_one_of(ENTRY_TARGETS, "honor.entry_one"),
   schema_rules={"oneOf": [{"required": [t]} for t in ENTRY_TARGETS]})

HONOR_LIST = Obj({
    "title": Field(Text("榜单名称"), True, "榜单名称，如 优秀共产党员"),
    "entries": Field(ListOf(HONOR_ENTRY), True, "上榜条目"),
})

HONORS = Obj({
    "lists": Field(ListOf(HONOR_LIST), True, "本年度各榜单"),
}, example="lists:")

LECTURE = Obj({
    "title": Field(Text("标题"), True, "微党课标题"),
    "topic": Field(Text("专题"), True, "专题（目录的主分类）"),
    "lecturer": Field(Id("member"), False, "主讲党员 id（与 lecturer_name 二选一）"),
    "lecturer_name": Field(Text("讲师姓名"), False, "外请讲师姓名（与 lecturer 二选一）"),
    "branch": Field(Id("branch"), False, "所属支部 id，默认为主讲人的支部"),
    "date": Field(Date(), True, "日期 YYYY-MM-DD"),
    "duration": Field(Int(1, 600, "分钟数"), False, "时长（分钟）"),
    "episode": Field(Int(1, 100000, "期数"), False, "期数：第N期"),
    "tags": Field(ListOf(Text("标签")), False, "标签"),
    "summary": Field(Text("简介", markdown=True), False, "简介（可用 Markdown）"),
    "video": Field(MediaPath("video", url_ok=True), False, "视频：data/ 下的文件或内网 http(s) 网址"),
    "cover": Field(MediaPath("image"), False, "封面图片"),
    "slides": Field(MediaPath("slides"), False, "课件（PDF/PPT）"),
    "subtitles": Field(MediaPath("subtitles"), False, "字幕：WebVTT（.vtt）或 SubRip（.srt），UTF-8 编码；播放时默认显示"),
    "views": Field(Int(0, 10**12, "观看次数"), False, "观看次数（本站之前已有的次数；honorboard stats 统计的次数另加）"),
}, check=_one_of(("lecturer", "lecturer_name"), "lecture.lecturer_one"), example="title: 入党誓词的演变历史",
   schema_rules={"oneOf": [{"required": ["lecturer"]}, {"required": ["lecturer_name"]}]})

SLIDE = Obj({
    "show": Field(Choice(*SLIDE_KINDS), True, "内容：" + " / ".join(SLIDE_KINDS)),
    "seconds": Field(Int(1, 3600, "秒数"), False, "播放秒数，默认 15"),
    "src": Field(MediaPath("image"), False, "图片（仅 show: image）"),
    "title": Field(Text("标题"), False, "标题（仅 show: text）"),
    "text": Field(Text("正文"), False, "正文（仅 show: text）"),
}, check=_check_slide, schema_rules={"allOf": [
    {"if": {"properties": {"show": {"const": "image"}}}, "then": {"required": ["src"]},
     "else": {"not": {"required": ["src"]}}},
    {"if": {"properties": {"show": {"const": "text"}}}, "then": {"required": ["text"]},
     "else": {"not": {"anyOf": [{"required": ["text"]}, {"required": ["title"]}]}}},
]})

SCREEN = Obj({
    "name": Field(Text("屏幕名称"), True, "屏幕名称，如 一楼大厅"),
    "orientation": Field(Choice("landscape", "portrait"), False, "landscape（横屏，默认）或 portrait（竖屏）"),
    "floor": Field(Int(-9, 200, "楼层（整数）"), False, "只显示该楼层支部的内容"),
    "slides": Field(ListOf(SLIDE, nonempty=True), True, "按顺序循环播放的内容"),
    "hours": Field(HoursKind(), False, '亮屏时段，如 "07:30-19:00"'),
}, example="name: 一楼大厅")


VIEW_COUNT = Obj({
    "date": Field(Date(), True, "日期 YYYY-MM-DD（北京时间）"),
    # no reference check: a lecture deleted later keeps its history, and `check` stays quiet
    "lecture": Field(Id(), True, "微党课 id"),
    "count": Field(Int(1, 10**9, "人次"), True, "当天的观看人次"),
})

STATS = Obj({
    "views": Field(ListOf(VIEW_COUNT), True, "每天每节微党课的观看人次（honorboard stats 写入）"),
}, example="views:")


@dataclass(frozen=True)
class FileKind:
    """A folder of ``data/``: what its file names mean and what each file holds."""

    folder: str
    what: str
    stem: re.Pattern
    stem_expected: str
    root: Obj


MONTH_STEM = re.compile(r"^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])$")

FILE_KINDS = {
    k.folder: k
    for k in (
        FileKind("branches", "党支部", re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$"), "支部 id，如 zwfw-1f.yml", BRANCH),
        FileKind("stars", "月度星级党员", MONTH_STEM, "年-月，如 2024-05.yml（月份 01–12）", STARS),
        FileKind("honors", "年度先锋榜", re.compile(r"^(19\d\d|20\d\d|2100)$"), "四位年份，如 2024.yml", HONORS),
        FileKind("lectures", "微党课", re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$"), "微党课 id，如 oath-history.yml", LECTURE),
        FileKind("screens", "大厅电子屏", re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$"), "屏幕 id，如 lobby-1f.yml", SCREEN),
        FileKind("stats", "访问统计（honorboard stats 写入）", MONTH_STEM, "年-月，如 2026-12.yml（月份 01–12）", STATS),
    )
}


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: FileKind) -> dict:
    """The JSON Schema of one kind of data file, for editors (yaml-language-server)."""
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{kind.folder}.schema.json",
        "title": f"honorboard：{kind.what}（data/{kind.folder}/）",
        "description": f"文件名：{kind.stem_expected}。由 honorboard 的校验规则生成，请勿手改（honorboard schema）。",
        **kind.root.json_schema(),
    }
