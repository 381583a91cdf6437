"""Rules that span files: unique ids, references that resolve, one award per category.

Works on the converted records of every file, even those with problems of their own (a
field that failed is simply absent), so one run reports everything at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .fields import PList, Rec
from .problems import Pos, Problem, did_you_mean

KIND_ZH = {"member": "党员", "branch": "支部", "post": "岗位"}


@dataclass
class Records:
    """Converted files by kind: ``branches[id]``, ``stars[(year, month)]`` ..."""

    data_dir: Path
    branches: dict[str, Rec] = field(default_factory=dict)
    stars: dict[tuple[int, int], Rec] = field(default_factory=dict)
    honors: dict[int, Rec] = field(default_factory=dict)
    lectures: dict[str, Rec] = field(default_factory=dict)
    screens: dict[str, Rec] = field(default_factory=dict)
    stats: dict[tuple[int, int], Rec] = field(default_factory=dict)
    broken_branches: set[str] = field(default_factory=set)
    """Branch files that could not be read at all: their members are unknown, not missing."""


def _items(rec: Rec, name: str) -> list[tuple[object, Pos]]:
    values = rec.get(name)
    if not isinstance(values, PList):
        return []
    return list(zip(values, values.positions))


class _Index:
    """Ids of one kind with where each was first defined."""

    def __init__(self, kind: str, complete: bool = True):
        self.kind = kind
        self.first: dict[str, Pos] = {}
        # False while a file that may define these ids is unreadable: a reference that
        # does not resolve may be defined there, and saying "不存在" would mislead.
        self.complete = complete

    def define(self, value: str, pos: Pos, problems: list[Problem]) -> None:
        if value in self.first:
            problems.append(Problem("id.duplicate", pos, kind=KIND_ZH[self.kind], value=value,
                                    other=self.first[value]))
        else:
            self.first[value] = pos

    def resolve(self, value: object, pos: Pos, problems: list[Problem]) -> None:
        if self.complete and isinstance(value, str) and value not in self.first:
            problems.append(Problem("ref.missing", pos, kind=KIND_ZH[self.kind], value=value,
                                    suggest=did_you_mean(value, self.first, quote=True)))


def validate(records: Records) -> list[Problem]:
    problems: list[Problem] = []
    complete = not records.broken_branches
    members, posts, branches = _Index("member", complete), _Index("post", complete), _Index("branch")
    for branch_id, rec in records.branches.items():
        branches.first[branch_id] = rec.pos
    for branch_id in records.broken_branches:
        branches.first.setdefault(branch_id, None)
    for rec in records.branches.values():
        for member, _ in _items(rec, "members"):
            if "id" in member:
                members.define(member["id"], member.at("id"), problems)
        for post, _ in _items(rec, "posts"):
            if "id" in post:
                posts.define(post["id"], post.at("id"), problems)

    for branch_id, rec in records.branches.items():
        _branch_refs(branch_id, rec, members, branches, problems)
    for rec in records.stars.values():
        _star_refs(rec, members, problems)
    for rec in records.honors.values():
        for lst, _ in _items(rec, "lists"):
            for entry, _ in _items(lst, "entries"):
                if "member" in entry:
                    members.resolve(entry["member"], entry.at("member"), problems)
                if "branch" in entry:
                    branches.resolve(entry["branch"], entry.at("branch"), problems)
    for rec in records.lectures.values():
        if "lecturer" in rec:
            members.resolve(rec["lecturer"], rec.at("lecturer"), problems)
        if "branch" in rec:
            branches.resolve(rec["branch"], rec.at("branch"), problems)
    for month, rec in records.stats.items():
        _view_counts(month, rec, problems)
    return problems


def _view_counts(month: tuple[int, int], rec: Rec, problems: list[Problem]) -> None:
    """A month's file holds that month's days, each lecture once a day (what `stats` writes)."""
    seen: dict[tuple, Pos] = {}
    for row, _ in _items(rec, "views"):
        day = row.get("date")
        if day is None:
            continue
        if (day.year, day.month) != month:
            problems.append(Problem("stats.month", row.at("date"), date=day.isoformat(),
                                    month=f"{month[0]}-{month[1]:02d}"))
        key = (day, row.get("lecture"))
        if key in seen:
            problems.append(Problem("stats.duplicate", row.at("lecture"), date=day.isoformat(), lecture=key[1],
                                    first_line=seen[key].line))
        else:
            seen[key] = row.at("lecture")


def _branch_refs(branch_id: str, rec: Rec, members: _Index, branches: _Index, problems: list[Problem]) -> None:
    if "secretary" in rec:
        members.resolve(rec["secretary"], rec.at("secretary"), problems)
    for seat, _ in _items(rec, "committee"):
        if "member" in seat:
            members.resolve(seat["member"], seat.at("member"), problems)
    seen: dict[str, Pos] = {}
    for ally, pos in _items(rec, "alliances"):
        if ally == branch_id:
            problems.append(Problem("ref.self", pos, field="alliances"))
        elif ally in seen:
            problems.append(Problem("list.duplicate", pos, field="alliances", found=f'"{ally}"',
                                    first_line=seen[ally].line))
        else:
            branches.resolve(ally, pos, problems)
        seen.setdefault(ally, pos)
    years: dict[int, Pos] = {}
    for rating, pos in _items(rec, "ratings"):
        year = rating.get("year")
        if year in years:
            problems.append(Problem("rating.duplicate", rating.at("year"), field="ratings", year=year,
                                    first_line=years[year].line))
        elif year is not None:
            years[year] = rating.at("year")
    for post, _ in _items(rec, "posts"):
        for member, pos in _items(post, "members"):
            members.resolve(member, pos, problems)


def _star_refs(rec: Rec, members: _Index, problems: list[Problem]) -> None:
    named: dict[tuple[str, str], Pos] = {}
    for award, _ in _items(rec, "awards"):
        member = award.get("member")
        if member is None:
            continue
        members.resolve(member, award.at("member"), problems)
        key = (member, award.get("category", "星级党员"))
        if key in named:
            problems.append(Problem("stars.duplicate", award.at("member"), member=member, category=key[1],
                                    first_line=named[key].line))
        else:
            named[key] = award.at("member")
