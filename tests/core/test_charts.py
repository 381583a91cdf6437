"""The SVG charts (site/charts.py) and the numbers they are drawn from (site/views.py): counts in
Chinese form, titles wrapped and balanced, and thousands of lectures and days summed in Python
into one chart of months, not an element per day."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from helpers import REPO
from honorboard.data import model as m
from honorboard.site import charts
from honorboard.site.views import SiteViews


@pytest.mark.parametrize("n, text", [
    (0, "0"), (7, "7"), (7975, "7,975"), (9999, "9,999"), (10_000, "1万"), (12_345, "1.2万"),
    (987_654, "98.8万"), (100_000_000, "1亿"), (250_000_000, "2.5亿"),
])
def test_counts_as_people_read_them(n, text):
    assert charts.count_text(n) == text


@pytest.mark.parametrize("title, width, lines, cut", [
    ("入党誓词的演变历史", 18, ("入党誓词的演变历史",), False),
    # balanced: two lines of ten, not eighteen and a lonely two
    ("学习贯彻党的二十大精神暨基层党建工作推进会", 18, ("学习贯彻党的二十大精神", "暨基层党建工作推进会"), False),
    # a closing mark never starts a line
    ("服务不是小事，窗口里的初心", 6, ("服务不是小事，", "窗口里的初心"), False),
    ("x" * 100, 18, ("x" * 30, "x" * 30, "x" * 28 + "…"), True),
])
def test_titles_wrap_balanced_and_cut_only_past_the_lines(title, width, lines, cut):
    assert charts.wrap(title, width, 3) == (lines, cut)


def _lecture(i: int, counted, views=None) -> m.Lecture:
    return m.Lecture(id=f"l{i}", title=f"第{i}讲", topic="党史", date=dt.date(2020, 1, 1) + dt.timedelta(days=i),
                     path=Path(f"lectures/l{i}.yml"), views=views, counted=tuple(counted))


def test_thousands_of_lectures_and_days_make_one_small_chart(tmp_path: Path):
    """2,000 lectures, each watched on 60 days over three years: the months are summed in
    Python; the page has one SVG of the last twelve months and one of the ten most watched."""
    start = dt.date(2022, 1, 1)
    lectures = tuple(_lecture(i, ((start + dt.timedelta(days=(i * 7 + k * 18) % 1096), 1 + (i + k) % 5) for k in range(60)),
                              views=i % 3 * 100)
                     for i in range(2000))
    lectures = tuple(sorted(lectures, key=lambda lec: lec.date, reverse=True))
    site = m.Site(data_dir=tmp_path, branches=(), members={}, posts=(), months=(), honor_years=(),
                  lectures=lectures, screens=())
    views = SiteViews(site)
    months = views.monthly_views()
    assert len(months) == 36 and (months[0].year, months[0].month) == (2022, 1)
    assert sum(mo.views for mo in months) == views.view_totals.counted == sum(sum(n for _, n in lec.counted) for lec in lectures)
    assert views.view_totals.total == sum(lec.total_views for lec in lectures)
    top = views.most_watched(10)
    assert [w.total for w in top] == sorted((lec.total_views for lec in lectures), reverse=True)[:10]

    from honorboard.site.pages import plan
    from honorboard.site.render import Renderer

    spec = next(s for s in plan(site) if s.url == "stats/")
    page = Renderer([REPO / "theme/honorboard"]).render(spec)
    assert page.count("<svg") == 2
    columns = re.search(r'<svg[^>]*id="hb-chart-months".*?</svg>', page, re.S).group(0)
    assert columns.count("<rect") == 12 and "hb-chart--dense" in columns
    bars = re.search(r'<svg[^>]*id="hb-chart-top".*?</svg>', page, re.S).group(0)
    assert bars.count('role="listitem"') == 10
    assert page.count("<tr>") == 1 + 36  # the table beside the chart: every month
    assert "还没有星级党员记录" in page


def _watched(title: str, before: int, counted: int):
    from honorboard.site.views import Watched

    return Watched(lecture=None, title=title, before=before, counted=counted)


def test_a_bar_is_split_only_where_its_parts_are_seen():
    """A part of 75 in 7,975 (0.9 %) would be a sliver no one sees, and a legend's key would match
    nothing: that bar is one bar and its value says the counted number. A part of 4,000 in 10,000
    is drawn in its own colour, and then (only then) a legend comes before the chart."""
    sliver = [_watched("入党誓词的演变历史", 7900, 75), _watched("窗口里的初心", 5120, 62), _watched("新课", 0, 40)]
    chart = charts.watched_bars(sliver, ident="t", title="t", width_em=16.75, wide_em=24)
    assert "hb-legend" not in chart and "hb-chart__bar--" not in chart
    assert chart.count('<rect class="hb-chart__bar" x="0%"') == 2 * 3  # one bar each, drawn for two widths
    values = re.findall(r'<text class="hb-chart__value"[^>]*>(.*?)</text>', chart)
    assert [re.sub(r"<[^>]+>", "", v) for v in values[::2]] == ["7,975次（本站 75）", "5,182次（本站 62）", "40次"]

    seen = [_watched("入党誓词的演变历史", 6000, 4000), *sliver[1:]]
    chart = charts.watched_bars(seen, ident="t", title="t", width_em=16.75, wide_em=24)
    assert chart.startswith('<p class="hb-legend" aria-hidden="true">') and "其中本站统计" in chart
    first = chart[:chart.index('role="listitem"', chart.index('role="listitem"') + 1)]
    before, counted = (float(w) for w in re.findall(r'hb-chart__bar--(?:before|counted)" x="[\d.]+%" [^>]*width="([\d.]+)%"', first)[:2])
    assert counted / (before + counted) == pytest.approx(.4, abs=.01)
    assert "hb-chart__bar--" not in chart[len(first):]  # the others stay one bar

    # 6 % of a bar is enough of it, but not where that bar is a few pixels long on a phone
    small = [_watched("大", 10_000, 0), _watched("小", 470, 30)]
    assert charts.parted([charts.watched_bar(w) for w in small], charts.SPLIT, 16.75) == [False, False]
    assert charts.parted([charts.watched_bar(w) for w in small], charts.SPLIT, None) == [False, True]


def test_a_screen_draws_one_bar_of_the_total():
    """Across a lobby a part of a few per cent is not seen: each lecture is one solid bar, no
    legend, no note, whatever its parts."""
    rows = [_watched("入党誓词的演变历史", 600, 400), _watched("窗口里的初心", 7900, 75)]
    chart = charts.watched_bars(rows, ident="s", title="s", wrap_em=20, max_lines=99, gap=.6, split_from=None)
    assert "legend" not in chart and "hb-chart__bar--" not in chart and "hb-chart__note" not in chart
    assert chart.count("<rect") == 2
    assert re.findall(r'<text class="hb-chart__value"[^>]*>(.*?)</text>', chart) == ["1,000次", "7,975次"]


def test_values_fit_after_their_bars_at_the_narrowest():
    """The longest bar leaves room for its value and note in a chart ``width_em`` wide."""
    bars_ = [charts.watched_bar(_watched("入党誓词的演变历史", 7900, 75)), charts.watched_bar(_watched("乙", 100, 0))]
    for width in (16.75, 24):
        scale = charts.bar_scale(bars_, width)
        room = width * (1 - scale / 100)
        assert room >= charts.text_em("7,975次（本站 75）") + .45 and scale > 30
    assert charts.bar_scale(bars_, None) == 74


@pytest.mark.parametrize("first, last, text", [
    ((2024, 1), (2024, 12), "2024年1月至12月"), ((2023, 6), (2024, 5), "2023年6月至2024年5月"), ((2024, 5), (2024, 5), "2024年5月"),
])
def test_month_spans_are_named(first, last, text):
    assert charts.month_span(first, last) == text


@pytest.mark.parametrize("first, last, text", [
    (dt.date(2024, 9, 2), dt.date(2024, 12, 27), "2024年9月2日至12月27日"),
    (dt.date(2023, 12, 30), dt.date(2024, 1, 2), "2023年12月30日至2024年1月2日"),
    (dt.date(2024, 9, 2), dt.date(2024, 9, 2), "2024年9月2日"),
])
def test_day_spans_are_named(first, last, text):
    assert charts.day_span(first, last) == text


def test_the_demo_page_names_its_spans_and_units():
    """The demo's stats page: two 机关党支部 told apart by their units, each on a line of its own
    under the name (not one run of text ending 局）); the star months as dates."""
    from honorboard import load
    from honorboard.site.pages import plan
    from honorboard.site.render import Renderer

    site = load(REPO / "data").site
    spec = next(s for s in plan(site) if s.url == "stats/")
    page = Renderer([REPO / "theme/honorboard"]).render(spec)
    assert '>机关党支部<span class="hb-heat__unit">（国家税务总局博兴县税务局）</span></a></th>' in page
    assert '>机关党支部<span class="hb-heat__unit">（施甸县政务服务管理局）</span></a></th>' in page
    assert '<span class="hb-nowrap">2024年1月至12月</span><span class="hb-nowrap">星级党员</span>' in page and "近12个月" not in page
    assert "截至2024年12月27日" in page
