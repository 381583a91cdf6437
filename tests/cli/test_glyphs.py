"""`check` refuses what `build` would refuse (the glyph check), and emoji in real titles.

Emoji are normal in real titles (✨ 👋 👍 💩): drawn with a colour emoji font when one is
installed, otherwise left out of the picture with a warning; a missing Hanzi or letter stays
an error, since a person's name must never be drawn wrong.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from PIL import Image, ImageDraw

from honorboard import load
from honorboard.images import check_glyphs, discover, drawn_texts
from honorboard.images.card import CardText, render_card
from honorboard.images.fonts import _store_ranges
from honorboard.images.text import draw_line

from helpers import edit, mkdocs_build

CJK_ONLY = ("/usr/share/fonts/opentype",)  # Debian's Noto CJK, without the colour emoji font
PUA = "\ue000"  # a private-use character: no installed font has it


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "honorboard.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def _pua_font(path: Path) -> None:
    """A one-glyph TrueType font that draws a square for U+E000 (as a unit's own font would)."""
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "box"])
    fb.setupCharacterMap({0xE000: "box"})
    pen = TTGlyphPen(None)
    for x, y in ((100, 0), (100, 700), (800, 700), (800, 0)):
        (pen.moveTo if x == 100 and y == 0 else pen.lineTo)((x, y))
    pen.closePath()
    fb.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "box": pen.glyph()})
    fb.setupHorizontalMetrics({".notdef": (500, 0), "box": (900, 100)})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "PUA Test", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))


def test_check_refuses_a_character_no_font_has_like_build(project: Path):
    beta = project / "data/branches/beta.yml"
    edit(beta, {"name: 第二党支部": f"name: 第二党支部{PUA}"})
    out = run("check", cwd=project)
    assert out.returncode == 1, out.stdout
    assert (f"data/branches/beta.yml:1:7: name：字符“{PUA}”（U+E000）在所有可用字体中都没有，画不出来"
            in out.stderr)
    # a font named in mkdocs.yml is used by check as by build
    _pua_font(project / "pua.ttf")
    config = project / "mkdocs.yml"
    edit(config, {"  - honorboard:\n      data_dir: data": "  - honorboard:\n      data_dir: data\n      fonts: [pua.ttf]"})
    out = run("check", cwd=project)
    assert out.returncode == 0, out.stderr
    assert mkdocs_build(project, project / "site").returncode == 0


def test_emoji_in_a_title_are_drawn_in_colour(project: Path):
    if not discover().regular.faces[-1].color:
        pytest.fail("fonts-noto-color-emoji is not installed (.ci/run and the README install it)")
    oath = project / "data/lectures/oath.yml"
    text = oath.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    oath.write_text(text.replace(title, f"{title}✨👍"), encoding="utf-8")
    out = run("check", cwd=project)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert mkdocs_build(project, project / "site").returncode == 0
    # the thumb is drawn in its own colours (yellow), not as a box or in the text colour
    fonts = discover()
    canvas = Image.new("RGB", (200, 120), (255, 255, 255))
    draw_line(ImageDraw.Draw(canvas), 10, 90, "👍", fonts.regular, 80, (0, 0, 0))
    yellow = sum(n for n, (r, g, b) in canvas.getcolors(1 << 16) if r > 200 and g > 140 and b < 90)
    assert yellow > 500


def test_without_a_colour_font_emoji_are_left_out_with_a_warning(data_dir: Path):
    fonts = discover((), CJK_ONLY)
    assert not any(face.color for face in fonts.regular.faces)
    edit(data_dir / "lectures/oath.yml", {"title: ": "title: ✨"})
    edit(data_dir / "branches/beta.yml", {"name: 第二党支部": "name: 第二党支部👋️"})  # with VS16
    site = load(data_dir).site
    lines = [p.format(base=data_dir.parent) for p in check_glyphs(drawn_texts(site), fonts)]
    words = "）是表情或图形符号，本机字体中没有，图片中将略去（网页中照常显示）；安装彩色表情字体（Debian：fonts-noto-color-emoji）即可画出"  # noqa: E501
    assert lines == [
        f"data/branches/beta.yml:1:7: 提醒：name：“👋”（U+1F44B{words}",
        f"data/lectures/oath.yml:1:8: 提醒：title：“✨”（U+2728{words}",
    ]
    # left out, not drawn as a box: the card is the one drawn without it
    plain = CardText("新时代讲堂", "服务不是小事", "第二党支部", "机关", "", 0, (), "#A8071A", None)
    with_emoji = CardText("新时代✨讲堂👍🏽", "服务不是小事👋️", "第二党支部", "机关", "", 0, (), "#A8071A", None)
    drawn = [render_card(card, fonts, None, (480, 270)).tobytes() for card in (plain, with_emoji)]
    assert drawn[0] == drawn[1]
    # a Hanzi no font has is still an error
    edit(data_dir / "branches/beta.yml", {"name: 第二党支部👋️": f"name: 第二党支部{PUA}"})
    problems = check_glyphs(drawn_texts(load(data_dir).site), fonts)
    assert [p.code for p in problems] == ["glyph.missing", "glyph.dropped"]


def test_font_coverage_is_kept_on_disk_by_fingerprint(tmp_path: Path):
    """A second process reads each face's coverage from the cache; a damaged entry is read again."""
    env = os.environ | {"XDG_CACHE_HOME": str(tmp_path)}
    probe = ("from honorboard.images.fonts import discover\n"
             "f = discover(); print(len(f.regular.coverage), len(f.serif.coverage))")
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    stored = sorted((tmp_path / "honorboard/fonts").glob("*.json"))
    assert len(stored) >= 5  # one file per face of the chains
    for path in stored:
        path.write_text("[[0, 1], [20013, 20013]]", encoding="ascii")  # a lie (0, 1, 中): read from the cache?
    second = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert second.stdout.split() == ["3", "3"] != first.stdout.split()
    for path in stored:
        path.write_text("{broken", encoding="ascii")  # damaged: read from the font again
    third = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert third.stdout == first.stdout
    _store_ranges(tmp_path / "x.json", frozenset({1, 2, 3, 7}))
    assert (tmp_path / "x.json").read_text(encoding="ascii") == "[[1,3],[7,7]]"
