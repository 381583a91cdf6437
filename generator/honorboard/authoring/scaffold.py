"""``honorboard new``: commented templates that pass the check as written.

Each command plans the bytes of one file (a new file, or a branch file with one more
member), checks the whole data folder as if the file were written (``load(overlay=...)``),
and writes it atomically only when that adds no problem. Templates live in ``scaffolds/``:
required fields filled from the command line, every optional field present as a comment,
so the file itself teaches its format.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .atomic import Changed, write_atomically
from . import yamltext
from ..exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from ..data.fields import DATE_RE, ID_RE
from ..data.loader import data_file, load
from ..data.schema import FILE_KINDS

TEMPLATES = Path(__file__).parent / "scaffolds"

class ScaffoldError(Exception):
    """A request that cannot be written: the message is for the person who typed it."""

    def __init__(self, message: str, code: int = EXIT_PROBLEMS):
        super().__init__(message)
        self.code = code


@lru_cache(maxsize=None)
def _env():
    """Made on first use: every command builds its parser from this module, few render."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined, autoescape=False)  # YAML, not HTML
    env.filters["q"] = yamltext.scalar
    env.filters["one_line"] = yamltext.one_line
    return env


def render(template: str, **values) -> str:
    return _env().get_template(template).render(**values)


@dataclass(frozen=True)
class Plan:
    path: Path
    text: str
    done: str  # what to tell the person once written
    before: bytes = b""  # what the file held when planned (nothing: a new file)


# --- one plan per kind ---------------------------------------------------------------------


def _id(value: str, what: str) -> str:
    if not ID_RE.match(value):
        raise ScaffoldError(f"{what} “{value}” 不是合法的 id：只能用小写字母、数字和连字符，如 jiang-hua、zwfw-1f",
                            EXIT_USAGE)
    return value


def _new_file(data: Path, folder: str, stem: str, text: str, what: str) -> Plan:
    found = data_file(data, folder, stem)
    if found:
        raise ScaffoldError(f"{found} 已存在：不会覆盖已有文件")
    path = data / folder / f"{stem}.yml"
    return Plan(path, text, f"已新建{what} {path}")


def plan_branch(data: Path, branch_id: str, name: str, unit: str | None, floor: int | None) -> Plan:
    _id(branch_id, "支部")
    text = render("branch.yml", id=branch_id, name=name, unit=unit, floor=floor)
    return _new_file(data, "branches", branch_id, text, "支部")


def plan_lecture(data: Path, lecture_id: str, title: str, topic: str, lecturer: str | None,
                 lecturer_name: str | None, date: dt.date) -> Plan:
    _id(lecture_id, "微党课")
    if lecturer:
        _id(lecturer, "主讲党员")
    text = render("lecture.yml", id=lecture_id, title=title, topic=topic, lecturer=lecturer,
                  lecturer_name=lecturer_name, date=date.isoformat())
    return _new_file(data, "lectures", lecture_id, text, "微党课")


def plan_month(data: Path, month: str) -> Plan:
    m = FILE_KINDS["stars"].stem.match(month)
    if not m:
        raise ScaffoldError(f"月份 “{month}” 应写成 年-月，如 2024-05", EXIT_USAGE)
    text = render("month.yml", year=int(m.group(1)), month=int(m.group(2)))
    return _new_file(data, "stars", month, text, "月度星级党员文件")


def plan_screen(data: Path, screen_id: str, name: str, floor: int | None, portrait: bool) -> Plan:
    _id(screen_id, "屏幕")
    text = render("screen.yml", id=screen_id, name=name, floor=floor,
                  orientation="portrait" if portrait else "landscape")
    return _new_file(data, "screens", screen_id, text, "大厅电子屏")


def plan_member(data: Path, member_id: str, branch_id: str, name: str, title: str | None) -> Plan:
    _id(member_id, "党员")
    _id(branch_id, "支部")
    path = data_file(data, "branches", branch_id)
    if path is None:
        raise ScaffoldError(f"支部文件 {data / 'branches' / (branch_id + '.yml')} 不存在："
                            f"先用 honorboard new branch {branch_id} --name 支部名称 新建")
    before = path.read_bytes()
    try:
        text = before.decode("utf-8")
    except UnicodeDecodeError:
        raise ScaffoldError(f"{path} 不是 UTF-8 编码：请以 UTF-8 编码保存后再添加") from None
    snippet = render("member.yml", id=member_id, name=name, title=title)
    # the file's own BOM and line ends stay; the insertion works on plain "\n" text
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    crlf = "\r\n" in text
    body = append_member(text.removeprefix(bom).replace("\r\n", "\n"), snippet, path)
    text = bom + (body.replace("\n", "\r\n") if crlf else body)
    return Plan(path, text, f"已在 {path} 的 members 末尾添加党员 {member_id}", before)


def append_member(text: str, snippet: str, path: Path) -> str:
    """``text`` with ``snippet`` (a list item indented by two) after the last member.

    A text edit, not a re-dump: every other byte of the file (comments, order, quotes) stays.
    """
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        raise ScaffoldError(f"{path} 目前无法读取：请先运行 honorboard check 并改正") from None
    if not isinstance(root, yaml.MappingNode):
        raise ScaffoldError(f"{path} 的内容不是键值对：请先运行 honorboard check 并改正")
    lines = text.split("\n")
    members = next((v for k, v in root.value if k.value == "members"), None)
    if members is None:  # no members yet: a new key at the end
        body = text if text.endswith("\n") or not text else text + "\n"
        return body + "members:\n" + snippet
    empty = isinstance(members, yaml.ScalarNode) and members.tag == "tag:yaml.org,2002:null"
    if not (empty or isinstance(members, yaml.SequenceNode)):
        raise ScaffoldError(f"{path} 中的 members 应为列表：请先运行 honorboard check 并改正")
    if empty or members.flow_style:
        if members.value and not empty:
            raise ScaffoldError(f"{path} 中的 members 写在方括号里：请改成每人一项“- id: ...”的写法后再添加")
        # `members: []  # note`, `members: ~` or a bare `members:` → `members:  # note`, items below
        line = lines[members.start_mark.line]
        start, end = members.start_mark.column, members.end_mark.column
        lines[members.start_mark.line] = (line[:start].rstrip() + line[end:]).rstrip()
        at = members.start_mark.line + 1
        indent = 2
    else:
        last = members.value[-1]
        at = _end_line(last)
        # comment lines indented like the last member's fields are its own (say, commented-out
        # optional fields): the new member goes after them, before any comment about what follows
        while at < len(lines) and lines[at].lstrip().startswith("#") and _indent(lines[at]) >= last.start_mark.column:
            at += 1
        indent = members.start_mark.column
    item = [(" " * indent + line[2:]) if line.strip() else line for line in snippet.rstrip("\n").split("\n")]
    return "\n".join(lines[:at] + item + lines[at:])


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _end_line(node: yaml.Node) -> int:
    """The line after the last character of ``node``'s own text (not the comments that follow)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark
    return end.line if end.column == 0 else end.line + 1


# --- checked, then written atomically -------------------------------------------------------------------


def cmd_new(args) -> int:
    data = Path(args.data_dir)
    if not data.is_dir():
        print(f"honorboard：数据目录 {data} 不存在", file=sys.stderr)
        return EXIT_USAGE
    try:
        plan = _plan(args, data)
    except ScaffoldError as exc:
        print(f"honorboard：{exc}", file=sys.stderr)
        return exc.code
    # Checked against clean data only: an unreadable file elsewhere would hide a bad reference.
    before = load(data).errors
    if before:
        for p in before:
            print(p.format(), file=sys.stderr)
        print(f"honorboard：数据中已有 {len(before)} 处错误，请先改正（honorboard check），{plan.path} 未改动", file=sys.stderr)
        return EXIT_PROBLEMS
    after = load(data, overlay={plan.path: plan.text.encode("utf-8")}).errors
    if after:
        for p in after:
            print(p.format(), file=sys.stderr)
        outcome = "保持原样" if plan.path.exists() else "未创建"
        print(f"honorboard：以上问题未解决，{plan.path} {outcome}", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        write_atomically(plan.path, plan.text.encode("utf-8"), expected=plan.before)
    except Changed:
        print(f"honorboard：{plan.path} 在此期间被改动过（可能正在编辑器中保存）：未写入，请重新运行", file=sys.stderr)
        return EXIT_PROBLEMS
    print(plan.done + "。带 # 的行是可选字段，去掉 # 即可启用；改完运行 honorboard check")
    return EXIT_OK


def _plan(args, data: Path) -> Plan:
    if args.kind == "branch":
        return plan_branch(data, args.id, args.name, args.unit, args.floor)
    if args.kind == "member":
        return plan_member(data, args.id, args.branch, args.name, args.title)
    if args.kind == "lecture":
        return plan_lecture(data, args.id, args.title, args.topic, args.lecturer, args.lecturer_name,
                            args.date or dt.date.today())
    if args.kind == "month":
        return plan_month(data, args.month or dt.date.today().strftime("%Y-%m"))
    return plan_screen(data, args.id, args.name, args.floor, args.portrait)


def add_parser(sub) -> None:
    """``honorboard new KIND ...`` (registered by cli.py)."""
    new = sub.add_parser("new", help="按模板新建数据文件（支部、党员、微党课、月份、电子屏）")
    kinds = new.add_subparsers(dest="kind", required=True, parser_class=type(new))
    data = {"dest": "data_dir", "default": "data", "help": "数据目录（默认 data）"}

    branch = kinds.add_parser("branch", help="新建支部文件 data/branches/<ID>.yml")
    branch.add_argument("id", help="支部 id，如 zwfw-4f")
    branch.add_argument("--name", required=True, help="支部名称，如 第四党支部")
    branch.add_argument("--unit", help="所属机关单位")
    branch.add_argument("--floor", type=int, help="所在楼层（整数）")

    member = kinds.add_parser("member", help="在支部文件的 members 末尾添加一名党员")
    member.add_argument("id", help="党员 id（全局唯一），如 jiang-hua")
    member.add_argument("--branch", required=True, help="支部 id")
    member.add_argument("--name", required=True, help="姓名")
    member.add_argument("--title", help="岗位或职务")

    lecture = kinds.add_parser("lecture", help="新建微党课 data/lectures/<ID>.yml")
    lecture.add_argument("id", help="微党课 id，如 oath-history")
    lecture.add_argument("--title", required=True, help="标题")
    lecture.add_argument("--topic", required=True, help="专题，如 党史国情")
    who = lecture.add_mutually_exclusive_group(required=True)
    who.add_argument("--lecturer", help="主讲党员 id")
    who.add_argument("--lecturer-name", help="外请讲师姓名")
    lecture.add_argument("--date", type=_date, help="日期 YYYY-MM-DD（默认今天）")

    month = kinds.add_parser("month", help="新建月度星级党员文件 data/stars/<YYYY-MM>.yml")
    month.add_argument("month", nargs="?", help="月份，如 2024-05（默认本月）")

    screen = kinds.add_parser("screen", help="新建大厅电子屏 data/screens/<ID>.yml")
    screen.add_argument("id", help="屏幕 id，如 lobby-1f")
    screen.add_argument("--name", required=True, help="屏幕名称，如 一楼大厅")
    screen.add_argument("--floor", type=int, help="只显示该楼层支部的内容")
    screen.add_argument("--portrait", action="store_true", help="竖屏")

    for parser in (branch, member, lecture, month, screen):
        parser.add_argument("--data", **data)


def _date(text: str) -> dt.date:
    import argparse

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        if DATE_RE.match(text):
            raise argparse.ArgumentTypeError(f"日期 {text} 不存在") from None
        raise argparse.ArgumentTypeError(f"日期 “{text}” 应写成 YYYY-MM-DD，如 2024-05-01") from None
