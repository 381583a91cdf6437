"""The monthly board looks like one 光荣榜 at every width: bands break names between words,
tiles of a row line up, phones pack groups without lone portraits, 4K fills the frame."""

from __future__ import annotations

import re

import pytest

from pagekit import LINES, broken_words

MONTHS = ["2024-12", "2024-05"]

ROWS = """() => {
  // tiles grouped by the top of their portrait: each row's star rows, badges and citations
  const rows = {};
  document.querySelectorAll('.hb-wall .hb-award').forEach(a => {
    const top = Math.round(a.getBoundingClientRect().top);
    (rows[top] = rows[top] || []).push(a);
  });
  const top = (a, sel) => { const e = a.querySelector(sel); return e ? Math.round(e.getBoundingClientRect().top) : null; };
  return Object.values(rows).map(r => ({
    n: r.length,
    plate: r.some(a => a.closest('.hb-wall__group--plate')) && Math.abs(r[0].closest('.hb-wall__group').querySelector('.hb-wall__label').getBoundingClientRect().top - r[0].getBoundingClientRect().top) <= 1,
    group: r.map(a => [...document.querySelectorAll('.hb-wall__group')].indexOf(a.closest('.hb-wall__group'))),
    rank: r.map(a => top(a, '.hb-award__rank')).filter(t => t !== null),
    badges: r.map(a => top(a, '.hb-award__badges')),
    citation: r.map(a => top(a, '.hb-award__citation')).filter(t => t !== null),
  }));
}"""


@pytest.mark.parametrize("width", [375, 1366, 3840])
@pytest.mark.parametrize("month", MONTHS)
def test_tiles_of_a_row_line_up(month, width, demo_url, open_page):
    """Badges, stars and citations of one row of tiles start at one height, whether the job
    title takes one line or two."""
    w = open_page(demo_url + f"boards/{month}/", width, 900)
    for row in w.page.evaluate(ROWS):
        for key in ("badges", "rank", "citation"):
            assert max(row[key]) - min(row[key]) <= 1 if row[key] else True, (key, row)


@pytest.mark.parametrize("width", [375, 1366, 3840])
@pytest.mark.parametrize("month", MONTHS)
def test_board_words_stay_whole(month, width, demo_url, open_page):
    """Band labels, job titles and citations break between words (政务服务中心 / 窗口党支部),
    never inside one (政务服务中 / 心…, 零投 / 诉)."""
    w = open_page(demo_url + f"boards/{month}/", width, 900)
    sel = ".hb-wall__place, .hb-wall__branch, .hb-wall__brand, .hb-wall .hb-person__note, .hb-wall .hb-award__citation"
    found = 0
    for lines in w.page.eval_on_selector_all(sel, LINES):
        if len(lines) < 2:
            continue
        found += 1
        assert broken_words(w.page, lines, longest=8) == [], lines
    assert found, "no label, title or citation took two lines: the test saw nothing"


@pytest.mark.parametrize("width", [375, 1366, 3840])
def test_honour_year_words_stay_whole(width, demo_url, open_page):
    """The year's 先锋榜 too: team and branch names, units and citations break between words
    (党员 / 志愿服务队, not 党 / 员志愿服务队; 县税务局, not 县税 / 务局)."""
    w = open_page(demo_url + "honors/2024/", width, 900)
    sel = (".hb-wall__place, .hb-wall .hb-person__note, .hb-wall .hb-person__extra, "
           ".hb-honor-branch > :is(strong, span), .hb-honor-team > strong")
    found = [lines for lines in w.page.eval_on_selector_all(sel, LINES) if len(lines) > 1]
    assert [lines for lines in found if broken_words(w.page, lines, longest=8)] == []
    # a quoted name is cut at its · only, its short pieces whole (“桶前值守”, not “桶前值 / 守”)
    split = []
    for lines in found:
        ends = [sum(map(len, lines[:i + 1])) for i in range(len(lines) - 1)]
        for q in re.finditer(r"“([^”]+)”", "".join(lines)):
            for piece in (m for m in re.finditer(r"[^·、]+", q.group(1)) if len(m.group()) <= 4):
                at, end = q.start(1) + piece.start(), q.start(1) + piece.end()
                split += [(piece.group(), lines) for cut in ends if at < cut < end]
    assert split == []
    assert found or width == 3840, "nothing took two lines: the test saw nothing"


def test_honour_year_tiles_stay_portrait_sized_at_4k(demo_url, open_page):
    """At 3840 px the year's lists keep tiles of a portrait's width (the month's 4K rules once
    reached them: one 1,100 px portrait a row, a page 13,749 px tall)."""
    w = open_page(demo_url + "honors/2024/", 3840, 2160)
    widths = w.page.eval_on_selector_all(".hb-wall .hb-award", "els => els.map(e => e.getBoundingClientRect().width)")
    assert widths and max(widths) <= 320, widths
    assert w.page.evaluate("document.documentElement.scrollHeight") < 2 * 2160


@pytest.mark.parametrize("month", MONTHS)
def test_single_bands_stay_short(month, demo_url, open_page):
    """A one-portrait band is not much taller than the wide bands beside it (it was four lines
    over a name split mid-word, the bands beside it empty red space)."""
    w = open_page(demo_url + f"boards/{month}/", 1366, 900)
    lines = w.page.eval_on_selector_all(".hb-wall__group--single .hb-wall__label", LINES)
    assert lines and all(len(ls) <= 3 for ls in lines), lines


@pytest.mark.parametrize("month", MONTHS)
def test_wall_fills_the_frame_at_4k(month, demo_url, open_page):
    """At 3840 px the wall uses the frame's width (it was capped at 6 columns: 60 %) and the
    month of 10 sits in full rows."""
    w = open_page(demo_url + f"boards/{month}/", 3840, 2160)
    frame, wall = w.page.evaluate("() => [document.querySelector('.hb-board'), document.querySelector('.hb-wall')]"
                                  ".map(e => e.getBoundingClientRect().width)")
    assert wall >= 0.8 * frame, (wall, frame)
    tile = w.page.evaluate("() => document.querySelector('.hb-wall .hb-award').getBoundingClientRect().width")
    assert tile >= 200
    rows = w.page.evaluate(ROWS)
    assert len(rows) == 1 or min(r["n"] for r in rows[:-1]) >= rows[-1]["n"], rows


@pytest.mark.parametrize("month", MONTHS)
def test_phone_has_no_lone_portraits(month, demo_url, open_page):
    """At 375 px every row of portraits is full: two portraits, or a portrait beside its
    group's plate; one-person groups pair up. Nothing wider than the screen."""
    w = open_page(demo_url + f"boards/{month}/", 375, 800)
    assert w.page.evaluate("document.documentElement.scrollWidth") <= 375
    rows = w.page.evaluate(ROWS)
    lone = [r for r in rows if r["n"] == 1 and not r["plate"]]
    assert lone == [], rows
