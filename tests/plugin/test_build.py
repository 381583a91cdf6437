"""A real `mkdocs build` with the honorboard plugin: pages of the site map, nav, escaping, offline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import REPO, edit, mkdocs_build


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    """The demo in data/, built once for this module."""
    site = tmp_path_factory.mktemp("demo") / "site"
    out = mkdocs_build(REPO, site)
    assert out.returncode == 0, out.stderr
    return site


def test_every_page_of_the_site_map(demo_site: Path):
    from honorboard import load

    site = load(REPO / "data").site
    expected = ["index.html", "boards/index.html", "honors/index.html", "branches/index.html",
                "posts/index.html", "lectures/index.html", "version.json"]
    expected += [f"boards/{m.key}/index.html" for m in site.months]
    expected += [f"honors/{y.year}/index.html" for y in site.honor_years]
    expected += [f"branches/{b.id}/index.html" for b in site.branches]
    expected += [f"members/{i}/index.html" for i in site.members]
    expected += [f"lectures/{lec.id}/index.html" for lec in site.lectures]
    missing = [p for p in expected if not (demo_site / p).is_file()]
    assert missing == []
    assert json.loads((demo_site / "version.json").read_text(encoding="utf-8"))["build"]


def test_detail_pages_stay_out_of_the_nav(demo_site: Path):
    """The nav holds the seven sections (and 关于); members, months, lectures are listed by pages."""
    html = (demo_site / "members/jiang-hua/index.html").read_text(encoding="utf-8")
    start = html.index('<nav class="md-nav md-nav--primary')
    nav = html[start:html.index('md-nav--secondary', start)]
    labels = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)
    assert [lab for lab in labels if lab != "党建品牌与荣誉墙"][:8] == ["首页", "星级榜", "先锋榜", "品牌墙", "先锋岗", "微党课", "数据统计", "关于"]
    assert "members/" not in nav and "boards/2024" not in nav


def test_pages_link_both_ways_with_relative_urls(demo_site: Path):
    board = (demo_site / "boards/2024-12/index.html").read_text(encoding="utf-8")
    assert 'href="../../members/' in board and 'href="../../branches/' in board
    member = (demo_site / "members/jiang-hua/index.html").read_text(encoding="utf-8")
    assert 'href="../../branches/boxing-xzsp/"' in member
    assert 'href="../../boards/' in member
    # our fragments never use root-absolute links: the site works under a sub-path
    article = member[member.index("<article"):member.index("</article>")]
    assert not re.search(r'(href|src)="/', article)


def test_no_request_leaves_the_host(demo_site: Path):
    """No web font, CDN or external script/style/image in any page.

    The one exception by contract: a lecture's ``video`` may be an intranet URL; it is a
    ``<source>`` of a ``preload="none"`` player, so nothing is fetched until someone presses play.
    """
    offenders = []
    for page in demo_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for m in re.finditer(r'<(script|link|img|iframe|video|audio)\b[^>]*\b(src|href|poster)="(https?:)?//', html):
            if 'rel="canonical"' in m.group(0):
                continue  # names the page's address (site_url); browsers fetch nothing
            offenders.append((str(page.relative_to(demo_site)), m.group(0)[:80]))
        if "fonts.googleapis" in html or "fonts.gstatic" in html:
            offenders.append((str(page), "google fonts"))
    assert offenders == []


def test_bad_data_fails_mkdocs_build(project: Path):
    (project / "data/stars/2024-06.yml").write_text("awards:\n  - member: jiang-hu\n", encoding="utf-8")
    out = mkdocs_build(project, project / "site")
    assert out.returncode == 1
    assert 'data/stars/2024-06.yml:2:13: 党员 "jiang-hu" 不存在（是否为 "jiang-hua"？）' in out.stderr
    assert not (project / "site/index.html").exists()


def test_user_text_is_escaped(project: Path):
    """A <script> typed into a plain text field shows as text; in a Markdown field, HTML goes
    through the allowlist: formatting kept, script dropped with its content."""
    edit(project / "data/branches/alpha.yml", {
        "name: 姜华": 'name: "<script>alert(1)</script>姜华"',
        "motto: 服务不是小事": "motto: <img src=x onerror=alert(2)>",
        "    **一窗受理**，帮办代办。": "    **一窗受理**<script>alert(3)</script>",
    })
    out = mkdocs_build(project, project / "site")
    assert out.returncode == 0, out.stderr
    member = (project / "site/members/jiang-hua/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;姜华" in member
    assert "&lt;img src=x onerror=alert(2)&gt;" in member
    branch = (project / "site/branches/alpha/index.html").read_text(encoding="utf-8")
    assert "<strong>一窗受理</strong></p>" in branch and "alert(3)" not in branch
    for page in (project / "site").rglob("*.html"):
        assert "<script>alert" not in page.read_text(encoding="utf-8")


def test_intranet_video_is_not_preloaded(demo_site: Path):
    page = (demo_site / "lectures/oath-history/index.html").read_text(encoding="utf-8")
    assert '<video controls preload="none"' in page and '<source src="http://' in page


def test_everything_within_three_clicks_of_home(demo_site: Path):
    """Every person, branch, post, month, year and lecture is at most three clicks from home."""
    from urllib.parse import urljoin, urlsplit

    from honorboard import load

    def links(url: str) -> set[str]:
        path = demo_site / urlsplit(url).path.lstrip("/") / "index.html"
        if not path.is_file():
            return set()
        html = path.read_text(encoding="utf-8")
        out = set()
        for href in re.findall(r'href="([^"]+)"', html):
            target = urljoin(url, href)
            if target.startswith("http://h/"):
                out.add(target.split("?")[0])
        return out

    seen = {"http://h/": 0}
    frontier = ["http://h/"]
    for depth in (1, 2, 3):
        nxt = []
        for url in frontier:
            for target in links(url):
                if target not in seen:
                    seen[target] = depth
                    nxt.append(target.split("#")[0])
        frontier = nxt
    site = load(REPO / "data").site
    wanted = ([f"members/{i}/" for i in site.members] + [f"branches/{b.id}/" for b in site.branches]
              + [f"posts/#{p.id}" for p in site.posts] + [f"boards/{m.key}/" for m in site.months]
              + [f"honors/{y.year}/" for y in site.honor_years] + [f"lectures/{lec.id}/" for lec in site.lectures])
    assert [w for w in wanted if "http://h/" + w not in seen] == []


def test_generated_larger_set_builds(tmp_path: Path):
    """The benchmark's generator at a small scale: hundreds of members, sixty months, all pages."""
    import shutil
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate

    counts = generate(tmp_path / "data", scale=0.05)
    for name in ("theme", "site_src"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copyfile(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    out = mkdocs_build(tmp_path, tmp_path / "site")
    assert out.returncode == 0, out.stderr
    members = list((tmp_path / "site/members").iterdir())
    assert len(members) == counts["members"]
    assert len(list((tmp_path / "site/boards").glob("20*/index.html"))) == counts["months"]
    payload = json.loads((tmp_path / "site/lectures/search.json").read_text(encoding="utf-8"))
    assert len(payload["items"]) == counts["lectures"]


def test_chinese_headings_get_readable_anchors(demo_site: Path):
    """pymdownx slugify keeps Chinese in heading ids (MkDocs' default would give #_1)."""
    about = (demo_site / "about/index.html").read_text(encoding="utf-8")
    assert 'id="在这里可以看到"' in about and 'id="_1"' not in about


def test_hand_written_chinese_wraps_without_stray_spaces(demo_site: Path):
    """site_src pages wrap their Chinese lines in the source; the page joins them with nothing."""
    about = (demo_site / "about/index.html").read_text(encoding="utf-8")
    assert "每月统一发布。发现姓名" in about and "发布。\n发现" not in about and "发布。 发现" not in about


def test_a_profile_shows_only_the_figures_a_member_has(demo_site: Path):
    """No row of zeros on a public profile ("0项荣誉" reads as a reproach)."""
    from honorboard.data.loader import load

    site = load(REPO / "data").site
    pages = {m.id: (demo_site / f"members/{m.id}/index.html").read_text(encoding="utf-8") for m in site.members.values()}
    for member in site.members.values():
        figures = re.findall(r"<li><strong>([\d,]+)</strong>(次获评星级党员|项荣誉|讲微党课|次观看)</li>", pages[member.id])
        assert all(n != "0" for n, _ in figures), (member.id, figures)
        assert ("项荣誉" in dict((w, n) for n, w in figures)) == bool(member.honors), member.id
    assert any(not m.honors for m in site.members.values())  # the demo has such a member
