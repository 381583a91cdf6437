"""Problems found in ``data/``: records first, Chinese words last.

A problem is a record (a stable ``code``, a position, and the facts in ``ctx``), after
pydantic-core's ``ErrorDetails``: validators never write prose, they pick a code, and the
text comes from one template per code below. Rewording a message touches no validator, and
tests can assert codes as well as the exact line a person reads.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

@dataclass(frozen=True, slots=True)
class Pos:
    """A place in a file: 1-based line and column, as editors show them."""

    path: Path
    line: int
    col: int

    def __reduce__(self):  # kept readings (loader.ReadMemo.on_disk) hold 100,000s: half the time to load
        return Pos, (self.path, self.line, self.col)


TEMPLATES: dict[str, str] = {
    # the file as a whole
    "file.unreadable": "无法读取文件：{reason}",
    "file.too_large": "文件过大（{size} MB），数据文件上限为 {limit} MB",
    "file.encoding": "文件不是 UTF-8 编码{guess_note}：请以 UTF-8 编码保存",
    "file.empty": "文件为空",
    "file.outside": "此{what}是指向 data/ 目录之外的链接：为安全起见不会读取其中的内容；请把真实的{what}放进 data/",
    "file.not_regular": "这不是普通文件（{what}）：请放入真正的 YAML 文件",
    "file.root": "文件内容应为键值对（如 {example}），实际为{found}",
    "file.name": "文件名 {name} 不符合要求：应为 {expected}",
    "file.duplicate": "{name} 与 {other}的文件重复：同一个 id 只能有一个文件",
    "file.place": "此文件不在任何数据文件夹中：应放在 {folders} 之一{suggest}",
    # YAML as people type it
    "yaml.tab": "缩进中出现了制表符（Tab）：请改用空格缩进",
    "yaml.fullwidth_space": "缩进中出现了全角空格：请改用半角空格缩进",
    "yaml.fullwidth_colon": "字段 {key} 后面是全角冒号“：”：请使用半角冒号“:”并在其后加一个空格",
    "yaml.syntax": "YAML 格式错误：{hint}",
    "yaml.bad_char": "文件中有不允许的控制字符 {char}：请删除",
    "yaml.hidden_break": "这里有一个看不见的换行符 {char}，多来自网页或 Word 复制：请删除它",
    "yaml.complex_key": "字段名必须是文字",
    "yaml.duplicate_key": "字段 {key} 重复（第 {first_line} 行已有）：请删除其中一个",
    "yaml.multi_document": "一个文件只能有一份内容：请删除多余的“---”",
    "yaml.alias": "不支持别名（*{name}）：请直接写出内容",
    "yaml.anchor": "不支持锚点（&{name}）：请直接写出内容",
    "yaml.tag": "不支持标签 {tag}：请删除“!”开头的标记",
    # fields
    "field.unknown": "未知字段 {field}{suggest}",
    "field.missing": "缺少必填字段 {field}（{what}）",
    "field.null": "{field} 的值为空{hint}",
    "field.not_for_kind": "字段 {field} 只适用于 show: {kinds}",
    "type.str": "{field} 应为文字，实际为{found}",
    "type.int": "{field} 应为整数，实际为 {found}",
    "type.bool": "{field} 应为 true 或 false，实际为 {found}",
    "type.number": "{field} 应为数字，实际为 {found}",
    "type.number_size": "{field} 应为不超过 9 位整数、至多 4 位小数的数字（如 197.5），实际为 {found}",
    "type.year": "{field} 应为四位年份（{min}–{max}），实际为 {found}",
    "type.range": "{field} 应在 {min} 到 {max} 之间，实际为 {found}",
    "type.date": "{field} 应为日期 YYYY-MM-DD（如 2024-05-01），实际为 {found}",
    "type.date_invalid": "{field}：日期 {found} 不存在",
    "type.color": '{field} 应为颜色 #RRGGBB（加引号，如 "#C8161D"），实际为 {found}',
    "type.hours": '{field} 应为时间段 HH:MM-HH:MM（加引号，如 "07:30-19:00"），实际为 {found}',
    "type.hours_empty": "{field}：开始与结束时间相同，屏幕将一直不亮",
    "type.id": "{field} 应为 id（小写字母、数字和连字符，如 jiang-hua），实际为 {found}",
    "type.list": "{field} 应为列表（每项以“- ”开头），实际为{found}",
    "type.list_empty": "{field} 不能为空列表",
    "type.map": "{field} 应为键值对，实际为{found}",
    "type.choice": "{field} 应为 {choices} 之一，实际为 {found}{suggest}",
    "type.url_or_path": "{field} 应为 data/ 下的文件路径或 http(s):// 网址，实际为 {found}",
    # media files
    "media.absolute": "{field}：路径 {found} 应相对于 data/ 目录书写（如 media/members/jiang-hua.jpg）",
    "media.outside": "{field}：路径 {found} 指向了 data/ 目录之外",
    "media.missing": "{field}：文件 {found} 不存在{suggest}",
    "media.not_image": "{field}：{found} 不是可以打开的图片（{reason}）",
    "media.too_many_pixels": "{field}：图片 {found} 有 {width}×{height} 像素，超过上限 {limit}（可能是解压炸弹）",
    "media.extension": "{field}：{found} 的类型不对，应为 {expected}",
    "media.render": "{field}：{found} 无法处理：{reason}",
    "media.subtitles_encoding": "{field}：字幕文件 {found} 第 {line} 行起不是 UTF-8 编码{guess}：请用记事本等打开，“另存为”时选择 UTF-8 编码",
    "media.subtitles_header": "{field}：字幕文件 {found} 第 1 行应为 WEBVTT（WebVTT 字幕的开头），实际为 {actual}；SubRip 字幕请用 .srt 扩展名",
    "media.subtitles_timing": "{field}：字幕文件 {found} 第 {line} 行应为时间轴，如 {example}，实际为 {actual}",
    "media.subtitles_order": "{field}：字幕文件 {found} 第 {line} 行的结束时间 {end} 早于开始时间 {start}",
    "media.subtitles_empty": "{field}：字幕文件 {found} 中没有任何一条字幕",
    "media.subtitles_too_large": "{field}：字幕文件 {found} 过大（{size} MB），上限为 {limit} MB",
    "media.subtitles_unreadable": "{field}：字幕文件 {found} 无法读取：{reason}",
    "glyph.missing": "{field}：字符“{char}”（U+{codepoint}）在所有可用字体中都没有，画不出来：请改用常用字，或在 mkdocs.yml 的 honorboard 插件中用 fonts: 加入含此字的字体",
    "glyph.dropped": "{field}：“{char}”（U+{codepoint}）是表情或图形符号，本机字体中没有，图片中将略去（网页中照常显示）；安装彩色表情字体（Debian：fonts-noto-color-emoji）即可画出",
    # personal data on a public site
    "privacy.phone": "{field} 中有像手机号码的内容 {found}：站点公开后人人可见，如非必要请删除",
    "privacy.id_number": "{field} 中有像身份证号码的内容 {found}：站点公开后人人可见，请删除",
    # references and uniqueness
    "ref.missing": '{kind} "{value}" 不存在{suggest}',
    "ref.self": '{field}：支部不能与自己结成联盟',
    "id.duplicate": '{kind} id "{value}" 重复：已在 {other} 使用',
    "list.duplicate": '{field}：{found} 重复出现（第 {first_line} 行已有）',
    "honor.entry_one": "每个上榜条目须且只能写 branch / member / team 中的一个，实际写了{found}",
    "lecture.lecturer_one": "lecturer（党员 id）与 lecturer_name（外请讲师姓名）须且只能写一个，实际写了{found}",
    "stars.duplicate": '党员 "{member}" 本月已获评“{category}”（第 {first_line} 行），同一类别每月只能评一次',
    "stats.month": "日期 {date} 不在本文件的月份 {month} 内：请放进 {date:.7}.yml（或重新运行 honorboard stats）",
    "stats.duplicate": '{date} 的微党课 "{lecture}" 重复（第 {first_line} 行已有）：每天每节课只记一行',
    "rating.duplicate": "{field}：{year} 年的评定重复（第 {first_line} 行已有）",
}

WARNINGS = frozenset({"type.hours_empty", "privacy.phone", "privacy.id_number", "glyph.dropped"})
"""Codes that are reported but do not stop a build."""


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    pos: Pos
    ctx: dict = field(default_factory=dict)

    def __init__(self, code: str, pos: Pos, **ctx):
        if code not in TEMPLATES:  # a typo in a validator must fail loudly in tests
            raise ValueError(f"unknown problem code {code!r}")
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "pos", pos)
        object.__setattr__(self, "ctx", ctx)

    @property
    def is_error(self) -> bool:
        return self.code not in WARNINGS

    @property
    def message(self) -> str:
        return self.render()

    def render(self, base: Path | None = None) -> str:
        """The Chinese text; a position in ``ctx`` is shown as "file 第 N 行" from ``base``."""
        ctx = {"suggest": "", "hint": "", "guess_note": ""} | {
            k: f"{display_path(v.path, base)} 第 {v.line} 行" if hasattr(v, "line") else v
            for k, v in self.ctx.items()
        }
        if self.code == "file.encoding" and ctx.get("guess"):
            ctx["guess_note"] = f"（看起来是 {ctx['guess']} 编码）"
        return TEMPLATES[self.code].format(**ctx)

    def sort_key(self) -> tuple:
        return (str(self.pos.path), self.pos.line, self.pos.col, self.code)

    def format(self, base: Path | None = None) -> str:
        """``path:line:col: message``; a warning says so after the position."""
        where = f"{display_path(self.pos.path, base)}:{self.pos.line}:{self.pos.col}"
        prefix = "" if self.is_error else "提醒："
        return f"{where}: {prefix}{self.render(base)}"


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as the person typed it: relative to where the command ran, with ``/``."""
    try:
        shown = os.path.relpath(path, base or Path.cwd())
    except ValueError:  # another drive on Windows
        shown = str(path)
    return shown.replace(os.sep, "/")


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    unique = {(p.sort_key(), p.message): p for p in problems}
    return [unique[k] for k in sorted(unique)]


def did_you_mean(word: str, choices: Iterable[str], quote: bool = False) -> str:
    """``（是否为 xxx？）`` for the closest choice, or an empty string."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not match:
        return ""
    shown = f'"{match[0]}"' if quote else match[0]
    return f"（是否为 {shown}？）"


def shown(text: str) -> str:
    """A found value quoted for a message, cut so one line stays one line."""
    text = text.replace("\n", "↵")
    if len(text) > 40:
        text = text[:39] + "…"
    return f'"{text}"'
