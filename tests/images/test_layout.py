"""Chinese line breaking and fitting, as tables: no images, no fonts (one unit per character)."""

from __future__ import annotations

import pytest

from honorboard.images import layout
from honorboard.images.fonts import discover
from honorboard.images.layout import NO_LINE_END, NO_LINE_START, fit, wrap
from honorboard.images.text import measure_at

UNIT = 10


def measure(text: str) -> float:
    return len(text) * UNIT


@pytest.mark.parametrize("text, chars, expected", [
    ("一二三四五六七八", 4, ["一二三四", "五六七八"]),
    # a closing mark never starts a line: the character before it comes along
    ("一二三四，五六", 4, ["一二三", "四，五六"]),
    ("一二三四。”五", 4, ["一二三", "四。”五"]),
    # an opening mark never ends a line
    ("一二三（四）", 4, ["一二三", "（四）"]),
    ("一二三《四》", 4, ["一二三", "《四》"]),
    # Latin words and numbers stay whole
    ("第2024期课程", 4, ["第", "2024", "期课程"]),
    ("学习 honor 系统", 6, ["学习", "honor", "系统"]),
    # a word longer than the line is split rather than overflowing
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
    ("", 4, []),
    ("两行\n文字", 4, ["两行", "文字"]),
])
def test_wrap(text, chars, expected):
    assert wrap(text, measure, chars * UNIT) == expected


@pytest.mark.parametrize("text", ["企业群众有所需，我必有所帮。零差错、零投诉、零违纪！", "（一）“办不成事”反映窗口：《条例》解读？"])
@pytest.mark.parametrize("chars", [3, 4, 5, 7])
def test_rules_hold_for_every_width(text, chars):
    lines = wrap(text, measure, chars * UNIT)
    assert "".join(lines) == text
    for line in lines:
        assert measure(line) <= chars * UNIT
        assert line[0] not in NO_LINE_START or line is lines[0]
        assert line[-1] not in NO_LINE_END


@pytest.fixture
def greedy(monkeypatch):
    """``wrap`` without balancing: what greedy alone gives."""
    def run(text, measure, width):
        with monkeypatch.context() as patch:
            patch.setattr(layout, "_rebalance", lambda toks, lines, measure, width: lines, raising=False)
            return wrap(text, measure, width)
    return run


def real(line: str) -> int:
    return sum(not (c.isspace() or c in NO_LINE_START or c in NO_LINE_END) for c in line)


@pytest.mark.parametrize("text, chars, before, expected", [
    # a last line of one character (and its closing marks) is balanced with the line above
    ("破解党建与业务“两张皮”", 11, ["破解党建与业务“两张", "皮”"], ["破解党建与业", "务“两张皮”"]),
    ("企业群众一窗办结。", 8, ["企业群众一窗办", "结。"], ["企业群众一", "窗办结。"]),
    # only the last two lines move
    ("一二三四五六七八九", 4, ["一二三四", "五六七八", "九"], ["一二三四", "五六七", "八九"]),
    # the even split would start a line with ，or end one with “: the next best is taken
    ("一二三四五，六七八九", 9, ["一二三四五，六七八", "九"], ["一二三四五，", "六七八九"]),
    ("一二三“四五六”", 7, ["一二三“四五", "六”"], ["一二三“四", "五六”"]),
    # a Latin word moves whole, and the space greedy dropped at the break comes back
    ("使用honorboard吧", 12, ["使用honorboard", "吧"], ["使用", "honorboard吧"]),
    ("欢迎使用 honor 吧", 10, ["欢迎使用 honor", "吧"], ["欢迎使用", "honor 吧"]),
])
def test_no_lone_character_on_the_last_line(greedy, text, chars, before, expected):
    assert greedy(text, measure, chars * UNIT) == before
    assert wrap(text, measure, chars * UNIT) == expected


@pytest.mark.parametrize("text, chars, expected", [
    ("两张皮", 4, ["两张皮"]),  # one line
    ("一二三四五六", 4, ["一二三四", "五六"]),  # two characters are enough
    ("一二三（四）", 4, ["一二三", "（四）"]),  # a bracketed character is as wide as three
    ("honor办", 5, ["honor", "办"]),  # no break keeps the word whole and fits: greedy stays
])
def test_balancing_leaves_alone(greedy, text, chars, expected):
    assert greedy(text, measure, chars * UNIT) == expected
    assert wrap(text, measure, chars * UNIT) == expected


@pytest.mark.parametrize("text", ["企业群众有所需，我必有所帮。零差错、零投诉、零违纪！", "（一）“办不成事”反映窗口：《条例》解读？",
                                  "破解党建与业务“两张皮”", "学习 honor 系统第2024期，一窗办结。"])
@pytest.mark.parametrize("chars", range(2, 12))
def test_balancing_keeps_the_line_count(greedy, text, chars):
    # fit() chooses the size by the number of lines
    assert len(wrap(text, measure, chars * UNIT)) == len(greedy(text, measure, chars * UNIT))


def test_no_lone_character_with_real_fonts(greedy):
    measure = measure_at(discover().serif)(48)
    text = "破解党建与业务“两张皮”"
    width = next(w for w in range(round(measure(text)), 0, -1) if greedy(text, measure, w)[-1] == "皮”")
    lines = wrap(text, measure, width)
    assert "".join(lines) == text and len(lines) == 2
    assert real(lines[-1]) >= 2
    assert all(measure(line) <= width for line in lines)
    assert lines[-1][0] not in NO_LINE_START and lines[0][-1] not in NO_LINE_END


def test_fit_takes_the_largest_size_that_fits():
    sizes = [40, 30, 20, 10]
    at = lambda size: (lambda t: len(t) * size)  # noqa: E731
    result = fit("一二三四五六", at, 120, 2, sizes)
    assert (result.size, result.lines, result.shortened) == (40, ("一二三", "四五六"), False)
    result = fit("一二三四五六七八九十", at, 120, 1, sizes)
    assert result.size == 10 and not result.shortened


def test_fit_ellipsis_only_as_last_resort():
    at = lambda size: (lambda t: len(t) * size)  # noqa: E731
    result = fit("一二三四五六七八九十", at, 40, 2, [20, 10])
    assert result.shortened and result.size == 10
    assert result.lines == ("一二三四", "五六七…")
    assert all(len(line) * 10 <= 40 for line in result.lines)


def test_the_chinese_dash_is_one_unbroken_stroke():
    """—— is drawn as one stroke at least 1.5 em long, not two narrow dashes with a gap."""
    from PIL import Image, ImageDraw

    from honorboard.images.text import draw_line

    for chain in (discover().bold, discover().serif):
        im = Image.new("L", (500, 140), 0)
        end = draw_line(ImageDraw.Draw(im), 0, 110, "事——窗", chain, 100, 255)
        dash = range(100, round(end) - 100)  # between the two characters
        row = max(range(140), key=lambda y: sum(im.getpixel((x, y)) > 128 for x in dash))
        ink = "".join("#" if im.getpixel((x, row)) > 128 else "." for x in dash).strip(".")
        assert "." not in ink and len(ink) >= 150, ink
