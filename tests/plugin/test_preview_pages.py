"""The preview renders again only pages whose inputs changed, and still shows exactly what a
full build would: after each edit, every page of the preview equals a fresh `mkdocs build`'s.

The rebuilds run in this process as `mkdocs serve` runs them (one plugin instance kept across
rebuilds, a new config each time); the reference builds run in their own process.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"
PAGES = ("members", "branches", "lectures", "boards", "honors", "posts", "stats")


def _rebuild(project: Path, site: Path):
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL  # as `mkdocs serve` sets it
    build(config, serve_url=SERVE_URL)
    return config.plugins["honorboard"]


def _pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8")
            for top in PAGES for p in sorted((site / top).rglob("index.html"))} | \
           {"index.html": (site / "index.html").read_text(encoding="utf-8")}


def _reference(project: Path, out: Path) -> dict[str, str]:
    """A fresh build in its own process, with the preview's address as site_url."""
    yml = project / "reference.yml"
    yml.write_text((project / "mkdocs.yml").read_text(encoding="utf-8")
                   .replace("site_url: http://dangjian.intranet/", f"site_url: {SERVE_URL}"), encoding="utf-8")
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(yml), "-d", str(out)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return _pages(out)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def preview(project: Path):
    """Rebuild as `serve` does; the plugin instance lives across rebuilds as under serve."""
    from mkdocs.config.defaults import MkDocsConfig

    MkDocsConfig.plugins.plugin_cache.clear()  # a fresh plugin for this test, kept across its rebuilds
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    site = project / "preview-site"
    yield lambda: _rebuild(project, site), site
    MkDocsConfig.plugins.plugin_cache.clear()


EDITS = [
    # (file, old, new, pages that must be rendered again (a subset of what may be))
    ("branches/alpha.yml", "motto: 服务不是小事", "motto: 把小事当大事办", {"members/jiang-hua/"}),
    ("lectures/oath.yml", "topic: 党史国情", "topic: 理论学习", {"lectures/oath/", "lectures/guest/"}),
    ("branches/beta.yml", "name: 第二党支部", "name: 第二党支部（机关）", {"branches/beta/"}),
    ("stars/2024-05.yml", "", "", set()),  # a new month beside it: 2024-05 gains a next link
    # a day's views counted by `honorboard stats`: the lecture's total on its page and its lecturer's
    # (and the catalog, home and /stats/, compared below)
    ("stats/2024-05.yml", "lecture: oath, count: 3}", "lecture: oath, count: 40}",
     {"lectures/oath/", "members/li-xiaofang/"}),
]


def test_preview_equals_a_full_build_after_each_edit(project: Path, preview, tmp_path: Path):
    rebuild, site = preview
    data = project / "data"
    (data / "stats").mkdir()
    (data / "stats/2024-05.yml").write_text(
        "views:\n  - {date: 2024-05-02, lecture: oath, count: 3}\n  - {date: 2024-05-03, lecture: guest, count: 2}\n",
        encoding="utf-8")
    plugin = rebuild()
    everything = set(plugin._page_memo.kept)
    assert len(everything) >= 9
    for i, (name, old, new, must) in enumerate(EDITS):
        if name.startswith("stars/"):
            (data / "stars/2024-06.yml").write_text((data / name).read_text(encoding="utf-8"), encoding="utf-8")
            must = {"boards/2024-05/", "boards/2024-06/"}
        else:
            _edit(data / name, old, new)
        plugin = rebuild()
        rendered = plugin._last_rendered
        assert must <= rendered, (name, sorted(rendered))
        assert len(rendered) < len(everything), name  # not everything again
        preview_pages = _pages(site)
        reference = _reference(project, tmp_path / f"reference-{i}")
        assert preview_pages.keys() == reference.keys(), name
        different = [p for p in reference if preview_pages[p] != reference[p]]
        assert different == [], (name, different[:5])


def test_a_template_edit_renders_every_page_again(project: Path, preview):
    rebuild, site = preview
    plugin = rebuild()
    everything = set(plugin._page_memo.kept)
    template = project / "theme/honorboard/member.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n<!-- edited -->\n", encoding="utf-8")
    plugin = rebuild()
    assert plugin._last_rendered == everything
    assert "<!-- edited -->" in (site / "members/jiang-hua/index.html").read_text(encoding="utf-8")


def test_a_removed_member_page_is_gone_from_the_preview(project: Path, preview):
    rebuild, site = preview
    rebuild()
    assert (site / "members/wang-fang/index.html").is_file()
    beta = project / "data/branches/alpha.yml"
    text = beta.read_text(encoding="utf-8")
    # wang-fang sits on the committee: take her off it and out of the members
    text = re.sub(r"committee:\n  - member: wang-fang\n    role: 组织委员\n", "", text)
    text = re.sub(r"  - id: wang-fang\n(    .*\n)*", "", text)
    beta.write_text(text, encoding="utf-8")
    rebuild()
    assert not (site / "members/wang-fang/index.html").exists()
