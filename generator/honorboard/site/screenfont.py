"""The font a screen page carries: the CJK font cut down to the characters its screens show.

Players (a cheap Android box, a Raspberry Pi) often have no CJK font at all; a subset of
Noto Sans CJK SC Bold with only the characters used is small enough to ship (WOFF2, a few
hundred kB for a few hundred characters) and removes tofu from the screens for good.
"""

from __future__ import annotations

import io

from fontTools import subset
from fontTools.ttLib import TTFont

from ..images.fonts import FontSet


FEATURES = ("kern", "palt", "halt", "vert", "locl", "ccmp")
"""OpenType features kept. locl matters: Noto CJK's default ——, “” and ‘’ are narrow Western
glyphs; the page's lang="zh-CN" picks the full-width Chinese ones through locl."""


def subset_woff2(fonts: FontSet, chars: set[str]) -> bytes:
    """WOFF2 bytes of the bold face with just ``chars``."""
    face = fonts.bold.faces[0]
    # no new timestamp in 'head': the same characters give the same bytes, build after build
    if face.path.lower().endswith(".ttc"):
        font = TTFont(face.path, fontNumber=face.index, lazy=False, recalcTimestamp=False)
    else:
        font = TTFont(face.path, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = list(FEATURES)
    options.name_IDs = [1, 2]  # family and style: enough to identify it, nothing more
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in chars if not c.isspace()})
    subsetter.subset(font)
    buf = io.BytesIO()
    subset.save_font(font, buf, options)
    return buf.getvalue()
