"""Kinds of field value, and `Obj` for a mapping of declared fields.

Each field is a ``Field(kind, required, doc)``; a kind converts a node's *source text* into a
value (``18:00`` stays a time, ``010`` stays an id) and records every problem on the way, so
one run reports them all. The same declarations emit the JSON Schema that editors use
(``json_schema()``), so the checker and the editor cannot drift apart.

After MkDocs' ``config_options``: small composable kinds, a bad *declaration* fails at import
(``ValueError``), bad *input* becomes a ``Problem``. Unlike it: no first-error stop, and an
unknown key is an error with a did-you-mean.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import media, privacy
from .problems import Problem, did_you_mean, shown
from .problems import Pos
from .yamlio import Map, Node, Scalar, Seq

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
HOURS_RE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")
INT_RE = re.compile(r"^[-+]?\d+$")
NUMBER_RE = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")
SCORE_RE = re.compile(r"^[-+]?\d{1,9}(\.\d{1,4})?$")
"""A number a page shows as written: no more than 9 digits before the point and 4 after, so it
never prints as ``inf`` or ``1.0000000000000001e+23``."""
MAX_INT_DIGITS = 18  # int() of thousands of digits is slow, then refused by Python itself
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_COMMENTED_COLOR = re.compile(r":\s+#[0-9A-Fa-f]{3,6}\b")

INVALID = object()
"""What a kind returns for a value it could not accept (a problem was recorded)."""


class Rec(dict):
    """A converted mapping: field → value, plus where each value stood in the file."""

    __slots__ = ("pos", "where", "written", "path")

    def __init__(self, pos: Pos):
        super().__init__()
        self.pos = pos
        self.path = pos.path
        self.where: dict[str, Pos] = {}  # fields whose value was accepted
        self.written: dict[str, Pos] = {}  # every known field given a value, accepted or not

    def at(self, name: str) -> Pos:
        """Position of a field's value, or of the mapping when the field is absent."""
        return self.where.get(name, self.pos)


class PList(list):
    """A converted list, with the position of each item."""

    __slots__ = ("positions",)

    def __init__(self):
        super().__init__()
        self.positions: list[Pos] = []


@dataclass
class Ctx:
    """What converting one file needs: where it is and where its problems go."""

    path: Path
    data_dir: Path
    lines: list[str]
    problems: list[Problem] = field(default_factory=list)
    media: list[Path] = field(default_factory=list)  # files under data/ the file names (a kept reading checks them too)

    def add(self, code: str, pos: Pos, **ctx) -> object:
        self.problems.append(Problem(code, pos, **ctx))
        return INVALID


def _found(node: Node) -> str:
    if isinstance(node, Seq):
        return "列表"
    if isinstance(node, Map):
        return "键值对"
    return shown(node.text)


# --- kinds of value --------------------------------------------------------------------


class Kind:
    what = ""  # Chinese, for "缺少必填字段 x（what）" and the JSON Schema

    def convert(self, node: Node, c: Ctx, loc: str) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError


class ScalarKind(Kind):
    """A kind read from one scalar's text; lists and mappings are a type error."""

    code = "type.str"

    def convert(self, node: Node, c: Ctx, loc: str) -> Any:
        if not isinstance(node, Scalar):
            return c.add(self.code, node.pos, field=loc, found=_found(node), **self._ctx())
        return self.read(node.text.strip() if node.plain else node.text, node, c, loc)

    def _ctx(self) -> dict:
        return {}

    def read(self, text: str, node: Scalar, c: Ctx, loc: str) -> Any:
        raise NotImplementedError


class Text(ScalarKind):
    def __init__(self, what: str = "文字", markdown: bool = False):
        self.what = what
        self.markdown = markdown

    def read(self, text, node, c, loc):
        if not text.strip():
            return c.add("field.null", node.pos, field=loc)
        for code, found in privacy.personal_numbers(text):
            c.add(code, node.pos, field=loc, found=found)
        return text

    def json_schema(self):
        return {"type": ["string", "number"], "minLength": 1}


class Bool(ScalarKind):
    """``true`` / ``false`` only: YAML 1.1's yes/no/on/off are not guessed (see yamlio)."""

    code = "type.bool"
    what = "true 或 false"

    def read(self, text, node, c, loc):
        if text.lower() not in ("true", "false"):
            return c.add(self.code, node.pos, field=loc, found=shown(text))
        return text.lower() == "true"

    def json_schema(self):
        return {"type": "boolean"}


class Int(ScalarKind):
    code = "type.int"

    def __init__(self, lo: int | None = None, hi: int | None = None, what: str = "整数"):
        if lo is not None and hi is not None and lo > hi:
            raise ValueError(f"empty range {lo}..{hi}")
        self.lo, self.hi, self.what = lo, hi, what

    def read(self, text, node, c, loc):
        if not INT_RE.match(text):
            return c.add(self.code, node.pos, field=loc, found=shown(text), **self._ctx())
        if len(text.lstrip("+-").lstrip("0")) > MAX_INT_DIGITS:  # out of any range, whatever its value
            code = self.code if self.code == "type.year" else "type.range"
            return c.add(code, node.pos, field=loc, found=shown(text), min=self.lo, max=self.hi)
        value = int(text, 10)
        if (self.lo is not None and value < self.lo) or (self.hi is not None and value > self.hi):
            code = self.code if self.code == "type.year" else "type.range"
            return c.add(code, node.pos, field=loc, found=shown(text), min=self.lo, max=self.hi)
        return value

    def json_schema(self):
        schema: dict = {"type": "integer"}
        if self.lo is not None:
            schema["minimum"] = self.lo
        if self.hi is not None:
            schema["maximum"] = self.hi
        return schema


class Year(Int):
    code = "type.year"

    def __init__(self):
        super().__init__(1900, 2100, "四位年份")

    def _ctx(self):
        return {"min": self.lo, "max": self.hi}


class Number(ScalarKind):
    code = "type.number"
    what = "数字"

    def read(self, text, node, c, loc):
        if not NUMBER_RE.match(text):
            return c.add(self.code, node.pos, field=loc, found=shown(text))
        if not SCORE_RE.match(text.rstrip(".")):
            return c.add("type.number_size", node.pos, field=loc, found=shown(text))
        value = float(text)
        return int(value) if value.is_integer() and "." not in text else value

    def json_schema(self):
        return {"type": "number"}


class Date(ScalarKind):
    code = "type.date"
    what = "日期 YYYY-MM-DD"

    def read(self, text, node, c, loc):
        m = DATE_RE.match(text)
        if not m:
            return c.add(self.code, node.pos, field=loc, found=shown(text))
        try:
            return dt.date(*map(int, m.groups()))
        except ValueError:  # 2023-02-30: PyYAML would raise here with no position at all
            return c.add("type.date_invalid", node.pos, field=loc, found=text)

    def json_schema(self):
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


class Color(ScalarKind):
    code = "type.color"
    what = "颜色 #RRGGBB"

    def read(self, text, node, c, loc):
        if not COLOR_RE.match(text):
            return c.add(self.code, node.pos, field=loc, found=shown(text))
        return text.upper()

    def json_schema(self):
        return {"type": "string", "pattern": COLOR_RE.pattern}


@dataclass(frozen=True)
class Hours:
    """Minutes after midnight; ``start > end`` means the span crosses midnight."""

    start: int
    end: int
    text: str


class HoursKind(ScalarKind):
    code = "type.hours"
    what = "时间段 HH:MM-HH:MM"

    def read(self, text, node, c, loc):
        m = HOURS_RE.match(text)
        if not m:
            return c.add(self.code, node.pos, field=loc, found=shown(text))
        h1, m1, h2, m2 = map(int, m.groups())
        if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
            return c.add(self.code, node.pos, field=loc, found=shown(text))
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if start == end:
            c.add("type.hours_empty", node.pos, field=loc)
        return Hours(start, end, f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}")

    def json_schema(self):
        return {"type": "string", "pattern": HOURS_RE.pattern}


class Id(ScalarKind):
    """An id: of this record, or a reference to another (``ref`` names the kind)."""

    code = "type.id"

    def __init__(self, ref: str | None = None):
        self.ref = ref
        self.what = "id" if ref is None else f"{ref} 的 id"

    def read(self, text, node, c, loc):
        if not ID_RE.match(text):
            return c.add(self.code, node.pos, field=loc, found=shown(text))
        return text

    def json_schema(self):
        return {"type": "string", "pattern": ID_RE.pattern}


class Choice(ScalarKind):
    code = "type.choice"

    def __init__(self, *choices: str, what: str = ""):
        if not choices:
            raise ValueError("Choice needs choices")
        self.choices = choices
        self.what = what or " / ".join(choices)

    def read(self, text, node, c, loc):
        if text not in self.choices:
            return c.add(
                self.code, node.pos, field=loc, found=shown(text),
                choices=" / ".join(self.choices), suggest=did_you_mean(text, self.choices),
            )
        return text

    def json_schema(self):
        return {"enum": list(self.choices)}


class MediaPath(ScalarKind):
    """A file under ``data/`` (checked on disk), or for videos also an intranet URL."""

    code = "type.str"

    def __init__(self, kind: str, url_ok: bool = False):
        if kind not in media.EXTENSIONS:
            raise ValueError(f"unknown media kind {kind!r}")
        self.kind, self.url_ok = kind, url_ok
        self.what = media.WHAT[kind] + ("或 http(s):// 网址" if url_ok else "")

    def read(self, text, node, c, loc):
        if self.url_ok and URL_RE.match(text):
            return text
        if self.url_ok and re.match(r"^[a-z]+://", text, re.IGNORECASE):
            return c.add("type.url_or_path", node.pos, field=loc, found=shown(text))
        found = media.check(c.data_dir, text, self.kind)
        if found.relpath:
            c.media.append(c.data_dir / found.relpath)
        if found.code:
            return c.add(found.code, node.pos, field=loc, found=shown(text), **found.ctx)
        return found.relpath

    def json_schema(self):
        return {"type": "string", "minLength": 1}


class ListOf(Kind):
    def __init__(self, item: Kind, nonempty: bool = False):
        self.item, self.nonempty = item, nonempty
        self.what = f"{item.what}的列表"

    def convert(self, node, c, loc):
        if not isinstance(node, Seq):
            return c.add("type.list", node.pos, field=loc, found=_found(node))
        out = PList()
        if self.nonempty and not node.items:
            c.add("type.list_empty", node.pos, field=loc)
        for i, item in enumerate(node.items, 1):
            if isinstance(item, Scalar) and item.is_null:
                c.add("field.null", item.pos, field=f"{loc} 第{i}项")
                continue
            item_loc = f"{loc}[]" if isinstance(self.item, Obj) else f"{loc} 第{i}项"
            value = self.item.convert(item, c, item_loc)
            if value is not INVALID:
                out.append(value)
                out.positions.append(item.pos)
        return out

    def json_schema(self):
        schema = {"type": "array", "items": self.item.json_schema()}
        if self.nonempty:
            schema["minItems"] = 1
        return schema


@dataclass(frozen=True)
class Field:
    kind: Kind
    required: bool = False
    doc: str = ""


class Obj(Kind):
    """A mapping with declared fields; ``check`` adds rules that span fields."""

    what = "键值对"

    def __init__(self, fields: dict[str, Field], check: Callable[[Rec, Ctx, str], None] | None = None,
                 example: str = "", schema_rules: dict | None = None):
        # schema_rules: the same cross-field rule as ``check``, said in JSON Schema for editors
        self.fields, self.check, self.example = fields, check, example
        self.schema_rules = schema_rules or {}

    def convert(self, node, c, loc):
        if not isinstance(node, Map):
            if loc == "":
                return c.add("file.root", node.pos, example=self.example, found=_found(node))
            shown_loc = f"{loc[:-2]} 的每一项" if loc.endswith("[]") else loc
            return c.add("type.map", node.pos, field=shown_loc, found=_found(node))
        rec = Rec(node.pos)
        for key, (key_node, value_node) in node.entries.items():
            # "brand.color" reads well; inside a list item ("members[]") the line says which.
            name = key if loc == "" or loc.endswith("[]") else f"{loc}.{key}"
            spec = self.fields.get(key)
            if spec is None:
                c.add("field.unknown", key_node.pos, field=key, suggest=did_you_mean(key, self.fields))
                continue
            if isinstance(value_node, Scalar) and value_node.is_null:
                self._null(key, name, spec, key_node, value_node, c)
                continue
            rec.written[key] = value_node.pos
            value = spec.kind.convert(value_node, c, name)
            if value is not INVALID:
                rec[key] = value
                rec.where[key] = value_node.pos
        for key, spec in self.fields.items():
            if spec.required and key not in node.entries:
                c.add("field.missing", node.pos, field=key, what=spec.doc or spec.kind.what)
        if self.check is not None:
            self.check(rec, c, loc)
        return rec

    def _null(self, key: str, name: str, spec: Field, key_node: Scalar, value_node: Scalar, c: Ctx) -> None:
        line = c.lines[key_node.pos.line - 1] if key_node.pos.line <= len(c.lines) else ""
        m = _COMMENTED_COLOR.search(line, key_node.pos.col - 1)
        if m:  # `color: #C8161D` — YAML read a comment, the value is empty
            col = line.index("#", m.start()) + 1
            value = line[col - 1:].split()[0]
            hint = f'：“#”后的内容被当作注释，请加引号，如 {key}: "{value}"'
            c.add("field.null", Pos(key_node.pos.path, key_node.pos.line, col), field=name, hint=hint)
        elif spec.required:
            c.add("field.null", value_node.pos, field=name, hint=f"（应为{spec.doc or spec.kind.what}）")

    def json_schema(self):
        return {
            "type": "object",
            "properties": {
                k: {**f.kind.json_schema(), **({"description": f.doc} if f.doc else {})}
                for k, f in self.fields.items()
            },
            "required": [k for k, f in self.fields.items() if f.required],
            "additionalProperties": False,
            **self.schema_rules,
        }
