"""Lobby screens in Chromium with Playwright's clock: playlist timing and loop, floor filter,
fit at 1080p / portrait / 4K, hours, deploys and outages against a real local server, a flat
DOM after many loops, and CJK drawn with the page's own font when the system has none."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

from helpers import REPO
from pagekit import LINES, Watched, chromium_path
from honorboard import load
from honorboard.site.screens import phrases

SITE = load(REPO / "data").site
MORNING = dt.datetime(2024, 12, 16, 10, 0, 0)  # a Monday, inside both screens' hours


def _slide_seconds(page) -> list[int]:
    return page.eval_on_selector_all(".slide", "els => els.map(e => +e.dataset.seconds)")


def _current(page) -> int:
    return page.evaluate("window.honorboardScreen.current()")


def _advance_to_next(page, seconds: int) -> int:
    before = _current(page)
    page.clock.run_for(seconds * 1000 + 50)
    page.wait_for_function(f"window.honorboardScreen.current() !== {before}", timeout=10000)
    return _current(page)


@pytest.fixture
def screen(browser):
    """``screen(url, size, at)`` → a watched page with Playwright's clock installed before load."""
    contexts = []

    def _open(url: str, size=(1920, 1080), at: dt.datetime = MORNING):
        context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.clock.install(time=at - dt.timedelta(seconds=1))
        page.clock.pause_at(at)  # time moves only when the test says so
        watched = Watched(page)
        page.goto(url, wait_until="load")
        page.wait_for_function("window.honorboardScreen && window.honorboardScreen.current() === 0")
        return watched

    yield _open
    for context in contexts:
        context.close()


def test_every_slide_kind_renders_and_plays_in_order_then_loops(demo_url, screen):
    w = screen(demo_url + "screens/lobby-1f/")
    page = w.page
    kinds = page.eval_on_selector_all(".slide", "els => els.map(e => e.dataset.kind)")
    assert set(kinds) == {"stars", "honors", "branches", "posts", "lectures", "stats", "image", "text"}
    # every picture on the screen loaded for real
    broken = page.eval_on_selector_all("img", "els => els.filter(i => !i.complete || !i.naturalWidth).map(i => i.src)")
    assert broken == []
    seconds = _slide_seconds(page)
    assert seconds[0] == 20 and seconds[kinds.index("image")] == 10 and seconds[kinds.index("posts")] == 15
    seen = [0]
    for i in range(len(kinds)):
        # not a moment early: just before its time the slide is still showing
        page.clock.run_for(seconds[i] * 1000 - 500)
        assert _current(page) == i
        page.clock.run_for(600)
        page.wait_for_function(f"window.honorboardScreen.current() !== {i}", timeout=10000)
        seen.append(_current(page))
    assert seen == list(range(len(kinds))) + [0]  # ... and round again
    assert page.evaluate("document.querySelectorAll('.slide.on').length") == 1
    assert w.errors == [] and w.foreign == []


def test_header_shows_name_date_and_clock(demo_url, screen):
    page = screen(demo_url + "screens/lobby-1f/").page
    assert page.inner_text(".band__name") == "一楼大厅"
    assert page.inner_text("[data-date]") == "2024年12月16日 星期一"
    assert page.inner_text("[data-clock]") == "10:00"
    page.clock.run_for(61_000)
    assert page.inner_text("[data-clock]") == "10:01"


def test_floor_filter(demo_url, screen):
    """The first-floor screen shows only first-floor branches on its boards."""
    page = screen(demo_url + "screens/lobby-1f/").page
    floor_of = {b.id: b.floor for b in SITE.branches}
    shown = page.eval_on_selector_all(".slide--stars [data-branch], .slide--posts [data-branch], .slide--branches [data-branch]",
                                      "els => els.map(e => e.dataset.branch)")
    assert shown and {floor_of[b] for b in shown} == {1}
    stars = page.eval_on_selector_all(".slide--stars [data-branch]", "els => els.length")
    on_floor = [a for a in SITE.latest_month.awards if a.member.branch.floor == 1]
    assert stars == len(on_floor)


SIZES = {"1080p": (1920, 1080), "portrait": (1080, 1920), "4k": (3840, 2160), "4k-portrait": (2160, 3840)}


@pytest.mark.parametrize("screen_id", [s.id for s in SITE.screens])
@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_every_slide_fits_and_text_is_legible(demo_url, screen, screen_id, size):
    """No scrollbars, nothing cut off, smallest text ≥ 36 px per 1080 px of the short side."""
    width, height = SIZES[size]
    page = screen(demo_url + f"screens/{screen_id}/", (width, height)).page
    report = page.evaluate("""() => {
      const out = {page: [document.documentElement.scrollWidth - innerWidth, document.documentElement.scrollHeight - innerHeight], slides: [], smallest: 1e9, cut: []};
      document.querySelectorAll('.slide').forEach((s, i) => {
        s.classList.add('on');
        out.slides.push([i, s.scrollWidth - s.clientWidth, s.scrollHeight - s.clientHeight]);
        const box = s.getBoundingClientRect();
        s.querySelectorAll('*').forEach(e => {
          const style = getComputedStyle(e);
          if (style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none') out.cut.push([i, e.className, 'ellipsis']);
          // an SVG's <title> and <desc> name a chart for screen readers: not drawn, nowhere to be cut
          if (e.childElementCount === 0 && e.textContent.trim() && !['title', 'desc'].includes(e.tagName)) {
            out.smallest = Math.min(out.smallest, parseFloat(style.fontSize));
            const r = e.getBoundingClientRect();  // text outside its slide is text cut off
            if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
              out.cut.push([i, e.className, e.textContent.slice(0, 20)]);
            const clips = style.overflow !== 'visible';  // a glyph taller than its line box is not cut unless clipped
            if (style.display !== 'inline' && (e.scrollWidth > e.clientWidth + 1 || (clips && e.scrollHeight > e.clientHeight + 1)))
              out.cut.push([i, e.className, e.textContent.slice(0, 20)]);
          }
        });
        s.classList.remove('on');
      });
      return out;
    }""")
    assert report["page"][0] <= 0 and report["page"][1] <= 0
    assert [s for s in report["slides"] if s[1] > 1 or s[2] > 1] == []
    assert report["cut"] == []  # nothing truncated: no ellipsis, no text outside its box or slide
    assert report["smallest"] >= 36 * min(width, height) / 1080 - 0.5


@pytest.mark.parametrize("size", ["1080p", "portrait"])
def test_slides_are_composed_for_their_count(demo_url, screen, size):
    """Few people large and filling the panel; every star shown (never cut); the year's short
    honour lists share a slide, people on it with their portraits."""
    width, height = SIZES[size]
    page = screen(demo_url + "screens/lobby-1f/", (width, height)).page
    facts = page.evaluate("""() => {
      const area = document.querySelector('.slides').getBoundingClientRect();
      const show = s => { document.querySelectorAll('.slide').forEach(x => x.classList.toggle('on', x === s)); };
      const stars = document.querySelector('.slide--stars'); show(stars);
      const people = [...stars.querySelectorAll('.person')];
      const used = people.map(p => p.querySelector('img').getBoundingClientRect()).reduce((a, r) => a + r.width * r.height, 0);
      return {
        stars: people.map(p => [p.dataset.member, (p.querySelector('.stars') || {textContent: ''}).textContent.split('★').length - 1,
                                (p.querySelector('.stars') || {textContent: ''}).textContent.length]),
        portraitShare: used / (area.width * area.height),
        honorSlides: document.querySelectorAll('.slide--honors').length,
        honorLists: [...document.querySelectorAll('.slide--honors .hsec__title')].map(e => e.textContent),
        honorPortraits: document.querySelectorAll('.slide--honors .hentry--member img').length,
      };
    }""")
    month = SITE.latest_month
    expected = {a.member.id: a.stars or 0 for a in month.awards if a.member.branch.floor == 1}
    assert {m: on for m, on, _ in facts["stars"]} == expected  # five stars show five, four show four
    assert {total for m, on, total in facts["stars"] if on} == {5}  # ... out of five (☆ for the rest)
    assert facts["portraitShare"] > 0.2, facts  # three people fill the panel, not its corner
    year = SITE.latest_honors

    def on_floor(e) -> bool:  # the first-floor screen: teams, and people and branches of floor 1
        return bool(e.team) or (e.member.branch if e.member else e.branch).floor == 1

    shown = [lst.title for lst in year.lists if any(on_floor(e) for e in lst.entries)]
    assert facts["honorSlides"] == 1 and facts["honorLists"] == shown and len(shown) >= 3
    members = sum(1 for lst in year.lists for e in lst.entries if e.member and e.member.branch.floor == 1)
    assert facts["honorPortraits"] == members > 0


def _show(page, kind: str) -> None:
    page.evaluate("k => document.querySelectorAll('.slide').forEach(s => s.classList.toggle('on', s.dataset.kind === k))", kind)


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_honour_names_break_only_between_words(demo_url, screen, size):
    """垃圾分类“桶前值守”党员志愿队 never reads 垃圾分类“桶前值 / 守”…: every line of a name or place on
    the honour wall is made of whole pieces (screens.phrases), and at least one long name does wrap."""
    page = screen(demo_url + "screens/lobby-1f/?preview", SIZES[size]).page
    _show(page, "honors")
    bad, lines = _split_pieces(page, ".slide--honors .hentry__name, .slide--honors .hentry__where")
    assert bad == []
    assert any(len(shown) > 1 for shown in lines)  # the check saw a name that wraps


@pytest.mark.parametrize("size", ["portrait", "4k-portrait", "1080p"])
def test_slogans_pledges_and_notices_break_only_between_words(demo_url, screen, size):
    """企业群众有所需，我必有所帮 never reads …有所 / 需; 三楼会议室 never 三楼会 / 议室; a notice
    of plain text is not set one word a column (each piece its own flex item)."""
    page = screen(demo_url + "screens/lobby-1f/?preview", SIZES[size]).page
    wrapped = 0
    for kind, sel in (("branches", ".brand__name, .brand__slogan, .brand__tags li"),
                      ("posts", ".posts__name, .posts__where, .posts__pledge"), ("text", ".notice")):
        _show(page, kind)
        bad, lines = _split_pieces(page, ".slide.on :is(" + sel + ")")
        assert bad == [], kind
        assert all(len(line) > 1 for shown in lines for line in shown), (kind, lines)
        wrapped += sum(len(shown) > 1 for shown in lines)
    assert wrapped  # the check saw text that wraps


def _split_pieces(page, selector: str) -> tuple[list, list]:
    """The elements' rendered lines, and those of them whose lines are not made of whole pieces
    (screens.phrases) of their text."""
    texts = page.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")
    lines = page.eval_on_selector_all(selector, LINES)
    assert len(texts) == len(lines) > 0, selector
    bad = []
    for text, shown in zip(texts, lines):
        pieces = list(phrases(text))
        assert "".join(shown) == "".join(text.split())
        for line in shown:  # each line takes the next pieces whole
            taken = ""
            while pieces and len(taken) < len(line):
                taken += "".join(pieces.pop(0).split())
            if taken != line:
                bad.append((text, shown))
                break
    return bad, lines


@pytest.mark.parametrize("size", ["portrait", "4k-portrait"])
def test_portrait_honour_wall_leaves_no_hole_and_faces_are_large(demo_url, screen, size):
    """On a portrait panel the lists cover the wall (a single last list takes the whole row, a list's
    odd last entry too), and a member's portrait is a face to recognise across the lobby."""
    width, height = SIZES[size]
    page = screen(demo_url + "screens/lobby-1f/?preview", (width, height)).page
    _show(page, "honors")
    facts = page.evaluate("""() => {
      const s = document.querySelector('.slide--honors.on'), wall = s.querySelector('.hwall').getBoundingClientRect();
      const gap = parseFloat(getComputedStyle(s.querySelector('.hwall')).rowGap);
      const area = r => (r.width + gap) * (r.height + gap);  // each list with its share of the gaps
      const lists = [...s.querySelectorAll('.hsec')].map(e => e.getBoundingClientRect());
      const rows = [...s.querySelectorAll('.hsec__entries')].map(ul => {  // each list's entries: its last row full
        const boxes = [...ul.children].map(e => e.getBoundingClientRect());
        const last = boxes.filter(b => Math.abs(b.top - boxes[boxes.length - 1].top) < 1);
        return [last.reduce((a, b) => a + b.width, 0) + (last.length - 1) * parseFloat(getComputedStyle(ul).columnGap),
                ul.getBoundingClientRect().width];
      });
      return {share: lists.map(area).reduce((a, b) => a + b, 0) / area(wall), rows,
              faces: [...s.querySelectorAll('.hentry--member .portrait')].map(e => e.getBoundingClientRect().height)};
    }""")
    assert facts["share"] > 0.97, facts  # before: 0.83, a quarter of the panel's lower half blank
    assert all(used > room - 2 for used, room in facts["rows"]), facts  # no entry-sized hole in a list's last row
    assert facts["faces"] and min(facts["faces"]) >= 0.15 * height, facts  # before: 227 px of 1920


@pytest.mark.parametrize("size", ["portrait", "4k-portrait"])
def test_odd_last_star_on_portrait_is_as_large_as_the_others(demo_url, screen, size):
    """Three stars on a portrait panel: the third stands centred under the two, the same size as
    they are (it used to take the full width and a name half as large again)."""
    width, height = SIZES[size]
    page = screen(demo_url + "screens/lobby-1f/?preview", (width, height)).page
    _show(page, "stars")
    people = page.evaluate("""() => [...document.querySelectorAll('.slide--stars.on .person')].map(p => {
      const r = p.getBoundingClientRect(), img = p.querySelector('.portrait').getBoundingClientRect();
      return {name: parseFloat(getComputedStyle(p.querySelector('.person__name')).fontSize), width: r.width,
              centre: (r.left + r.right) / 2, img: img.height};
    })""")
    assert len(people) % 2 == 1 and len(people) > 1  # the demo's first floor: three
    *rest, last = people
    assert max(abs(p["name"] - last["name"]) for p in rest) < 0.5, people  # before: 86 px against 53
    assert abs(last["width"] - rest[0]["width"]) < 1 and abs(last["img"] - rest[0]["img"]) < 2
    assert abs(last["centre"] - width / 2) < 2  # centred on the panel


def test_preview_ignores_hours_and_the_index_links_every_screen(demo_url, screen, open_page):
    night = dt.datetime(2024, 12, 16, 23, 0, 0)
    page = screen(demo_url + "screens/lobby-1f/?preview", at=night).page
    assert not page.evaluate("document.querySelector('.stage').classList.contains('is-off')")
    page = screen(demo_url + "screens/lobby-1f/", at=night).page
    assert page.evaluate("document.querySelector('.stage').classList.contains('is-off')")
    index = open_page(demo_url + "screens/").page
    hrefs = index.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    for s in SITE.screens:
        assert any(h.endswith(f"{s.id}/") for h in hrefs) and any(h.endswith(f"{s.id}/?preview") for h in hrefs)
    assert "?preview" in index.inner_text("body") and "亮屏时段" in index.inner_text("body")


def test_dark_outside_hours_and_wakes_by_itself(demo_url, screen):
    page = screen(demo_url + "screens/lobby-1f/", at=dt.datetime(2024, 12, 16, 21, 0, 0)).page  # hours 07:30-19:00
    assert page.evaluate("document.querySelector('.stage').classList.contains('is-off')")
    assert page.evaluate("getComputedStyle(document.querySelector('.off')).display") == "block"
    page.clock.run_for(10 * 3600 * 1000 + 31 * 60 * 1000)  # 07:31 next morning
    assert not page.evaluate("document.querySelector('.stage').classList.contains('is-off')")


def test_hours_across_midnight(project: Path, build_site, screen):
    (project / "data/screens/lobby.yml").write_text(
        "name: 夜班大厅\nslides:\n  - show: text\n    title: 夜班\n    text: 夜间值守\nhours: 22:00-06:00\n", encoding="utf-8")
    url = build_site(project, "night") + "screens/lobby/"
    page = screen(url, at=dt.datetime(2024, 12, 16, 23, 30)).page
    assert not page.evaluate("document.querySelector('.stage').classList.contains('is-off')")
    page.clock.run_for(3 * 3600 * 1000)  # 02:30, the next day
    assert not page.evaluate("document.querySelector('.stage').classList.contains('is-off')")
    page.clock.run_for(4 * 3600 * 1000)  # 06:30
    assert page.evaluate("document.querySelector('.stage').classList.contains('is-off')")


def test_dom_stays_flat_over_many_loops(demo_url, screen):
    page = screen(demo_url + "screens/corridor-3f/", (1080, 1920)).page
    seconds = _slide_seconds(page)
    count = "document.getElementsByTagName('*').length"
    for _ in range(len(seconds)):
        _advance_to_next(page, seconds[_current(page)])
    first = page.evaluate(count)
    for _ in range(40 * len(seconds)):  # forty more loops
        _advance_to_next(page, seconds[_current(page)])
    assert page.evaluate(count) == first
    assert page.evaluate("document.querySelectorAll('.slide.on').length") == 1


def test_cjk_draws_with_the_pages_own_font_when_the_system_has_none(demo_url, browser, tmp_path: Path):
    """A bare player: Chromium started without any CJK system font still shows the Chinese."""
    # the player's fonts: Latin ones only (Debian keeps Noto CJK under opentype/, not truetype/)
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f"<dir>/usr/share/fonts/truetype</dir><cachedir>{tmp_path}/fc</cachedir></fontconfig>",
                    encoding="utf-8")
    env = {k: v for k, v in os.environ.items()} | {"FONTCONFIG_FILE": str(conf)}
    bare = browser.browser_type.launch(executable_path=chromium_path(), env=env,
                                       args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
    try:
        page = bare.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(demo_url + "screens/lobby-1f/")
        text = page.evaluate("document.querySelector('.stage').innerText")
        loaded = page.evaluate("t => document.fonts.load('48px HBScreen', t).then(fs => fs.length)", text)
        assert loaded >= 1
        assert page.evaluate("() => [...document.fonts].some(f => f.family.includes('HBScreen') && f.status === 'loaded')")
        # every character on the screen is in the loaded subset
        assert page.evaluate("t => document.fonts.check('48px HBScreen', t)", text)
        # the same text set in a plain system face is measured differently (no CJK glyphs there)
        widths = page.evaluate("""t => { const c = document.createElement('canvas').getContext('2d');
            c.font = '48px HBScreen'; const ours = c.measureText('星级党员').width;
            c.font = '48px sans-serif'; return [ours, c.measureText('星级党员').width]; }""", text)
        assert widths[0] > 150 and widths[0] != widths[1]
    finally:
        bare.close()


# --- deploys and outages, against a real server on 127.0.0.1 that the test controls ----------

class _Host:
    """A folder served on a fixed port; version.json can fail on demand; the server can stop."""

    def __init__(self, root: Path):
        self.root, self.mode = root, "ok"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = None
        self.start()

    def start(self) -> None:
        host = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path.startswith("/version.json") and host.mode != "ok":
                    if host.mode == "500":
                        self.send_error(500)
                        return
                    body = b"{not json"
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                super().do_GET()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), functools.partial(Handler, directory=str(self.root)))
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def deploy(self, build: str) -> None:
        (self.root / "version.json").write_text(json.dumps({"build": build}), encoding="utf-8")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/screens/lobby-1f/"


@pytest.fixture
def host(demo_url, served_root, tmp_path):
    root, _ = served_root
    copy = tmp_path / "www"
    shutil.copytree(root / "dangjian", copy)
    h = _Host(copy)
    yield h
    try:
        h.stop()
    except Exception:
        pass


def _navigations(page) -> list[str]:
    seen: list[str] = []
    page.on("framenavigated", lambda frame: seen.append(frame.url) if frame == page.main_frame else None)
    return seen


def _poll_once(page, minutes: float = 1.5) -> None:
    page.clock.run_for(int(minutes * 60_000))
    page.wait_for_timeout(600)  # the fetches themselves are real


def test_new_build_reloads_only_after_its_page_arrived(host: _Host, screen):
    w = screen(host.url)
    nav = _navigations(w.page)
    _poll_once(w.page)
    assert nav == []  # same build: nothing happens
    host.deploy("new-build-1")
    w.page.clock.run_for(90_000)
    w.page.wait_for_url("**/screens/lobby-1f/?v=new-build-1", timeout=15000)
    assert len(nav) == 1


@pytest.mark.parametrize("mode", ["500", "garbage"])
def test_server_errors_do_not_reload(host: _Host, screen, mode):
    w = screen(host.url)
    nav = _navigations(w.page)
    host.mode = mode
    for _ in range(3):
        _poll_once(w.page, 12)  # back-off doubles the wait: poll three times over half an hour
    assert nav == []
    assert w.page.evaluate("document.querySelectorAll('.slide.on').length") == 1  # still playing


def test_stopped_server_then_a_deploy(host: _Host, screen):
    """The host goes away for a while: the screen keeps playing; when it is back with a new
    build, the screen picks it up (after its back-off)."""
    w = screen(host.url)
    nav = _navigations(w.page)
    host.stop()
    for _ in range(4):
        _poll_once(w.page, 12)
    assert nav == []
    before = _current(w.page)
    _advance_to_next(w.page, 20)
    assert _current(w.page) != before  # still playing its slides
    host.start()
    host.deploy("after-outage")
    for _ in range(6):
        _poll_once(w.page, 11)
        if nav:
            break
    w.page.wait_for_url("**?v=after-outage", timeout=15000)


def _shows_the_screen(page) -> bool:
    """Is the screen page (not an error page) what the browser shows? A reload may start just as
    we ask: then ask the page it loaded."""
    from playwright.sync_api import Error

    for _ in range(5):
        page.wait_for_load_state("load")
        try:
            return page.evaluate("document.querySelector('[data-hb-screen]') !== null")
        except Error as exc:
            if "Execution context was destroyed" not in str(exc):
                raise
    raise AssertionError("the page kept navigating")


def test_three_days_with_deploys_and_an_outage(project: Path, build_site, served_root, screen, tmp_path):
    """Three days on the clock: two deploys of new data and an outage of most of a day in between. The
    screen never stops playing, never loads an error page, and ends on the newest data."""
    from helpers import mkdocs_build

    notice = project / "data/screens/lobby.yml"

    def publish(text: str, out: Path) -> str:
        notice.write_text(f"name: 一楼大厅\nfloor: 1\nslides:\n  - show: stars\n  - show: text\n    title: 通知\n"
                          f"    text: {text}\nhours: \"07:30-19:00\"\n", encoding="utf-8")
        done = mkdocs_build(project, out)
        assert done.returncode == 0, done.stderr
        return json.loads((out / "version.json").read_text(encoding="utf-8"))["build"]

    live = tmp_path / "live"
    first = publish("第一周通知", live)
    host = _Host(live)
    try:
        w = screen(f"http://127.0.0.1:{host.port}/screens/lobby/", at=dt.datetime(2024, 12, 16, 8, 0))
        page = w.page
        loads = _navigations(page)
        hour = 3600 * 1000
        for h in range(0, 3 * 24, 2):  # two hours a step: each step plays, polls and may reload
            if h == 30:  # Tuesday 14:00: a new build goes live, swapped in whole
                staged = tmp_path / "staged-1"
                second = publish("第二次发布的通知", staged)
                shutil.rmtree(live)
                shutil.copytree(staged, live)
            if h == 40:  # Wednesday 00:00: the host goes down for most of a day
                host.stop()
            if h == 60:  # Wednesday 20:00: back, with the newest build
                staged = tmp_path / "staged-2"
                newest = publish("最新通知：本周五主题党日", staged)
                shutil.rmtree(live)
                shutil.copytree(staged, live)
                host.start()
            page.clock.run_for(2 * hour)
            page.wait_for_timeout(150)  # let real fetches and reloads finish
            assert _shows_the_screen(page)  # never an error page
        assert first != second != newest
        assert _shows_the_screen(page)
        assert page.get_attribute("[data-hb-screen]", "data-build") == newest
        assert "最新通知：本周五主题党日" in page.inner_text(".slide--text", timeout=5000) or \
            "最新通知：本周五主题党日" in page.content()
        assert 2 <= len(loads) <= 3  # one reload per new build (plus at most one retry)
        # the browser reports the refused connections of the outage; nothing else went wrong
        assert [e for e in w.errors if not e.startswith("Failed to load resource")] == []
    finally:
        try:
            host.stop()
        except Exception:
            pass


@pytest.mark.parametrize("size", ["1080p", "portrait"])
def test_a_short_notice_fills_its_panel_and_empty_stars_are_light_grey(demo_url, screen, size):
    """A notice of one sentence is set large (8 vmin: 86 px at 1080p, was 65), and ☆ is light grey
    (look.md), not a dim pink outline lost across the lobby."""
    width, height = SIZES[size]
    page = screen(demo_url + "screens/lobby-1f/?preview", (width, height)).page
    _show(page, "text")
    size_px = page.eval_on_selector(".slide.on .notice", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size_px >= 0.079 * min(width, height), size_px
    _show(page, "stars")
    colours = page.eval_on_selector_all(".slide.on .stars__off", "els => els.map(e => getComputedStyle(e).color)")
    assert colours and set(colours) == {"rgb(200, 200, 200)"}, colours
