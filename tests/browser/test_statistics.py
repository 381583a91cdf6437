"""数据统计 in Chromium: the charts' labels are read at the page's type size on a phone (also with
large text), none runs out of its chart, the page fills a desktop and a 4K panel, the wide
table says on a phone that it scrolls, and the demo prints on one A4 sheet that names its unit
and the day its numbers run to: no navigation, black text, every chart inside the sheet."""

from __future__ import annotations

import re

import pytest

LABELS = """() => {
  const px = e => parseFloat(getComputedStyle(e).fontSize);
  // drawn text only: the bars are drawn for two widths and the stylesheet shows one
  const shown = [...document.querySelectorAll('.hb-chart text')].filter(t => t.getClientRects().length && getComputedStyle(t).display !== 'none');
  return {
    count: shown.length,
    body: px(document.querySelector('.md-typeset')),
    smallest: Math.min(...shown.map(px)),
    labels: Math.min(...[...document.querySelectorAll('.hb-chart__label')].map(px)),
    outside: shown.filter(t => { const r = t.getBoundingClientRect(), s = t.closest('svg').getBoundingClientRect();
                                 return r.left < s.left - 1 || r.right > s.right + 1 || r.top < s.top - 1 || r.bottom > s.bottom + 1; })
                  .map(t => t.textContent),
    overflow: document.documentElement.scrollWidth - innerWidth,
    // a short unit or span (单位：人次, 2024年1月至12月) on one line
    broken: [...document.querySelectorAll('.hb-nowrap')].filter(e => e.getClientRects().length > 1).map(e => e.textContent),
  };
}"""


@pytest.mark.parametrize("width", [375, 1366])
def test_chart_labels_are_readable_and_inside_their_charts(demo_url, open_page, width):
    """Chart text (lecture titles are links people read) at the size of the body text around it:
    16 px on a phone, 18 px on a desktop, 20 px and more with large text."""
    w = open_page(demo_url + "stats/", width, 900)
    for large in (False, True):
        if large:
            w.page.click(".hb-a11y button:has-text('大字')")
        found = w.page.evaluate(LABELS)
        assert found["count"] >= 20 and found["outside"] == [] and found["overflow"] <= 0, (large, found)
        assert found["smallest"] >= found["body"] * .95 and found["labels"] >= found["body"], (large, found)
        assert found["smallest"] >= (20 if large else 16), (large, found)
        assert found["broken"] == [], (large, found)
    # the most-watched chart links each title to its lecture, by keyboard too
    w.page.focus("#hb-chart-top a")
    assert w.page.evaluate("document.activeElement.getAttribute('href')").startswith("../lectures/")
    assert w.errors == [] and w.foreign == []


LAYOUT = """() => {
  const box = s => { const e = document.querySelector(s); const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, width: r.width}; };
  const content = box('.hb-stats-grid'), months = box('#hb-chart-months');
  const bottom = s => Math.max(...[...document.querySelectorAll(s + ' *')].map(e => e.getBoundingClientRect().bottom));
  return {content: content.width, table: box('.hb-heat__table').width,
          panels: [bottom('.hb-stats-months'), bottom('.hb-stats-top')], months: [months.width, months.bottom - months.top],
          hint: document.querySelector('.hb-heat-hint').offsetHeight};
}"""


@pytest.mark.parametrize("width, height", [(1366, 900), (3840, 2160)])
def test_the_page_fills_a_wide_screen(demo_url, open_page, width, height):
    """No half-empty report: the branches' table is the page's width, the months' column (chart
    and its table) ends near the ten lectures beside it, and the chart of months is not a strip."""
    w = open_page(demo_url + "stats/", width, height)
    found = w.page.evaluate(LAYOUT)
    assert found["table"] >= found["content"] - 1, found
    months, top = found["panels"]
    assert abs(months - top) <= .2 * height, found  # neither column leaves a fifth of a screen blank beside the other
    assert found["months"][0] / found["months"][1] <= 3, found
    assert found["hint"] == 0, found  # the table does not scroll here: no hint


SCROLL = """() => {
  const heat = document.querySelector('.hb-heat'), wrap = document.querySelector('.hb-heat-wrap');
  const first = document.querySelector('.hb-heat__table tbody th[scope=row]');
  return {scrolls: heat.scrollWidth > heat.clientWidth + 1, hint: document.querySelector('.hb-heat-hint').offsetHeight,
          shadow: +getComputedStyle(wrap, '::after').opacity, firstLeft: first.getBoundingClientRect().left - heat.getBoundingClientRect().left,
          lines: [...document.querySelectorAll('.hb-heat__table tbody th[scope=row] a')].map(a => [a.textContent, Math.round(a.getBoundingClientRect().height / parseFloat(getComputedStyle(a).lineHeight))]),
          overflow: document.documentElement.scrollWidth - innerWidth};
}"""


def test_the_branches_table_says_it_scrolls_on_a_phone(demo_url, open_page):
    """At 375 px the table of branches × months scrolls inside its box: a line above it says so
    and a shadow marks the edge with more to see; the branches stay put while the months move,
    and a branch told apart by its unit shows the unit on lines of its own."""
    w = open_page(demo_url + "stats/", 375, 800)
    found = w.page.evaluate(SCROLL)
    assert found["scrolls"] and found["hint"] > 0 and found["shadow"] == 1 and found["overflow"] <= 0, found
    w.page.evaluate("document.querySelector('.hb-heat').scrollLeft = 99999")
    w.page.wait_for_timeout(100)
    end = w.page.evaluate(SCROLL)
    assert end["shadow"] == 0 and abs(end["firstLeft"]) <= 1, end  # at the end: no shadow; the names did not move
    unit = w.page.evaluate("""() => [...document.querySelectorAll('.hb-heat__unit')].map(u => [u.textContent,
        u.getBoundingClientRect().top > u.closest('a').getBoundingClientRect().top + 1])""")
    assert unit and all(text.startswith("（") and below for text, below in unit), unit  # under the name
    # a name of up to eleven characters in at most two lines; name and unit in at most four
    for text, lines in found["lines"]:
        assert lines <= (4 if "（" in text else 2), found["lines"]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_prints_on_one_a4_sheet(demo_url, open_page):
    w = open_page(demo_url + "stats/", 1366, 900)
    w.page.emulate_media(media="print")
    w.page.set_viewport_size({"width": 718, "height": 1000})  # A4 less 8 mm margins, at 96 dpi
    facts = w.page.evaluate("""() => ({
      nav: ['.md-header', '.md-tabs', '.hb-a11y', '.hb-heat-hint'].map(s => document.querySelector(s)).filter(e => e && e.offsetParent !== null && e.offsetHeight).length,
      widest: Math.max(...[...document.querySelectorAll('.hb-chart, .hb-heat__table')].map(e => e.getBoundingClientRect().right)),
      inks: [...new Set([...document.querySelectorAll('.hb-chart text, .hb-chart tspan')].filter(t => t.getClientRects().length).map(t => getComputedStyle(t).fill))],
      unit: (document.querySelector('.md-copyright') || {}).offsetParent ? document.querySelector('.md-copyright').innerText.trim() : null,
      unitTop: document.querySelector('.md-copyright').getBoundingClientRect().top < document.querySelector('h1').getBoundingClientRect().top,
      asOf: document.querySelector('.hb-stats-asof').offsetHeight ? document.querySelector('.hb-stats-asof').innerText : null,
      repeat: getComputedStyle(document.querySelector('.hb-heat__table thead')).display,
    })""")
    assert facts["nav"] == 0 and facts["widest"] <= 718 and facts["inks"] == ["rgb(0, 0, 0)"], facts
    # the sheet names who issues it (the site's footer line, above the title) and the day it runs to
    assert facts["unit"] == "区直机关工委 · 党建品牌与荣誉墙（演示数据）" and facts["unitTop"], facts
    assert facts["asOf"].startswith("截至2024年12月27日"), facts
    assert facts["repeat"] == "table-header-group", facts  # a long table's head on every page
    pdf = w.page.pdf(format="A4", print_background=True)
    assert _pages(pdf) == 1 and len(pdf) > 10_000
    # the screen is not changed by it: the footer stays where it was, the line is not shown
    w.page.emulate_media(media="screen")
    assert w.page.evaluate("document.querySelector('.hb-stats-asof').offsetHeight") == 0


def test_stats_slide_with_long_titles_fits_every_panel(project, build_site, browser):
    """Titles of forty characters take two lines each on the lobby screen: fewer lectures on
    the slide, none cut, no text smaller than 36 px per 1080 px, nothing outside the panel; each
    lecture one solid bar, no legend."""
    data = project / "data"
    (data / "stats").mkdir()
    (data / "stats/2024-05.yml").write_text(
        "views:\n  - {date: 2024-05-02, lecture: oath, count: 3}\n  - {date: 2024-05-03, lecture: guest, count: 2}\n",
        encoding="utf-8")
    long = "学习贯彻习近平新时代中国特色社会主义思想主题教育专题党课之基层党建与业务深度融合"
    for name, old in (("oath", "title: 入党誓词的演变历史"), ("guest", "title: 老渤海抗日精神")):
        path = data / f"lectures/{name}.yml"
        path.write_text(path.read_text(encoding="utf-8").replace(old, f"title: {long}{name}"), encoding="utf-8")
    (data / "screens/lobby.yml").write_text("name: 一楼大厅\nslides:\n  - show: stats\n", encoding="utf-8")
    url = build_site(project, "stats-long") + "screens/lobby/?preview"
    for width, height in ((1920, 1080), (1080, 1920)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_function("window.honorboardScreen && window.honorboardScreen.current() === 0")
        found = page.evaluate("""() => {
          const slide = document.querySelector('.slide--stats'), box = slide.getBoundingClientRect();
          const texts = [...slide.querySelectorAll('text, h1, h2, p > span')];
          return {
            lectures: slide.querySelectorAll('[role=listitem]').length,
            bars: slide.querySelectorAll('[role=listitem] rect').length,
            fills: [...new Set([...slide.querySelectorAll('[role=listitem] rect')].map(r => getComputedStyle(r).fill))],
            legend: slide.querySelectorAll('[class*=legend]').length,
            smallest: Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize))),
            outside: texts.filter(t => { const r = t.getBoundingClientRect();
              return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1; }).map(t => t.textContent),
            cut: slide.textContent.includes('…'),
          };
        }""")
        context.close()
        assert found["lectures"] >= 1 and found["outside"] == [] and not found["cut"], (width, found)
        assert found["smallest"] >= 36 * min(width, height) / 1080 - 0.5, (width, found)
        assert found["bars"] == found["lectures"] and found["fills"] == ["rgb(242, 201, 76)"] and found["legend"] == 0, (width, found)
