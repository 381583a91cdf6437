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
