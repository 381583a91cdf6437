"""The brand card of a branch: 1200×630 for screens and chats, and A5 at 300 dpi for print.

Layout (look.md): the brand colour fills the card; the brand name is the largest text, then
the slogan, then the branch; the current rating with stars and up to three highlights below;
a QR code to the branch page, black on white with its quiet zone, at ≥ 20 % of the short side.
Every size is derived from the canvas, so both formats share one layout. Safe margins are
≥ 6 % of the short side (plus the 3 mm bleed on the print size).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import Image, ImageDraw

from .colors import contrast, readable
from .fonts import FontSet
from .text import draw_block, draw_line, fit_block

GOLD = (242, 201, 76)
WEB = (1200, 630)
PRINT_DPI = 300
BLEED_MM = 3.0
A5_MM = (210.0, 148.0)  # landscape


def mm(value: float, dpi: int = PRINT_DPI) -> int:
    return round(value / 25.4 * dpi)


PRINT = (mm(A5_MM[0] + 2 * BLEED_MM), mm(A5_MM[1] + 2 * BLEED_MM))  # 2551×1819 px


@dataclass(frozen=True)
class CardText:
    """Everything a card shows, as plain values (sent to worker processes)."""

    brand: str
    slogan: str
    branch: str
    unit: str
    rating: str
    stars: int
    highlights: tuple[str, ...]
    color: str | None
    qr_url: str | None


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


def _rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def star_points(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    """A five-pointed star (drawn, so it never depends on a font's ★)."""
    pts = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return pts


def qr_image(url: str, size: int) -> Image.Image:
    """Black on white with a 4-module quiet zone, scaled by whole modules (sharp edges)."""
    import segno

    qr = segno.make(url, error="m")
    matrix = [list(row) for row in qr.matrix]
    n = len(matrix) + 8
    module = max(1, size // n)
    img = Image.new("L", (n * module, n * module), 255)
    draw = ImageDraw.Draw(img)
    for y, row in enumerate(matrix):
        for x, on in enumerate(row):
            if on:
                draw.rectangle(((x + 4) * module, (y + 4) * module, (x + 5) * module - 1, (y + 5) * module - 1), fill=0)
    return img.convert("RGB")


def render_card(card: CardText, fonts: FontSet, emblem: Image.Image | None, size: tuple[int, int],
                bleed: int = 0, boxes: list | None = None) -> Image.Image:
    """Draw the card. ``boxes``, if given, receives ``(label, (x0, y0, x1, y1))`` of every
    block drawn, so tests can check that nothing leaves the safe area or overlaps."""
    boxes = [] if boxes is None else boxes
    W, H = size
    bg_hex, fg_hex = readable(card.color)
    bg, fg = _rgb(bg_hex), _rgb(fg_hex)
    img = Image.new("RGB", (W, H), bg)
    draw = ImageDraw.Draw(img)
    short = min(W, H) - 2 * bleed
    m = bleed + round(short * 0.075)  # safe margin ≥ 6 % of the short side
    u = short / 630  # one unit of the 1200×630 design

    # a gold rule along the bottom edge (bleeds off the edge on the print size)
    draw.rectangle((0, H - bleed - round(14 * u), W, H), fill=GOLD)

    # right column: the QR code on white, ≥ 20 % of the short side
    right = W - m
    if card.qr_url:
        qr_side = round(short * 0.34)
        qr = qr_image(card.qr_url, qr_side)
        qx, qy = right - qr.width, m
        img.paste(qr, (qx, qy))
        boxes.append(("qr", (qx, qy, qx + qr.width, qy + qr.height)))
        caption = fit_block("扫码查看支部", fonts.regular, qr.width, 1, round(24 * u), round(18 * u))
        cy = draw_block(draw, qx, qy + qr.height + 10 * u, caption, fonts.regular, fg, align="center", width=qr.width)
        boxes.append(("qr-caption", (qx, qy + qr.height, qx + qr.width, cy)))
        right = qx - round(40 * u)

    x, y = m, m
    text_w = right - x
    # header: emblem, then unit and branch beside it
    if emblem is not None:
        side = round(112 * u)
        disc = Image.new("L", (side * 4, side * 4), 0)
        ImageDraw.Draw(disc).ellipse((0, 0, side * 4 - 1, side * 4 - 1), fill=255)
        disc = disc.resize((side, side), Image.Resampling.LANCZOS)
        plate = Image.new("RGB", (side, side), (255, 255, 255))
        inner = round(side * 0.84)
        logo = emblem.convert("RGBA")
        logo.thumbnail((inner, inner), Image.Resampling.LANCZOS)
        plate.paste(logo, ((side - logo.width) // 2, (side - logo.height) // 2), logo)
        img.paste(plate, (x, y), disc)
        boxes.append(("emblem", (x, y, x + side, y + side)))
        head_x = x + side + round(24 * u)
    else:
        side, head_x = round(112 * u), x
    head_w = right - head_x
    unit = fit_block(card.unit, fonts.regular, head_w, 1, round(28 * u), round(20 * u)) if card.unit else None
    # a branch without a brand shows its name as the big line: do not say it twice
    branch = fit_block(card.branch, fonts.bold, head_w, 1, round(36 * u), round(24 * u)) if card.branch != card.brand else None
    hy = y + (side - ((branch.size * 1.3 if branch else 0) + (unit.size * 1.3 if unit else 0))) / 2
    top = hy
    if unit:
        hy = draw_block(draw, head_x, hy, unit, fonts.regular, fg)
    if branch:
        hy = draw_block(draw, head_x, hy, branch, fonts.bold, fg)
    boxes.append(("branch", (head_x, top, right, hy)))

    # foot first (rating, highlights): the body takes the room between header and foot
    foot_y = H - bleed - round(14 * u) - m - round(104 * u)

    # body: brand name (largest), then the slogan in the lines that remain
    y = m + side + round(36 * u)
    name = fit_block(card.brand, fonts.serif, text_w, 2, round(104 * u), round(56 * u), step=max(2, round(4 * u)))
    top = y
    y = draw_block(draw, x, y, name, fonts.serif, fg, leading=1.2)
    boxes.append(("brand", (x, top, right, y)))
    if card.slogan:
        smallest = round(26 * u)
        room = foot_y - round(40 * u) - (y + round(12 * u))
        max_lines = max(1, min(3, int(room // (smallest * 1.35))))
        slogan = fit_block(card.slogan, fonts.regular, text_w, max_lines, round(40 * u), smallest)
        top = y + round(12 * u)
        y = draw_block(draw, x, top, slogan, fonts.regular, fg, leading=1.35)
        boxes.append(("slogan", (x, top, right, y)))

    # foot: rating with drawn stars, highlights as outlined chips
    star_color = GOLD if contrast("#%02X%02X%02X" % GOLD, bg_hex) >= 1.8 else fg
    fx = x
    if card.rating:
        rating = fit_block(card.rating, fonts.bold, text_w * 0.6, 1, round(34 * u), round(24 * u))
        end = draw_line(draw, fx, foot_y + rating.size, rating.lines[0], fonts.bold, rating.size, fg)
        r = rating.size * 0.45
        sx = end + round(16 * u) + r
        for i in range(5 if card.stars else 0):
            fill = star_color if i < card.stars else None
            draw.polygon(star_points(sx, foot_y + rating.size * 0.62, r), fill=fill,
                         outline=star_color if fill is None else None, width=max(2, round(2 * u)))
            sx += r * 2.3
        boxes.append(("rating", (fx, foot_y, sx, foot_y + rating.size * 1.3)))
    if card.highlights:
        cy = foot_y + round(52 * u)
        size = round(24 * u)
        pad = round(14 * u)
        for text in card.highlights[:3]:
            label = fit_block(text, fonts.regular, text_w / 3 - 2 * pad, 1, size, round(18 * u))
            w = fonts.regular.width(label.lines[0], label.size) + 2 * pad
            if fx + w > right:
                break
            draw.rounded_rectangle((fx, cy, fx + w, cy + label.size * 1.7), radius=round(8 * u), outline=fg,
                                   width=max(2, round(2 * u)))
            draw_line(draw, fx + pad, cy + label.size * 1.25, label.lines[0], fonts.regular, label.size, fg)
            boxes.append(("highlight", (fx, cy, fx + w, cy + label.size * 1.7)))
            fx += w + round(14 * u)
    return img
