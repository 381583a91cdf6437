"""What visitors do: search the lecture catalog, share a filtered view, filter a board,
switch to large text, and search the whole site in Chinese."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from helpers import edit


def _visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(".hb-catalog__list > li:not([hidden])", "els => els.map(e => e.dataset.id)")


def _catalog(open_page, demo_url, query=""):
    w = open_page(demo_url + "lectures/" + query)
    w.page.wait_for_selector("[data-hb-catalog][data-ready]")
    w.page.wait_for_load_state("networkidle")  # the search payload has arrived
    return w


def test_catalog_substring_search(demo_url, open_page):
    """Two characters from the middle of a title find it: 子串, not word segmentation."""
    w = _catalog(open_page, demo_url)
    total = len(_visible_ids(w.page))
    w.page.fill("input[name=q]", "誓词")
    assert _visible_ids(w.page) == ["oath-history"]
    w.page.fill("input[name=q]", "六心")  # a tag
    assert _visible_ids(w.page) == ["service-not-small"]
    w.page.fill("input[name=q]", "")
    assert len(_visible_ids(w.page)) == total
    assert w.errors == [] and w.foreign == []


def test_catalog_pinyin_initials(demo_url, open_page):
    """`jh` finds 姜华's lecture; the speaker's full pinyin does too."""
    w = _catalog(open_page, demo_url)
    w.page.fill("input[name=q]", "jh")
    assert "service-not-small" in _visible_ids(w.page)
    w.page.fill("input[name=q]", "jianghua")
    assert _visible_ids(w.page) == ["service-not-small"]
    w.page.fill("input[name=q]", "rdsc")  # 入党誓词 — the title's initials
    assert _visible_ids(w.page) == ["oath-history"]


def test_facets_live_in_the_url(demo_url, open_page):
    """A filtered view is a URL: choosing a facet writes it, opening the URL restores it."""
    w = _catalog(open_page, demo_url)
    w.page.select_option("select[name=topic]", "党史国情")
    w.page.select_option("select[name=sort]", "views")
    params = parse_qs(urlsplit(w.page.url).query)
    assert params == {"topic": ["党史国情"], "sort": ["views"]}
    shared = w.page.url

    w2 = open_page(shared)
    w2.page.wait_for_selector("[data-hb-catalog][data-ready]")
    assert w2.page.input_value("select[name=topic]") == "党史国情"
    topics = w2.page.eval_on_selector_all(".hb-catalog__list > li:not([hidden])", "els => els.map(e => e.dataset.topic)")
    assert topics and set(topics) == {"党史国情"}
    views = w2.page.eval_on_selector_all(".hb-catalog__list > li:not([hidden])", "els => els.map(e => +e.dataset.views)")
    assert views == sorted(views, reverse=True)

    w3 = _catalog(open_page, demo_url, "?q=" + "誓词" + "&year=2099")  # an unknown facet value is ignored
    assert _visible_ids(w3.page) == ["oath-history"]


def test_board_category_filter(demo_url, open_page):
    w = open_page(demo_url + "boards/2024-12/")
    cards = w.page.locator(".hb-award")
    total = cards.count()
    w.page.click(".hb-facets button[data-value='服务星']")
    shown = w.page.eval_on_selector_all(".hb-award:not([hidden])", "els => els.map(e => e.dataset.category)")
    assert shown and set(shown) == {"服务星"} and len(shown) < total
    w.page.click(".hb-facets button[data-value='']")
    assert w.page.locator(".hb-award:not([hidden])").count() == total


def test_large_text_switch_is_remembered(demo_url, open_page):
    w = open_page(demo_url)
    before = w.page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    w.page.click("[data-hb-switch=large]")
    w.page.goto(demo_url + "branches/")
    after = w.page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert after >= before * 1.25
    assert w.page.get_attribute("[data-hb-switch=large]", "aria-pressed") == "true"


def test_site_search_finds_chinese(demo_url, open_page):
    """Material's search, with jieba at build time, finds a brand name typed in Chinese."""
    w = open_page(demo_url)
    w.page.click("input.md-search__input")
    w.page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('初始化')",
                             timeout=30000)
    w.page.type("input.md-search__input", "密切帮")
    # Chinese arrives as committed text (IME), which fires no keyup; Material searches on keyup,
    # as it does when a person confirms the IME candidate.
    w.page.keyboard.press("End")
    w.page.wait_for_selector(".md-search-result__item", timeout=30000)
    links = w.page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert any("branches/zwfw-1f/" in href for href in links)
    assert w.foreign == []
    # a query with a word no page has: the hits show, Material's struck-through "缺少" line does not
    w.page.fill("input.md-search__input", "")
    w.page.type("input.md-search__input", "密切帮 不存在的词")
    w.page.keyboard.press("End")
    w.page.wait_for_selector(".md-search-result__item", timeout=30000)
    terms = w.page.eval_on_selector_all(".md-search-result__terms, .md-search-result del",
                                        "els => [els.length, els.filter(e => e.offsetParent !== null).length]")
    assert terms[0] > 0 and terms[1] == 0  # Material wrote the line; it is not shown


def test_script_in_text_fields_shows_as_text(build_site, open_page, project):
    """Data typed with <script> and onerror shows those characters and runs nothing."""
    edit(project / "data/branches/alpha.yml", {
        "name: 姜华": 'name: "<script>window.hacked=1</script>姜华"',
        "motto: 服务不是小事": "motto: <img src=x onerror=window.hacked=2>",
        "  slogan: 企业群众有所需，我必有所帮": '  slogan: "</style><script>window.hacked=3</script>"',
    })
    url = build_site(project, "xss")
    for page in ("members/jiang-hua/", "branches/alpha/", "", "boards/2024-05/", "branches/"):
        w = open_page(url + page)
        assert w.page.evaluate("window.hacked") is None
        assert w.errors == []
    w = open_page(url + "members/jiang-hua/")
    assert "<script>window.hacked=1</script>姜华" in w.page.inner_text("h1")
