"""Build the linked model from records that passed every check.

Only called on clean data, so it may index without guarding; relations are filled in with
``object.__setattr__`` once, here, and the objects are frozen for everyone after.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from . import model as m
from .fields import PList, Rec
from .validate import Records


def _set(obj, **relations) -> None:
    for name, value in relations.items():
        object.__setattr__(obj, name, value)


def _list(rec: Rec, name: str) -> list:
    value = rec.get(name)
    return list(value) if isinstance(value, PList) else []


def _fields(rec: Rec, *names: str) -> dict:
    return {n: rec[n] for n in names if n in rec}


def _where(rec: Rec) -> dict:
    return dict(rec.where) | {"": rec.pos}


def link(records: Records) -> m.Site:
    """The public site. Members with ``publish: false`` are left out of it: every reference
    to them (an award, an honor, a seat, a post) is dropped, and a lecture they gave names
    only their branch, so no page, picture or screen shows them."""
    members: dict[str, m.Member] = {}
    withheld: dict[str, m.Member] = {}
    branches: dict[str, m.Branch] = {}
    posts: list[m.Post] = []
    for branch_id, rec in records.branches.items():
        branches[branch_id] = _branch(branch_id, rec, members, withheld, posts)

    # relations that need every branch and member first
    _post_members(posts, records, members)
    member_posts: dict[str, list[m.Post]] = defaultdict(list)
    for post in posts:
        for member in post.members:
            member_posts[member.id].append(post)
    allies: dict[str, set[str]] = defaultdict(set)
    for branch_id, rec in records.branches.items():
        for ally in _list(rec, "alliances"):
            allies[branch_id].add(ally)
            allies[ally].add(branch_id)

    # a month or honor list whose every entry is withheld is left out, not published as "0 人"
    months = [mo for mo in (_month(key, rec, members) for key, rec in sorted(records.stars.items())) if mo.awards]
    years = [y for y in (_honor_year(year, rec, members, branches) for year, rec in sorted(records.honors.items()))
             if y.lists]
    counted = _counted(records)
    lectures = sorted(
        (_lecture(lid, rec, members, withheld, branches, counted.get(lid, ())) for lid, rec in records.lectures.items()),
        key=lambda lec: (lec.date, lec.episode or 0, lec.id), reverse=True,
    )
    screens = [_screen(sid, rec) for sid, rec in sorted(records.screens.items())]

    awards_of = _group((a for month in months for a in month.awards), lambda a: a.member.id)
    honors_of_member = _group(_entries(years), lambda e: e.member.id if e.member else None)
    honors_of_branch = _group(_entries(years), lambda e: e.branch.id if e.branch else None)
    lectures_of_member = _group(lectures, lambda lec: lec.lecturer.id if lec.lecturer else None)
    lectures_of_branch = _group(lectures, lambda lec: lec.branch.id if lec.branch else None)
    for member in members.values():
        _set(member, awards=tuple(awards_of.get(member.id, ())), honors=tuple(honors_of_member.get(member.id, ())),
             posts=tuple(member_posts.get(member.id, ())), lectures=tuple(lectures_of_member.get(member.id, ())))
    for branch in branches.values():
        _set(branch, alliances=tuple(branches[a] for a in sorted(allies.get(branch.id, ()))),
             honors=tuple(honors_of_branch.get(branch.id, ())),
             lectures=tuple(lectures_of_branch.get(branch.id, ())))

    ordered = tuple(sorted(branches.values(), key=_branch_order))
    site = m.Site(
        data_dir=records.data_dir,
        branches=ordered,
        members=members,
        posts=tuple(p for b in ordered for p in b.posts),
        months=tuple(months),
        honor_years=tuple(years),
        lectures=tuple(lectures),
        screens=tuple(screens),
        withheld=frozenset(withheld),
    )
    _link_people(site, records)
    return site


def _branch_order(branch: m.Branch) -> tuple:
    """Unit, then floor (branches are built on floors), then id."""
    return (branch.unit or "", branch.floor is None, branch.floor or 0, branch.id)


def _group(items: Iterable, key) -> dict:
    out: dict = defaultdict(list)
    for item in items:
        k = key(item)
        if k is not None:
            out[k].append(item)
    return out


def _entries(years: list[m.HonorYear]):
    return (e for y in years for lst in y.lists for e in lst.entries)


def _branch(branch_id: str, rec: Rec, members: dict[str, m.Member], withheld: dict[str, m.Member],
            posts: list[m.Post]) -> m.Branch:
    own, hidden = [], []
    for mr in _list(rec, "members"):
        member = m.Member(**_fields(mr, "id", "name", "title", "photo", "joined", "motto", "bio"), where=_where(mr))
        if mr.get("publish", True):
            members[member.id] = member
            own.append(member)
        else:
            withheld[member.id] = member
            hidden.append(member)
    own_posts = []
    for pr in _list(rec, "posts"):
        post = m.Post(
            **_fields(pr, "id", "name", "kind", "location", "pledge", "since"),
            records=tuple(m.PostRecord(**_fields(r, "text", "year"), where=_where(r)) for r in _list(pr, "records")),
            where=_where(pr),
        )
        own_posts.append(post)
    brand = None
    if "brand" in rec:
        br = rec["brand"]
        brand = m.Brand(**_fields(br, "name", "slogan", "color", "emblem", "intro"),
                        highlights=tuple(_list(br, "highlights")), where=_where(br))
    branch = m.Branch(
        id=branch_id, path=rec.path, **_fields(rec, "name", "unit", "floor"),
        ratings=tuple(sorted((m.Rating(**_fields(r, "year", "title", "stars"), where=_where(r))
                              for r in _list(rec, "ratings")), key=lambda r: r.year)),
        brand=brand, members=tuple(own), posts=tuple(own_posts), where=_where(rec),
    )
    for member in own + hidden:
        _set(member, branch=branch)
    for post in own_posts:
        _set(post, branch=branch)
    posts.extend(own_posts)
    return branch


def _post_members(posts: list[m.Post], records: Records, members: dict[str, m.Member]) -> None:
    """Members on duty may belong to any branch: fill them in once all exist."""
    by_id = {pr["id"]: pr for rec in records.branches.values() for pr in _list(rec, "posts")}
    for post in posts:
        _set(post, members=tuple(members[i] for i in _list(by_id[post.id], "members") if i in members))


def _link_people(site: m.Site, records: Records) -> None:
    """Secretary and committee name members of any branch: fill them in once all exist."""
    for branch in site.branches:
        rec = records.branches[branch.id]
        seats = tuple(m.Seat(site.members[s["member"]], s.get("role"), where=_where(s))
                      for s in _list(rec, "committee") if s["member"] in site.members)
        secretary = site.members.get(rec.get("secretary", ""))
        _set(branch, committee=seats, secretary=secretary)
        if secretary is not None:
            _set(secretary, roles=secretary.roles + ("支部书记",))
        for seat in seats:
            if seat.role and seat.member is not secretary:
                _set(seat.member, roles=seat.member.roles + (seat.role,))


def _month(key: tuple[int, int], rec: Rec, members: dict[str, m.Member]) -> m.Month:
    month = m.Month(year=key[0], month=key[1], path=rec.path, where=_where(rec))
    awards = tuple(
        m.Award(member=members[a["member"]], **_fields(a, "category", "stars", "score", "citation"), where=_where(a))
        for a in _list(rec, "awards") if a["member"] in members
    )
    for award in awards:
        _set(award, month=month)
    _set(month, awards=awards)
    return month


def _honor_year(year: int, rec: Rec, members, branches) -> m.HonorYear:
    honor_year = m.HonorYear(year=year, path=rec.path, where=_where(rec))
    lists = []
    for lr in _list(rec, "lists"):
        entries = tuple(
            m.HonorEntry(
                citation=e.get("citation"), team=e.get("team"),
                member=members.get(e.get("member", "")), branch=branches.get(e.get("branch", "")), where=_where(e),
            )
            for e in _list(lr, "entries") if e.get("member", "") in members or "member" not in e
        )
        if not entries:
            continue
        lst = m.HonorList(title=lr["title"], entries=entries, where=_where(lr))
        for entry in entries:
            _set(entry, list=lst)
        _set(lst, year=honor_year)
        lists.append(lst)
    _set(honor_year, lists=tuple(lists))
    return honor_year


def _counted(records: Records) -> dict[str, tuple]:
    """Lecture id → ((day, views), ...) oldest first, from every data/stats/ file."""
    days: dict[str, list] = defaultdict(list)
    for rec in records.stats.values():
        for row in _list(rec, "views"):
            days[row["lecture"]].append((row["date"], row["count"]))
    return {lid: tuple(sorted(rows)) for lid, rows in days.items()}


def _lecture(lecture_id: str, rec: Rec, members, withheld, branches, counted: tuple = ()) -> m.Lecture:
    given = rec.get("lecturer", "")
    lecturer = members.get(given) or withheld.get(given)
    branch = branches.get(rec["branch"]) if "branch" in rec else (lecturer.branch if lecturer else None)
    where = _where(rec)
    facts = _fields(rec, "title", "topic", "date", "lecturer_name", "duration", "episode", "summary", "video",
                    "cover", "slides", "subtitles", "views")
    if given in withheld:  # the talk stays public; the speaker is named only by branch
        lecturer = None
        facts["lecturer_name"] = f"{branch.name}党员" if branch else "党员"
        where["lecturer_name"] = where["lecturer"]
    return m.Lecture(id=lecture_id, path=rec.path, lecturer=lecturer, branch=branch, **facts,
                     tags=tuple(_list(rec, "tags")), counted=counted, where=where)


def _screen(screen_id: str, rec: Rec) -> m.Screen:
    return m.Screen(
        id=screen_id, path=rec.path, **_fields(rec, "name", "orientation", "floor", "hours"),
        slides=tuple(m.Slide(**_fields(s, "show", "seconds", "src", "title", "text"), where=_where(s))
                     for s in _list(rec, "slides")),
        where=_where(rec),
    )
