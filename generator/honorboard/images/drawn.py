"""Pictures drawn when data has none: member avatars and lecture covers."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw

from .fonts import FontSet
from .text import draw_block, fit_block


def _rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def avatar(text: str, color: str, size: tuple[int, int], fonts: FontSet) -> Image.Image:
    """``text`` (the given name's last two characters) on a colour from the id, ``size`` = (w, h)."""
    side, tall = size
    img = Image.new("RGB", (side, tall), _rgb(color))
    draw = ImageDraw.Draw(img)
    inner = side * 0.8
    block = fit_block(text, fonts.serif, inner, 1, round(side * (0.42 if len(text) <= 2 else 0.3)), round(side * 0.16))
    width = fonts.serif.width(block.lines[0], block.size)
    draw_block(draw, (side - width) / 2, (tall - block.size) / 2 - block.size * 0.06, block, fonts.serif, (255, 255, 255))
    # a thin gold ring, like the frames on a physical honor board
    ring = max(2, side // 60)
    draw.rectangle((ring, ring, side - ring - 1, tall - ring - 1), outline=(242, 201, 76), width=ring)
    return img


@dataclass(frozen=True)
class CoverText:
    title: str
    speaker: str
    episode: int | None
    topic: str
    color: str


def cover(text: CoverText, size: tuple[int, int], fonts: FontSet) -> Image.Image:
    """A lecture cover: topic colour, title large, 第N期 and the speaker below."""
    W, H = size
    base = _rgb(text.color)
    img = Image.new("RGB", (W, H), base)
    draw = ImageDraw.Draw(img)
    # a diagonal shade from the topic colour to deep red-black: depth without pictures
    for i in range(H):
        t = i / H
        row = tuple(round(c * (1 - 0.55 * t) + 30 * 0.55 * t) for c in base)
        draw.line((0, i, W, i), fill=row)
    m = round(H * 0.09)
    white, gold = (255, 255, 255), (242, 201, 76)
    kicker = f"第{text.episode}期 · {text.topic}" if text.episode else text.topic
    k = fit_block(kicker, fonts.bold, W - 2 * m, 1, round(H * 0.075), round(H * 0.05))
    y = draw_block(draw, m, m, k, fonts.bold, gold)
    draw.rectangle((m, y + H * 0.02, m + W * 0.12, y + H * 0.02 + max(3, H // 120)), fill=gold)
    title = fit_block(text.title, fonts.serif, W - 2 * m, 3, round(H * 0.15), round(H * 0.08))
    y = draw_block(draw, m, y + H * 0.08, title, fonts.serif, white, leading=1.25)
    who = fit_block(f"主讲：{text.speaker}", fonts.regular, W - 2 * m, 1, round(H * 0.065), round(H * 0.045))
    draw_block(draw, m, H - m - who.size * 1.2, who, fonts.regular, white)
    return img
