"""Hostile and real-world data in a real browser: links that hide a script scheme run nothing
when clicked, and media files with #, ? or % in their names are the files that load."""

from __future__ import annotations

from helpers import edit

TRICKS = [
    "javascript&#58;window.hacked=1",
    "javascript&colon;window.hacked=2",
    "jav&#x09;ascript:window.hacked=3",
    "&#106;avascript:window.hacked=4",
    "JaVaScRiPt&#x3A;window.hacked=5",
    "javascript&#0000058window.hacked=6",
]


def test_clicking_encoded_script_links_runs_nothing(build_site, open_page, project):
    """Each link of a Markdown intro is clicked in Chromium: no script runs, no dialog opens."""
    links = " ".join(f"[链接{i}]({href})" for i, href in enumerate(TRICKS))
    edit(project / "data/branches/alpha.yml", {
        "    **一窗受理**，帮办代办。": f"    **一窗受理**，帮办代办。{links} [内网](http://127.0.0.1:9/x)",
    })
    url = build_site(project, "links")
    for i, trick in enumerate(TRICKS):
        w = open_page(url + "branches/alpha/")
        dialogs: list[str] = []
        w.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        anchors = w.page.locator(".hb-prose a")
        assert anchors.count() == len(TRICKS) + 1
        href = anchors.nth(i).get_attribute("href")
        # no href at all, or one the browser resolves against the page (a harmless 404)
        assert href is None or not href.lower().startswith("javascript:"), trick
        anchors.nth(i).click()
        w.page.wait_for_timeout(100)
        assert w.page.url.startswith(url), trick
        assert w.page.evaluate("window.hacked") is None, trick
        assert dialogs == [] and [e for e in w.errors if "404" not in e] == [], trick
    w = open_page(url + "branches/alpha/")
    assert w.page.locator(".hb-prose a").last.get_attribute("href") == "http://127.0.0.1:9/x"  # a safe link stays


NAMES = {"video": "第1讲#上 (定稿).mp4", "slides": "课件?终稿 100%.pdf", "guest_video": "50%25 off&more.mp4"}


def test_media_named_with_hash_query_and_percent_load_the_right_file(build_site, open_page, project):
    """Each media link on a lecture page, fetched by Chromium as the page resolves it, returns the
    bytes of the very file named in data/ (before: a 404, or another file)."""
    media = project / "data/media"
    for key, name in NAMES.items():
        (media / name).write_bytes(f"内容 {key} {name}".encode())
    (media / "第1讲").write_bytes(b"decoy: what an unencoded # would fetch")
    edit(project / "data/lectures/oath.yml", {"video: http://video.intranet/oath.mp4":
                                              f"video: 'media/{NAMES['video']}'\nslides: 'media/{NAMES['slides']}'"})
    edit(project / "data/lectures/guest.yml", {"date: 2024-01-15": f"date: 2024-01-15\nvideo: 'media/{NAMES['guest_video']}'"})
    url = build_site(project, "media-names")
    fetch = "async (sel) => { const el = document.querySelector(sel); " \
            "const r = await fetch(el.src || el.href); return [r.status, await r.text()]; }"
    w = open_page(url + "lectures/oath/")
    assert w.page.evaluate(fetch, "video source") == [200, f"内容 video {NAMES['video']}"]
    assert w.page.evaluate(fetch, "a[download]") == [200, f"内容 slides {NAMES['slides']}"]
    w = open_page(url + "lectures/guest/")
    assert w.page.evaluate(fetch, "video source") == [200, f"内容 guest_video {NAMES['guest_video']}"]
