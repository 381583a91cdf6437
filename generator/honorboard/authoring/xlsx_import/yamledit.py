"""Edit a hand-written YAML file in place: comments, key order, quotes and layout survive.

ruamel.yaml's round-trip mode keeps comments, but attaches the comment lines that stand
*between* two entries to the entry before them. Inserted naively after that entry, a new one
lands below a comment that was written for the next key (``# 岗位`` above ``posts:`` would
end up above the new member). So every insertion here moves those lines along: the text that
followed the previous entry follows the new one.

Scalars: multi-line text becomes a ``|`` block (as in the demo files); a string that a YAML
1.1 reader (PyYAML, many editors) would read as something else — ``yes``, ``1001``, ``#abc``,
``a: b`` — is written in double quotes; a value that was quoted keeps its quotes when updated.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

from ..yamltext import misread

DEFAULT_LAYOUT = (2, 4, 2)
"""mapping, sequence, offset: ``key:\\n  - id: ...`` as in every demo file."""

WIDTH = 100_000
"""Never fold a long line: Chinese text has no spaces, and a folded value reads badly."""

_BLOCK = (LiteralScalarString, FoldedScalarString)
_QUOTED = (DoubleQuotedScalarString, SingleQuotedScalarString)


class YamlEditError(Exception):
    """The file cannot be edited (it does not parse in round-trip mode)."""


@dataclass
class Document:
    """One YAML file held for editing."""

    root: CommentedMap
    original: str  # the text as read, "" for a new file
    layout: tuple[int, int, int]
    bom: bool = False
    crlf: bool = False
    exact: bool = True  # an unchanged dump reproduces the original byte for byte
    header: str = ""  # first lines written before the document (new files only)

    def dump(self) -> str:
        text = self.header + _dump(self.root, self.layout)
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return ("\ufeff" if self.bom else "") + text


def _yaml(layout: tuple[int, int, int]) -> YAML:
    y = YAML()  # round-trip
    y.preserve_quotes = True
    y.indent(mapping=layout[0], sequence=layout[1], offset=layout[2])
    y.width = WIDTH
    y.allow_unicode = True
    return y


def _dump(root, layout) -> str:
    buf = io.StringIO()
    _yaml(layout).dump(root, buf)
    return buf.getvalue()


def parse(raw: bytes) -> Document:
    """Read a file's bytes for editing; raises ``YamlEditError`` with a Chinese reason."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw[3 if bom else 0:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlEditError("文件不是 UTF-8 编码") from exc
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    guessed = guess_layout(text)
    root = None
    for layout in dict.fromkeys((guessed, DEFAULT_LAYOUT)):
        try:
            root = _yaml(layout).load(text)
        except Exception as exc:  # ruamel raises many kinds; the checker passed, so rare
            raise YamlEditError(f"无法按原样读取：{exc}") from exc
        if root is None:
            root = CommentedMap()
        if not isinstance(root, CommentedMap):
            raise YamlEditError("文件内容不是键值对")
        if _dump(root, layout) == text:
            return Document(root, text, layout, bom, crlf, exact=True)
    return Document(root, text, guessed, bom, crlf, exact=False)


def new_document(header: str = "") -> Document:
    return Document(CommentedMap(), "", DEFAULT_LAYOUT, header=header)


_KEY_ONLY = re.compile(r"^( *)[^\s#-][^:#]*:\s*(#.*)?$")
_DASH = re.compile(r"^( *)- +\S")
_KEY = re.compile(r"^( *)[^\s#-][^:]*:(\s|$)")


def guess_layout(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) as the file is written, from its first nested lines."""
    mapping = offset = None
    seq_indent = None
    parent = None  # indent of the last ``key:`` line with nothing after it
    for line in text.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if parent is not None and indent > parent:
            dash = _DASH.match(line)
            if dash and offset is None:
                offset = indent - parent
                seq_indent = offset + (len(line[indent:]) - len(line[indent + 1:].lstrip(" ")))
            elif not dash and mapping is None and _KEY.match(line):
                mapping = indent - parent
        elif parent is not None and indent == parent and _DASH.match(line) and offset is None:
            offset, seq_indent = 0, len(line[indent:]) - len(line[indent + 1:].lstrip(" "))
        parent = indent if _KEY_ONLY.match(line) else None
        if mapping is not None and offset is not None:
            break
    mapping = mapping or DEFAULT_LAYOUT[0]
    if offset is None:
        return (mapping, mapping + DEFAULT_LAYOUT[2], DEFAULT_LAYOUT[2]) if mapping != 2 else DEFAULT_LAYOUT
    return (mapping, max(seq_indent, offset + 2), offset)


# --- scalars ------------------------------------------------------------------------------


def scalar(value, old=None):
    """The ruamel value to write for ``value``, in the style of the ``old`` one it replaces."""
    if not isinstance(value, str):
        return value
    if "\n" in value:
        return LiteralScalarString(value if value.endswith("\n") else value + "\n")
    if isinstance(old, _QUOTED):
        return type(old)(value)
    if misread(value):
        return DoubleQuotedScalarString(value)
    return value


def same(old, new) -> bool:
    """Is ``new`` (a converted cell value) what the file already says?"""
    if old is None:
        return False
    if isinstance(new, bool) or isinstance(old, bool):
        return type(new) is type(old) and new == old
    if isinstance(new, str):
        old_text = str(old)
        return old_text == new or (isinstance(old, _BLOCK) and old_text.rstrip("\n") == new.rstrip("\n"))
    if isinstance(old, (int, float)) and not isinstance(old, bool):
        return float(old) == float(new)
    return False


# --- comments between entries ------------------------------------------------------------
#
# A "slot" is (container, key): ruamel keeps the comment lines that follow an entry in the
# comment token of the last scalar written inside it (ca.items[key][2] in a mapping,
# ca.items[index][0] in a list).


def _tail(node):
    """The slot of the last scalar written inside ``node``, or None for an empty node."""
    while True:
        if isinstance(node, CommentedMap) and len(node):
            key = next(reversed(node))
        elif isinstance(node, CommentedSeq) and len(node):
            key = len(node) - 1
        else:
            return None
        value = node[key]
        if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
            node = value
            continue
        return node, key


def _entry_tail(container, key):
    """The slot holding the lines that follow the entry ``container[key]``."""
    value = container[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        return _tail(value)
    return container, key


def _index(container) -> int:
    return 0 if isinstance(container, CommentedSeq) else 2


def _token(slot) -> CommentToken | None:
    container, key = slot
    entry = container.ca.items.get(key)
    i = _index(container)
    if entry and len(entry) > i and isinstance(entry[i], CommentToken):
        return entry[i]
    return None


def _set_token(slot, token: CommentToken | None) -> None:
    container, key = slot
    i = _index(container)
    entry = container.ca.items.setdefault(key, [None, None, None, None] if i == 2 else [None, None])
    entry[i] = token
    if all(e is None for e in entry):
        del container.ca.items[key]


def _is_block(slot) -> bool:
    container, key = slot
    return isinstance(container[key], _BLOCK)


def carry(src, dst, keep_indent: int | None = None) -> None:
    """Move the comment and blank lines that follow slot ``src`` in the file to follow ``dst``.

    The end-of-line comment of ``src``'s own line stays. With ``keep_indent``, comment lines
    right below ``src`` indented at least that far (written inside the entry) stay too, up
    to the first blank or shallower line.
    """
    if src is None or dst is None:
        return
    token = _token(src)
    if token is None:
        return
    value = token.value
    if _is_block(src):  # a `|` block ends with its own line break
        head, rest = "", value
    else:
        cut = value.find("\n")
        head, rest = (value, "") if cut < 0 else (value[:cut + 1], value[cut + 1:])
    if keep_indent is not None and rest:
        lines = rest.splitlines(keepends=True)
        kept = 0
        for line in lines:
            stripped = line.lstrip(" ")
            if not stripped.startswith("#") or len(line) - len(stripped) < keep_indent:
                break
            kept += 1
        head += "".join(lines[:kept])
        rest = "".join(lines[kept:])
    if not rest:
        return
    if head.strip():
        token.value = head
    else:
        _set_token(src, None)
    moved = copy.copy(token)
    moved.value = rest if _is_block(dst) else "\n" + rest
    _set_token(dst, moved)


# --- edits --------------------------------------------------------------------------------


def _position(mapping: CommentedMap, key: str, order: list[str]) -> int:
    """Where a new ``key`` goes: before the first key that the schema lists after it."""
    rank = order.index(key) if key in order else len(order)
    for i, k in enumerate(mapping):
        if (order.index(k) if k in order else len(order)) > rank:
            return i
    return len(mapping)


def set_field(mapping: CommentedMap, key: str, value, order: list[str]) -> bool:
    """Set ``mapping[key]`` to a scalar; a new key goes where ``order`` (the schema's) puts it.

    Returns whether anything changed.
    """
    if key in mapping:
        old = mapping[key]
        if same(old, value):
            return False
        mapping[key] = scalar(value, old)
        return True
    pos = _position(mapping, key, order)
    previous = list(mapping)[pos - 1] if pos else None
    mapping.insert(pos, key, scalar(value))
    if previous is not None:
        carry(_entry_tail(mapping, previous), (mapping, key))
    return True


class ListEnd:
    """Appends block-style items to ``root[key]``, created where the schema puts it if missing.

    Lines that followed the list (or the key before a new list) keep following it.
    """

    def __init__(self, root: CommentedMap, key: str, order: list[str], item_indent: int):
        self.root, self.key, self.order, self.item_indent = root, key, order, item_indent
        self.seq: CommentedSeq | None = None
        self.pending = None  # slot whose trailing lines move below the first new item

    def _open(self) -> CommentedSeq:
        value = self.root.get(self.key)
        if isinstance(value, CommentedSeq) and len(value):
            return value
        seq = CommentedSeq()
        if self.key in self.root:  # `members:` with nothing after it, or `members: []`
            self.root[self.key] = seq
            self.pending = (self.root, self.key)
        else:
            pos = _position(self.root, self.key, self.order)
            self.root.insert(pos, self.key, seq)
            if pos:
                self.pending = _entry_tail(self.root, list(self.root)[pos - 1])
        return seq

    def append(self, item: CommentedMap) -> None:
        if self.seq is None:
            self.seq = self._open()
        if len(self.seq):
            previous = _tail(self.seq[-1])
            self.seq.append(item)
            carry(previous, _tail(item), keep_indent=self.item_indent)
        else:
            self.seq.append(item)
            carry(self.pending, _tail(item))
            self.pending = None
