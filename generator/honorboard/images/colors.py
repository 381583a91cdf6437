"""Colour arithmetic for brand colours: text that reads on them (WCAG 2 contrast).

A branch picks any ``brand.color``; its page header and card must still read. We choose
white or near-black text, whichever contrasts more, and if even that is below AA (4.5:1)
we darken the background step by step until it passes, keeping the hue.
"""

from __future__ import annotations

PARTY_RED = "#C8161D"
INK = "#222222"
WHITE = "#FFFFFF"
AA = 4.5


def _rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(v))):02X}" for v in rgb)


def luminance(color: str) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: str) -> str:
    """White or ink, whichever reads better on ``background``."""
    return WHITE if contrast(background, WHITE) >= contrast(background, INK) else INK


def readable(background: str | None) -> tuple[str, str]:
    """``(background, text)`` with contrast ≥ 4.5:1; the background darkened only if needed."""
    bg = (background or PARTY_RED).upper()
    fg = text_on(bg)
    r, g, b = _rgb(bg)
    step = 0
    while contrast(bg, fg) < AA and step < 40:
        step += 1
        factor = 1 - step * 0.025
        bg = _hex((r * factor, g * factor, b * factor))
        fg = text_on(bg)
    return bg, fg
