"""The font a screen page carries: the characters it shows, drawn as Chinese text is set."""

from __future__ import annotations

import io

from fontTools.ttLib import TTFont

from honorboard.images.fonts import discover
from honorboard.site.screenfont import subset_woff2


def _locl_targets(font: TTFont, char: str) -> list[int]:
    """Advance widths the ``locl`` feature swaps ``char``'s glyph for."""
    glyph = font.getBestCmap()[ord(char)]
    gsub = font["GSUB"].table
    out = []
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag != "locl":
            continue
        for index in record.Feature.LookupListIndex:
            for table in gsub.LookupList.Lookup[index].SubTable:
                to = getattr(table, "mapping", {}).get(glyph)
                if to:
                    out.append(font["hmtx"][to][0])
    return out


def test_the_chinese_dash_keeps_its_full_width_form():
    """Noto CJK's — defaults to a narrow Western glyph: a subset without locl draws
    “服务不是小事——窗口” on the lobby screen as two short dashes with a gap."""
    font = TTFont(io.BytesIO(subset_woff2(discover(), set("服务——窗口"))))
    assert font["head"].unitsPerEm in _locl_targets(font, "—")


def test_the_same_characters_give_the_same_bytes(monkeypatch):
    """A rebuild ships the very file it shipped before (no fresh 'head' timestamp): players and
    caches keep it, and two builds of the same data compare equal."""
    first = subset_woff2(discover(), set("一楼大厅光荣榜"))
    monkeypatch.setattr("time.time", lambda: 2_000_000_000.0)  # a later second, as a later build has
    assert subset_woff2(discover(), set("一楼大厅光荣榜")) == first
