"""The picture pipeline in a build: cache, determinism, glyph check and bad pictures, all
reported with the file and line of the YAML field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from helpers import mkdocs_build
from honorboard import load
from honorboard.images import Cache, check_glyphs, discover, drawn_texts, plan, render_all


@pytest.fixture
def site(data_dir: Path):
    return load(data_dir).site


def test_second_run_renders_nothing_and_bytes_are_stable(site, data_dir: Path, tmp_path: Path):
    fonts = discover()
    jobs = plan(site, "http://dangjian.intranet/")
    first = render_all(jobs, data_dir, Cache(tmp_path / "c1"), fonts)
    assert (first.rendered, first.cached, first.problems) == (len(jobs), 0, [])
    again = render_all(jobs, data_dir, Cache(tmp_path / "c1"), fonts)
    assert (again.rendered, again.cached) == (0, len(jobs))
    other = render_all(jobs, data_dir, Cache(tmp_path / "c2"), fonts, workers=1)
    for out, path in first.outputs.items():
        assert path.read_bytes() == other.outputs[out].read_bytes(), out  # same input, same bytes
    assert not list((tmp_path / "c1").rglob(".tmp-*"))  # no half-written file left


def test_changed_source_renders_again(site, data_dir: Path, tmp_path: Path):
    fonts = discover()
    jobs = plan(site, None)
    render_all(jobs, data_dir, Cache(tmp_path), fonts)
    Image.new("RGB", (90, 120), "#123456").save(data_dir / "media/jiang-hua.jpg")
    report = render_all(jobs, data_dir, Cache(tmp_path), fonts)
    assert report.rendered == 2  # the photo at 1× and 2×


def test_a_character_no_font_has_is_an_error_with_its_position(data_dir: Path):
    path = data_dir / "branches/beta.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 李晓芳", "name: 李\U0010FFFD"), encoding="utf-8")
    site = load(data_dir).site
    problems = check_glyphs(list(drawn_texts(site)), discover())
    lines = [p.format(base=data_dir.parent) for p in problems]
    expected = "name：字符“\U0010FFFD”（U+10FFFD）在所有可用字体中都没有，画不出来：请改用常用字，或在 mkdocs.yml 的 honorboard 插件中用 fonts: 加入含此字的字体"  # noqa: E501
    assert lines == ["data/branches/beta.yml:5:11: " + expected]


def test_build_fails_on_missing_glyph_and_on_a_broken_photo(project: Path):
    """A real `mkdocs build`: each picture problem named with file and line; nothing built."""
    beta = project / "data/branches/beta.yml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("name: 第二党支部", "name: 第二党支部\U0010FFFD"),
                    encoding="utf-8")
    out = mkdocs_build(project, project / "site")
    assert out.returncode == 1
    assert "data/branches/beta.yml:1:7: name：字符“\U0010FFFD”（U+10FFFD）" in out.stderr
    assert not (project / "site/index.html").exists()

    beta.write_text(beta.read_text(encoding="utf-8").replace("\U0010FFFD", ""), encoding="utf-8")
    photo = project / "data/media/jiang-hua.jpg"
    Image.effect_noise((600, 800), 60).convert("RGB").save(photo, quality=90)
    photo.write_bytes(photo.read_bytes()[:20000])  # truncated: the header reads, the pixels do not
    out = mkdocs_build(project, project / "site")
    assert out.returncode == 1
    assert "data/branches/alpha.yml:26:12: photo：media/jiang-hua.jpg 无法处理：图片无法读取" in out.stderr


def test_build_logs_rendered_then_cached(project: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("HONORBOARD_CACHE_DIR", str(tmp_path / "cold-cache"))
    first = mkdocs_build(project, project / "site", quiet=False)
    assert first.returncode == 0, first.stderr
    assert "images: 0 rendered" not in first.stderr and " rendered, 0 from cache" in first.stderr
    second = mkdocs_build(project, project / "site", quiet=False)
    total = len(plan(load(project / "data").site, "x"))
    assert f"images: 0 rendered, {total} from cache" in second.stderr
    # what was published is rendered, never the original files
    site = project / "site"
    assert (site / "img/members/jiang-hua-480.webp").is_file() and not (site / "media/jiang-hua.jpg").exists()
    assert Image.open(site / "cards/alpha.png").size == (1200, 630)
    assert Image.open(site / "cards/alpha_print.png").size == (2551, 1819)
