"""Lecture videos in Chromium: the demo's own videos play offline and are not asked for before
play (the host counts a request for the file as a view); subtitles are on by default; speed and
the place to resume from are remembered; one that cannot load is replaced by a message in
Chinese (not a dead player at 0:00); a lecture without video shows nothing that looks like a player."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import edit
from pagekit import LINES, broken_words
from honorboard import load

SITE = load(Path(__file__).parents[2] / "data").site
LOCAL_VIDEOS = [lec.id for lec in SITE.lectures if lec.video and not lec.video_is_url]
NO_VIDEO = [lec.id for lec in SITE.lectures if not lec.video]
FAILED = "视频暂时无法播放：文件不存在或格式不受支持。可以下载视频，或联系管理员。"


def test_demo_has_local_videos():
    """The demo shows at least two videos that play without the intranet, in both containers."""
    assert len(LOCAL_VIDEOS) >= 2
    suffixes = {Path(lec.video).suffix for lec in SITE.lectures if lec.id in LOCAL_VIDEOS}
    assert {".mp4", ".webm"} <= suffixes
    for lec in SITE.lectures:
        if lec.id in LOCAL_VIDEOS:
            assert (Path(__file__).parents[2] / "data" / lec.video).stat().st_size < 300_000


SUBTITLED = next(lec for lec in SITE.lectures if lec.subtitles and lec.video and not lec.video_is_url)
PLAY = "() => { const v = document.querySelector('.hb-player video'); v.muted = true; return v.play(); }"
VIDEO = "document.querySelector('.hb-player video')"


def _asked_for_video(w, lecture) -> bool:
    return any(url.split("?")[0].endswith("/" + lecture.video) for url in w.requests)


@pytest.mark.parametrize("lecture_id", LOCAL_VIDEOS)
def test_local_video_plays(lecture_id, demo_url, open_page):
    """Nothing of the video is fetched with the page; pressing play loads it (a duration), and
    muted playback moves the clock on."""
    lecture = next(lec for lec in SITE.lectures if lec.id == lecture_id)
    w = open_page(demo_url + f"lectures/{lecture_id}/")
    video = w.page.locator(".hb-player video")
    assert video.count() == 1 and video.get_attribute("preload") == "none"
    w.page.wait_for_load_state("networkidle")
    w.page.wait_for_timeout(300)
    assert not _asked_for_video(w, lecture)
    assert w.page.evaluate(f"() => {VIDEO}.readyState") == 0
    w.page.evaluate(PLAY)
    w.page.wait_for_function(f"() => {VIDEO}.currentTime > 0.3", timeout=15_000)
    assert w.page.evaluate(f"() => {VIDEO}.duration") > 0
    assert _asked_for_video(w, lecture)
    assert w.page.evaluate("() => document.querySelector('.hb-player video').error") is None
    assert w.page.text_content(".hb-player__status") == ""
    assert w.errors == [] and w.foreign == []


def _failed_message(w) -> str:
    w.page.wait_for_selector(".hb-player__status a", timeout=15_000)
    return w.page.text_content(".hb-player__status")


def test_broken_video_says_so(project, build_site, open_page):
    """A file named .mp4 that is no video: the player is hidden and a message says why, with the file."""
    from axe_playwright_python.sync_playwright import Axe

    (project / "data/media/talk.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"not really a video " * 200)
    edit(project / "data/lectures/oath.yml", {"video: http://video.intranet/oath.mp4": "video: media/talk.mp4"})
    url = build_site(project, "broken-video")
    w = open_page(url + "lectures/oath/")
    w.page.evaluate("() => document.querySelector('video').play().catch(() => null)")  # not fetched before play
    assert _failed_message(w) == FAILED
    assert not w.page.locator(".hb-player__bar").is_visible()  # no speed buttons for a video that cannot play
    status = w.page.locator(".hb-player__status")
    assert status.get_attribute("role") == "status" and status.is_visible()
    assert not w.page.locator("video").is_visible()
    link = w.page.locator(".hb-player__status a")
    assert link.get_attribute("href").endswith("media/talk.mp4")
    assert w.page.evaluate("href => fetch(href).then(r => r.status)", link.get_attribute("href")) == 200
    results = Axe().run(w.page)
    assert [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")] == []
    assert w.foreign == []


def test_unreachable_intranet_video_says_so(demo_url, open_page):
    """An intranet URL is not fetched before play (preload none); pressing play when it cannot be
    reached gives the message too, not a spinner at 0:00."""
    lec = next(lec for lec in SITE.lectures if lec.video_is_url)
    w = open_page(demo_url + f"lectures/{lec.id}/")
    w.page.wait_for_load_state("networkidle")
    assert w.foreign == []  # nothing asked of the intranet yet
    w.page.evaluate("() => { const v = document.querySelector('.hb-player video'); v.muted = true;"
                    " return v.play().catch(() => null); }")
    assert _failed_message(w) == FAILED
    assert not w.page.locator("video").is_visible()
    assert w.page.locator(".hb-player__status a").get_attribute("href") == lec.video


@pytest.mark.parametrize("lecture_id", NO_VIDEO[:1] + [lec.id for lec in SITE.lectures if not lec.video and lec.cover][:1])
def test_lecture_without_video_is_no_player(lecture_id, demo_url, open_page):
    """No <video>, no ▶, no length badge on the cover: the cover is an article's picture."""
    w = open_page(demo_url + f"lectures/{lecture_id}/")
    assert w.page.locator("video").count() == 0
    assert w.page.locator(".hb-player, .hb-play").count() == 0
    assert w.page.locator(".hb-lecture-page__cover").is_visible()  # a picture, or drawn by the page
    assert "▶" not in w.page.inner_text("article")
    assert w.errors == [] and w.foreign == []


def test_catalog_cards_show_play_only_on_videos(demo_url, open_page):
    w = open_page(demo_url + "lectures/")
    cards = w.page.eval_on_selector_all(
        ".hb-catalog__list > li",
        "els => els.map(e => [e.dataset.id, !!e.querySelector('.hb-play'), !!e.querySelector('.hb-lecture__duration')])")
    assert cards
    with_video = {lec.id for lec in SITE.lectures if lec.video}
    for lecture_id, play, badge in cards:
        assert play == (lecture_id in with_video), lecture_id
        if lecture_id not in with_video:
            assert not badge, lecture_id


def test_subtitles_are_on_by_default(demo_url, open_page):
    """The lecture's subtitles (a .srt in data/, WebVTT in the site) show without the visitor
    turning them on, as text; fetching them does not fetch the video."""
    w = open_page(demo_url + f"lectures/{SUBTITLED.id}/")
    track = w.page.locator(".hb-player video track")
    assert track.get_attribute("kind") == "subtitles" and track.get_attribute("srclang") == "zh"
    assert track.get_attribute("label") == "中文字幕" and track.get_attribute("default") == ""
    w.page.wait_for_function(f"() => {VIDEO}.textTracks[0].cues && {VIDEO}.textTracks[0].cues.length > 0", timeout=15_000)
    assert w.page.evaluate(f"() => {VIDEO}.textTracks[0].mode") == "showing"
    first = w.page.evaluate(f"() => {VIDEO}.textTracks[0].cues[0].text")
    assert first == "同志们好，今天这堂微党课\n讲八路军120师抗日誓师的故事。"
    assert not _asked_for_video(w, SUBTITLED)
    w.page.evaluate(PLAY)
    w.page.wait_for_function(f"() => {VIDEO}.textTracks[0].activeCues.length === 1", timeout=15_000)
    assert w.errors == [] and w.foreign == []


def test_speed_buttons_by_keyboard_and_remembered(demo_url, open_page):
    """0.75× / 1× / 1.25× / 1.5×: one pressed at a time (aria-pressed), reachable by keyboard,
    and the choice is kept by this browser for the next lecture and visit."""
    w = open_page(demo_url + f"lectures/{SUBTITLED.id}/")
    assert w.page.locator(".hb-speed").get_attribute("aria-label") == "播放速度"
    seen = "bs => bs.map(b => [...b.childNodes].filter(n => !n.classList || !n.classList.contains('hb-sr'))" \
           ".map(n => n.textContent).join(''))"
    assert w.page.eval_on_selector_all("[data-hb-rate]", seen) == ["0.75×", "1×", "1.25×", "1.5×"]
    group = w.page.get_by_role("group", name="播放速度")
    assert [group.get_by_role("button", name=f"{r} 倍", exact=True).count() for r in ("0.75", "1", "1.25", "1.5")] == [1] * 4

    def pressed() -> list[str]:
        return w.page.eval_on_selector_all("[data-hb-rate]", "bs => bs.map(b => b.getAttribute('aria-pressed'))")

    assert pressed() == ["false", "true", "false", "false"]
    group.get_by_role("button", name="1.25 倍", exact=True).focus()
    w.page.keyboard.press("Enter")
    assert pressed() == ["false", "false", "true", "false"]
    assert w.page.evaluate(f"() => {VIDEO}.playbackRate") == 1.25
    w.page.keyboard.press("Tab")
    w.page.keyboard.press("Space")
    assert pressed() == ["false", "false", "false", "true"]
    w.page.reload()
    assert pressed() == ["false", "false", "false", "true"]
    w.page.evaluate(PLAY)  # the load that play starts keeps the speed
    w.page.wait_for_function(f"() => {VIDEO}.currentTime > 0.3", timeout=15_000)
    assert w.page.evaluate(f"() => {VIDEO}.playbackRate") == 1.5
    other = next(lec for lec in SITE.lectures if lec.id in LOCAL_VIDEOS and lec is not SUBTITLED)
    w.page.goto(demo_url + f"lectures/{other.id}/")
    assert pressed() == ["false", "false", "false", "true"]
    assert w.errors == []


def test_resume_where_the_visitor_left_off(demo_url, open_page):
    """Played to 0:06 and paused: on return the page offers 从 0:06 继续播放 (without fetching the
    video), pressing it plays from there; watched to the end, the place is forgotten."""
    w = open_page(demo_url + f"lectures/{SUBTITLED.id}/")
    notice = w.page.locator("[data-hb-resume]")
    assert not notice.is_visible()
    w.page.evaluate(PLAY)
    w.page.wait_for_function(f"() => {VIDEO}.currentTime > 0.3", timeout=15_000)
    w.page.evaluate(f"() => new Promise(r => {{ const v = {VIDEO}; v.addEventListener('seeked', r, {{once: true}}); v.currentTime = 6.4; }})")
    w.page.evaluate(f"() => {VIDEO}.pause()")
    w.requests.clear()
    w.page.reload()
    w.page.wait_for_load_state("networkidle")
    assert notice.is_visible()
    assert notice.inner_text().split() == ["上次看到", "0:06。", "从", "0:06", "继续播放", "从头播放"]
    assert not _asked_for_video(w, SUBTITLED)
    w.page.get_by_role("button", name="从 0:06 继续播放").click()
    w.page.wait_for_function(f"() => !{VIDEO}.paused && {VIDEO}.currentTime >= 6.4", timeout=15_000)
    assert w.page.evaluate(f"() => {VIDEO}.currentTime") < 9
    assert not notice.is_visible()
    w.page.evaluate(f"() => {{ const v = {VIDEO}; v.muted = true; v.currentTime = v.duration - 0.3; }}")
    w.page.wait_for_function(f"() => {VIDEO}.ended", timeout=15_000)
    w.page.reload()
    assert not notice.is_visible()
    assert w.page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('hb-resume:'))") == []
    # 从头播放: the offer is declined, playing starts at 0:00 and the place is forgotten
    w.page.evaluate("() => localStorage.setItem('hb-resume:' + location.pathname, '7.5')")
    w.page.reload()
    w.page.evaluate(f"() => {{ {VIDEO}.muted = true; }}")
    w.page.get_by_role("button", name="从头播放").click()
    w.page.wait_for_function(f"() => !{VIDEO}.paused && {VIDEO}.currentTime > 0.2", timeout=15_000)
    assert w.page.evaluate(f"() => {VIDEO}.currentTime") < 5
    assert w.page.evaluate("() => localStorage.getItem('hb-resume:' + location.pathname)") is None
    assert w.errors == [] and w.foreign == []


# --- the player page's look: a ▶ over every cover, a player that fits a laptop, readable
# subtitles on a phone, meta lines and titles that break between whole facts and words ---

COVERED = next(lec for lec in SITE.lectures if lec.id in LOCAL_VIDEOS and lec.has_cover)


def test_big_play_button_over_a_cover_picture(demo_url, open_page):
    """A video with a cover picture shows a big ▶ over it before it first plays: a button on top
    of the video (what a click in the middle hits), reachable by keyboard; Enter plays and the
    ▶ goes; it stays gone."""
    w = open_page(demo_url + f"lectures/{COVERED.id}/")
    button = w.page.locator(".hb-player__poster")
    assert button.count() == 1 and button.is_visible()
    assert button.get_attribute("aria-label") == f"播放：{COVERED.title}"
    picture = w.page.locator(".hb-player__poster img")
    assert picture.get_attribute("src") == w.page.locator(".hb-player video").get_attribute("poster")
    play = w.page.locator(".hb-player__poster .hb-play--big")
    assert play.inner_text() == "▶" and play.is_visible()
    video = w.page.locator(".hb-player video").bounding_box()
    box = play.bounding_box()
    assert box["width"] >= 64 and box["height"] >= 64  # big, not the cards' 48 px
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert abs(centre[0] - (video["x"] + video["width"] / 2)) < 2 and abs(centre[1] - (video["y"] + video["height"] / 2)) < 2
    hit = "([x, y]) => { const e = document.elementFromPoint(x, y); return !!e && !!e.closest('.hb-player__poster'); }"
    assert w.page.evaluate(hit, [video["x"] + video["width"] / 2, video["y"] + video["height"] / 2])
    w.page.evaluate(f"() => {{ {VIDEO}.muted = true; }}")
    for _ in range(40):  # by keyboard, from the top of the page
        w.page.keyboard.press("Tab")
        if w.page.evaluate("() => document.activeElement.classList.contains('hb-player__poster')"):
            break
    else:
        raise AssertionError("the ▶ is not reached by Tab")
    w.page.keyboard.press("Enter")
    w.page.wait_for_function(f"() => !{VIDEO}.paused && {VIDEO}.currentTime > 0.2", timeout=15_000)
    assert not button.is_visible()
    w.page.evaluate(f"() => {VIDEO}.pause()")
    assert not button.is_visible()
    # a play that does not come through the ▶ (the video's own controls) removes it too
    w.page.reload()
    assert button.is_visible()
    w.page.evaluate(PLAY)
    w.page.wait_for_function(f"() => {VIDEO}.currentTime > 0.2", timeout=15_000)
    assert not button.is_visible()
    assert w.errors == [] and w.foreign == []


@pytest.mark.parametrize("size", [(1366, 768), (1366, 900), (1920, 1080)])
def test_player_and_its_speed_row_fit_a_laptop_screen(size, demo_url, open_page):
    """Opened on a laptop, the whole video and the 倍速 row under it are on the first screen, and
    the video is still a good size (not under 560 px wide)."""
    width, height = size
    w = open_page(demo_url + f"lectures/{COVERED.id}/", width, height)
    video = w.page.locator(".hb-player video").bounding_box()
    speed = w.page.locator(".hb-speed").bounding_box()
    assert video["y"] >= 0 and video["y"] + video["height"] <= height
    assert speed["y"] > video["y"] + video["height"] and speed["y"] + speed["height"] <= height, (video, speed, height)
    assert video["width"] >= 560
    assert w.page.evaluate("document.documentElement.scrollWidth") <= width


def test_player_fills_a_phone_and_the_width_of_a_4k_screen(demo_url, open_page):
    """On a phone the player is as wide as the text; on a 4K screen the player, the summary and
    the related lectures share the width (no half-empty page)."""
    w = open_page(demo_url + f"lectures/{COVERED.id}/", 375, 800)
    column = w.page.locator(".hb-lecture-page").bounding_box()
    assert abs(w.page.locator(".hb-player video").bounding_box()["width"] - column["width"]) < 1
    assert w.page.evaluate("document.documentElement.scrollWidth") <= 375
    w = open_page(demo_url + f"lectures/{COVERED.id}/", 3840, 2160)
    column = w.page.locator(".hb-lecture-page").bounding_box()
    video = w.page.locator(".hb-player video").bounding_box()
    about = w.page.locator(".hb-lecture-page__about").bounding_box()
    related = w.page.locator(".hb-lecture-page__related").bounding_box()
    assert about["x"] > video["x"] + video["width"] and related["x"] > video["x"] + video["width"]
    assert related["y"] < video["y"] + video["height"]  # beside the player, not under it
    assert about["x"] + about["width"] > column["x"] + column["width"] * 0.9
    assert video["y"] + video["height"] + w.page.locator(".hb-speed").bounding_box()["height"] < 2160


def _cue_font_px(page) -> float:
    """The computed font size of the subtitle on screen: the ::cue box lives in the video's
    user-agent shadow tree, which the page's scripts cannot see; the DevTools protocol can."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    cues = []

    def walk(node):
        attrs = node.get("attributes", [])
        if dict(zip(attrs[::2], attrs[1::2])).get("pseudo") == "cue":
            cues.append(node["nodeId"])
        for child in node.get("children", []) + node.get("shadowRoots", []) + node.get("pseudoElements", []):
            walk(child)

    walk(root)
    assert cues, "no subtitle on screen"
    style = cdp.send("CSS.getComputedStyleForNode", {"nodeId": cues[0]})["computedStyle"]
    return float(next(p["value"] for p in style if p["name"] == "font-size").removesuffix("px"))


@pytest.mark.parametrize("size, large, least", [((375, 800), False, 16), ((375, 800), True, 20),
                                                 ((1366, 900), False, 20), ((3840, 2160), False, 36)])
def test_subtitles_are_readable_on_a_phone_and_stay_large_on_big_screens(size, large, least, demo_url, browser):
    """Chrome sets subtitles at 5 % of the video's height: 10 px on a phone. They are at least
    body size there (larger with 大字), and no smaller than Chrome's own on a large player."""
    from pagekit import Watched

    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="zh-CN")
    try:
        if large:
            context.add_init_script("try { localStorage.setItem('hb-large', '1'); } catch (e) {}")
        w = Watched(context.new_page())
        w.page.goto(demo_url + f"lectures/{SUBTITLED.id}/")
        w.page.evaluate(PLAY)
        w.page.wait_for_function(f"() => {VIDEO}.textTracks[0].activeCues.length === 1", timeout=15_000)
        px = _cue_font_px(w.page)
        own = w.page.evaluate(f"() => {VIDEO}.getBoundingClientRect().height * 0.05")  # Chrome's own size
        assert px >= least and px >= own - 0.5, (px, own)
        assert w.errors == []
    finally:
        context.close()


UNITS = ("·", "分钟", "钟", "次观看", "观看", "期", "年", "月", "日")
LONG_BRANCH = max((lec for lec in SITE.lectures if lec.branch), key=lambda lec: len(lec.branch.name) + len(lec.branch.unit or ""))


@pytest.mark.parametrize("width", [375, 1366, 3840])
def test_meta_lines_break_between_whole_facts(width, demo_url, open_page):
    """主讲, branch, date, length and views wrap as whole facts: no line starts with "·", a
    number never leaves its unit (11 / 分钟, 2024 / 年7月1日) and 第 never leaves its number."""
    bad = []
    for path in ("", "lectures/", f"lectures/{COVERED.id}/", f"lectures/{LONG_BRANCH.id}/"):
        w = open_page(demo_url + path, width, 900)
        found = w.page.eval_on_selector_all(
            ".hb-meta, .hb-lecture-page__kicker, .hb-lecture__kicker, .hb-lecture__duration, .hb-cover__kicker", LINES)
        assert found
        for lines in found:
            for i, line in enumerate(lines):
                if (i and line.startswith(UNITS)) or line.endswith(("第", "：")):
                    bad.append((path, lines))
    assert bad == []


@pytest.mark.parametrize("width", [375, 1366])
def test_titles_break_between_words(width, demo_url, open_page):
    """A lecture's title breaks between words (八路军120师 / 抗日誓师的故事), never inside one
    (…抗 / 日…), and never leaves one character alone on a line."""
    w = open_page(demo_url + f"lectures/{COVERED.id}/", width, 900)
    lines = w.page.eval_on_selector_all(".hb-lecture-page h1", LINES)[0]
    assert "".join(lines) == COVERED.title
    assert broken_words(w.page, lines) == []
    assert all(len(line) > 1 for line in lines)
    w = open_page(demo_url + "lectures/", width, 900)
    for lines in w.page.eval_on_selector_all(".hb-lecture__title, .hb-cover__title", LINES):
        assert all(len(line.strip("“”，。")) > 1 for line in lines), lines
