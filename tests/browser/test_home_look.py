"""The home page after a fresh-eyes look: honour names stay inside their cards with their 、,
the newest lectures fill whole rows, and a lecture without a video says so."""

from __future__ import annotations

import pytest

from pagekit import LINES


@pytest.mark.parametrize("width", [375, 1366, 3840])
def test_honour_names_stay_in_their_cards(width, demo_url, open_page):
    w = open_page(demo_url, width, 900)
    out = w.page.eval_on_selector_all(".hb-honor-summary__list", """cards => cards.flatMap(card => {
        const box = card.getBoundingClientRect();
        return [...card.querySelectorAll('a')].filter(a => [...a.getClientRects()].some(
            r => r.right > box.right + 0.5 || r.left < box.left - 0.5)).map(a => a.textContent)})""")
    assert out == []
    lines = w.page.eval_on_selector_all(".hb-honor-summary__list p", LINES)
    assert [line for card in lines for line in card if line.startswith("、")] == []


@pytest.mark.parametrize("width, shown, columns", [(375, 3, 1), (800, 4, 2), (1366, 6, 3), (3840, 6, 6)])
def test_newest_lectures_fill_whole_rows(width, shown, columns, demo_url, open_page):
    w = open_page(demo_url, width, 900)
    boxes = w.page.eval_on_selector_all(".hb-grid--latest > li", """items => items
        .map(li => li.getBoundingClientRect()).filter(r => r.width > 0).map(r => [Math.round(r.top), Math.round(r.left)])""")
    assert len(boxes) == shown
    rows = {}
    for top, left in boxes:
        rows.setdefault(top, []).append(left)
    assert all(len(lefts) == columns for lefts in rows.values()), rows


def test_a_lecture_without_video_says_so(demo_url, open_page):
    w = open_page(demo_url + "lectures/basi-uprising/", 1366, 900)
    assert w.page.locator(".hb-lecture-page__novideo").inner_text() == "本讲暂无视频。"
    assert w.page.locator("video").count() == 0
    w = open_page(demo_url + "lectures/army-120/", 1366, 900)
    assert w.page.locator(".hb-lecture-page__novideo").count() == 0


def test_home_rows_at_4k_leave_no_lone_card(demo_url, open_page):
    """At 3840 px the month's stars (10 in the demo) stand in one row, not 9 and one alone under
    them, each portrait still a face (≥ 160 px wide); the year's six lists fill one row, not 5 + 1."""
    w = open_page(demo_url, 3840, 2160)
    rows = w.page.evaluate("""() => ['.hb-grid--one-row > li', '.hb-honor-summary__list'].map(sel => {
        const tops = [...document.querySelectorAll(sel)].map(e => Math.round(e.getBoundingClientRect().top));
        return [tops.length, new Set(tops).size];
    })""")
    assert rows == [[10, 1], [6, 1]], rows
    widths = w.page.eval_on_selector_all(".hb-grid--one-row .hb-photo", "els => els.map(e => e.getBoundingClientRect().width)")
    assert widths and min(widths) >= 160, widths
