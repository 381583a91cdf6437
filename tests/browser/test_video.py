"""Lecture videos in Chromium: the demo's own videos play offline; one that cannot load is
replaced by a message in Chinese (not a dead player at 0:00); a lecture without video shows
nothing that looks like a player."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import edit
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


@pytest.mark.parametrize("lecture_id", LOCAL_VIDEOS)
def test_local_video_plays(lecture_id, demo_url, open_page):
    """Metadata loads (a duration), and muted playback moves the clock on."""
    w = open_page(demo_url + f"lectures/{lecture_id}/")
    video = w.page.locator(".hb-player video")
    assert video.count() == 1
    w.page.wait_for_function("() => document.querySelector('.hb-player video').readyState >= 1", timeout=15_000)
    assert w.page.evaluate("() => document.querySelector('.hb-player video').duration") > 0
    w.page.evaluate("() => { const v = document.querySelector('.hb-player video'); v.muted = true; return v.play(); }")
    w.page.wait_for_function("() => document.querySelector('.hb-player video').currentTime > 0.3", timeout=15_000)
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
    assert _failed_message(w) == FAILED
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
