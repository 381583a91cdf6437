"""CJK fonts found without configuration, with per-character fallback and coverage checks.

Pillow draws a missing glyph as an empty box without any error, so every character is
checked against the fonts' cmaps (fontTools) before anything is drawn: each character is
drawn with the first font of the chain that has it, and a character no font has is an
error, never tofu.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont
from PIL import ImageFont

FONT_DIRS = (
    "/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
    "/Library/Fonts", "/System/Library/Fonts", "C:/Windows/Fonts",
)

# Preferred faces, best first: (file name, face family). Simplified Chinese faces first, then
# the other faces of the same collections (TC/HK/JP/KR carry many rare Hanzi), then others.
SANS = (
    ("NotoSansCJK-{w}.ttc", "Noto Sans CJK SC"), ("NotoSansCJKsc-{w}.otf", None), ("NotoSansSC-{w}.otf", None),
    ("SourceHanSans-{w}.ttc", "Source Han Sans SC"), ("SourceHanSansSC-{w}.otf", None),
    ("NotoSansCJK-{w}.ttc", "Noto Sans CJK TC"), ("NotoSansCJK-{w}.ttc", "Noto Sans CJK HK"),
    ("NotoSansCJK-{w}.ttc", "Noto Sans CJK JP"), ("NotoSansCJK-{w}.ttc", "Noto Sans CJK KR"),
    ("wqy-microhei.ttc", None), ("wqy-zenhei.ttc", None), ("DroidSansFallbackFull.ttf", None),
    ("msyh.ttc", None), ("simhei.ttf", None), ("PingFang.ttc", None),
    ("DejaVuSans{w_dejavu}.ttf", None),
)
SERIF = (
    ("NotoSerifCJK-{w}.ttc", "Noto Serif CJK SC"), ("NotoSerifCJKsc-{w}.otf", None),
    ("SourceHanSerif-{w}.ttc", "Source Han Serif SC"), ("SourceHanSerifSC-{w}.otf", None),
    ("NotoSerifCJK-{w}.ttc", "Noto Serif CJK TC"), ("NotoSerifCJK-{w}.ttc", "Noto Serif CJK JP"),
)


@dataclass(frozen=True)
class Face:
    """One face of a font file (a .ttc holds several: pass ``index`` to Pillow)."""

    path: str
    index: int
    family: str

    @property
    def cmap(self) -> frozenset[int]:
        return _cmap(self.path, self.index)

    def pil(self, size: int) -> ImageFont.FreeTypeFont:
        return _pil(self.path, self.index, size)


@lru_cache(maxsize=64)
def _cmap(path: str, index: int) -> frozenset[int]:
    font = TTFont(path, fontNumber=index, lazy=True) if path.lower().endswith((".ttc", ".otc")) else TTFont(path, lazy=True)
    try:
        return frozenset(font.getBestCmap() or ())
    finally:
        font.close()


@lru_cache(maxsize=256)
def _pil(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=32)
def _families(path: str) -> tuple[str, ...]:
    """Family name of each face in a file (English name record)."""
    if path.lower().endswith((".ttc", ".otc")):
        fonts = TTCollection(path, lazy=True).fonts
    else:
        fonts = [TTFont(path, lazy=True)]
    names = tuple((f["name"].getDebugName(1) or "") for f in fonts)
    for f in fonts:
        f.close()
    return names


def _index_files(dirs) -> dict[str, str]:
    """File name (lower case) → path, for every font file under ``dirs``."""
    found: dict[str, str] = {}
    for d in dirs:
        root = Path(os.path.expanduser(d))
        if not root.is_dir():
            continue
        for dirpath, _, names in os.walk(root):
            for name in names:
                if name.lower().endswith((".ttf", ".otf", ".ttc", ".otc")):
                    found.setdefault(name.lower(), os.path.join(dirpath, name))
    return found


def _faces(table, weight: str, files: dict[str, str]) -> list[Face]:
    faces = []
    for pattern, family in table:
        name = pattern.format(w=weight, w_dejavu="-Bold" if weight == "Bold" else "").lower()
        path = files.get(name)
        if path is None:
            continue
        families = _families(path)
        index = families.index(family) if family in families else (0 if family is None else -1)
        if index >= 0:
            face = Face(path, index, families[index])
            if face not in faces:
                faces.append(face)
    return faces


@dataclass(frozen=True)
class FontChain:
    """Faces tried in order for each character."""

    faces: tuple[Face, ...]

    def face_for(self, char: str) -> Face | None:
        code = ord(char)
        for face in self.faces:
            if code in face.cmap:
                return face
        return None

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` no face has (whitespace and controls aside), in order."""
        out = []
        for ch in dict.fromkeys(text):
            if ch.isspace() or ord(ch) < 0x20:
                continue
            if self.face_for(ch) is None:
                out.append(ch)
        return out

    def runs(self, text: str) -> list[tuple[Face, str]]:
        """``text`` split into runs drawn with one face each."""
        runs: list[tuple[Face, str]] = []
        for ch in text:
            face = self.face_for(ch) or self.faces[0]
            if runs and runs[-1][0] == face:
                runs[-1] = (face, runs[-1][1] + ch)
            else:
                runs.append((face, ch))
        return runs

    def width(self, text: str, size: int) -> float:
        return sum(face.pil(size).getlength(run) for face, run in self.runs(text))


@dataclass(frozen=True)
class FontSet:
    """The chains a drawing uses: sans regular and bold, serif bold for large titles."""

    regular: FontChain
    bold: FontChain
    serif: FontChain
    files: tuple[str, ...] = field(default=())

    def all_chains(self) -> tuple[FontChain, ...]:
        return (self.regular, self.bold, self.serif)

    def missing(self, text: str) -> list[str]:
        """Characters that some chain cannot draw."""
        out: list[str] = []
        for chain in self.all_chains():
            out += [ch for ch in chain.missing(text) if ch not in out]
        return out

    @property
    def fingerprint(self) -> str:
        """A hash of the font files' bytes: part of every image's cache key."""
        return _fingerprint(self.files)


@lru_cache(maxsize=8)
def _fingerprint(files: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for path in files:
        h.update(path.encode())
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()[:16]


class NoCJKFont(Exception):
    """No font with Chinese characters was found."""


def _configured(paths) -> list[Face]:
    faces = []
    for p in paths:
        path = str(Path(p).expanduser())
        families = _families(path)
        # a collection's Simplified Chinese face first, then the rest
        order = sorted(range(len(families)), key=lambda i: (" SC" not in families[i], i))
        faces += [Face(path, i, families[i]) for i in order]
    return faces


@lru_cache(maxsize=8)
def discover(configured: tuple[str, ...] = (), dirs: tuple[str, ...] = FONT_DIRS) -> FontSet:
    """Find the fonts: ``configured`` files first, then the usual CJK fonts on this machine."""
    files = _index_files(dirs)
    extra = _configured(configured)
    regular = extra + _faces(SANS, "Regular", files)
    bold = extra + _faces(SANS, "Bold", files) + [f for f in regular if f not in extra]
    serif = extra + _faces(SERIF, "Bold", files) + [f for f in bold if f not in extra]
    if not any(0x4E2D in face.cmap for face in regular):  # 中
        raise NoCJKFont(
            "找不到中文字体：请安装 Noto CJK（Debian/Ubuntu：apt-get install fonts-noto-cjk），"
            "或在 mkdocs.yml 的 honorboard 插件中用 fonts: 指定字体文件"
        )
    used = tuple(sorted({f.path for f in regular + bold + serif}))
    return FontSet(FontChain(tuple(regular)), FontChain(tuple(bold)), FontChain(tuple(serif)), used)
