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


def month_span(first: tuple[int, int], last: tuple[int, int]) -> str:
    """Months (year, month) from ``first`` to ``last`` as people write them: 2024年1月至12月,
    2023年6月至2024年5月; one month alone: 2024年5月."""
    (y1, m1), (y2, m2) = first, last
    if (y1, m1) == (y2, m2):
        return f"{y1}年{m1}月"
    return f"{y1}年{m1}月至{m2}月" if y1 == y2 else f"{y1}年{m1}月至{y2}年{m2}月"


def span_of(months: Sequence) -> str:
    """``month_span`` of the first and last of ``months`` (objects with a year and a month)."""
    return month_span((months[0].year, months[0].month), (months[-1].year, months[-1].month))


def day_span(first, last) -> str:
    """Days from ``first`` to ``last`` (dates): 2024年9月2日至12月27日; the year once when it is one."""
    head = f"{first.year}年{first.month}月{first.day}日"
    if first == last:
        return head
    tail = f"{last.month}月{last.day}日" if last.year == first.year else f"{last.year}年{last.month}月{last.day}日"
    return f"{head}至{tail}"


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
    note: str = ""  # after the value, lighter: （本站 75）

    @property
    def total(self) -> int:
        return sum(v for _, v in self.parts)


LINE = 1.35  # em from one line of a label to the next
SPLIT = .05  # a bar shows its parts only when the smallest is this share of it: a sliver is not seen


def split(bar: Bar, least: float | None = SPLIT) -> bool:
    """Whether ``bar`` may be drawn in its parts: more than one, the smallest ``least`` of it."""
    shown = [v for _, v in bar.parts if v]
    return least is not None and len(shown) > 1 and min(shown) >= least * sum(shown)


def text_em(text: str) -> float:
    """How wide ``text`` is drawn, in em (an estimate on the wide side)."""
    return sum(map(_em, text))


def bar_rows(bars: Sequence[Bar], wrap_em: float, max_lines: int) -> list[tuple[Bar, tuple[str, ...], bool]]:
    """Each bar with its label's lines and whether the label was cut."""
    return [(b, *wrap(b.label, wrap_em, max_lines)) for b in bars]


def bars_height(rows, gap: float = .9) -> float:
    """How tall ``bar_rows`` are drawn, in em: a line per label line, the bar, the gap."""
    return sum(len(lines) * LINE + 1.45 + gap for _, lines, _ in rows) + .2


def bar_scale(bars_: Sequence[Bar], width_em: float | None, scale: float = 74) -> float:
    """The per cent of the width the longest bar takes: ``scale``, or less where a bar's value
    (and note) would not fit after it in a chart ``width_em`` wide (the narrowest it is drawn)."""
    most = max((b.total for b in bars_), default=0) or 1
    if width_em is None:
        return scale
    for b in bars_:
        room = width_em - text_em(b.value_text + b.note) - .6  # the value's gap before it, and a little air
        share = b.total / most
        if share:
            scale = min(scale, 100 * room / width_em / share)
    return max(scale, 20.0)


SEEN = .5  # em: the narrowest part of a bar that is drawn as a part of its own


def bars(bars_: Sequence[Bar], *, ident: str, title: str, wrap_em: float = 16, max_lines: int = 3,
         scale: float = 74, gap: float = .9, split_from: float | None = SPLIT, width_em: float | None = None,
         wide_em: float | None = None) -> Markup:
    """A horizontal bar per row, its label (a link when ``href``) above it and its value after
    it; the longest bar takes ``scale`` per cent of the width, less where ``width_em`` (the
    narrowest the chart is drawn, in em of its type) leaves too little room for a value after it.

    With ``wide_em`` the bars and values are drawn twice, ``hb-chart__fit--narrow`` for the
    narrowest width and ``hb-chart__fit--wide`` for ``wide_em`` and wider (longer bars), for the
    stylesheet to show one of them; the labels and links are there once.

    A bar is drawn in its parts only where the smallest is ``split_from`` of the bar and
    ``SEEN`` wide at the narrowest (a part of a few pixels is not seen, and would leave a
    legend's key matching nothing); otherwise it is one bar, and its value's note says the rest.
    The chart is a list people read as text (titles are links, values are words), so it is a
    ``role="list"`` of ``listitem`` groups, not a picture described by its title.
    """
    rows = bar_rows(bars_, wrap_em, max_lines)
    most = max((b.total for b in bars_), default=0) or 1
    narrow = bar_scale(bars_, width_em, scale)
    parts = iter(parted(bars_, split_from, width_em, scale))
    fits = [("", narrow)] if wide_em is None else [("narrow", narrow), ("wide", bar_scale(bars_, wide_em, scale))]
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
        in_parts = next(parts)
        for fit, sc in fits:
            drawn = _bar(b, in_parts, y, sc / most)
            item.append(f'<g class="hb-chart__fit hb-chart__fit--{fit}">{drawn}</g>' if fit else drawn)
        y += 1.1 + gap
        body.append(f'<g role="listitem">{"".join(item)}</g>')
    return _frame(ident, "hb-chart--bars", y, title, "", body, role="list")


def parted(bars_: Sequence[Bar], least: float | None, width_em: float | None, scale: float = 74) -> list[bool]:
    """Which of ``bars_`` are drawn in parts: those ``split`` allows whose smallest part is
    ``SEEN`` wide where the chart is narrowest (``width_em``; where that is not known, any)."""
    most = max((b.total for b in bars_), default=0) or 1
    em_per_view = bar_scale(bars_, width_em, scale) * (width_em or 0) / 100 / most
    return [split(b, least) and (not em_per_view or min(v for _, v in b.parts if v) * em_per_view >= SEEN)
            for b in bars_]


def _bar(b: Bar, in_parts: bool, y: float, per_view: float) -> str:
    """A row's bar (in parts, or one at least thin so a small count is seen) and its value after it,
    ``per_view`` per cent of the width for each unit of value."""
    out, end = [], 0.0
    if in_parts:
        for cls, v in b.parts:
            if v:
                out.append(f'<rect class="hb-chart__bar hb-chart__bar--{escape(cls)}" x="{_num(end)}%" '
                           f'y="{_num(y)}em" width="{_num(per_view * v)}%" height="1.1em"/>')
            end += per_view * v
    elif b.total:
        end = max(per_view * b.total, .4)
        out.append(f'<rect class="hb-chart__bar" x="0%" y="{_num(y)}em" width="{_num(end)}%" height="1.1em"/>')
    value = escape(b.value_text)
    if b.note:
        value += Markup('<tspan class="hb-chart__note">{}</tspan>').format(b.note)
    out.append(f'<text class="hb-chart__value" x="{_num(end)}%" y="{_num(y + .88)}em" dx=".45em">{value}</text>')
    return "".join(out)


# --- the site's charts, from the views' numbers ---------------------------------------------------

def month_columns(months: Sequence, *, ident: str, title: str, height: float = 13) -> Markup:
    """Counted views per month (``views.MonthCount``), a year mark under each year's first month."""
    points = [Column(f"{m.month}月", m.views, f"{m.year}年" if i == 0 or m.month == 1 else "")
              for i, m in enumerate(months)]
    desc = ""
    if months:
        best = max(months, key=lambda m: m.views)
        span = span_of(months)
        desc = (f"{span}每月观看次数，合计{count_text(sum(m.views for m in months))}次；"
                f"最多的是{best.label}，{count_text(best.views)}次。")
    return columns(points, ident=ident, title=title, desc=desc, height=height)


def watched_bars(rows: Sequence, href=None, *, ident: str, title: str, wrap_em: float = 16, max_lines: int = 3,
                 gap: float = .9, split_from: float | None = SPLIT, width_em: float | None = None,
                 wide_em: float | None = None) -> Markup:
    """The most-watched lectures (``views.Watched``): a bar each for its views, the title a link
    to the lecture (``href(lecture)``).

    With ``split_from`` (the page) a bar of views from before the site and views the site counted
    shows the counted part in its own colour where that part is big enough to see, its value says
    the counted number (7,975次（本站 75）), and a legend comes before the chart when some bar
    is split. Without (a lobby screen, read from metres away) each bar is one bar of the total."""
    drawn = [watched_bar(w, href, notes=split_from is not None) for w in rows]
    chart = bars(drawn, ident=ident, title=title, wrap_em=wrap_em, max_lines=max_lines, gap=gap,
                 split_from=split_from, width_em=width_em, wide_em=wide_em)
    if not any(parted(drawn, split_from, width_em)):  # one colour: nothing for a legend to tell
        return chart
    legend = Markup('<p class="hb-legend" aria-hidden="true"><span><span class="hb-legend__key"></span>累计观看</span>'
                    '<span><span class="hb-legend__key hb-legend__key--counted"></span>其中本站统计</span></p>')
    return legend + chart


def watched_bar(w, href=None, notes: bool = True) -> Bar:
    """A lecture's bar: its views before the site and those counted, and with ``notes`` the
    counted number after the total where it has both."""
    note = f"（本站 {count_text(w.counted)}）" if notes and w.before and w.counted else ""
    return Bar(w.title, (("before", w.before), ("counted", w.counted)), count_text(w.total) + "次",
               href(w.lecture) if href else None, note)
