"""How many columns a landscape honour wall gets: the fewest empty cells on the panel."""

from __future__ import annotations

import pytest

from honorboard.site.screens import _empty_cells, _honor_columns


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
