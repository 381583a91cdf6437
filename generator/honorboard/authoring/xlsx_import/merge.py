"""Rows of a sheet → checked records → merged into the YAML document.

Members (``--branch``): a row whose 编号 is already a member of the branch updates the fields
the sheet gives (an empty cell leaves the field as it is); a new 编号 is appended at the end of
``members:``. Star awards (``--month``): a row matching an award of the same member and
category updates it, else it is appended. Everything a row could get wrong is found before
the document is touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from ...data import schema
from ...data.fields import INVALID
from ...data.problems import did_you_mean
from ...data.validate import Records
from . import yamledit
from .columns import EMPTY, Layout, convert, id_from_name
from .report import Issue
from .workbook import Table

DEFAULT_CATEGORY = "星级党员"
MEMBER_ORDER = list(schema.MEMBER.fields)
AWARD_ORDER = list(schema.AWARD.fields)
BRANCH_ORDER = list(schema.BRANCH.fields)
STARS_ORDER = list(schema.STARS.fields)


@dataclass(frozen=True)
class Known:
    """A member already in ``data/``."""

    id: str
    name: str
    branch: str  # branch id
    path: Path


@dataclass
class Row:
    number: int
    values: dict[str, object]  # field → converted value; blank and failed cells are absent
    bad: set[str] = field(default_factory=set)  # fields whose cell failed (already reported)


@dataclass
class Summary:
    added: list[str] = field(default_factory=list)  # "li-ming 李明"
    updated: list[str] = field(default_factory=list)  # "wang-fang 王芳：格言、入党年份"
    unchanged: int = 0


def known_members(records: Records) -> dict[str, Known]:
    """Every member id in the branch files as the checker read them (``publish: false``
    members too: their ids are taken all the same)."""
    return {m["id"]: Known(m["id"], m.get("name", ""), branch_id, rec.path)
            for branch_id, rec in sorted(records.branches.items())
            for m in rec.get("members", ()) if "id" in m}


def rows(table: Table, data_dir: Path) -> tuple[list[Row], list[Issue]]:
    """Every row converted through the checker's field kinds; all problems at once."""
    out, issues = [], []
    for number, cells in table.rows:
        row = Row(number, {})
        for name, cell in cells.items():
            if cell.merged:  # said once for the whole merged range
                row.bad.add(name)
                continue
            value, found = convert(cell, table.columns[name][1], table.cell_where(number, name), data_dir)
            issues.extend(found)
            if value is INVALID:
                row.bad.add(name)
            elif value is not EMPTY:
                row.values[name] = value
        out.append(row)
    return out, issues


def _bad(row: Row, name: str) -> bool:
    """The cell held something that failed (already reported)."""
    return name in row.bad


DUPE_ROWS_SHOWN = 5


def _dupes(table: Table, keyed: list[tuple[Row, object]], field_name: str, what) -> list[Issue]:
    by_key: dict[object, list[int]] = {}
    for row, key in keyed:
        by_key.setdefault(key, []).append(row.number)
    # One issue per key, at its second row: a sheet where one id fills 200,000 rows must
    # give one line, not 200,000 lines that each list 200,000 rows.
    issues = []
    for key, numbers in by_key.items():
        if len(numbers) > 1:
            shown = "、".join(str(n) for n in numbers[:DUPE_ROWS_SHOWN])
            if len(numbers) > DUPE_ROWS_SHOWN:
                shown += f" 等共 {len(numbers)}"
            issues.append(Issue(table.cell_where(numbers[1], field_name), f"{what(key)} 重复：第 {shown} 行都是它，只能保留一行"))
    return issues


# --- members --------------------------------------------------------------------------------


def check_members(table: Table, got: list[Row], branch: str, known: dict[str, Known],
                  shown_path) -> list[Issue]:
    issues = []
    keyed = []
    for row in got:
        member_id = row.values.get("id")
        if member_id is None:
            if not _bad(row, "id"):
                name = row.values.get("name")
                example = id_from_name(name) if isinstance(name, str) else "jiang-hua"
                issues.append(Issue(table.cell_where(row.number, "id"),
                                    f"编号为空：每名党员都要有 id（小写拼音或工号，如 {example}）"))
            continue
        keyed.append((row, member_id))
        other = known.get(member_id)
        if other is not None and other.branch != branch:
            issues.append(Issue(table.cell_where(row.number, "id"),
                                f"编号 {member_id} 已是 {shown_path(other.path)} 中的党员 {other.name}：id 全局唯一。"
                                f"若是同名的另一人，请换一个 id（如 {member_id}-2）；若此人调入本支部，"
                                "请先从原支部文件中删除"))
        elif other is None and "name" not in row.values and not _bad(row, "name"):
            issues.append(Issue(table.cell_where(row.number, "name"),
                                f"新党员 {member_id} 的姓名为空：新增党员必须填写姓名"))
    issues += _dupes(table, keyed, "id", lambda k: f"编号 {k}")
    return issues


def merge_members(doc: yamledit.Document, got: list[Row], layout: Layout) -> Summary:
    """New 编号 appended to ``members:``; an existing member gets the cells the sheet fills."""
    return _merge(doc, got, layout, "members", BRANCH_ORDER, MEMBER_ORDER,
                  key=lambda v: str(v["id"]), keys=("id",),
                  label=lambda k, item: f"{k} {item.get('name', '')}".strip())


def _merge(doc: yamledit.Document, got: list[Row], layout: Layout, list_name: str, root_order: list[str],
           item_order: list[str], key, keys: tuple[str, ...], label) -> Summary:
    """Rows into the list ``list_name``: an item with the same ``key`` is updated field by field
    (``keys`` identify it and are never rewritten), any other row is appended in ``item_order``."""
    summary = Summary()
    existing = doc.root.get(list_name)
    by_key = {}
    if isinstance(existing, list):
        for item in existing:
            if isinstance(item, CommentedMap) and keys[0] in item:
                by_key[key(item)] = item
    end = yamledit.ListEnd(doc.root, list_name, root_order, doc.layout[2] + 2)
    for row in got:
        values = {k: v for k, v in row.values.items() if k in item_order}
        k = key(values)
        item = by_key.get(k)
        if item is None:
            item = CommentedMap()
            for name in item_order:
                if name in values:
                    item[name] = yamledit.scalar(values[name])
            end.append(item)
            by_key[k] = item
            summary.added.append(label(k, item))
            continue
        changed = [layout.label(name) for name in item_order
                   if name in values and name not in keys and yamledit.set_field(item, name, values[name], item_order)]
        if changed:
            summary.updated.append(f"{label(k, item)}：{'、'.join(changed)}")
        else:
            summary.unchanged += 1
    return summary


# --- star awards ----------------------------------------------------------------------------


def check_awards(table: Table, got: list[Row], known: dict[str, Known], shown_path) -> list[Issue]:
    issues = []
    by_name: dict[str, list[Known]] = {}
    for member in known.values():
        by_name.setdefault(member.name, []).append(member)
    keyed = []
    for row in got:
        member_id = row.values.get("member")
        name = row.values.get("name")
        if member_id is not None:
            member = known.get(member_id)
            if member is None:
                issues.append(Issue(table.cell_where(row.number, "member"),
                                    f"党员 {member_id} 不存在{did_you_mean(member_id, known)}"))
                continue
            if isinstance(name, str) and name != member.name:
                issues.append(Issue(table.cell_where(row.number, "name"),
                                    f"编号 {member_id} 是 {member.name}（{shown_path(member.path)}），"
                                    f"但本行姓名为 {name}：请核对编号和姓名"))
                continue
        elif isinstance(name, str):
            if "member" in table.columns and _bad(row, "member"):
                continue
            matches = by_name.get(name, [])
            where = table.cell_where(row.number, "name")
            if not matches:
                issues.append(Issue(where, f"没有姓名为 {name} 的党员{did_you_mean(name, by_name)}"))
                continue
            if len(matches) > 1:
                who = "、".join(f"{m.id}（{shown_path(m.path)}）" for m in matches)
                hint = "在“编号”列填写其 id" if "member" in table.columns else "加一列“编号”并填写其 id"
                issues.append(Issue(where, f"姓名 {name} 对应 {len(matches)} 名党员：{who}；请{hint}"))
                continue
            member_id = matches[0].id
            row.values["member"] = member_id
        else:
            if not (_bad(row, "member") or _bad(row, "name")):
                where = table.cell_where(row.number, "member" if "member" in table.columns else "name")
                issues.append(Issue(where, "编号和姓名都为空：请填写获评党员的编号或姓名"))
            continue
        keyed.append((row, (member_id, row.values.get("category", DEFAULT_CATEGORY))))
    dupe_field = "member" if "member" in table.columns else "name"
    issues += _dupes(table, keyed, dupe_field, lambda k: f"党员 {k[0]} 的“{k[1]}”")
    return issues


def merge_awards(doc: yamledit.Document, got: list[Row], layout: Layout) -> Summary:
    """An award of the same member and category is updated; any other is appended to ``awards:``."""
    return _merge(doc, got, layout, "awards", STARS_ORDER, AWARD_ORDER,
                  key=lambda v: (str(v["member"]), str(v.get("category") or DEFAULT_CATEGORY)),
                  keys=("member", "category"), label=lambda k, item: f"{k[0]}（{k[1]}）")
