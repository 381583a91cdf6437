"""Chinese line breaking and fitting, as tables: no images, no fonts (one unit per character)."""

from __future__ import annotations

import pytest

from honorboard.images.layout import NO_LINE_END, NO_LINE_START, fit, wrap

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
