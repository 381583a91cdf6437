"""The columns a sheet may have, and how a cell becomes a value the checker accepts.

A cell is turned into the *text* a person would have typed into the YAML file, and that text
goes through the very field kind the checker uses (``schema.MEMBER`` / ``schema.AWARD``): an
import can never write a value that ``honorboard check`` rejects. What is peculiar to Excel
(numbers stored as 2012.0, dates stored as serial numbers, real date cells, error values,
full-width digits) is handled here, before the kind sees the text.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils.datetime import from_excel

from ...data import schema
from ...data.fields import ID_RE, INVALID, Bool, Ctx, Id, Int, Kind, MediaPath, Number, Text, Year
from ...data.problems import Pos
from ...data.yamlio import Scalar
from .report import Issue, Where

EMPTY = object()
"""A blank cell: the field is left as it is."""

@dataclass(frozen=True)
class Column:
    field: str  # the YAML key (or "name" used only to find a member, in the stars sheet)
    label: str  # the header as the README and the messages name it
    names: tuple[str, ...]  # accepted headers, normalized (see ``norm_header``)
    kind: Kind


@dataclass(frozen=True)
class Layout:
    """What one kind of sheet looks like."""

    what: str  # 党员 / 星级党员
    columns: tuple[Column, ...]
    required: tuple[tuple[str, ...], ...]  # each group: at least one of these fields
    foreign: frozenset[str]  # headers of the *other* layout: a sheet with them is not ours

    def find(self, header: str) -> Column | None:
        for column in self.columns:
            if header in column.names:
                return column
        return None

    def required_text(self) -> str:
        return "、".join(" 或 ".join(self.label(f) for f in group) for group in self.required)

    def optional_text(self) -> str:
        needed = {f for group in self.required for f in group}
        return "、".join(c.label for c in self.columns if c.field not in needed)

    def label(self, field: str) -> str:
        return next(c.label for c in self.columns if c.field == field)


IGNORED = frozenset({"序号", "no", "no.", "编号序号", "备注"})
"""Headers found in almost every office sheet: skipped without a warning."""


def norm_header(value) -> str:
    """``" 入党年份（四位）*"`` → ``入党年份``; ``ID`` → ``id``: half-width, no spaces or notes."""
    text = unicodedata.normalize("NFKC", str(value))
    text = re.sub(r"[(\[【〔][^)\]】〕]*[)\]】〕]", "", text)
    return re.sub(r"[\s*:：]", "", text).lower()


def _names(*names: str) -> tuple[str, ...]:
    return tuple(norm_header(n) for n in names)


_M = schema.MEMBER.fields
_A = schema.AWARD.fields

MEMBER_COLUMNS = [
    Column("id", "编号", _names("编号", "ID", "党员编号", "党员ID"), _M["id"].kind),
    Column("name", "姓名", _names("姓名", "党员姓名", "名字"), _M["name"].kind),
    Column("title", "职务", _names("职务", "岗位", "职务岗位", "岗位职务"), _M["title"].kind),
    Column("joined", "入党年份", _names("入党年份", "入党时间", "入党日期", "入党年度"), _M["joined"].kind),
    Column("motto", "格言", _names("格言", "座右铭", "党员格言"), _M["motto"].kind),
    Column("bio", "简介", _names("简介", "个人简介"), _M["bio"].kind),
    Column("photo", "照片", _names("照片", "相片", "照片路径"), _M["photo"].kind),
    Column("publish", "公开", _names("公开", "是否公开"), _M["publish"].kind),
]

STAR_COLUMNS = [
    Column("member", "编号", _names("编号", "ID", "党员编号", "党员ID"), _A["member"].kind),
    Column("name", "姓名", _names("姓名", "党员姓名", "名字", "党员"), _M["name"].kind),
    Column("category", "类别", _names("类别", "星级类别", "类型"), _A["category"].kind),
    Column("stars", "星级", _names("星级", "星数"), _A["stars"].kind),
    Column("score", "得分", _names("得分", "分数", "总分"), _A["score"].kind),
    Column("citation", "事由", _names("事由", "理由", "事迹", "评选理由"), _A["citation"].kind),
]

_member_only = {n for c in MEMBER_COLUMNS if c.field not in ("id", "name") for n in c.names}
_star_only = {n for c in STAR_COLUMNS if c.field not in ("member", "name") for n in c.names}
MEMBERS = Layout("党员", tuple(MEMBER_COLUMNS), (("id",), ("name",)), frozenset(_star_only))
STARS = Layout("星级党员", tuple(STAR_COLUMNS), (("member", "name"),), frozenset(_member_only))


# --- one cell ---------------------------------------------------------------------------

_YEAR_IN_TEXT = re.compile(r"^(\d{4})\s*(?:年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|[-./]\d{1,2}(?:[-./]\d{1,2})?)$")
_STARS_IN_TEXT = re.compile(r"^([1-5一二三四五])\s*星(?:级)?$")
_CN_DIGIT = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5"}
_SERIAL_RANGE = (367, 2958465)  # 1901-01-01 .. 9999-12-31 as Excel date serial numbers
_BOOL_WORDS = {"是": "true", "否": "false", "公开": "true", "不公开": "false", "true": "true",
               "false": "false", "yes": "true", "no": "false"}


@dataclass
class Cell:
    """What openpyxl told us about one cell."""

    value: object
    data_type: str = "n"
    formula: str | None = None  # a formula whose result Excel never saved
    merged: bool = False  # covered by a merged range (only its top-left cell holds the value)


def blank(cell: Cell) -> bool:
    return cell.formula is None and (cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()))


def _number_text(value: float) -> str:
    """2012.0 → "2012"; 196.60000000000002 (a sum of two scores) → "196.6"."""
    if float(value).is_integer():
        return str(int(value))
    return repr(round(float(value), 6))


def _id_hint(text: str) -> str:
    """``Jiang Hua`` → jiang-hua; ``姜华`` → jiang-hua (pinyin), if that makes a valid id."""
    guess = text
    if re.search(r"[\u4e00-\u9fff]", guess):
        from pypinyin import lazy_pinyin

        guess = "-".join(lazy_pinyin(guess))
    guess = re.sub(r"[\s_.·]+", "-", guess.strip().lower())
    guess = re.sub(r"-{2,}", "-", guess).strip("-")
    if guess and guess != text and ID_RE.match(guess):
        return f"（是否为 {guess}？）"
    return ""


def id_from_name(name: str) -> str:
    """A suggested id for a member who has none yet: the name in pinyin."""
    hint = _id_hint(name)
    return hint[len("（是否为 "):-len("？）")] if hint else "jiang-hua"


def convert(cell: Cell, column: Column, where: Where, data_dir: Path) -> tuple[object, list[Issue]]:
    """The value for ``column`` in ``cell``: EMPTY, INVALID (with issues) or a value to write."""
    kind = column.kind
    if cell.formula is not None:
        return INVALID, [Issue(where, f"是公式 {cell.formula}，但文件中没有保存计算结果：请用 Excel 或 WPS "
                                      "打开并保存一次，或直接填写数值")]
    if cell.data_type == "e":
        return INVALID, [Issue(where, f"是 Excel 错误值 {cell.value}：请改正公式或直接填写内容")]
    if blank(cell):
        return EMPTY, []
    text, hint, problem = _text(cell.value, kind)
    if problem:
        return INVALID, [Issue(where, problem)]
    ctx = Ctx(Path(where.file), data_dir, [])
    node = Scalar(text, not isinstance(kind, Text), Pos(Path(where.file), where.row or 1, where.col or 1))
    value = kind.convert(node, ctx, "")
    issues = []
    for p in ctx.problems:
        message = p.render().lstrip(" ：:")
        extra = hint or (_id_hint(text) if p.code == "type.id" else "")
        issues.append(Issue(where, message + extra, warning=not p.is_error))
    if any(not i.warning for i in issues):
        value = INVALID
    return value, issues


def _text(value, kind: Kind) -> tuple[str, str, str]:
    """(text as a person would type it, a hint for a failure, a problem found already)."""
    if isinstance(value, bool):
        if isinstance(kind, Bool):
            return ("true" if value else "false"), "", ""
        return "", "", f"应为{kind.what}，实际为逻辑值 {'TRUE' if value else 'FALSE'}"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return _date_text(value, kind)
    if isinstance(value, (int, float)):
        text = _number_text(value)
        hint = ""
        if isinstance(kind, Year) and not 1900 <= value <= 2100 and _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            day = from_excel(value).date()
            hint = (f"（像是 Excel 日期序号，即 {day.isoformat()}：请把单元格设为“常规”或“文本”并填写年份，"
                    f"如 {day.year}）")
        return text, hint, ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if isinstance(kind, (Int, Number, Id, Bool)):
        text = unicodedata.normalize("NFKC", text).strip()  # ２０１２ → 2012, full-width spaces
    if isinstance(kind, Year):
        m = _YEAR_IN_TEXT.match(text)
        if m:  # 2012年、2012-07-01、2012.7: the year is what the data holds
            text = m.group(1)
    elif isinstance(kind, Int) and "星级" in kind.what:
        if text and set(text) <= {"★", "☆"} and "★" in text:
            text = str(text.count("★"))
        m = _STARS_IN_TEXT.match(text)
        if m:
            text = _CN_DIGIT.get(m.group(1), m.group(1))
    elif isinstance(kind, Number) and text.endswith("分"):
        text = text[:-1].strip()
    elif isinstance(kind, Bool):
        text = _BOOL_WORDS.get(text.lower(), text)
    elif isinstance(kind, MediaPath):
        text = text.replace("\\", "/")
    return text, "", ""


def _date_text(value, kind: Kind) -> tuple[str, str, str]:
    if isinstance(value, dt.time):
        return "", "", f"应为{kind.what}，实际为时间 {value.isoformat(timespec='minutes')}"
    if isinstance(kind, Year):  # a real date cell in 入党年份: its year is what we keep
        return str(value.year), "", ""
    day = value.date() if isinstance(value, dt.datetime) else value
    if isinstance(kind, Text):
        return day.isoformat(), "", ""
    return "", "", (f"应为{kind.what}，实际为日期 {day.isoformat()}（单元格是日期格式：请设为“常规”或“文本”"
                    "后重新填写）")
