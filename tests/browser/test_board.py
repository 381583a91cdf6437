"""The monthly board reads like a lobby 荣誉墙: dense, centred, large portraits, one A4 page."""

from __future__ import annotations

import re
import shutil

import yaml

from honorboard import load
from helpers import REPO

ROW_OF = """els => els.map(e => Math.round(e.getBoundingClientRect().top + scrollY))"""


def _tiles_per_row(page) -> list[int]:
    tops = page.eval_on_selector_all(".hb-wall .hb-photo", ROW_OF)
    rows: dict[int, int] = {}
    for top in tops:
        rows[top] = rows.get(top, 0) + 1
    return [rows[t] for t in sorted(rows)]


def test_a_month_of_ten_is_dense_at_1366(demo_url, open_page):
    w = open_page(demo_url + "boards/2024-12/", 1366, 768)
    w.page.evaluate("scrollTo(0, document.body.scrollHeight)")
    rows = _tiles_per_row(w.page)
    assert sum(rows) == 10 and rows[0] >= 5, rows
    widths = w.page.eval_on_selector_all(".hb-wall .hb-photo", "els => els.map(e => e.getBoundingClientRect().width)")
    assert min(widths) >= 160, widths  # a face is recognisable
    ratio = w.page.eval_on_selector(".hb-wall .hb-photo", "e => e.naturalHeight / e.naturalWidth")
    assert abs(ratio - 4 / 3) < 0.01  # the 3:4 of an ID photo
    board = w.page.eval_on_selector(".hb-board", "e => e.getBoundingClientRect().height")
    assert board <= 2 * 768, board  # about two screen heights
    # the wall is centred in the frame: equal room left and right of the first row
    gaps = w.page.evaluate("""() => {
      const wall = document.querySelector('.hb-wall').getBoundingClientRect();
      const tiles = [...document.querySelectorAll('.hb-wall__group')].map(g => g.getBoundingClientRect());
      const first = tiles.filter(t => Math.abs(t.top - tiles[0].top) < 2);
      return [first[0].left - wall.left, wall.right - first[first.length - 1].right];
    }""")
    assert abs(gaps[0] - gaps[1]) <= 2, gaps


def test_phone_shows_two_portraits_a_row(demo_url, open_page):
    w = open_page(demo_url + "boards/2024-12/", 375, 800)
    rows = _tiles_per_row(w.page)
    assert max(rows) == 2 and rows[0] == 2, rows  # the two one-person groups at the top share a row
    assert w.page.evaluate("document.documentElement.scrollWidth") <= 375
    sizes = w.page.eval_on_selector_all(".hb-award__citation, .hb-person__note",
                                        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 16  # body-size text on a phone (适老化)


def test_thirty_people_print_on_one_a4_page(build_site, open_page, project):
    """Chromium's print of a 30-person month: one A4 page, no site chrome, nothing cut."""
    shutil.rmtree(project / "data")
    shutil.copytree(REPO / "data", project / "data")
    site = load(project / "data").site
    ids = [m.id for m in site.members.values()][:30]
    awards = [{"member": mid, "stars": 5 - i % 3, "score": 190 + i % 9,
               "citation": "全年帮办代办六百余件，群众满意率百分之百"} for i, mid in enumerate(ids)]
    (project / "data/stars/2025-01.yml").write_text(yaml.safe_dump({"awards": awards}, allow_unicode=True),
                                                     encoding="utf-8")
    url = build_site(project, "thirty")
    w = open_page(url + "boards/2025-01/", 794, 1123)
    w.page.emulate_media(media="print")
    for chrome in (".md-header", ".hb-crumbs", ".md-footer"):
        assert w.page.evaluate(f"getComputedStyle(document.querySelector('{chrome}')).display") == "none"
    assert w.page.evaluate("document.documentElement.scrollWidth") <= 794
    # no citation cut: each one's text fits its box
    cut = w.page.eval_on_selector_all(".hb-award__citation, .hb-person__name",
                                      "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length")
    assert cut == 0
    pdf = w.page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert pages == 1, pages


def test_the_years_lists_print_on_one_page_with_no_ribbon_apart_from_its_people(demo_url, open_page):
    year = load(REPO / "data").site.latest_honors
    w = open_page(demo_url + f"honors/{year.year}/", 794, 1123)
    w.page.emulate_media(media="print")
    apart = w.page.eval_on_selector_all(".hb-wall__group", """groups => groups.filter(g => {
      const ribbon = g.querySelector('.hb-wall__label').getBoundingClientRect();
      const first = g.querySelector('.hb-award').getBoundingClientRect();
      return Math.abs(first.top - ribbon.top) > 2 || first.left < ribbon.right - 1 || first.left - ribbon.right > 20;
    }).map(g => g.getAttribute('aria-label'))""")
    assert apart == []  # each list's ribbon stands right beside its first entry
    pdf = w.page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) == 1
