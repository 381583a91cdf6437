"""What pages show that the model does not hold directly: groupings, streaks, figures.

Pure functions of the model, shared by every engine (and by the screens, later).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

from ..images.colors import readable
from ..data.model import Award, Branch, Lecture, Member, Month, Post, Site

NO_UNIT = "其他单位"
_WEIGHTS = {"topic": 3, "tag": 2, "speaker": 1}


def _related_keys(lec: Lecture) -> set[tuple[str, str]]:
    return {("topic", lec.topic), ("speaker", lec.speaker), *(("tag", t) for t in lec.tags)}

NO_KIND = "先锋岗"


@dataclass(frozen=True)
class ViewTotals:
    """观看次数 of the whole site: before it (no dates) and counted by ``honorboard stats``."""

    before: int
    counted: int
    first: dt.date | None  # the first and last day with a counted view
    last: dt.date | None

    @property
    def total(self) -> int:
        return self.before + self.counted


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    views: int

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"


@dataclass(frozen=True)
class Watched:
    """A lecture on the most-watched list, with the numbers the chart shows."""

    lecture: Lecture
    title: str
    before: int  # views from before the site
    counted: int  # views the site counted

    @property
    def total(self) -> int:
        return self.before + self.counted


@dataclass(frozen=True)
class StarRow:
    branch: Branch
    note: str  # what tells the branch from another of its name (``SiteViews.branch_note``), or ""
    counts: tuple[int, ...]  # one per month of the table

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class StarTable:
    """Star awards per branch per month: the months (year, month) and a row per branch."""

    months: tuple[tuple[int, int], ...]
    rows: tuple[StarRow, ...]

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(map(sum, zip(*(r.counts for r in self.rows)))) if self.rows else (0,) * len(self.months)

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)

    @property
    def most(self) -> int:
        return max((c for r in self.rows for c in r.counts), default=0)


@dataclass(frozen=True)
class Group:
    """A heading and what stands under it (sub-groups or items)."""

    title: str
    items: tuple

    @property
    def count(self) -> int:
        return sum(g.count if isinstance(g, Group) else 1 for g in self.items)


@dataclass(frozen=True)
class WallGroup:
    """One branch's people on a board, with the place it is in (unit · floor)."""

    branch: Branch
    place: str
    items: tuple


def floor_label(floor: int | None) -> str:
    if floor is None:
        return "未分楼层"
    return f"地下{-floor}层" if floor < 0 else f"{floor}楼"


def _by_unit_floor_branch(pairs: Iterable[tuple[Branch, object]], order: dict[str, int]) -> tuple[Group, ...]:
    """Nest items by unit → floor → branch, each level in a stable, readable order."""
    tree: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for branch, item in pairs:
        tree[branch.unit or NO_UNIT][branch.floor][branch.id].append((branch, item))
    units = []
    for unit in sorted(tree, key=lambda u: (u == NO_UNIT, u)):
        floors = []
        for floor in sorted(tree[unit], key=lambda f: (f is None, f or 0)):
            branches = []
            for branch_id in sorted(tree[unit][floor], key=order.__getitem__):
                entries = tree[unit][floor][branch_id]
                branches.append(Group(entries[0][0].name, tuple(i for _, i in entries)))
            # branches without a floor need no "floor" heading
            floors.append(Group(floor_label(floor) if floor is not None else "", tuple(branches)))
        units.append(Group(unit, tuple(floors)))
    return tuple(units)


VIEW_READS = {
    "wall": None, "wall_columns": None, "board": None, "categories": None, "brand_colors": None,
    "members_outside_committee": None, "honors_beyond_ratings": None,
    "streak": "stars", "related": "lectures", "branch_label": "names", "branch_note": "names", "person_label": "names",
    "views_of": "watched", "view_totals": "watched", "monthly_views": "watched", "most_watched": "watched",
    "stars_by_branch": "awards",
}
"""What a view reads besides the objects it is given (None: nothing), for a preview that
renders again only the pages whose inputs changed: a page that used ``related`` changes with
any lecture file. A view not listed here counts as reading the whole site."""


class SiteViews:
    """Derived views of one site, computed once and shared by all pages of a build."""

    def __init__(self, site: Site):
        self.site = site
        self._order = {b.id: i for i, b in enumerate(site.branches)}

    def reads(self, kind: str) -> str | None:
        """A fingerprint of what views of ``kind`` (see VIEW_READS) read from the whole site,
        or None for "all" (the caller fingerprints every data file)."""
        if kind == "names":
            seen = (sorted(self._shared_branch_names), sorted(self._shared_member_names))
        elif kind == "stars":
            seen = sorted((k, sorted(v)) for k, v in self._months_of.items())
        elif kind == "lectures":  # what ranks related lectures: position (date order), topic, tags, speaker
            seen = [(lec.id, sorted(_related_keys(lec))) for lec in self.site.lectures]
        elif kind == "watched":  # what the view counts show: each lecture's title and views, the months' sums
            seen = ([(lec.id, lec.title, lec.views, lec.total_views) for lec in self.site.lectures],
                    self.monthly_views())
        elif kind == "awards":  # who was named in which month, and where that member's branch is
            seen = [(mo.key, [(a.member.id, a.member.branch.id) for a in mo.awards]) for mo in self.site.months]
            seen.append([(b.id, self.branch_label(b)) for b in self.site.branches])
        elif kind == "":
            return ""
        else:
            return None
        return hashlib.sha1(repr(seen).encode("utf-8")).hexdigest()

    # --- star boards -----------------------------------------------------------------

    @cached_property
    def _months_of(self) -> dict[str, set[int]]:
        named: dict[str, set[int]] = defaultdict(set)
        for month in self.site.months:
            for award in month.awards:
                named[award.member.id].add(month.year * 12 + month.month - 1)
        return named

    def streak(self, member: Member, month: Month) -> int:
        """How many calendar months running, up to ``month``, ``member`` has been named."""
        months = self._months_of.get(member.id, set())
        n, at = 0, month.year * 12 + month.month - 1
        while at in months:
            n, at = n + 1, at - 1
        return n

    def board(self, month: Month) -> tuple[Group, ...]:
        return _by_unit_floor_branch(((a.member.branch, a) for a in month.awards), self._order)

    def wall(self, month: Month) -> list[WallGroup]:
        """The month as one 荣誉墙: a group per branch in unit → floor → branch order, each
        labelled with where it is, so small groups can flow side by side."""
        return [WallGroup(branch.items[0].member.branch, " · ".join(t for t in (unit.title, floor.title) if t and t != NO_UNIT),
                          branch.items)
                for unit in self.board(month) for floor in unit.items for branch in floor.items]

    @staticmethod
    def wall_columns(sizes: Iterable[int], fewest: int = 6, most: int = 10) -> int:
        """How many portrait columns a very wide wall (4K) should have, given its groups' sizes
        (plain numbers: the preview replays a view with its recorded arguments): the count between
        ``fewest`` and ``most`` whose rows, filled group after group in order as the grid does,
        leave the fewest empty places (a month of 10 in groups 1+1+3+1+2+2: one full row of 10,
        not 6 and then 4); on a tie, more columns, so the board needs less scrolling."""
        sizes = list(sizes)
        best = (None, 0)
        for cols in range(fewest, most + 1):
            empty, used = 0, 0
            for n in sizes:
                span = min(n, cols)
                if used and used + span > cols:
                    empty, used = empty + cols - used, 0
                used += span
            if used:
                empty += cols - used
            if best[0] is None or empty <= best[0]:
                best = (empty, cols)
        return best[1] if sizes else most

    @staticmethod
    def categories(awards: Iterable[Award]) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for award in awards:
            counts[award.category] = counts.get(award.category, 0) + 1
        return list(counts.items())

    def archive(self) -> list[Group]:
        """Months newest first, grouped by year."""
        years: dict[int, list[Month]] = defaultdict(list)
        for month in reversed(self.site.months):
            years[month.year].append(month)
        return [Group(f"{y}年", tuple(ms)) for y, ms in years.items()]

    # --- home --------------------------------------------------------------------------

    @cached_property
    def figures(self) -> list[tuple[str, int, str]]:
        site = self.site
        latest = site.latest_month
        year = latest.year if latest else None
        stars_this_year = sum(len(m.awards) for m in site.months if m.year == year)
        return [
            ("党支部", len(site.branches), "个"),
            ("党员", len(site.members), "名"),
            (f"{year}年星级党员" if year else "星级党员", stars_this_year, "人次"),
            ("微党课", len(site.lectures), "讲"),
            ("微党课观看", self.view_totals.total, "次"),
        ]

    # --- view counts (数据统计) ----------------------------------------------------------------

    @staticmethod
    def views_of(lectures: Iterable[Lecture]) -> int:
        """观看次数 of some lectures together (a lecturer's, a branch's)."""
        return sum(lec.total_views for lec in lectures)

    @cached_property
    def view_totals(self) -> ViewTotals:
        """All views: those from before the site (the YAML ``views``) and those counted since."""
        before = counted = 0
        first = last = None
        for lec in self.site.lectures:
            before += lec.views or 0
            if lec.counted:
                counted += sum(n for _, n in lec.counted)
                first = min(first, lec.counted[0][0]) if first else lec.counted[0][0]
                last = max(last, lec.counted[-1][0]) if last else lec.counted[-1][0]
        return ViewTotals(before, counted, first, last)

    @cached_property
    def _monthly_views(self) -> tuple[MonthCount, ...]:
        sums: dict[int, int] = defaultdict(int)  # year * 12 + month - 1 → views
        for lec in self.site.lectures:
            for day, n in lec.counted:
                sums[day.year * 12 + day.month - 1] += n
        if not sums:
            return ()
        # every month from the first counted to the last, those without a view as 0
        return tuple(MonthCount(at // 12, at % 12 + 1, sums.get(at, 0)) for at in range(min(sums), max(sums) + 1))

    def monthly_views(self) -> tuple[MonthCount, ...]:
        """Counted views per calendar month, oldest first, without gaps (the YAML numbers
        from before the site have no dates and are not in any month)."""
        return self._monthly_views

    def most_watched(self, n: int = 10) -> tuple[Watched, ...]:
        """The ``n`` lectures with the most views (before the site and counted), most first;
        among equals the newer first. Lectures nobody has watched are left out."""
        order = {id(lec): i for i, lec in enumerate(self.site.lectures)}  # newest first
        top = heapq.nsmallest(n, (lec for lec in self.site.lectures if lec.total_views),
                              key=lambda lec: (-lec.total_views, order[id(lec)]))
        return tuple(Watched(lec, lec.title, lec.views or 0, lec.total_views - (lec.views or 0)) for lec in top)

    def stars_by_branch(self, n: int = 12) -> StarTable | None:
        """Star awards per branch in each of the last ``n`` calendar months up to the latest
        month with a board (months without one count 0); branches in the site's order, those
        never named in these months left out. None without any star month."""
        latest = self.site.latest_month
        if latest is None:
            return None
        end = latest.year * 12 + latest.month - 1
        span = range(end - n + 1, end + 1)
        counts: dict[str, list[int]] = {}
        for month in self.site.months:
            at = month.year * 12 + month.month - 1
            if at < span.start:
                continue
            for award in month.awards:
                counts.setdefault(award.member.branch.id, [0] * n)[at - span.start] += 1
        rows = tuple(StarRow(b, self.branch_note(b), tuple(counts[b.id])) for b in self.site.branches if b.id in counts)
        return StarTable(tuple((at // 12, at % 12 + 1) for at in span), rows)

    # --- posts ----------------------------------------------------------------------------

    no_kind = NO_KIND  # what a post without ``kind`` is called

    def posts_by_place(self) -> list[Group]:
        """Posts by unit, then floor. Posts of a branch without a floor come first in their unit,
        under no floor heading, so none is ever listed under another floor's heading."""
        units: dict[str, dict[int | None, list[Post]]] = defaultdict(lambda: defaultdict(list))
        for post in self.site.posts:
            units[post.branch.unit or NO_UNIT][post.branch.floor].append(post)
        return [Group(unit, tuple(Group(floor_label(f) if f is not None else "", tuple(floors[f]))
                                  for f in sorted(floors, key=lambda f: (f is not None, f or 0))))
                for unit, floors in sorted(units.items(), key=lambda u: (u[0] == NO_UNIT, u[0]))]

    # --- branches -------------------------------------------------------------------------

    @staticmethod
    def members_outside_committee(branch: Branch) -> list[Member]:
        """The branch's members not already shown face by face as secretary or committee."""
        seated = {id(seat.member) for seat in branch.committee}
        if branch.secretary is not None:
            seated.add(id(branch.secretary))
        return [m for m in branch.members if id(m) not in seated]

    @staticmethod
    def honors_beyond_ratings(branch: Branch) -> list:
        """Honour entries of the branch, less those that name a rating of the same year
        (a 2024 红旗党支部 rating and the 2024 红旗党支部 list are one fact, shown under 评定历程)."""
        rated = {(r.year, r.title) for r in branch.ratings}
        return [e for e in branch.honors if (e.list.year.year, e.list.title) not in rated]

    @staticmethod
    def brand_colors(branch: Branch) -> tuple[str, str]:
        """Background and text colour for the branch's card and page header (≥ 4.5:1)."""
        return readable(branch.color)

    # --- lectures -------------------------------------------------------------------------

    @cached_property
    def _lectures_by_key(self) -> dict[tuple[str, str], list[int]]:
        """Lecture positions by topic, tag and speaker: related ones share at least one."""
        index: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, lec in enumerate(self.site.lectures):
            for key in _related_keys(lec):
                index[key].append(i)
        return index

    def related(self, lecture: Lecture, n: int = 4) -> list[Lecture]:
        """Same topic counts 3, each shared tag 2, same speaker 1; newest first among equals."""
        lectures = self.site.lectures  # newest first: a lower position is newer
        scores: dict[int, int] = defaultdict(int)
        for key in _related_keys(lecture):
            weight = _WEIGHTS[key[0]]
            for i in self._lectures_by_key[key]:
                scores[i] += weight
        ranked = heapq.nsmallest(n + 1, scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return [lectures[i] for i, _ in ranked if lectures[i] is not lecture][:n]

    def lecture_facets(self) -> dict[str, list[tuple[str, int]]]:
        """Values of each catalog facet with counts: topics by count, years newest first."""
        counts: dict[str, dict[str, int]] = {k: defaultdict(int) for k in ("topic", "lecturer", "branch", "year")}
        for lec in self.site.lectures:
            counts["topic"][lec.topic] += 1
            counts["lecturer"][lec.speaker] += 1
            if lec.branch:
                counts["branch"][lec.branch.id] += 1  # by id: two 机关党支部 are two options
            counts["year"][str(lec.date.year)] += 1
        out = {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0])) for k, v in counts.items()}
        out["year"] = sorted(counts["year"].items(), reverse=True)
        return out

    # --- names that are not unique -----------------------------------------------------

    @cached_property
    def _shared_branch_names(self) -> set[str]:
        seen: dict[str, int] = defaultdict(int)
        for b in self.site.branches:
            seen[b.name] += 1
        return {name for name, n in seen.items() if n > 1}

    @cached_property
    def _shared_member_names(self) -> set[str]:
        seen: dict[str, int] = defaultdict(int)
        for m in self.site.members.values():
            seen[m.name] += 1
        return {name for name, n in seen.items() if n > 1}

    def branch_note(self, branch: Branch) -> str:
        """What tells the branch from another of the same name (its unit, else its id), or ""
        when its name is its own (two 机关党支部 of different organs are told apart everywhere)."""
        return (branch.unit or branch.id) if branch.name in self._shared_branch_names else ""

    def branch_label(self, branch: Branch) -> str:
        """The branch's name, with ``branch_note`` in brackets when it has one."""
        note = self.branch_note(branch)
        return f"{branch.name}（{note}）" if note else branch.name

    def person_label(self, member: Member) -> str:
        """The member's name, with the branch when another member has the same name."""
        if member.name in self._shared_member_names:
            b = member.branch
            where = f"{b.unit or ''}{b.name}" if b.name in self._shared_branch_names else b.name
            return f"{member.name}（{where}）"
        return member.name

    @cached_property
    def branches_by_id(self) -> dict[str, Branch]:
        return {b.id: b for b in self.site.branches}
