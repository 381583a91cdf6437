"""Charts as inline SVG, drawn at build time: no script, no chart library, no request.

Geometry: across, per cent of the chart's width; down, em of its type size. A chart is as wide
as its column on a 375 px phone, a desktop page, a sheet of A4 or a lobby panel, and its labels
stay at the size of the text around them (and grow with the large-text switch), where a
``viewBox`` scaled to fit would shrink them below reading size on a phone. Lecture titles are
wrapped here to a width in em that fits the narrowest column they are drawn in.

Every chart is one ``<svg>`` however many points it has (the caller sums days into months),
with a ``<title>`` and ``<desc>`` (or, for the lecture bars, its text and links readable as they
are). All text is escaped here: callers pass plain strings.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Sequence

from markupsafe import Markup, escape

_NO_LINE_START = set("，。、；：！？）》」』】〉”’…·,.;:!?)]}%")
_NO_LINE_END = set("（《「『【〈“‘([{")


def count_text(n: int) -> str:
    """A count as people read it: 7,975; from ten thousand on in 万 (12.3万), then 亿."""
    if n < 10_000:
        return f"{n:,}"
    for unit, size in (("亿", 100_000_000), ("万", 10_000)):
        if n >= size:
            short = f"{n / size:.1f}".removesuffix(".0")
            return short + unit
    return f"{n:,}"  # pragma: no cover


def _em(ch: str) -> float:
    """A character's advance in em: CJK and full-width one, the rest about half."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufe0f":
        return 0.0
    return 0.6


def _latin(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def wrap(text: str, width: float, max_lines: int) -> tuple[tuple[str, ...], bool]:
    """``text`` in lines of at most ``width`` em (a closing mark stays with the character before
    it, an opening one goes with the one after), at most ``max_lines``; the second value says
    whether the text was cut (the last line then ends in …).

    Lines are balanced, as ``text-wrap: balance`` does in the page: as many lines as ``width``
    needs, each as short as that allows, so no line holds one lonely character."""
    lines = _lines(text, width)
    if 1 < len(lines) <= max_lines:
        low, high = width / len(lines), width  # the narrowest width that needs no more lines
        for _ in range(12):
            mid = (low + high) / 2
            if len(_lines(text, mid)) <= len(lines):
                high = mid
            else:
                low = mid
        return tuple(_lines(text, high)), False
    if len(lines) <= max_lines:
        return tuple(lines), False
    last = lines[max_lines - 1]
    while last and sum(map(_em, last)) + 1 > width:
        last = last[:-1]
    return (*lines[:max_lines - 1], last + "…"), True


def _lines(text: str, width: float) -> list[str]:
    lines: list[str] = []
    line, used = "", 0.0
    for ch in " ".join(text.split()):
        w = _em(ch)
        if used + w > width and line and ch not in _NO_LINE_START:
            carry = ""
            while line and line[-1] in _NO_LINE_END and len(carry) < 2:
                carry, line = line[-1] + carry, line[:-1]
            if _latin(ch) and line and _latin(line[-1]):  # a word of Latin letters moves whole, if not too long
                space = line.rfind(" ")
                if space > len(line) // 2:
                    carry, line = line[space + 1:] + carry, line[:space + 1]
            lines.append(line.rstrip())
            line, used = carry.lstrip(), sum(map(_em, carry.lstrip()))
            if ch == " " and not line:
                continue
        line += ch
        used += w
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _text(x: str, y: float, body: str, cls: str, anchor: str | None = None, dx: float | None = None) -> str:
    attrs = f' x="{x}" y="{_num(y)}em"'
    if dx is not None:
        attrs += f' dx="{_num(dx)}em"'
    if anchor:
        attrs += f' text-anchor="{anchor}"'
    return f'<text class="{cls}"{attrs}>{escape(body)}</text>'


def _frame(ident: str, cls: str, height: float, title: str, desc: str, body: list[str], role: str = "img") -> Markup:
    labelled = f"{ident}-t {ident}-d" if desc else f"{ident}-t"
    head = f'<title id="{ident}-t">{escape(title)}</title>'
    if desc:
        head += f'<desc id="{ident}-d">{escape(desc)}</desc>'
    return Markup(f'<svg class="hb-chart {cls}" id="{escape(ident)}" width="100%" height="{_num(height)}em" '
                  f'role="{role}" aria-labelledby="{labelled}" xmlns="http://www.w3.org/2000/svg">'
                  + head + "".join(body) + "</svg>")


# --- columns: a count per month ------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    tick: str  # under the column: 9月
    value: int
    mark: str = ""  # under the tick, where a year starts: 2024年


def columns(points: Sequence[Column], *, ident: str, title: str, desc: str = "", height: float = 13,
            dense_from: int = 7, unit: str = "") -> Markup:
    """A column per point, its count above it, ticks (and year marks) under the baseline.

    From ``dense_from`` points on the chart is marked dense: the stylesheet may then hide every
    other tick (never the latest's) and the counts on a narrow screen, where the table beside
    the chart gives them.
    """
    n = len(points)
    top, bottom = 1.7, 2.9  # room for the counts above, the ticks and year marks below
    base = height - bottom
    most = max((p.value for p in points), default=0) or 1
    slot = 100 / max(n, 1)
    body = []
    for i, p in enumerate(points):
        h = (base - top) * p.value / most
        centre = f"{_num(slot * (i + .5))}%"
        alt = " hb-chart__alt" if (n - 1 - i) % 2 else ""
        if p.value:
            h = max(h, .15)  # a small count still shows as a column
            body.append(f'<rect class="hb-chart__bar" x="{_num(slot * (i + .2))}%" y="{_num(base - h)}em" '
                        f'width="{_num(slot * .6)}%" height="{_num(h)}em"/>')
        body.append(_text(centre, base - h - .4, count_text(p.value) + unit, "hb-chart__value" + alt, "middle"))
        body.append(_text(centre, base + 1.3, p.tick, "hb-chart__tick" + alt, "middle"))
        if p.mark:
            body.append(_text(centre, base + 2.55, p.mark, "hb-chart__mark", "middle"))
    body.append(f'<line class="hb-chart__axis" x1="0" x2="100%" y1="{_num(base)}em" y2="{_num(base)}em"/>')
    return _frame(ident, "hb-chart--columns" + (" hb-chart--dense" if n >= dense_from else ""), height, title, desc, body)


# --- bars: lectures by views, their titles above the bars -------------------------------------

@dataclass(frozen=True)
class Bar:
    label: str
    parts: tuple[tuple[str, int], ...]  # (class suffix, value) laid end to end
    value_text: str  # after the bar: 7,975次
    href: str | None = None

    @property
    def total(self) -> int:
        return sum(v for _, v in self.parts)


LINE = 1.35  # em from one line of a label to the next


def bar_rows(bars: Sequence[Bar], wrap_em: float, max_lines: int) -> list[tuple[Bar, tuple[str, ...], bool]]:
    """Each bar with its label's lines and whether the label was cut."""
    return [(b, *wrap(b.label, wrap_em, max_lines)) for b in bars]


def bars_height(rows, gap: float = .9) -> float:
    """How tall ``bar_rows`` are drawn, in em: a line per label line, the bar, the gap."""
    return sum(len(lines) * LINE + 1.45 + gap for _, lines, _ in rows) + .2


def bars(bars_: Sequence[Bar], *, ident: str, title: str, wrap_em: float = 18, max_lines: int = 3,
         scale: float = 74, gap: float = .9) -> Markup:
    """A horizontal bar per row, its label (a link when ``href``) above it and its value after
    it; the longest bar takes ``scale`` per cent of the width, the rest is room for the value.

    The chart is a list people read as text (titles are links, values are words), so it is a
    ``role="list"`` of ``listitem`` groups, not a picture described by its title.
    """
    rows = bar_rows(bars_, wrap_em, max_lines)
    most = max((b.total for b in bars_), default=0) or 1
    body, y = [], .2
    for b, lines, cut in rows:
        item = []
        spans = "".join(f'<tspan x="0" y="{_num(y + 1 + k * LINE)}em">{escape(line)}</tspan>'
                        for k, line in enumerate(lines))
        label = f'<text class="hb-chart__label">{spans}</text>'
        if b.href:
            name = f' aria-label="{escape(b.label)}"' if cut else ""
            label = f'<a href="{escape(b.href)}"{name}>{label}</a>'
        item.append(label)
        y += len(lines) * LINE + .35
        x = end = 0.0
        for cls, v in b.parts:
            w = scale * v / most
            if v:  # a small part is drawn at least thin, so it is seen
                item.append(f'<rect class="hb-chart__bar hb-chart__bar--{escape(cls)}" x="{_num(x)}%" y="{_num(y)}em" '
                            f'width="{_num(max(w, .4))}%" height="1.1em"/>')
                end = max(end, x + max(w, .4))
            x += w
        item.append(_text(f"{_num(end)}%", y + .88, b.value_text, "hb-chart__value", dx=.45))
        y += 1.1 + gap
        body.append(f'<g role="listitem">{"".join(item)}</g>')
    return _frame(ident, "hb-chart--bars", y, title, "", body, role="list")


# --- the site's charts, from the views' numbers ---------------------------------------------------

def month_columns(months: Sequence, *, ident: str, title: str, height: float = 13) -> Markup:
    """Counted views per month (``views.MonthCount``), a year mark under each year's first month."""
    points = [Column(f"{m.month}月", m.views, f"{m.year}年" if i == 0 or m.month == 1 else "")
              for i, m in enumerate(months)]
    desc = ""
    if months:
        best = max(months, key=lambda m: m.views)
        span = months[0].label if len(months) == 1 else f"{months[0].label}至{months[-1].label}"
        desc = (f"{span}每月观看次数，合计{count_text(sum(m.views for m in months))}次；"
                f"最多的是{best.label}，{count_text(best.views)}次。")
    return columns(points, ident=ident, title=title, desc=desc, height=height)


def watched_bars(rows: Sequence, href=None, *, ident: str, title: str, wrap_em: float = 18, max_lines: int = 3,
                 gap: float = .9) -> Markup:
    """The most-watched lectures (``views.Watched``): a bar each, the views from before the site
    and those counted laid end to end, the title a link to the lecture (``href(lecture)``)."""
    return bars([watched_bar(w, href) for w in rows], ident=ident, title=title, wrap_em=wrap_em,
                max_lines=max_lines, gap=gap)


def watched_bar(w, href=None) -> Bar:
    return Bar(w.title, (("before", w.before), ("counted", w.counted)), count_text(w.total) + "次",
               href(w.lecture) if href else None)
