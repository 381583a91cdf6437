"""CJK fonts found without configuration, with per-character fallback and coverage checks.

Pillow draws a missing glyph as an empty box without any error, so every character is
checked against the fonts' cmaps (fontTools) before anything is drawn: each character is
drawn with the first font of the chain that has it, and a character no font has is an
error, never tofu.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain
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
# Colour emoji, last in every chain: ✨ 👍 in a real title are drawn, not refused.
EMOJI = (("NotoColorEmoji.ttf", None),)
COLOR_STRIKE = 109
"""Noto Color Emoji is a bitmap (CBDT) font: FreeType loads it only at this size; it is scaled after."""

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
    color: bool = False  # a colour bitmap face (emoji): drawn at COLOR_STRIKE, then scaled

    @property
    def cmap(self) -> frozenset[int]:
        return _cmap(self.path, self.index)

    def pil(self, size: int) -> ImageFont.FreeTypeFont:
        return _pil(self.path, self.index, COLOR_STRIKE if self.color else size)

    def length(self, text: str, size: int) -> float:
        if self.color:
            return self.pil(size).getlength(text) * size / COLOR_STRIKE
        return self.pil(size).getlength(text)


def _coverage_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "honorboard" / "fonts"


@lru_cache(maxsize=64)
def _cmap(path: str, index: int) -> frozenset[int]:
    """The code points a face has. Reading a CJK cmap takes ≈ 0.1 s a face, so it is kept on
    disk as ranges, keyed by the file's fingerprint (path, size, modification time)."""
    st = os.stat(path)
    key = hashlib.sha256(f"{path}|{index}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:24]
    stored = _coverage_dir() / f"{key}.json"
    try:
        ranges = json.loads(stored.read_text(encoding="ascii"))
        return frozenset(chain.from_iterable(range(lo, hi + 1) for lo, hi in ranges))
    except (OSError, ValueError, TypeError):
        pass
    font = TTFont(path, fontNumber=index, lazy=True) if path.lower().endswith((".ttc", ".otc")) else TTFont(path, lazy=True)
    try:
        codes = frozenset(font.getBestCmap() or ())
    finally:
        font.close()
    _store_ranges(stored, codes)
    return codes


def _store_ranges(path: Path, codes: frozenset[int]) -> None:
    ranges: list[list[int]] = []
    for c in sorted(codes):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(json.dumps(ranges, separators=(",", ":")), encoding="ascii")
        os.replace(tmp, path)
    except OSError:  # a read-only home: the next run reads the font again
        pass


INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufe0e\ufe0f")
"""Joiners and variation selectors: nothing to draw; left out when no face has them."""


def pictograph(char: str) -> bool:
    """An emoji or other pictorial symbol: left out of a picture (with a warning) when no font
    has it, where a missing Hanzi or letter is an error (a name must never be drawn wrong)."""
    code = ord(char)
    # So: symbols; 1F000–1FAFF: the emoji blocks (skin tones included); E0020–E007F: flag tags; 20E3: keycap
    return (unicodedata.category(char) == "So" or 0x1F000 <= code <= 0x1FAFF
            or 0xE0020 <= code <= 0xE007F or code == 0x20E3)


def droppable(char: str) -> bool:
    return char in INVISIBLE or pictograph(char)


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


def _faces(table, weight: str, files: dict[str, str], color: bool = False) -> list[Face]:
    faces = []
    for pattern, family in table:
        name = pattern.format(w=weight, w_dejavu="-Bold" if weight == "Bold" else "").lower()
        path = files.get(name)
        if path is None:
            continue
        families = _families(path)
        index = families.index(family) if family in families else (0 if family is None else -1)
        if index >= 0:
            face = Face(path, index, families[index], color)
            if face not in faces:
                faces.append(face)
    return faces


@dataclass(frozen=True)
class FontChain:
    """Faces tried in order for each character."""

    faces: tuple[Face, ...]

    @cached_property
    def coverage(self) -> frozenset[int]:
        """Every code point some face of the chain has: one set lookup per character checked."""
        return frozenset().union(*(face.cmap for face in self.faces))

    def face_for(self, char: str) -> Face | None:
        code = ord(char)
        if code not in self.coverage:
            return None
        for face in self.faces:
            if code in face.cmap:
                return face
        return None

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` no face has (whitespace and controls aside), in order."""
        coverage = self.coverage
        return [ch for ch in dict.fromkeys(text)
                if ord(ch) not in coverage and not ch.isspace() and ord(ch) >= 0x20]

    def runs(self, text: str) -> list[tuple[Face, str]]:
        """``text`` split into runs drawn with one face each. A pictograph no face has was
        reported by the glyph check as left out; it is skipped here (never drawn as a box).

        The 破折号 —— is drawn as ⸺ (U+2E3A TWO-EM DASH, one unbroken stroke): Pillow's
        basic layout applies no ``locl``, and Noto CJK's default — is a narrow Western dash
        (its ― too has side bearings), so —— came out as two short strokes with a gap."""
        runs: list[tuple[Face, str]] = []
        if "——" in text and 0x2E3A in self.coverage:
            text = text.replace("——", "⸺")
        for ch in text:
            face = self.face_for(ch)
            if face is None:
                if droppable(ch):
                    continue
                face = self.faces[0]
            if runs and runs[-1][0] == face:
                runs[-1] = (face, runs[-1][1] + ch)
            else:
                runs.append((face, ch))
        return runs

    def width(self, text: str, size: int) -> float:
        return sum(face.length(run, size) for face, run in self.runs(text))


@dataclass(frozen=True)
class FontSet:
    """The chains a drawing uses: sans regular and bold, serif bold for large titles."""

    regular: FontChain
    bold: FontChain
    serif: FontChain
    files: tuple[str, ...] = field(default=())

    def all_chains(self) -> tuple[FontChain, ...]:
        return (self.regular, self.bold, self.serif)

    @cached_property
    def checked(self) -> dict[str, tuple]:
        """Characters found missing, by text (a preview checks the same texts on every save)."""
        return {}

    @cached_property
    def _everywhere(self) -> frozenset[int]:
        """Code points every chain has: most texts are checked against this alone."""
        return frozenset(self.regular.coverage & self.bold.coverage & self.serif.coverage)

    def missing(self, text: str) -> list[str]:
        """Characters that some chain cannot draw."""
        if self._everywhere.issuperset(map(ord, text)):
            return []
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
    emoji = _faces(EMOJI, "Regular", files, color=True)
    regular = extra + _faces(SANS, "Regular", files)
    bold = extra + _faces(SANS, "Bold", files) + [f for f in regular if f not in extra]
    serif = extra + _faces(SERIF, "Bold", files) + [f for f in bold if f not in extra]
    regular, bold, serif = regular + emoji, bold + emoji, serif + emoji
    if not any(0x4E2D in face.cmap for face in regular):  # 中
        raise NoCJKFont(
            "找不到中文字体：请安装 Noto CJK（Debian/Ubuntu：apt-get install fonts-noto-cjk），"
            "或在 mkdocs.yml 的 honorboard 插件中用 fonts: 指定字体文件"
        )
    used = tuple(sorted({f.path for f in regular + bold + serif}))
    return FontSet(FontChain(tuple(regular)), FontChain(tuple(bold)), FontChain(tuple(serif)), used)
