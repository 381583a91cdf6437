#!/usr/bin/env python3
"""Write the example workbook of the README's walkthrough: two new members for zwfw-1f.

    .venv/bin/python tools/make_example_xlsx.py            # examples/import/zwfw-1f-new-members.xlsx
    .venv/bin/python tools/make_example_xlsx.py --out X.xlsx

The sheet is laid out as office staff would: the header row in bold, columns wide enough
for Chinese text, the 编号 column formatted as text (so an id like 1001 stays text) and the
入党年份 column as a plain number. A second sheet explains the columns. The file is
reproducible: fixed document dates and zip timestamps, so running the script again gives
the same bytes (a test checks the committed file against it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "examples" / "import" / "zwfw-1f-new-members.xlsx"
FIXED = dt.datetime(2024, 9, 1, 9, 0, 0)

HEADER = ["编号", "姓名", "职务", "入党年份", "格言", "简介"]
WIDTHS = [16, 10, 22, 10, 28, 60]
ROWS = [
    ["zhou-xiaomin", "周晓敏", "综合受理窗口", 2018, "微笑多一点，群众暖一点",
     "2022年从社区服务站调入一楼综合受理窗口，熟悉社保、医保等二十余项高频事项。"],
    ["guo-jianjun", "郭建军", "帮办代办专员", 2015, "帮办帮到底", None],
]
NOTES = [
    ["列名", "说明"],
    ["编号", "必填。党员 id：小写拼音或工号，用连字符分隔，如 zhou-xiaomin；全区唯一，已有党员填原 id 即为更新"],
    ["姓名", "必填（新增党员时）。更新已有党员时可留空"],
    ["职务", "可选。岗位或职务，如 综合受理窗口"],
    ["入党年份", "可选。四位年份，如 2018（单元格请设为“常规”，不要设为日期）"],
    ["格言", "可选"],
    ["简介", "可选。可分段（Alt+Enter 换行）"],
    ["照片", "可选。data/ 下的图片路径，如 media/members/zhou-xiaomin.jpg（须先放好图片）"],
    ["", "空单元格表示“不修改”；请勿合并单元格；导入前可先加 --dry-run 预览改动"],
]


def build() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "党员"
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FDE9E7")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center")
    for i, width in enumerate(WIDTHS, 1):
        letter = ws.cell(1, i).column_letter
        ws.column_dimensions[letter].width = width
    for r in range(2, 51):  # room for more rows, formatted the same
        ws.cell(r, 1).number_format = "@"  # 编号 as text
        ws.cell(r, 4).number_format = "0"  # 入党年份 a plain number, never a date
        ws.cell(r, 6).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"

    notes = wb.create_sheet("填写说明")
    for row in NOTES:
        notes.append(row)
    for cell in notes[1]:
        cell.font = bold
    notes.column_dimensions["A"].width = 10
    notes.column_dimensions["B"].width = 90

    wb.properties.creator = "honorboard"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    raw = io.BytesIO()
    wb.save(raw)
    return _reproducible(raw.getvalue())


def _reproducible(data: bytes) -> bytes:
    """The same zip with fixed timestamps: openpyxl stamps each entry, and the document's
    "modified" property, with the time of saving."""
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + stamp + rb"\g<2>", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(build())
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
