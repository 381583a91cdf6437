"""数据统计 in Chromium: the charts' labels are read at the page's type size on a phone (also with
large text), none runs out of its chart, and the page prints on A4: no navigation, black text,
every chart inside the sheet."""

from __future__ import annotations

import pytest

LABELS = """() => {
  const shown = [...document.querySelectorAll('.hb-chart text')].filter(t => getComputedStyle(t).display !== 'none');
  return {
    count: shown.length,
    smallest: Math.min(...shown.map(t => parseFloat(getComputedStyle(t).fontSize))),
    outside: shown.filter(t => { const r = t.getBoundingClientRect(), s = t.closest('svg').getBoundingClientRect();
                                 return r.left < s.left - 1 || r.right > s.right + 1 || r.top < s.top - 1 || r.bottom > s.bottom + 1; })
                  .map(t => t.textContent),
    overflow: document.documentElement.scrollWidth - innerWidth,
  };
}"""


@pytest.mark.parametrize("width", [375, 1366])
def test_chart_labels_are_readable_and_inside_their_charts(demo_url, open_page, width):
    w = open_page(demo_url + "stats/", width, 900)
    for large in (False, True):
        if large:
            w.page.click(".hb-a11y button:has-text('大字')")
        found = w.page.evaluate(LABELS)
        assert found["count"] >= 20 and found["smallest"] >= 12 and found["outside"] == [] and found["overflow"] <= 0, (large, found)
    # the most-watched chart links each title to its lecture, by keyboard too
    w.page.focus("#hb-chart-top a")
    assert w.page.evaluate("document.activeElement.getAttribute('href')").startswith("../lectures/")
    assert w.errors == [] and w.foreign == []


def test_prints_on_a4(demo_url, open_page):
    w = open_page(demo_url + "stats/", 1366, 900)
    w.page.emulate_media(media="print")
    w.page.set_viewport_size({"width": 718, "height": 1000})  # A4 less 8 mm margins, at 96 dpi
    facts = w.page.evaluate("""() => ({
      nav: ['.md-header', '.md-tabs', '.hb-a11y'].map(s => document.querySelector(s)).filter(e => e && e.offsetParent !== null).length,
      widest: Math.max(...[...document.querySelectorAll('.hb-chart, .hb-heat__table')].map(e => e.getBoundingClientRect().right)),
      inks: [...new Set([...document.querySelectorAll('.hb-chart text')].map(t => getComputedStyle(t).fill))],
    })""")
    assert facts["nav"] == 0 and facts["widest"] <= 718 and facts["inks"] == ["rgb(0, 0, 0)"], facts
    assert len(w.page.pdf(format="A4")) > 10_000


def test_stats_slide_with_long_titles_fits_every_panel(project, build_site, browser):
    """Titles of forty characters take two lines each on the lobby screen: fewer lectures on
    the slide, none cut, no text smaller than 36 px per 1080 px, nothing outside the panel."""
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
            smallest: Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize))),
            outside: texts.filter(t => { const r = t.getBoundingClientRect();
              return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1; }).map(t => t.textContent),
            cut: slide.textContent.includes('…'),
          };
        }""")
        context.close()
        assert found["lectures"] >= 1 and found["outside"] == [] and not found["cut"], (width, found)
        assert found["smallest"] >= 36 * min(width, height) / 1080 - 0.5, (width, found)
