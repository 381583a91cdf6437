"""Every page type in Chromium: no console error, nothing fetched from outside, no sideways
scrolling on a phone or a 4K screen, and no serious accessibility violation (axe-core)."""

from __future__ import annotations

from pathlib import Path

import pytest

from honorboard import load

SITE = load(Path(__file__).parents[2] / "data").site
_no_photo = next(m for m in SITE.members.values() if not m.photo)
_with_photo = next(m for m in SITE.members.values() if m.photo and m.awards)
_url_video = next(lec for lec in SITE.lectures if lec.video_is_url)
_no_cover = next(lec for lec in SITE.lectures if not lec.cover)
_no_brand = next(b for b in SITE.branches if not b.brand)

PAGES = {
    "home": "",
    "boards": "boards/",
    "board": f"boards/{SITE.latest_month.key}/",
    "honors": "honors/",
    "honor-year": f"honors/{SITE.latest_honors.year}/",
    "wall": "branches/",
    "branch": f"branches/{SITE.branches[0].id}/",
    "branch-no-brand": f"branches/{_no_brand.id}/",
    "posts": "posts/",
    "catalog": "lectures/",
    "stats": "stats/",
    "lecture-video": f"lectures/{_url_video.id}/",
    "lecture-no-cover": f"lectures/{_no_cover.id}/",
    "member": f"members/{_with_photo.id}/",
    "member-no-photo": f"members/{_no_photo.id}/",
    "about": "about/",
}


SIZES = {"phone": (375, 800), "1080p": (1920, 1080), "4k": (3840, 2160)}


@pytest.mark.parametrize("name", PAGES)
def test_page_is_clean_accessible_and_fits(name, demo_url, open_page):
    """No console error, no outside request, nothing serious or critical for axe-core, and no
    sideways scrolling on a 375 px phone, a 1080p desktop or a 4K screen."""
    from axe_playwright_python.sync_playwright import Axe

    w = open_page(demo_url + PAGES[name])
    w.page.wait_for_load_state("networkidle")
    results = Axe().run(w.page)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []
    overflow = {}
    for label, (width, height) in SIZES.items():
        w.page.set_viewport_size({"width": width, "height": height})
        overflow[label] = w.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert all(v <= 0 for v in overflow.values()), overflow
    assert w.errors == []
    assert w.foreign == []
