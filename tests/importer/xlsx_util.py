"""Workbooks drawn in the tests with openpyxl (no binary fixtures), and the import run in-process."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from honorboard.authoring.xlsx_import import run


def workbook(path: Path, rows: list[list], title: str = "党员", merge: tuple[str, ...] = (),
             more: dict[str, list[list]] | None = None) -> Path:
    """An .xlsx with one sheet ``title`` holding ``rows`` (the first is the header), and more sheets."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for rng in merge:
        ws.merge_cells(rng)
    for name, sheet_rows in (more or {}).items():
        extra = wb.create_sheet(name)
        for row in sheet_rows:
            extra.append(row)
    wb.save(path)
    return path


@dataclass
class Ran:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


def imp(xlsx: Path, **kw) -> Ran:
    """``honorboard import`` in-process; run with the test's cwd (paths shown relative to it)."""
    out, err = io.StringIO(), io.StringIO()
    kw.setdefault("data_dir", Path("data"))
    code = run(Path(xlsx), out=out, err=err, **kw)
    return Ran(code, out.getvalue(), err.getvalue())
