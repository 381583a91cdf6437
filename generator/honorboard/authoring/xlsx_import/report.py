"""Where in a workbook a problem is, said the way Excel users say it, and the problem itself."""

from __future__ import annotations

from dataclasses import dataclass, replace

from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class Where:
    """``members.xlsx 工作表“党员” 第 5 行 D 列（入党年份）``: each part optional but the file."""

    file: str
    sheet: str | None = None
    row: int | None = None
    col: int | None = None
    header: str | None = None

    def at(self, row: int | None = None, col: int | None = None, header: str | None = None) -> Where:
        return replace(self, row=row, col=col, header=header)

    def __str__(self) -> str:
        text = self.file
        if self.sheet is not None:
            text += f" 工作表“{self.sheet}”"
        if self.row is not None:
            text += f" 第 {self.row} 行"
        if self.col is not None:
            text += f" {get_column_letter(self.col)} 列"
            if self.header:
                text += f"（{self.header}）"
        return text

    def sort_key(self) -> tuple:
        return (self.sheet or "", self.row or 0, self.col or 0)


@dataclass(frozen=True)
class Issue:
    where: Where
    text: str
    warning: bool = False

    def line(self) -> str:
        return f"{self.where}：{'提醒：' if self.warning else ''}{self.text}"


class Failed(Exception):
    """Stop here: these issues make going on pointless (no sheet, unreadable file ...)."""

    def __init__(self, issues: list[Issue]):
        super().__init__(issues)
        self.issues = issues


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if not i.warning]


def ordered(issues: list[Issue]) -> list[Issue]:
    """Row by row, column by column, as a person reads the sheet; duplicates once."""
    seen: dict[str, Issue] = {}
    for issue in sorted(issues, key=lambda i: i.where.sort_key()):
        seen.setdefault(issue.line(), issue)
    return list(seen.values())


def listing(names, limit: int = 12) -> str:
    """``“a”、“b”、“c”`` (cut after ``limit``)."""
    names = [f"“{n}”" for n in names]
    if len(names) > limit:
        return "、".join(names[:limit]) + f" 等 {len(names)} 个"
    return "、".join(names)
