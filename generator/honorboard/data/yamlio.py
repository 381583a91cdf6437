"""Read one YAML file into a tree of nodes that remember where they stand.

Why not ``yaml.safe_load``: branch staff write YAML by hand, and PyYAML's YAML 1.1 guessing
turns ``18:00`` into 1080, ``yes`` into True and ``010`` into 8, keeps the last of two
duplicate keys silently and forgets every position. So we read libyaml's *event* stream
(fast, and every event carries its marks) and build the tree ourselves: scalars stay source
text, and the schema decides what a field's text means (see ``schema.py``).

Refused on purpose, each with a position: tags (so ``!!python/...`` is never constructed),
anchors and aliases (no alias bomb can grow), duplicate keys, several documents, non-scalar
keys. Lexical slips of Chinese input methods (full-width colon, full-width space or tab in
the indentation) are found by scanning the lines, because the parser either misreads them
silently or reports a bare error somewhere else.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Pos, Problem

try:  # libyaml is ≈ 8× faster (pitfalls.md); fall back to the pure-Python parser.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A hand-written data file is a few kB; anything this big is a mistake (or an attack)."""

NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(slots=True, eq=False)
class Scalar:
    text: str
    plain: bool  # unquoted: may be null / a number; quoted text is always text
    pos: Pos

    @property
    def is_null(self) -> bool:
        return self.plain and self.text in NULL_WORDS


@dataclass(slots=True, eq=False)
class Seq:
    items: list[Node]
    pos: Pos


@dataclass(slots=True, eq=False)
class Map:
    # key text -> (key scalar, value node), in file order
    entries: dict[str, tuple[Scalar, Node]]
    pos: Pos


Node = Scalar | Seq | Map


@dataclass(slots=True)
class Document:
    """A parsed file: its root node (None when the file failed) and every problem found."""

    path: Path
    root: Node | None
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# --- reading bytes ---------------------------------------------------------------------


def read_document(path: Path, data: bytes | None = None) -> Document:
    """Read, decode and parse one file (or ``data`` as if it were that file); never raises
    for bad content."""
    doc = Document(path, None)
    try:
        if data is None:
            data = _read_regular(path, doc)
            if data is None:
                return doc
    except OSError as exc:
        doc.problems.append(Problem("file.unreadable", Pos(path, 1, 1), reason=exc.strerror or str(exc)))
        return doc
    if len(data) > MAX_FILE_BYTES:
        doc.problems.append(
            Problem("file.too_large", Pos(path, 1, 1), size=f"{len(data) / 1048576:.1f}", limit="2")
        )
        return doc
    text = _decode(data, doc)
    if text is None:
        return doc
    doc.lines = text.split("\n")
    parse_text(text, doc)
    return doc


def _read_regular(path: Path, doc: Document) -> bytes | None:
    """The bytes of a regular file of sane size; a FIFO or device (which would block or never
    end) and an oversized file are problems before a byte is read."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        what = "目录" if stat.S_ISDIR(st.st_mode) else "管道、设备或套接字"
        doc.problems.append(Problem("file.not_regular", Pos(path, 1, 1), what=what))
        return None
    if st.st_size > MAX_FILE_BYTES:
        doc.problems.append(Problem("file.too_large", Pos(path, 1, 1), size=f"{st.st_size / 1048576:.1f}", limit="2"))
        return None
    with open(path, "rb") as fh:
        return fh.read(MAX_FILE_BYTES + 1)


def _decode(data: bytes, doc: Document) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        doc.problems.append(Problem("file.encoding", Pos(doc.path, 1, 1), guess="UTF-16"))
        return None
    if data.startswith(b"\xef\xbb\xbf"):  # Windows Notepad's BOM: harmless, drop it
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = ""
        try:
            data.decode("gb18030")
            guess = "GBK"
        except UnicodeDecodeError:
            pass
        doc.problems.append(Problem("file.encoding", Pos(doc.path, line, col), guess=guess))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- lexical slips -----------------------------------------------------------------------

# A key written with the full-width colon of a Chinese input method: `name：第一党支部`.
_FULLWIDTH_KEY = re.compile(r"^[ \t\u3000]*(?:-[ \t\u3000]+)?([A-Za-z_][A-Za-z0-9_-]*)[ \t\u3000]*：")
_INDENT = re.compile(r"^[ \t\u3000]*")


def _lexical_problems(doc: Document, skip: set[int]) -> list[Problem]:
    """Problems a person makes with a Chinese keyboard, found line by line.

    ``skip`` holds the 0-based lines inside block and quoted multi-line values, whose text is
    the person's prose, not structure.
    """
    found = []
    for i, line in enumerate(doc.lines):
        if i in skip or not line.strip() or line.lstrip(" \t\u3000").startswith("#"):
            continue
        indent = _INDENT.match(line).group()
        if "\t" in indent:
            found.append(Problem("yaml.tab", Pos(doc.path, i + 1, indent.index("\t") + 1)))
        elif "\u3000" in indent:
            found.append(Problem("yaml.fullwidth_space", Pos(doc.path, i + 1, indent.index("\u3000") + 1)))
        m = _FULLWIDTH_KEY.match(line)
        if m:
            found.append(Problem("yaml.fullwidth_colon", Pos(doc.path, i + 1, m.end()), key=m.group(1)))
    return found


_HIDDEN_BREAK = re.compile("[\u2028\u2029\u0085]")
_HIDDEN_NAMES = {"\u2028": "U+2028（行分隔符）", "\u2029": "U+2029（段落分隔符）", "\u0085": "U+0085（下一行）"}


def _hidden_breaks(lines: list[str], path: Path) -> list[Problem]:
    """Line breaks YAML sees and editors do not, each at the line and column an editor shows."""
    return [
        Problem("yaml.hidden_break", Pos(path, i + 1, m.start() + 1), char=_HIDDEN_NAMES[m.group()])
        for i, line in enumerate(lines)
        for m in _HIDDEN_BREAK.finditer(line)
    ]


# --- parsing -------------------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def parse_text(text: str, doc: Document) -> None:
    """Parse ``text`` into ``doc.root``; record problems instead of raising."""
    events: list = []
    parse_error: Problem | None = None
    hidden = _hidden_breaks(text.split("\n"), doc.path)
    if hidden:
        # libyaml counts these as line breaks, editors do not: blank them so every later
        # position matches the editor; the file fails on the characters themselves.
        text = _HIDDEN_BREAK.sub(" ", text)
    loader = _Loader(text)
    try:
        while loader.check_event():
            events.append(loader.get_event())
    except yaml.MarkedYAMLError as exc:
        parse_error = _translate_parse_error(exc, doc.path, doc.lines or text.split("\n"))
    except yaml.YAMLError as exc:  # e.g. ReaderError: a control character in the text
        parse_error = _translate_reader_error(exc, doc.path, text)
    finally:
        loader.dispose()

    # Lines inside a block or quoted multi-line value are the person's prose, not structure
    # (a quoted summary may well hold "Slido：https://…" on a line of its own).
    prose_lines: set[int] = set()
    for ev in events:
        if isinstance(ev, yaml.ScalarEvent) and ev.style in ("|", ">", "'", '"'):
            prose_lines.update(range(ev.start_mark.line + 1, ev.end_mark.line + 1))
    lexical = _lexical_problems(doc, prose_lines)
    doc.problems.extend(hidden + lexical)
    if parse_error is not None:
        # A lexical slip usually *is* the parse error, and a blanked hidden break may cause
        # one on its own line; saying both only confuses.
        if not lexical and parse_error.pos.line not in {h.pos.line for h in hidden}:
            doc.problems.append(parse_error)
        return
    if lexical or hidden:
        return
    try:
        doc.root = _build(events, doc.path)
    except _Refused as exc:
        doc.problems.append(exc.problem)
    if doc.root is None and not doc.problems:
        doc.problems.append(Problem("file.empty", Pos(doc.path, 1, 1)))


def _pos(path: Path, mark) -> Pos:
    return Pos(path, mark.line + 1, mark.column + 1)


def _build(events: list, path: Path) -> Node | None:
    """Turn the event list into nodes; the first refused construct stops the file."""
    stack: list[Map | Seq] = []
    pending_key: list[Scalar | None] = []
    root: Node | None = None
    documents = 0

    def attach(node: Node, ev) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, Seq):
            parent.items.append(node)
            return
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                raise _Refused(Problem("yaml.complex_key", node.pos))
            pending_key[-1] = node
            return
        if key.text in parent.entries:
            first = parent.entries[key.text][0].pos
            raise _Refused(Problem("yaml.duplicate_key", key.pos, key=key.text, first_line=first.line))
        parent.entries[key.text] = (key, node)
        pending_key[-1] = None

    for ev in events:
        if isinstance(ev, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(Problem("yaml.multi_document", _pos(path, ev.start_mark)))
            continue
        if isinstance(ev, yaml.AliasEvent):
            raise _Refused(Problem("yaml.alias", _pos(path, ev.start_mark), name=ev.anchor))
        if isinstance(ev, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if ev.anchor is not None:
                raise _Refused(Problem("yaml.anchor", _pos(path, ev.start_mark), name=ev.anchor))
            # Only the non-specific "!" (which just means "text") is harmless.
            if ev.tag is not None and ev.tag != "!":
                raise _Refused(Problem("yaml.tag", _pos(path, ev.start_mark), tag=ev.tag))
        if isinstance(ev, yaml.ScalarEvent):
            attach(Scalar(ev.value, ev.style in ("", None) and ev.tag is None, _pos(path, ev.start_mark)), ev)
        elif isinstance(ev, yaml.SequenceStartEvent):
            node = Seq([], _pos(path, ev.start_mark))
            attach(node, ev)
            stack.append(node)
            pending_key.append(None)
        elif isinstance(ev, yaml.MappingStartEvent):
            node = Map({}, _pos(path, ev.start_mark))
            attach(node, ev)
            stack.append(node)
            pending_key.append(None)
        elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            stack.pop()
            pending_key.pop()
    if isinstance(root, Scalar) and root.is_null:
        return None  # a file of only comments
    return root


# Every problem libyaml (and PyYAML) can report, in the words branch staff need, by the
# start of its English text. Anything not listed still gets a Chinese line (never English).
_QUOTE_TAG = "若这是内容，请给整个值加引号"
_PARSE_HINTS = {
    "mapping values are not allowed": "此处不能出现“键: 值”：值里含冒号时请给值加引号，或检查缩进",
    "could not find expected ':'": "这一行缺少半角冒号“:”（冒号后要有空格）",
    "did not find expected key": "缩进不一致：同一层的字段要左对齐",
    "did not find expected ',' or ']'": "方括号 [ … ] 内格式有误：各项用半角逗号分隔，含冒号或逗号的项请加引号",
    "expected ',' or ']'": "方括号 [ … ] 内格式有误：各项用半角逗号分隔，含冒号或逗号的项请加引号",
    "did not find expected ',' or '}'": "花括号 { … } 内格式有误：各项用半角逗号分隔，含冒号或逗号的值请加引号",
    "expected ',' or '}'": "花括号 { … } 内格式有误：各项用半角逗号分隔，含冒号或逗号的值请加引号",
    "did not find expected '-' indicator": "列表缩进不一致：同一列表的“- ”要左对齐",
    "block sequence entries are not allowed": "此处不能开始列表：检查“- ”的缩进",
    "expected <block end>": "缩进不一致：同一层的字段要左对齐",
    "did not find expected node content": "此处缺少内容：是否多了逗号、冒号或“-”？",
    "expected the node content": "此处缺少内容：是否多了逗号、冒号或“-”？",
    "found a tab character": "出现了制表符（Tab），请改用空格",
    "found character '\\t'": "出现了制表符（Tab），请改用空格",
    "found character": "值不能以{char}开头：" + _QUOTE_TAG,
    "found unexpected ':'": "冒号的位置不对：" + _QUOTE_TAG,
    "found unknown escape character": "双引号内有无效的转义“\\”：请改用单引号",
    "found invalid Unicode character escape": "双引号内的 \\u 转义无效：请改用单引号",
    "did not find expected hexdecimal number": "双引号内的 \\x 或 \\u 转义不完整：请改用单引号",
    "expected escape sequence of": "双引号内的 \\x 或 \\u 转义不完整：请改用单引号",
    "found unexpected document indicator": "引号内的一行以“---”或“...”开头：请改写这一行",
    "found unexpected end of stream": "文件意外结束：可能有引号或括号没有闭合",
    "found undefined alias": "不支持别名（*）：" + _QUOTE_TAG,
    "did not find expected alphabetic or numeric character": "“&”或“*”后面缺少名字：" + _QUOTE_TAG,
    "expected alphabetic or numeric character": "“&”或“*”后面缺少名字：" + _QUOTE_TAG,
    "did not find expected comment or line break": "“|”或“>”之后同一行只能写注释",
    "expected a comment or a line break": "“|”或“>”之后同一行只能写注释",
    "found an indentation indicator equal to 0": "“|”或“>”后的缩进数字不能为 0",
    "expected indentation indicator": "“|”或“>”后的缩进数字只能是 1 到 9",
    "mapping keys are not allowed": "“? ”开头的复杂字段名不支持：" + _QUOTE_TAG,
    "did not find expected <document start>": "“...”或“%”开头的行之后不能再有内容：请删除那一行或给值加引号",
    "expected '<document start>'": "“...”或“%”开头的行之后不能再有内容：请删除那一行或给值加引号",
}
# Directives (%YAML, %TAG) and tags (!x) are not part of our format; all their problems say so.
_DIRECTIVE_OR_TAG = ("directive", "%YAML", "%TAG", "tag", "'!'", "'>'", "URI", "version", "digit or '.'",
                     "whitespace", "non-alphabetical")
_DIRECTIVE_HINT = "以“%”或“!”开头的是 YAML 指令或标签，这里不支持：" + _QUOTE_TAG
_FALLBACK = "无法解析这一行：请检查冒号、引号、括号和缩进"

_OPENERS = {"flow sequence": "方括号“[”", "flow mapping": "花括号“{”", "quoted scalar": "引号"}


def _translate_parse_error(exc: yaml.MarkedYAMLError, path: Path, lines: list[str]) -> Problem:
    """One Chinese problem at the place to edit: where an unclosed bracket, brace or quote was
    opened, or the key missing its colon, rather than the line after where libyaml noticed."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    opener = next((zh for en, zh in _OPENERS.items() if context.endswith(en)), None)
    ctx = exc.context_mark
    if opener and ctx is not None and mark is not None and mark.line > ctx.line:
        hint = f"从这里开始的{opener}没有闭合：请补上对应的结束符号"
        return Problem("yaml.syntax", _pos(path, ctx), hint=hint)
    if context.endswith("simple key") and ctx is not None:
        mark = ctx  # the key lacking its colon, not the next line
    elif problem.startswith("mapping values") and mark is not None:
        missing = _line_missing_colon(lines, mark)
        if missing is not None:
            return Problem("yaml.syntax", Pos(path, missing + 1, 1), hint=_PARSE_HINTS["could not find expected ':'"])
    hint = next((zh for en, zh in _PARSE_HINTS.items() if problem.startswith(en)), None)
    if hint is None:
        hint = _DIRECTIVE_HINT if any(w in problem or w in context for w in _DIRECTIVE_OR_TAG) else _FALLBACK
    if "{char}" in hint:
        hint = hint.replace("{char}", _char_at(lines, mark))
    pos = _pos(path, mark) if mark is not None else Pos(path, 1, 1)
    return Problem("yaml.syntax", pos, hint=hint)


def _line_missing_colon(lines: list[str], mark) -> int | None:
    """``name 第一党支部`` followed by ``floor: 2``: libyaml reads both lines as one key and
    complains at the second colon. The slip is the earlier line at the same indentation that
    has no colon at all; its 0-based index, or None."""
    here = lines[mark.line] if mark.line < len(lines) else ""
    indent = len(here) - len(here.lstrip(" "))
    for i in range(mark.line - 1, -1, -1):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        same = len(line) - len(line.lstrip(" ")) == indent
        return i if same and ":" not in line and not line.lstrip().startswith("- ") else None
    return None


def _char_at(lines: list[str], mark) -> str:
    try:
        return f"“{lines[mark.line][mark.column]}”"
    except (IndexError, TypeError, AttributeError):
        return "这个字符"


def _translate_reader_error(exc: yaml.YAMLError, path: Path, text: str) -> Problem:
    # ReaderError carries an offset, not a line: libyaml's is in UTF-8 bytes, PyYAML's in
    # characters. Count the line and column ourselves.
    position = getattr(exc, "position", None)
    line = col = 1
    if isinstance(position, int):
        before = text.encode("utf-8")[:position].decode("utf-8", "ignore") if _Loader is not yaml.SafeLoader else text[:position]
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
    char = getattr(exc, "character", None)
    code = ord(char) if isinstance(char, str) else char
    shown = f"U+{code:04X}" if isinstance(code, int) else str(char)
    return Problem("yaml.bad_char", Pos(path, line, col), char=shown)
