"""An .xlsx file → the one table to import: its header row, its columns and its rows.

Opened twice with openpyxl: once for the values Excel saved (``data_only=True``: a formula
gives its cached result), once for the formulas, to say which cells are formulas whose result
was never saved (a file written by a script rather than by Excel or WPS).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from ...data.problems import did_you_mean
from .columns import IGNORED, Cell, Column, Layout, blank, norm_header
from .report import Failed, Issue, Where, listing

MAX_BYTES = 20 * 1024 * 1024
HEADER_SEARCH_ROWS = 10
"""The header may sit below a title row or two (“第一党支部党员名单”)."""
BLANK_ROWS_END = 1000
"""This many blank rows in a row end the list (rows below them are not read)."""

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE_AS = "请在 Excel 或 WPS 中打开，选择“另存为” → “Excel 工作簿 (*.xlsx)”后再导入"


@dataclass
class Table:
    where: Where  # file and sheet
    header_row: int
    columns: dict[str, tuple[int, Column]]  # field → (1-based column, spec)
    headers: dict[int, str]  # column → the header as written
    rows: list[tuple[int, dict[str, Cell]]] = field(default_factory=list)  # (row, field → cell)

    def cell_where(self, row: int, field_name: str) -> Where:
        col, column = self.columns[field_name]
        return self.where.at(row, col, self.headers.get(col) or column.label)


def read(path: Path, shown: str, layout: Layout, sheet: str | None) -> tuple[Table, list[Issue]]:
    """The table to import, and warnings; raises ``Failed`` when there is none."""
    values, formulas = _open(path, shown)
    ws = _pick_sheet(values, shown, layout, sheet)
    return _table(ws, formulas[ws.title], shown, layout)


def _open(path: Path, shown: str):
    import openpyxl

    where = Where(shown)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            magic = f.read(8)
    except OSError as exc:
        raise Failed([Issue(where, f"无法读取文件：{exc.strerror or exc}")]) from exc
    if size > MAX_BYTES:
        raise Failed([Issue(where, f"文件过大（{size / 1048576:.1f} MB），导入上限为 20 MB")])
    if magic.startswith(_OLE2):
        raise Failed([Issue(where, "这是旧版 Excel 97-2003 文件（.xls / WPS .et），或设置了打开密码的文件："
                                   f"{_SAVE_AS}（有密码时先取消密码）")])
    if size == 0:
        raise Failed([Issue(where, "文件是空的（0 字节）")])
    if not magic.startswith(b"PK"):
        note = "（看起来是 CSV 文本文件）" if path.suffix.lower() == ".csv" else ""
        raise Failed([Issue(where, f"不是 Excel .xlsx 文件{note}：{_SAVE_AS}")])
    data = path.read_bytes()
    books = []
    for data_only in (True, False):
        try:
            books.append(openpyxl.load_workbook(io.BytesIO(data), data_only=data_only))
        except zipfile.BadZipFile as exc:
            raise Failed([Issue(where, f"文件已损坏，无法作为 .xlsx 打开（{exc}）：请重新保存或重新导出")]) from exc
        except Exception as exc:  # openpyxl raises KeyError, ValueError ... for what it cannot read
            kind = "（.xlsb、.ods 等格式不能直接导入）" if path.suffix.lower() in (".xlsb", ".ods") else ""
            raise Failed([Issue(where, f"无法作为 .xlsx 打开{kind}：{type(exc).__name__}：{exc}；{_SAVE_AS}")]) from exc
    return books[0], books[1]


def _headers(ws, layout: Layout) -> tuple[int, dict[int, str]] | None:
    """The first of the top rows that holds a column we know: (row, column → header)."""
    last = min(ws.max_row, HEADER_SEARCH_ROWS)
    for r in range(1, last + 1):
        row = {c: str(ws.cell(r, c).value).strip() for c in range(1, ws.max_column + 1)
               if ws.cell(r, c).value is not None and str(ws.cell(r, c).value).strip()}
        if any(layout.find(norm_header(h)) for h in row.values()):
            return r, row
    return None


def _has_required(headers: dict[int, str], layout: Layout) -> bool:
    fields = {c.field for h in headers.values() if (c := layout.find(norm_header(h)))}
    return all(any(f in fields for f in group) for group in layout.required)


def _first_row_text(ws) -> str:
    """``第 1 行 A 列“序号”、B 列“名称”``: the first row that holds anything."""
    for r in range(1, min(ws.max_row, HEADER_SEARCH_ROWS) + 1):
        cells = [f"{get_column_letter(c)} 列“{ws.cell(r, c).value}”" for c in range(1, ws.max_column + 1)
                 if ws.cell(r, c).value is not None and str(ws.cell(r, c).value).strip()]
        if cells:
            return f"第 {r} 行 " + "、".join(cells[:8]) + ("……" if len(cells) > 8 else "")
    return "（空）"


def _pick_sheet(wb, shown: str, layout: Layout, wanted: str | None):
    where = Where(shown)
    names = wb.sheetnames
    if wanted is not None:
        match = [n for n in names if n == wanted] or [n for n in names if n.strip() == wanted.strip()]
        if not match:
            raise Failed([Issue(where, f"没有名为“{wanted}”的工作表{did_you_mean(wanted, names)}；"
                                       f"现有工作表：{listing(names)}")])
        return wb[match[0]]
    if len(names) == 1:
        return wb[names[0]]
    ours, theirs = [], []
    for name in names:
        ws = wb[name]
        found = _headers(ws, layout)
        if found and _has_required(found[1], layout):
            heads = {norm_header(h) for h in found[1].values()}
            (theirs if heads & layout.foreign else ours).append(name)
    if len(ours) == 1:
        return wb[ours[0]]
    if len(ours) > 1:
        raise Failed([Issue(where, f"有多个工作表都像是{layout.what}名单：{listing(ours)}；"
                                   "请用 --sheet 指定一个，如 --sheet " + ours[0])])
    if len(theirs) == 1:
        return wb[theirs[0]]
    seen = "；".join(f"“{n}”{_first_row_text(wb[n])}" for n in names[:6])
    raise Failed([Issue(where, f"没有找到{layout.what}表：应有一个工作表的表头含 {layout.required_text()} 列"
                               f"（可选：{layout.optional_text()}）。现有：{seen}；"
                               "也可用 --sheet 指定工作表")])


def _table(ws, wsf, shown: str, layout: Layout) -> tuple[Table, list[Issue]]:
    where = Where(shown, ws.title)
    if ws.max_row <= 1 and ws.max_column <= 1 and ws.cell(1, 1).value in (None, ""):
        raise Failed([Issue(where, f"工作表是空的：第 1 行应为表头（{layout.required_text()}……），其下每行一名{layout.what}")])
    found = _headers(ws, layout)
    if found is None:
        raise Failed([Issue(where, f"前 {HEADER_SEARCH_ROWS} 行中没有找到表头：应有 {layout.required_text()} 列"
                                   f"（可选：{layout.optional_text()}）；现有：{_first_row_text(ws)}")])
    header_row, headers = found
    issues: list[Issue] = []
    columns: dict[str, tuple[int, Column]] = {}
    for col, header in headers.items():
        at = where.at(header_row, col)
        column = layout.find(norm_header(header))
        if column is None:
            if norm_header(header) not in IGNORED:
                issues.append(Issue(at, f"表头“{header}”不是可导入的列，此列已忽略"
                                        f"（可导入：{layout.required_text()}、{layout.optional_text()}）",
                                    warning=True))
            continue
        if column.field in columns:
            first = columns[column.field][0]
            issues.append(Issue(at, f"表头“{header}”与 {get_column_letter(first)} 列“{headers[first]}”"
                                    f"是同一列（{column.label}）：请删除其中一列"))
            continue
        columns[column.field] = (col, column)
    present = set(columns)
    for group in layout.required:
        if not any(f in present for f in group):
            names = " 或 ".join(layout.label(f) for f in group)
            found_text = "、".join(f"{get_column_letter(c)} 列“{h}”" for c, h in headers.items())
            issues.append(Issue(where.at(header_row), f"表头缺少必需的列 {names}；"
                                                      f"此行现有：{found_text}"))
    if any(not i.warning for i in issues):
        raise Failed(issues)

    table = Table(where, header_row, columns, headers)
    covered = _merged(ws, table, issues)
    blank_run = 0
    for r in range(header_row + 1, ws.max_row + 1):
        if blank_run >= BLANK_ROWS_END:  # a stray formatted cell far below makes max_row huge
            break
        cells = {}
        for name, (col, _) in columns.items():
            cell = ws.cell(r, col)
            formula = None
            if cell.value is None and (r, col) not in covered:
                raw = wsf.cell(r, col).value
                if isinstance(raw, str) and raw.startswith("="):
                    formula = raw
            cells[name] = Cell(cell.value, getattr(cell, "data_type", "n"), formula, (r, col) in covered)
        if all(blank(c) for c in cells.values()) and not any(c.merged for c in cells.values()):
            blank_run += 1
            continue
        blank_run = 0
        table.rows.append((r, cells))
    if not table.rows and not any(not i.warning for i in issues):
        issues.append(Issue(where, f"第 {header_row} 行是表头，但下面没有任何{layout.what}数据"))
    return table, issues


def _merged(ws, table: Table, issues: list[Issue]) -> set[tuple[int, int]]:
    """Merged ranges over the header or the rows, in an imported column: each is an error."""
    covered: set[tuple[int, int]] = set()
    used = {col for col, _ in table.columns.values()}
    for rng in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if rng.max_row < table.header_row or not any(rng.min_col <= c <= rng.max_col for c in used):
            continue  # a title above the header, or a column we do not read
        rows = (f"第 {rng.min_row} 行" if rng.min_row == rng.max_row
                else f"第 {rng.min_row}–{rng.max_row} 行")
        issues.append(Issue(table.where.at(rng.min_row, rng.min_col, table.headers.get(rng.min_col)),
                            f"合并单元格 {rng.coord}（{rows}）：请取消合并（开始 → 合并后居中 → 取消单元格合并），"
                            "并在每一行填写完整"))
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                covered.add((r, c))
    return covered
