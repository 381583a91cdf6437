"""Drawing text with per-character font fallback, on a shared baseline."""

from __future__ import annotations

from PIL import Image, ImageDraw

from .fonts import COLOR_STRIKE, Face, FontChain
from .layout import Fit, fit


def measure_at(chain: FontChain):
    """``size -> (text -> width)`` for ``layout.fit``."""
    return lambda size: (lambda text: chain.width(text, size))


def draw_line(draw: ImageDraw.ImageDraw, x: float, baseline: float, text: str, chain: FontChain,
              size: int, fill) -> float:
    """Draw one line from ``x`` on ``baseline``; returns the x after it."""
    for face, run in chain.runs(text):
        if face.color:
            _draw_color(draw, x, baseline, run, face, size)
        else:
            draw.text((x, baseline), run, font=face.pil(size), fill=fill, anchor="ls")
        x += face.length(run, size)
    return x


def _draw_color(draw: ImageDraw.ImageDraw, x: float, baseline: float, run: str, face: Face, size: int) -> None:
    """Colour emoji: drawn at the font's one bitmap size, scaled to ``size``, laid on the baseline."""
    font = face.pil(size)
    ascent, descent = font.getmetrics()
    strike = Image.new("RGBA", (max(1, round(font.getlength(run))), ascent + descent), (0, 0, 0, 0))
    ImageDraw.Draw(strike).text((0, ascent), run, font=font, embedded_color=True, anchor="ls")
    scale = size / COLOR_STRIKE
    scaled = strike.resize((max(1, round(strike.width * scale)), max(1, round(strike.height * scale))),
                           Image.Resampling.LANCZOS)
    target = draw._image  # ImageDraw keeps the image it draws on; pasting needs it
    box = (round(x), round(baseline - ascent * scale))
    if target.mode == "RGBA":
        target.alpha_composite(scaled, box)
    else:
        target.paste(scaled, box, scaled)


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
