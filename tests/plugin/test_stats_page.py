"""观看次数 and 数据统计: a lecture's views everywhere are those from before the site plus those
`honorboard stats` counted; /stats/ draws them (and star awards per branch) as SVG at build
time, with the numbers as text; a screen's `show: stats` slide draws the same for a lobby."""

from __future__ import annotations

import html as htmllib
import re
import shutil
from pathlib import Path

import pytest

from helpers import MINI, REPO, make_mini_media, mkdocs_build

HOSTILE = '<script>alert(1)</script>"><svg onload=alert(2)>讲座'
STATS = {
    # the mini data's lectures: oath (views: 7900 in its file), guest (none); a lecture since
    # deleted keeps its history in data/stats/ and counts nowhere; June has no view at all
    "2024-04": [("2024-04-30", "guest", 5)],
    "2024-05": [("2024-05-01", "oath", 3), ("2024-05-02", "oath", 4), ("2024-05-02", "guest", 10),
                ("2024-05-31", "deleted-talk", 2)],
    "2024-07": [("2024-07-15", "oath", 1)],
}


def write_stats(data: Path, months: dict) -> None:
    (data / "stats").mkdir(exist_ok=True)
    for month, rows in months.items():
        lines = ["views:"] + [f"  - {{date: {d}, lecture: {lec}, count: {n}}}" for d, lec, n in rows]
        (data / "stats" / f"{month}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The mini project with counted views, a hostile lecture title and a stats slide, built once."""
    root = tmp_path_factory.mktemp("stats")
    data = root / "data"
    shutil.copytree(MINI, data)
    make_mini_media(data)
    for name in ("theme", "site_src"):
        shutil.copytree(REPO / name, root / name)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    write_stats(data, STATS)
    guest = data / "lectures/guest.yml"
    guest.write_text(guest.read_text(encoding="utf-8").replace("title: 老渤海抗日精神", f"title: '{HOSTILE}'"),
                     encoding="utf-8")
    lobby = data / "screens/lobby.yml"
    lobby.write_text(lobby.read_text(encoding="utf-8").replace("  - show: honors\n", "  - show: honors\n  - show: stats\n"),
                     encoding="utf-8")
    out = mkdocs_build(root, root / "site")
    assert out.returncode == 0, out.stderr
    return root / "site"


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _svg(html: str, ident: str) -> str:
    found = re.search(rf'<svg class="hb-chart[^"]*" id="{ident}".*?</svg>', html, re.S)
    assert found, ident
    return found.group(0)


def _texts(svg: str, fit: str = "narrow") -> list[str]:
    """The words drawn in an SVG, in order (its <title> and <desc> are not drawn); of bars drawn
    for two widths, those of ``fit`` (the stylesheet shows one)."""
    svg = re.sub(r"<(title|desc)\b.*?</\1>", "", svg, flags=re.S)
    other = {"narrow": "wide", "wide": "narrow"}[fit]
    svg = re.sub(rf'<g class="hb-chart__fit hb-chart__fit--{other}">.*?</g>', "", svg, flags=re.S)
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", t)) for t in re.findall(r"<text\b.*?</text>", svg, re.S)]


def _words(html: str) -> str:
    """What a visitor reads: the text without tags."""
    return htmllib.unescape(re.sub(r"<[^>]+>", "", html))


def test_views_everywhere_are_before_plus_counted(site: Path):
    """7900 in the lecture's file + 3 + 4 + 1 counted = 7,908 on its page, its card, the
    catalog's sort key, its lecturer's and branch's totals; the home figure sums all lectures."""
    assert "7,908次观看" in _page(site, "lectures/oath")
    catalog = _page(site, "lectures")
    assert re.search(r'data-id="oath"[^>]*data-views="7908"', catalog)
    assert re.search(r'data-id="guest"[^>]*data-views="15"', catalog)
    assert "7,908次观看" in catalog and "15次观看" in catalog
    assert "<strong>7,908</strong>次观看" in _page(site, "members/li-xiaofang")
    assert "本支部的微党课累计观看 7,908 次" in _page(site, "branches/beta")
    assert "本支部的微党课累计观看 15 次" in _page(site, "branches/alpha")
    home = _page(site, "")
    assert re.search(r'7,923</span><span class="hb-figures__unit">次</span><span class="hb-figures__label">微党课观看', home)


def test_stats_page_draws_the_counted_numbers(site: Path):
    page = _page(site, "stats")
    figures = [(v, u, _words(label)) for v, u, label in re.findall(
        r'hb-figures__value">([^<]+)</span><span class="hb-figures__unit">([^<]+)</span>'
        r'<span class="hb-figures__label">(.*?)</span></li>', page)]
    # the star months named as dates of the data (its latest board is May 2024), never "近12个月"
    assert figures == [("7,923", "次", "微党课累计观看"), ("23", "次", "其中本站统计"), ("2", "讲", "微党课"),
                       ("2", "人次", "2023年6月至2024年5月星级党员")]
    assert "近12个月" not in page and "近4个月" not in page
    # the note in plain words for visitors: no file names, no fields, no server logs
    note = _words(re.search(r'<p class="hb-lead hb-stats-note">(.*?)</p>', page, re.S).group(1))
    assert note == ("累计观看 = 本站上线前的观看次数 + 本站上线后统计的观看人次。本站统计的时间为2024年4月30日至7月15日，"
                    "按天统计，只计人次，不记录任何访客信息；每月观看次数只含本站统计的部分。")
    for jargon in ("views", "数据文件", "访问日志", "主机", "<code>"):
        assert jargon not in note, jargon
    # on paper: the day the numbers run to, from the data, not the day of the build
    assert re.search(r'<p class="hb-print-only hb-stats-asof">截至2024年7月15日', page)
    assert '<span class="hb-nowrap">单位：人次</span>' in page  # a short unit is never split over two lines
    months = _svg(page, "hb-chart-months")
    assert 'role="img"' in months and '<title id="hb-chart-months-t">每月观看次数（本站统计）</title>' in months
    # a column per month from the first counted to the last, June's as 0; counts above, ticks below
    assert _texts(months) == ["5", "4月", "2024年", "17", "5月", "0", "6月", "1", "7月"]
    assert months.count("<rect") == 3  # no column for June's 0
    assert "2024年4月至7月每月观看次数" in months and "最多的是2024年5月，17次" in months  # its <desc>
    # every month fits the table beside the chart: it is open (and prints)
    table = page[page.index('<details class="hb-chart-data" open>'):page.index("</details>")]
    assert re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', table) == [
        ("2024年7月", "1"), ("2024年6月", "0"), ("2024年5月", "17"), ("2024年4月", "5")]
    top = _svg(page, "hb-chart-top")
    assert 'role="list"' in top and top.count('role="listitem"') == 2
    # most first, by total (the long title in two lines); the counted part said in words where
    # a lecture has both (8 of 7,908 would be a sliver nobody sees)
    assert _texts(top) == ["入党誓词的演变历史", "7,908次（本站 8）", HOSTILE, "15次"]
    assert _texts(top, "wide") == _texts(top)
    assert re.findall(r'<a href="([^"]+)"', top) == ["../lectures/oath/", "../lectures/guest/"]  # each title once
    # one solid bar per lecture, no legend: no part is big enough to be drawn as a part
    assert "hb-chart__bar--" not in top and "hb-legend" not in page
    # a phone's bars leave room for "7,908次（本站 8）" after them; a desktop's are longer
    narrow, wide = (float(re.search(rf'hb-chart__fit--{fit}"><rect class="hb-chart__bar" x="0%" [^>]*width="([\d.]+)%"', top).group(1))
                    for fit in ("narrow", "wide"))
    assert 35 < narrow < wide <= 74
    assert re.search(rf'x="{narrow:g}%" [^>]*>7,908次<tspan class="hb-chart__note">（本站 8）</tspan><', top)


def test_star_awards_per_branch_and_month(site: Path):
    page = _page(site, "stats")
    table = page[page.index('<table class="hb-table hb-heat__table">'):]
    table = table[:table.index("</table>")]
    heads = re.findall(r'<th scope="col">(.*?)</th>', table)
    assert heads[0] == "支部" and heads[-1] == "合计" and len(heads) == 14
    assert heads[1] == '<span class="hb-heat__year">2023年</span>6月' and heads[-2] == "5月"
    assert '<span class="hb-heat__year">2024年</span>1月' in heads
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table, re.S)
    cells = {re.sub(r"<[^>]+>", "", name): re.findall(r"<td[^>]*>(\d+)</td>", rest) for name, rest in rows}
    assert cells == {"第一党支部": ["0"] * 11 + ["1", "1"], "第二党支部": ["0"] * 11 + ["1", "1"],
                     "合计": ["0"] * 11 + ["2", "2"]}


def test_hostile_titles_are_text_in_every_chart(site: Path):
    """A title of markup stays text inside the SVG: on the page, the lecture's page, the screen."""
    for url in ("stats", "screens/lobby", "lectures", ""):
        html = _page(site, url)
        assert "<script>alert" not in html and "<svg onload" not in html and 'onload=alert(2)>' not in html, url
    top = _svg(_page(site, "stats"), "hb-chart-top")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34;</tspan>" in top and "&gt;&lt;svg onload=alert(2)&gt;讲座</tspan>" in top


def test_stats_slide_on_a_screen(site: Path):
    """The screen plays a stats slide: the last months' columns and the most-watched lectures,
    every character of it in the font subset the screen carries."""
    from honorboard import load
    from honorboard.site import screens

    html = _page(site, "screens/lobby")
    kinds = re.findall(r'data-kind="([a-z]+)"', html)
    assert kinds.index("stats") == kinds.index("honors") + 1
    slide = re.search(r'<section class="slide slide--stats".*?</section>\s*</div>\s*</section>', html, re.S).group(0)
    assert "2024年4月至7月观看次数" in slide and "观看最多的微党课" in slide
    ident = re.search(r'id="(stats\d+)-months"', slide).group(1)
    assert _texts(_svg(slide, f"{ident}-months")) == ["5", "4月", "2024年", "17", "5月", "0", "6月", "1", "7月"]
    top = _svg(slide, f"{ident}-top")
    assert _texts(top) == ["入党誓词的演变历史", "7,908次", HOSTILE, "15次"]
    # across a lobby: one solid bar of the total per lecture, drawn once, and no legend
    assert top.count("<rect") == 2 and "hb-chart__bar--" not in top and "hb-chart__fit" not in top
    assert "legend" not in slide and "上线前" not in slide
    assert "<a " not in slide  # nothing to follow on a screen
    shown = htmllib.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<(title|desc)\b.*?</\1>", "", slide, flags=re.S)))
    model = load(site.parent / "data").site
    assert set(shown) - set(" \n") <= screens.all_characters(model)


def test_without_counted_views_the_page_says_so(data_dir: Path):
    """No data/stats/ yet: a friendly note instead of an empty chart; the lectures still rank
    by the views written in their files. Nothing watched at all: said too."""
    from honorboard import load
    from honorboard.site.pages import plan
    from honorboard.site.render import Renderer

    def stats_page() -> str:
        spec = next(s for s in plan(load(data_dir).site) if s.url == "stats/")
        return Renderer([REPO / "theme/honorboard"]).render(spec)

    page = stats_page()
    assert "还没有本站的观看统计" in page and 'id="hb-chart-months"' not in page
    assert _texts(_svg(page, "hb-chart-top")) == ["入党誓词的演变历史", "7,900次"]
    assert "hb-legend" not in page  # one kind of bar: no legend
    oath = data_dir / "lectures/oath.yml"
    oath.write_text(oath.read_text(encoding="utf-8").replace("views: 7900\n", ""), encoding="utf-8")
    page = stats_page()
    assert "还没有观看记录" in page and "<svg" not in page
