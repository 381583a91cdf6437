"""Brand cards opened with Pillow: sizes, bounds, contrast, no tofu."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from honorboard import load
from honorboard.images.colors import contrast, readable
from honorboard.images import discover
from honorboard.images.card import PRINT, WEB, CardText, mm, render_card
from honorboard.images.jobs import card_text
from honorboard.images.photo import encode

REPO = Path(__file__).parents[2]
FONTS = discover()

LONGEST = CardText(
    brand="党建引领窗口亮起来示范岗品牌建设工程暨一支部一特色",
    slogan="企业群众有所需，我必有所帮；群众利益无小事，一枝一叶总关情，办好每一件小事就是最大的服务，零差错、零投诉、零违纪",
    branch="北京市密云区政务服务管理局机关第一党支部委员会",
    unit="北京市密云区人民政府政务服务管理局（区营商环境建设局）",
    rating="2024年 模范机关示范党支部五星级", stars=5,
    highlights=("一窗受理一次办好", "帮办代办跑腿服务", "“办不成事”反映窗口"),
    color="#FFD700", qr_url="http://dangjian.intranet/dangjian/branches/zwfw-1f/",
)
RARE = CardText(brand="龚䶮吉𠮷", slogan="黨員歐陽修：服務不是小事", branch="歐陽黨支部", unit="龔氏",
                rating="2024年 紅旗黨支部", stars=3, highlights=("𠮷野家",), color="#1F5FA8", qr_url=None)


def _inside(box, area) -> bool:
    x0, y0, x1, y1 = box
    ax0, ay0, ax1, ay1 = area
    return x0 >= ax0 - 1 and y0 >= ay0 - 1 and x1 <= ax1 + 1 and y1 <= ay1 + 1


def _overlap(a, b) -> bool:
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


@pytest.mark.parametrize("card", [LONGEST, RARE], ids=["longest", "rare"])
@pytest.mark.parametrize("size, bleed", [(WEB, 0), (PRINT, mm(3))], ids=["web", "print"])
def test_text_stays_inside_the_safe_area(card, size, bleed):
    boxes: list = []
    img = render_card(card, FONTS, None, size, bleed, boxes=boxes)
    W, H = size
    margin = bleed + 0.06 * (min(W, H) - 2 * bleed)
    safe = (margin, margin, W - margin, H - margin)
    assert img.size == size and {label for label, _ in boxes} >= {"brand", "branch"}
    for label, box in boxes:
        assert _inside(box, safe), (label, box, safe)
    for i, (la, a) in enumerate(boxes):
        for lb, b in boxes[i + 1:]:
            assert not _overlap(a, b), (la, a, lb, b)


def test_qr_is_at_least_a_fifth_of_the_short_side():
    boxes: list = []
    render_card(LONGEST, FONTS, None, WEB, boxes=boxes)
    (x0, y0, x1, y1), = [b for label, b in boxes if label == "qr"]
    assert min(x1 - x0, y1 - y0) >= 0.2 * 630
    # black modules on white, with a white quiet zone at the edge
    img = render_card(LONGEST, FONTS, None, WEB)
    assert img.getpixel((x0 + 2, y0 + 2)) == (255, 255, 255)


@pytest.mark.parametrize("color", ["#C8161D", "#FFD700", "#808080", "#2E6B30", "#F2C94C", "#000000", "#FFFFFF"])
def test_text_colour_reads_on_any_brand_colour(color):
    bg, fg = readable(color)
    assert contrast(bg, fg) >= 4.5


def _tofu() -> Image.Image:
    """What the primary font draws for a character it lacks: the empty box."""
    return _glyph("\U0010FFFD", FONTS.regular.faces[0])


def _glyph(char: str, face) -> Image.Image:
    img = Image.new("L", (120, 120), 0)
    ImageDraw.Draw(img).text((10, 100), char, font=face.pil(96), fill=255, anchor="ls")
    return img


@pytest.mark.parametrize("char", list("龚䶮吉𠮷黨歐陽"))
def test_rare_characters_draw_real_glyphs(char):
    """Ext-A, Ext-B and traditional characters: found in a font, drawn, and not the box."""
    face = FONTS.regular.face_for(char)
    assert face is not None and FONTS.missing(char) == []
    glyph = _glyph(char, face)
    assert glyph.getbbox() is not None
    assert ImageChops.difference(glyph, _tofu()).getbbox() is not None


def test_demo_cards_open_with_pillow():
    site = load(REPO / "data").site
    for branch in site.branches[:3]:
        text = card_text(branch, "http://dangjian.intranet/")
        emblem = Image.open(REPO / "data" / branch.brand.emblem) if branch.brand and branch.brand.emblem else None
        for size, bleed, dpi in ((WEB, 0, None), (PRINT, mm(3), 300)):
            data = encode(render_card(text, FONTS, emblem, size, bleed), "png", dpi=dpi)
            im = Image.open(io.BytesIO(data))
            assert im.format == "PNG" and im.mode == "RGB" and im.size == size
            if dpi:
                assert round(im.info["dpi"][0]) == 300
            assert "exif" not in im.info


def test_print_size_is_a5_with_bleed_at_300_dpi():
    assert PRINT == (2551, 1819)  # (210 + 6) mm × (148 + 6) mm at 300 dpi
