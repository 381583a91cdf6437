"""How many columns a landscape honour wall gets: the fewest empty cells on the panel."""

from __future__ import annotations

import pytest

from honorboard.site.screens import _empty_cells, _honor_columns, honor_layout, phrases


@pytest.mark.parametrize("sizes, columns", [
    ([1, 1, 3, 1], 3),  # the demo's 2024 wall: three single entries over a list of three (4 left a quarter blank)
    ([1] * 8, 4),
    ([8], 4),
    ([2, 3], 3),
    ([5], 3),  # 3 + 2, not 4 + 1
    ([7], 4),
    ([1, 1], 2),
    ([1], 1),
])
def test_columns_fill_the_panel(sizes, columns):
    assert _honor_columns(sizes, 4) == columns


def test_empty_cells_count_as_css_packs_them():
    assert _empty_cells([1, 3, 1], 4) == 3  # row 1: 1 + 3; row 2: 1 of 4
    # row dense: the last single entry fills the hole beside the first instead of a third row
    assert _empty_cells([1, 3, 1], 3) == 1  # row 1: 1 + 1 of 3; row 2: 3
    assert _empty_cells([6], 4) == 2  # a list's own last row counts too


@pytest.mark.parametrize("sizes, columns", [
    ([1, 1, 3, 1], 2),  # the demo's wall on a portrait panel: the last single list took half a row
    ([1, 1, 3, 1], 3),
    ([3, 1], 2),
    ([1, 3, 1], 4),
    ([1, 1, 1], 2),
    ([2, 1, 2], 2),
])
def test_layout_leaves_no_hole_beside_a_list(sizes, columns):
    places = honor_layout(sizes, columns)
    rows = max(p.row + p.height - 1 for p in places)
    cells = [(p.row + dr, p.col + dc) for p in places for dr in range(p.height) for dc in range(p.span)]
    assert len(cells) == len(set(cells)) == rows * columns  # every cell of the wall taken, once
    assert all(p.cols == min(n, columns) for n, p in zip(sizes, places))  # a list's entries keep their columns


def test_portrait_wall_of_the_demo():
    assert [(p.row, p.col, p.height, p.span) for p in honor_layout([1, 1, 3, 1], 2)] == [
        (1, 1, 1, 1), (1, 2, 1, 1), (2, 1, 2, 2), (4, 1, 1, 2)]


@pytest.mark.parametrize("name, pieces", [
    ("垃圾分类“桶前值守”党员志愿队", ["垃圾分类", "“桶前值守”", "党员", "志愿队"]),
    ("“网格连心·组团服务”党员志愿服务队", ["“网格连心·", "组团服务”", "党员", "志愿", "服务队"]),
    ("密云区政务服务局", ["密云区", "政务", "服务局"]),  # a single character stays with its word
    ("石磊", ["石磊"]),
    ("机关党支部（统计局）", ["机关", "党支部", "（统计局）"]),
])
def test_names_cut_at_phrases_and_words(name, pieces):
    assert list(phrases(name)) == pieces
    assert "".join(phrases(name)) == name
