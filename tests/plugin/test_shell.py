"""Detail pages poured into the theme's shell: what MkDocs would have given each page (title,
address, heading, sitemap entry), and no trace of the placeholders they were poured from."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from helpers import mkdocs_build
from honorboard.site.shell import CONTENT, TITLE, Shell, placeholder_url


def test_shell_fills_title_address_and_content():
    url = placeholder_url(2)
    html = (f"<title>{TITLE} - 站</title><link rel=canonical href='http://x/{url}'>"
            f"<span>{TITLE}</span><article>{CONTENT}</article>")
    page = Shell(html, url).fill("<王>&", "members/a-b/", "<h1>王</h1><p>x</p>")
    assert page == ("<title>&lt;王&gt;&amp; - 站</title><link rel=canonical href='http://x/members/a-b/'>"
                    "<span>&lt;王&gt;&amp;</span><article><h1>王</h1><p>x</p></article>")
    # a fragment without a heading gets one, as Material gives it
    assert "<article><h1>&lt;王&gt;&amp;</h1><p>x</p></article>" in Shell(html, url).fill("<王>&", "a/b/", "<p>x</p>")


def test_a_theme_that_drops_the_content_is_refused():
    with pytest.raises(ValueError):
        Shell("<html>no content here</html>", placeholder_url(2))


def test_detail_pages_look_as_mkdocs_would_have_made_them(project: Path):
    site = project / "site"
    done = mkdocs_build(project, site)
    assert done.returncode == 0, done.stderr
    assert not (site / "hb-shell").exists()
    page = (site / "members/jiang-hua/index.html").read_text(encoding="utf-8")
    assert "<title>姜华 - 党建品牌与荣誉墙</title>" in page
    assert '<link rel="canonical" href="http://dangjian.intranet/members/jiang-hua/">' in page
    assert TITLE not in page and "hb-shell" not in page and "hb-shell-content" not in page
    assert page.count('<h1') == 1
    # the same theme around it as around a page MkDocs rendered (the nav tabs, the switches)
    nav = (site / "boards/index.html").read_text(encoding="utf-8")
    for part in ('class="md-tabs"', 'data-hb-switch="large"', 'class="md-footer"', "md-search__input"):
        assert part in page and part in nav
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://dangjian.intranet/members/jiang-hua/</loc>" in sitemap
    assert "<loc>http://dangjian.intranet/boards/2024-05/</loc>" in sitemap
    assert "hb-shell" not in sitemap
    assert len(re.findall("<url>", sitemap)) == len(list(site.rglob("index.html"))) - len(list((site / "screens").rglob("index.html")))
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
