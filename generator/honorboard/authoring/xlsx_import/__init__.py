"""``honorboard import XLSX (--branch ID | --month YYYY-MM) [--sheet NAME] [--data DIR] [--dry-run]``.

Members of a branch, or one month's star awards, from an Excel sheet with Chinese headers,
merged into the hand-written YAML without touching anything else in it.

    workbook.py   the file → the sheet → header row, columns, rows (merged cells, formulas)
    columns.py    headers and their synonyms; a cell → a value, through the checker's kinds
    merge.py      rows → checked records → merged into the document
    yamledit.py   round-trip YAML (ruamel.yaml): comments, order, quotes and layout kept

Nothing is written unless every row is right *and* the whole ``data/`` folder, with the new
file in place, passes the real checker (``load(overlay=...)``); the write itself is atomic.
Any problem: exit code 1, and the YAML file is byte-identical to what it was.
"""

from __future__ import annotations

import difflib
import sys
import time
from pathlib import Path
from typing import TextIO

from ..atomic import Changed, write_atomically
from ...exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from ...data.fields import ID_RE
from ...data.loader import data_file, load
from ...data.problems import did_you_mean, display_path
from ...data.schema import FILE_KINDS
from . import merge, yamledit
from .columns import MEMBERS, STARS
from .report import Failed, Issue, Where, errors, ordered
from .workbook import read

STARS_HEADER = "# yaml-language-server: $schema=../../schema/stars.schema.json\n"


def cmd_import(args) -> int:
    return run(Path(args.xlsx), branch=args.branch, month=args.month, sheet=args.sheet,
               data_dir=Path(args.data_dir), dry_run=args.dry_run)


def run(xlsx: Path, *, branch: str | None = None, month: str | None = None, sheet: str | None = None,
        data_dir: Path = Path("data"), dry_run: bool = False,
        out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    started = time.perf_counter()

    def say(line: str = "") -> None:
        print(line, file=out)

    def complain(line: str) -> None:
        print(f"honorboard：{line}", file=err)

    # --- what and where ------------------------------------------------------------------
    if not data_dir.is_dir():
        complain(f"数据目录 {display_path(data_dir)} 不存在（可用 --data 指定）")
        return EXIT_USAGE
    if not xlsx.is_file():
        complain(f"找不到 Excel 文件 {display_path(xlsx)}")
        return EXIT_USAGE
    if branch is not None:
        if not ID_RE.match(branch):
            complain(f"--branch {branch}：支部 id 应为小写字母、数字和连字符，如 zwfw-1f")
            return EXIT_USAGE
        target = data_file(data_dir, "branches", branch)
        if target is None:
            ids = sorted(p.stem for p in (data_dir / "branches").glob("*.y*ml"))
            complain(f"支部 {branch} 不存在：没有 {display_path(data_dir / 'branches' / (branch + '.yml'))}"
                     f"{did_you_mean(branch, ids)}。新支部请先运行 honorboard new branch {branch}")
            return EXIT_PROBLEMS
        layout = MEMBERS
    else:
        if not FILE_KINDS["stars"].stem.match(month or ""):
            complain(f"--month {month}：应为 年-月，如 2024-05（月份 01–12）")
            return EXIT_USAGE
        target = data_file(data_dir, "stars", month) or data_dir / "stars" / f"{month}.yml"
        layout = STARS
    shown = display_path(target)

    # --- the data as it is must be clean: the import is checked against it --------------------
    before = load(data_dir)
    if before.errors:
        complain(f"数据目录 {display_path(data_dir)} 中已有 {len(before.errors)} 处错误，请先改正再导入"
                 "（honorboard check 可查看）：")
        for p in before.errors:
            print(p.format(), file=err)
        return EXIT_PROBLEMS

    # --- the sheet -------------------------------------------------------------------------
    xlsx_shown = display_path(xlsx)
    try:
        table, issues = read(xlsx, xlsx_shown, layout, sheet)
    except Failed as failed:
        return _fail(failed.issues, err)
    known = merge.known_members(before.records)
    got, found = merge.rows(table, data_dir)
    issues += found
    if branch is not None:
        issues += merge.check_members(table, got, branch, known, display_path)
    else:
        issues += merge.check_awards(table, got, known, display_path)
    if errors(issues):
        return _fail(issues, err)
    for issue in ordered(issues):
        print(issue.line(), file=err)

    # --- merge into the document -------------------------------------------------------------
    created = not target.exists()
    try:
        if created:
            y, m = month.split("-")
            doc = yamledit.new_document(f"{STARS_HEADER}# 星级党员——{y}年{int(m)}月（由 honorboard import 导入；文件名即月份）\n")
            old_bytes = b""
        else:
            old_bytes = target.read_bytes()
            doc = yamledit.parse(old_bytes)
    except (OSError, yamledit.YamlEditError) as exc:
        complain(f"{shown}：{getattr(exc, 'strerror', None) or exc}")
        return EXIT_PROBLEMS
    if branch is not None:
        summary = merge.merge_members(doc, got, layout)
    else:
        summary = merge.merge_awards(doc, got, layout)
    new_text = doc.dump()
    new_bytes = new_text.encode("utf-8")
    say(f"读取 {xlsx_shown} 工作表“{table.where.sheet}”：{len(got)} 行")
    if new_bytes == old_bytes:
        say(f"{shown}：没有需要改动的内容（{summary.unchanged} 条与现有数据相同）")
        return EXIT_OK
    if not doc.exact:
        print(f"{shown}：提醒：此文件的缩进或写法与常见格式不同，写回时未改动的部分也可能调整格式（请看 diff），"
              "内容不变", file=err)

    # --- the real checker, on a copy of data/ with the new file in place ----------------------------
    problems = _check_with(data_dir, target, new_bytes)
    if problems:
        complain(f"导入后的数据未通过检查，{shown} 未改动：")
        for line in problems:
            print(line, file=err)
        return EXIT_PROBLEMS

    if dry_run:
        old_text = old_bytes.decode("utf-8-sig") if old_bytes else ""
        say("".join(difflib.unified_diff(
            old_text.replace("\r\n", "\n").splitlines(keepends=True),
            new_text.lstrip("\ufeff").replace("\r\n", "\n").splitlines(keepends=True),
            fromfile="/dev/null" if created else f"a/{shown}", tofile=f"b/{shown}")).rstrip("\n"))
    else:
        try:
            write_atomically(target, new_bytes, expected=old_bytes)
        except Changed:
            complain(f"{shown} 在导入过程中被改动过（可能正在编辑器中保存）：未写入，请重新运行导入")
            return EXIT_PROBLEMS
        except OSError as exc:
            complain(f"无法写入 {shown}：{exc.strerror or exc}（文件未改动）")
            return EXIT_PROBLEMS
    _summary(say, shown, layout, summary, created)
    if dry_run:
        say("（试运行：以上是将要做的改动，未写入任何文件；去掉 --dry-run 即可写入）")
    else:
        say(f"已写入 {shown}（{(time.perf_counter() - started) * 1000:.0f} 毫秒）。"
            "请运行 honorboard check 检查，再提交到 Git")
    return EXIT_OK


def _fail(issues: list[Issue], err: TextIO) -> int:
    shown = ordered(issues)
    for issue in shown:
        print(issue.line(), file=err)
    n = len(errors(shown))
    print(f"共 {n} 处错误，未改动任何文件", file=err)
    return EXIT_PROBLEMS


def _summary(say, shown: str, layout, summary: merge.Summary, created: bool) -> None:
    unit = "名" if layout is MEMBERS else "条"
    parts = [f"新增 {len(summary.added)} {unit}{layout.what}", f"更新 {len(summary.updated)} {unit}"]
    if summary.unchanged:
        parts.append(f"{summary.unchanged} {unit}无变化")
    say(f"{shown}：{'新建文件，' if created else ''}{'，'.join(parts)}")
    for line in summary.added:
        say(f"  新增 {line}")
    for line in summary.updated:
        say(f"  更新 {line}")


# --- the final check ------------------------------------------------------------------------------


def _check_with(data_dir: Path, target: Path, new_bytes: bytes) -> list[str]:
    """Error lines of the real checker on ``data_dir`` as if ``target`` held ``new_bytes``."""
    return [p.format() for p in load(data_dir, overlay={target: new_bytes}).errors]


__all__ = ["Issue", "Where", "cmd_import", "run"]
