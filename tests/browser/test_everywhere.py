"""What every visitor meets on every page: Chinese line breaking, 适老化 (tap targets, large
text, a high contrast that shows), the organisation's own chrome, a Chinese 404, posts grouped by
place, same-named branches told apart, and a branch page that says each thing once."""

from __future__ import annotations

import re

from honorboard import load
from helpers import REPO
from pagekit import LINES

SITE = load(REPO / "data").site

PUNCT = "，。、；：！？）》」』】〉”’…·"


def _lone(last: str) -> bool:
    return len([c for c in last if c not in PUNCT and not c.isspace()]) == 1


def test_no_heading_or_name_ends_with_one_character(demo_url, open_page):
    pages = ["", "boards/2024-12/", "honors/", "branches/", "posts/", "lectures/", "stats/", "about/",
             "branches/zwfw-1f/", f"lectures/{SITE.lectures[0].id}/"]
    lone = []
    for width in (375, 1366):
        for path in pages:
            w = open_page(demo_url + path, width=width)
            found = w.page.eval_on_selector_all(
                ".md-content h1, .md-content h2, .md-content h3, .hb-person__name, .hb-lecture__title, "
                ".hb-wall__branch, .hb-award__citation", LINES)
            lone += [(width, path, lines) for lines in found if len(lines) > 1 and _lone(lines[-1])]
    assert lone == []


def test_tap_targets_and_reading_aids(demo_url, open_page):
    w = open_page(demo_url + "boards/2024-12/", 375, 800)
    small = w.page.eval_on_selector_all(
        ".hb-a11y button, .hb-facets button, .hb-board__nav, .hb-pager a",
        "els => els.filter(e => e.getBoundingClientRect().height < 44).map(e => e.textContent.trim())")
    assert small == []
    w = open_page(demo_url + "lectures/", 375, 800)
    small = w.page.eval_on_selector_all(".hb-catalog__controls input, .hb-catalog__controls select",
                                        "els => els.filter(e => e.getBoundingClientRect().height < 44).length")
    assert small == 0
    first_card = w.page.eval_on_selector(".hb-catalog__list > li", "e => e.getBoundingClientRect().top")
    assert first_card < 800  # the filters leave the first result on the first screen of a phone


CONTRAST = """sel => {
  const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const e = document.querySelector(sel); let bg = e, color = getComputedStyle(e).color;
  while (bg && getComputedStyle(bg).backgroundColor.match(/rgba\\(.*, 0\\)|transparent/)) bg = bg.parentElement;
  const back = bg ? getComputedStyle(bg).backgroundColor : "rgb(255,255,255)";
  const [a, b] = [lum(color), lum(back)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def test_high_contrast_visibly_raises_contrast(demo_url, open_page):
    w = open_page(demo_url + "boards/2024-12/")
    before = [w.page.evaluate(CONTRAST, sel) for sel in (".hb-person__note", ".hb-wall__place", ".hb-board__kicker")]
    w.page.click("[data-hb-switch=contrast]")
    after = [w.page.evaluate(CONTRAST, sel) for sel in (".hb-person__note", ".hb-wall__place", ".hb-board__kicker")]
    assert all(a >= 15 for a in after) and all(a > b for a, b in zip(after, before)), (before, after)


def test_the_organisations_chrome_and_a_chinese_404(demo_url, open_page):
    w = open_page(demo_url)
    footer = w.page.inner_text(".md-footer")
    assert "Material" not in footer and "区直机关工委" in footer
    assert w.page.locator(".md-header .md-logo").is_hidden()  # no logo configured: no icon posing as one
    w = open_page(demo_url + "404.html")
    assert w.page.inner_text("h1") == "页面不存在"
    assert w.page.locator(".md-tabs a").count() >= 6  # the site's own navigation
    assert re.search(r"[A-Za-z]{4,}", w.page.inner_text(".md-content")) is None  # no English words
    w = open_page(demo_url + "about/")
    text = w.page.inner_text(".md-content")
    assert "YAML" not in text and "Git" not in text and "大字" in text


def test_posts_grouped_by_unit_then_floor(demo_url, open_page):
    w = open_page(demo_url + "posts/")
    placed = w.page.eval_on_selector_all(".hb-post", """els => els.map(li => {
      const section = li.closest('section');
      let h3 = null;
      for (const e of section.querySelectorAll('h3, .hb-post')) { if (e === li) break; if (e.tagName === 'H3') h3 = e; }
      return [li.id, section.querySelector('h2').firstChild.textContent.trim(), h3 ? h3.textContent.trim() : ''];
    })""")
    posts = {p.id: p for p in SITE.posts}
    assert len(placed) == len(posts)
    for pid, unit, floor in placed:
        branch = posts[pid].branch
        assert unit == (branch.unit or "其他单位"), pid
        assert floor == (f"{branch.floor}楼" if branch.floor is not None else ""), (pid, floor)


def test_same_named_branches_and_members_are_told_apart(demo_url, open_page):
    names = [b.name for b in SITE.branches]
    assert len(set(names)) < len(names)  # the demo has two 机关党支部
    w = open_page(demo_url + "lectures/")
    labels = w.page.eval_on_selector_all("select[name=branch] option", "els => els.map(e => e.textContent)")
    assert len(set(labels)) == len(labels)
    assert sum("机关党支部（" in label for label in labels) >= 2
    w = open_page(demo_url)
    for text in w.page.eval_on_selector_all(".hb-honor-summary__list p", "els => els.map(e => e.textContent)"):
        parts = text.rstrip("等").split("、")
        assert len(set(parts)) == len(parts), text


def test_branch_page_says_each_thing_once(demo_url, open_page):
    branch = next(b for b in SITE.branches if b.committee and b.ratings)
    w = open_page(demo_url + f"branches/{branch.id}/")
    sections = w.page.eval_on_selector_all("section.hb-section", """els => Object.fromEntries(els.map(s =>
      [s.querySelector('h2').firstChild.textContent.trim(),
       [...s.querySelectorAll('.hb-person__name, .hb-timeline li')].map(e => e.textContent.trim())]))""")
    committee = set(sections["支部委员会"])
    others = set(sections.get("其他党员", sections.get("党员", [])))
    assert committee and not committee & others
    ratings = {f"{r.year}年{r.title}" for r in branch.ratings}
    honors = [re.sub(r"\s+", "", t) for t in sections.get("荣誉", [])]
    assert not [h for h in honors if any(h.startswith(r) for r in ratings)]
    card = w.page.eval_on_selector(".hb-card img", "e => e.getBoundingClientRect().width")
    assert card <= 400  # a preview to download, not a second copy of the header


def test_home_names_the_month(demo_url, open_page):
    w = open_page(demo_url)
    head = w.page.inner_text(".hb-section__head")
    assert f"{SITE.latest_month.label}星级党员" in head and "本月" not in head
