"""Bad workbooks: one clear Chinese message per problem, naming sheet, row and column, and the
YAML left exactly as it was (exit code 1; 2 for a wrong command line)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from xlsx_util import imp, workbook

from helpers import edit, tree_digest
from honorboard.authoring import atomic, xlsx_import
from honorboard.authoring.xlsx_import import merge

HEAD = ["编号", "姓名", "职务", "入党年份", "格言"]


@pytest.fixture
def untouched(here: Path):
    """The data tree must be byte-identical after the test's import."""
    before = tree_digest(here / "data")
    yield here
    assert tree_digest(here / "data") == before


def failed(xlsx: Path, **kw) -> list[str]:
    kw.setdefault("branch", "alpha")
    ran = imp(xlsx, **kw)
    assert ran.code == 1, ran
    assert ran.out == ""
    return ran.lines


def test_missing_required_column_names_the_header_row_and_what_is_there(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [["标题：第一支部"], ["序号", "姓名", "入党年份"], [1, "李明", 2015]])
    assert failed(xlsx) == [
        "m.xlsx 工作表“党员” 第 2 行：表头缺少必需的列 编号；此行现有：A 列“序号”、B 列“姓名”、C 列“入党年份”",
        "共 1 处错误，未改动任何文件",
    ]


def test_merged_cells_name_the_range(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [HEAD, ["li-ming", "李明", "窗口", 2015, None],
                                           [None, None, None, 2016, None], [None, None, None, 2017, None],
                                           ["li-hua", "李华", None, 2018, None]], merge=("A3:A5", "C2:C3"))
    lines = failed(xlsx)
    assert lines[:2] == [
        "m.xlsx 工作表“党员” 第 2 行 C 列（职务）：合并单元格 C2:C3（第 2–3 行）：请取消合并（开始 → 合并后居中 → 取消单元格合并），"
        "并在每一行填写完整",
        "m.xlsx 工作表“党员” 第 3 行 A 列（编号）：合并单元格 A3:A5（第 3–5 行）：请取消合并（开始 → 合并后居中 → 取消单元格合并），"
        "并在每一行填写完整",
    ]
    assert lines[-1] == "共 2 处错误，未改动任何文件"  # no "编号为空" for the covered cells


def test_date_serial_number_in_a_year_column(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [HEAD, ["li-ming", "李明", None, 2015, None], ["li-hua", "李华", None, None, None],
                                           [None, None, None, None, None], ["li-qiang", "李强", None, 41091, None]])
    assert failed(xlsx) == [
        "m.xlsx 工作表“党员” 第 5 行 D 列（入党年份）：应为四位年份（1900–2100），实际为 \"41091\""
        "（像是 Excel 日期序号，即 2012-07-01：请把单元格设为“常规”或“文本”并填写年份，如 2012）",
        "共 1 处错误，未改动任何文件",
    ]


def test_duplicate_id_in_the_sheet_names_both_rows(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [HEAD, ["li-ming", "李明", None, None, None], ["li-hua", "李华", None, None, None],
                                           ["li-ming", "李明明", None, None, None]])
    assert failed(xlsx) == [
        "m.xlsx 工作表“党员” 第 4 行 A 列（编号）：编号 li-ming 重复：第 2、4 行都是它，只能保留一行",
        "共 1 处错误，未改动任何文件",
    ]


def test_id_of_a_member_of_another_branch(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [HEAD, ["li-xiaofang", "李晓芳", None, None, None]])
    assert failed(xlsx)[0] == (
        "m.xlsx 工作表“党员” 第 2 行 A 列（编号）：编号 li-xiaofang 已是 data/branches/beta.yml 中的党员 李晓芳："
        "id 全局唯一。若是同名的另一人，请换一个 id（如 li-xiaofang-2）；若此人调入本支部，请先从原支部文件中删除")


def test_sheet_named_but_not_there(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [HEAD, ["li-ming", "李明", None, None, None]], title="党员名单",
                    more={"Sheet2": []})
    assert failed(xlsx, sheet="党员") == [
        "m.xlsx：没有名为“党员”的工作表（是否为 党员名单？）；现有工作表：“党员名单”、“Sheet2”",
        "共 1 处错误，未改动任何文件",
    ]


def test_no_sheet_with_the_expected_headers(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [["序号", "名称"], [1, "李明"]], title="Sheet1", more={"Sheet2": [["备注"]]})
    lines = failed(xlsx)
    assert lines[0].startswith("m.xlsx：没有找到党员表：应有一个工作表的表头含 编号、姓名 列（可选：职务、入党年份、格言、简介、照片")
    assert lines[0].endswith("。现有：“Sheet1”第 1 行 A 列“序号”、B 列“名称”；“Sheet2”第 1 行 A 列“备注”；"
                             "也可用 --sheet 指定工作表")
    assert lines[1:] == ["共 1 处错误，未改动任何文件"]


def test_several_sheets_fit_ask_for_one(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [HEAD], title="一月", more={"二月": [HEAD]})
    assert failed(xlsx)[0] == "m.xlsx：有多个工作表都像是党员名单：“一月”、“二月”；请用 --sheet 指定一个，如 --sheet 一月"


def test_single_sheet_without_a_header(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [["李明", 2015]], title="Sheet1")
    assert failed(xlsx)[0].startswith(
        "m.xlsx 工作表“Sheet1”：前 10 行中没有找到表头：应有 编号、姓名 列（可选：职务、入党年份、格言、简介、照片")


@pytest.mark.parametrize("rows, message", [
    ([], "工作表是空的：第 1 行应为表头（编号、姓名……），其下每行一名党员"),
    ([HEAD], "第 1 行是表头，但下面没有任何党员数据"),
    ([HEAD, [None] * 5, ["", " ", None, None, None]], "第 1 行是表头，但下面没有任何党员数据"),
])
def test_empty_sheet(untouched: Path, rows, message):
    xlsx = workbook(untouched / "m.xlsx", rows)
    assert failed(xlsx)[0] == f"m.xlsx 工作表“党员”：{message}"


def test_old_xls_and_password_files(untouched: Path):
    xls = untouched / "m.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert failed(xls) == [
        "m.xls：这是旧版 Excel 97-2003 文件（.xls / WPS .et），或设置了打开密码的文件：请在 Excel 或 WPS 中打开，"
        "选择“另存为” → “Excel 工作簿 (*.xlsx)”后再导入（有密码时先取消密码）",
        "共 1 处错误，未改动任何文件",
    ]


def test_not_an_excel_file(untouched: Path):
    csv = untouched / "m.csv"
    csv.write_text("编号,姓名\nli-ming,李明\n", encoding="utf-8")
    assert failed(csv)[0] == ("m.csv：不是 Excel .xlsx 文件（看起来是 CSV 文本文件）：请在 Excel 或 WPS 中打开，"
                              "选择“另存为” → “Excel 工作簿 (*.xlsx)”后再导入")


def test_corrupt_xlsx(untouched: Path):
    good = workbook(untouched / "good.xlsx", [HEAD, ["li-ming", "李明", None, None, None]])
    cut = untouched / "m.xlsx"
    cut.write_bytes(good.read_bytes()[:900])  # a download broken off half-way
    assert failed(cut)[0].startswith("m.xlsx：文件已损坏，无法作为 .xlsx 打开（")
    other = untouched / "z.xlsx"
    with zipfile.ZipFile(other, "w") as z:  # a zip, but not a workbook
        z.writestr("readme.txt", "hello")
    assert failed(other)[0].startswith("z.xlsx：无法作为 .xlsx 打开：")


def test_ids_with_capitals_spaces_or_chinese_suggest_one(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [HEAD, ["Jiang Hua", "姜华", None, None, None], ["李明", "李明", None, None, None],
                                           [None, "王小红", None, None, None]])
    assert failed(xlsx) == [
        'm.xlsx 工作表“党员” 第 2 行 A 列（编号）：应为 id（小写字母、数字和连字符，如 jiang-hua），实际为 "Jiang Hua"'
        "（是否为 jiang-hua？）",
        'm.xlsx 工作表“党员” 第 3 行 A 列（编号）：应为 id（小写字母、数字和连字符，如 jiang-hua），实际为 "李明"'
        "（是否为 li-ming？）",
        "m.xlsx 工作表“党员” 第 4 行 A 列（编号）：编号为空：每名党员都要有 id（小写拼音或工号，如 wang-xiao-hong）",
        "共 3 处错误，未改动任何文件",
    ]


def test_new_member_needs_a_name(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [HEAD, ["li-ming", None, "窗口", None, None]])
    assert failed(xlsx)[0] == "m.xlsx 工作表“党员” 第 2 行 B 列（姓名）：新党员 li-ming 的姓名为空：新增党员必须填写姓名"


def test_formulas_error_values_and_logical_values(untouched: Path):
    wb = Workbook()
    ws = wb.active
    ws.title = "党员"
    ws.append(HEAD)
    ws.append(["li-ming", "李明", None, "=2000+15", None])  # never calculated: no cached value in the file
    ws.append(["li-hua", "李华", None, "#N/A", None])
    ws.append(["li-qiang", "李强", None, True, None])
    wb.save(untouched / "m.xlsx")
    assert failed(untouched / "m.xlsx") == [
        "m.xlsx 工作表“党员” 第 2 行 D 列（入党年份）：是公式 =2000+15，但文件中没有保存计算结果：请用 Excel 或 WPS "
        "打开并保存一次，或直接填写数值",
        "m.xlsx 工作表“党员” 第 3 行 D 列（入党年份）：是 Excel 错误值 #N/A：请改正公式或直接填写内容",
        "m.xlsx 工作表“党员” 第 4 行 D 列（入党年份）：应为四位年份，实际为逻辑值 TRUE",
        "共 3 处错误，未改动任何文件",
    ]


def test_photo_must_exist_under_data(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [HEAD + ["照片"], ["li-ming", "李明", None, None, None, "media/li-ming.jpg"],
                                           ["li-hua", "李华", None, None, None, "../secret.jpg"]])
    lines = failed(xlsx)
    assert lines[0] == 'm.xlsx 工作表“党员” 第 2 行 F 列（照片）：文件 "media/li-ming.jpg" 不存在'
    assert lines[1] == 'm.xlsx 工作表“党员” 第 3 行 F 列（照片）：路径 "../secret.jpg" 指向了 data/ 目录之外'


def test_all_problems_of_the_sheet_at_once(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [HEAD, ["Li Ming", "李明", None, 41091, None], ["li-hua", "李华", None, "一九", None],
                                           ["li-xiaofang", "李晓芳", None, None, None]])
    lines = failed(xlsx)
    assert [line.split("：")[0] for line in lines[:-1]] == [
        "m.xlsx 工作表“党员” 第 2 行 A 列（编号）", "m.xlsx 工作表“党员” 第 2 行 D 列（入党年份）",
        "m.xlsx 工作表“党员” 第 3 行 D 列（入党年份）", "m.xlsx 工作表“党员” 第 4 行 A 列（编号）"]
    assert lines[-1] == "共 4 处错误，未改动任何文件"


def test_branch_that_does_not_exist(untouched: Path):
    xlsx = workbook(untouched / "m.xlsx", [HEAD, ["li-ming", "李明", None, None, None]])
    ran = imp(xlsx, branch="alfa")
    assert ran.code == 1
    assert ran.err == ("honorboard：支部 alfa 不存在：没有 data/branches/alfa.yml（是否为 alpha？）。"
                       "新支部请先运行 honorboard new branch alfa\n")
    assert imp(xlsx, branch="Alpha").code == 2
    assert imp(untouched / "nothing.xlsx", branch="alpha").code == 2
    assert imp(xlsx, branch="alpha", data_dir=Path("no-data")).code == 2


def test_data_with_errors_is_not_imported_into(untouched: Path):
    edit(untouched / "data/stars/2024-05.yml", {"member: li-xiaofang": "member: li-xiaofan"})
    xlsx = workbook(untouched / "m.xlsx", [HEAD, ["li-ming", "李明", None, None, None]])
    ran = imp(xlsx, branch="alpha")
    assert ran.code == 1
    assert ran.err.startswith("honorboard：数据目录 data 中已有 1 处错误，请先改正再导入（honorboard check 可查看）：\n"
                              "data/stars/2024-05.yml:7:13: ")
    edit(untouched / "data/stars/2024-05.yml", {"member: li-xiaofan": "member: li-xiaofang"})


def test_the_real_checker_has_the_last_word(untouched: Path, monkeypatch):
    """Whatever slips past the row checks, load() on a copy with the new file refuses it."""
    real = merge.merge_members

    def careless(doc, got, layout):
        summary = real(doc, got, layout)
        doc.root["secretary"] = "no-such-member"
        return summary

    monkeypatch.setattr(xlsx_import.merge, "merge_members", careless)
    xlsx = workbook(untouched / "m.xlsx", [HEAD, ["li-ming", "李明", None, None, None]])
    ran = imp(xlsx, branch="alpha")
    assert ran.code == 1
    assert ran.err.splitlines() == [
        "honorboard：导入后的数据未通过检查，data/branches/alpha.yml 未改动：",
        'data/branches/alpha.yml:5:12: 党员 "no-such-member" 不存在',
    ]
    assert sorted(p.name for p in untouched.iterdir()) == ["data", "m.xlsx"]


def test_a_failed_write_leaves_the_file_whole(untouched: Path, monkeypatch):
    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken)
    xlsx = workbook(untouched / "m.xlsx", [HEAD, ["li-ming", "李明", None, None, None]])
    ran = imp(xlsx, branch="alpha")
    assert ran.code == 1
    assert ran.err == "honorboard：无法写入 data/branches/alpha.yml：No space left on device（文件未改动）\n"
    assert sorted(p.name for p in (untouched / "data/branches").iterdir()) == ["alpha.yml", "beta.yml"]


def test_a_file_saved_meanwhile_is_not_overwritten(untouched: Path, monkeypatch):
    """Someone saves alpha.yml in an editor while the import runs: their edit wins."""
    real = xlsx_import._check_with

    def meanwhile(data_dir, target, new_bytes):
        problems = real(data_dir, target, new_bytes)
        edit(target, {"name: 王芳": "name: 王芳 "})
        return problems

    monkeypatch.setattr(xlsx_import, "_check_with", meanwhile)
    alpha = untouched / "data/branches/alpha.yml"
    saved = alpha.read_bytes()
    xlsx = workbook(untouched / "m.xlsx", [HEAD, ["li-ming", "李明", None, None, None]])
    ran = imp(xlsx, branch="alpha")
    assert ran.code == 1
    assert ran.err == ("honorboard：data/branches/alpha.yml 在导入过程中被改动过（可能正在编辑器中保存）："
                       "未写入，请重新运行导入\n")
    assert alpha.read_bytes() == saved.replace("name: 王芳".encode(), "name: 王芳 ".encode())
    alpha.write_bytes(saved)
    assert sorted(p.name for p in alpha.parent.iterdir()) == ["alpha.yml", "beta.yml"]
