"""What the speed work must not cost a visitor: the site-wide search index is not fetched by
a page view, only when someone goes to search, and then it finds what it found before."""

from __future__ import annotations

import json
import re


def test_search_index_is_fetched_only_when_someone_searches(demo_url, open_page):
    w = open_page(demo_url + "members/jiang-hua/")
    requested = w.requests
    w.page.wait_for_load_state("networkidle")
    assert not [u for u in requested if u.endswith("search/search_index.json")]
    w.page.click("input.md-search__input")
    w.page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('初始化')",
                             timeout=30000)
    assert [u for u in requested if u.endswith("search/search_index.json")]
    w.page.type("input.md-search__input", "姜华")
    w.page.keyboard.press("End")  # Chinese arrives as IME text: Material searches on keyup
    w.page.wait_for_selector(".md-search-result__item", timeout=30000)
    links = w.page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert any(h.endswith("members/jiang-hua/") for h in links), links
    assert w.errors == [] and w.foreign == []


def test_keyboard_shortcut_also_fetches_the_index(demo_url, open_page):
    w = open_page(demo_url)
    requested = w.requests
    w.page.wait_for_load_state("networkidle")
    w.page.keyboard.press("s")  # Material's shortcut to open the search
    w.page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('初始化')",
                             timeout=30000)
    assert [u for u in requested if u.endswith("search/search_index.json")]


def test_generated_pages_are_in_the_index_as_utf8(demo_url, open_page):
    w = open_page(demo_url)
    raw = w.page.evaluate("u => fetch(u).then(r => r.arrayBuffer()).then(b => Array.from(new Uint8Array(b)))",
                          demo_url + "search/search_index.json")
    text = bytes(raw).decode("utf-8")
    # written as UTF-8, not \u escapes (half the size); the separator regex's own \u200b aside
    entries = text[text.index('"docs"'):]
    assert "姜华" in entries and not re.search(r"\\u[4-9][0-9a-f]{3}", entries)
    docs = json.loads(text)["docs"]
    locations = {d["location"] for d in docs}
    assert {"members/jiang-hua/", "lectures/army-120/", "boards/2024-12/"} <= locations
    assert any(d["location"].startswith("posts/#") for d in docs)  # pioneer posts at their anchors
    assert not [loc for loc in locations if loc.startswith("hb-shell")]
