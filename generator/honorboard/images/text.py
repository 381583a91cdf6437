"""Drawing text with per-character font fallback, on a shared baseline."""

from __future__ import annotations

from PIL import ImageDraw

from .fonts import FontChain
from .layout import Fit, fit


def measure_at(chain: FontChain):
    """``size -> (text -> width)`` for ``layout.fit``."""
    return lambda size: (lambda text: chain.width(text, size))


def draw_line(draw: ImageDraw.ImageDraw, x: float, baseline: float, text: str, chain: FontChain,
              size: int, fill) -> float:
    """Draw one line from ``x`` on ``baseline``; returns the x after it."""
    for face, run in chain.runs(text):
        font = face.pil(size)
        draw.text((x, baseline), run, font=font, fill=fill, anchor="ls")
        x += font.getlength(run)
    return x


def draw_block(draw: ImageDraw.ImageDraw, x: float, top: float, block: Fit, chain: FontChain, fill,
               leading: float = 1.3, align: str = "left", width: float = 0) -> float:
    """Draw a fitted block of lines from ``top``; returns the y below its last line."""
    size = block.size
    ascent = size * 0.88  # CJK faces put the baseline ≈ 0.88 em below the top of the em box
    y = top
    for line in block.lines:
        lx = x
        if align == "center" and width:
            lx = x + (width - chain.width(line, size)) / 2
        draw_line(draw, lx, y + ascent, line, chain, size, fill)
        y += size * leading
    return y


def fit_block(text: str, chain: FontChain, width: float, max_lines: int, largest: int, smallest: int,
              step: int = 2) -> Fit:
    sizes = range(largest, smallest - 1, -step)
    return fit(text, measure_at(chain), width, max_lines, sizes)
