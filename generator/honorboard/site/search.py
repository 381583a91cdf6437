"""Site-wide search entries for generated pages, taken from the model, not from their HTML.

Parsing thousands of rendered pages back into text was a third of a build; the model
already holds every word a page shows. One entry per page: its title and the words someone
would search it by (name, branch, motto, brand, topic ...), cut short where a page repeats
what other pages hold, so the index of a large organisation stays small.

Chinese is cut into words with jieba (as Material's search plugin does for ``lang: zh``),
each distinct text once; the words are joined by U+200B, the separator Material's search
splits on. Entries are HTML (the search results show them as such), so text is escaped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from markupsafe import escape

from ..data import model as m
from .catalog import plain
from .pages import PageSpec

PROSE_CHARS = 60
"""Of a biography, brand introduction or lecture summary: enough to be found by its subject
(the lecture catalog searches whole summaries; the site-wide index of 7,000 pages stays ≤ 2 MB)."""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ZWSP = "\u200b"


@lru_cache(maxsize=None)
def _cut(run: str) -> str:
    import jieba  # loads its dictionary (≈ 0.7 s): only when some page is indexed

    return _ZWSP + _ZWSP.join(jieba.cut(run)) + _ZWSP


def segment(text: str) -> str:
    """``text`` with its Chinese runs cut into words, U+200B between them."""
    return _HAN.sub(lambda mo: _cut(mo.group(0)), text).strip(_ZWSP)


def _join(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def _words(spec: PageSpec) -> str:
    """What a page is found by, besides its title."""
    c = spec.context
    views = c["views"]
    if "member" in c:
        mem: m.Member = c["member"]
        return _join(mem.title, views.branch_label(mem.branch), *mem.roles, mem.motto, plain(mem.bio)[:PROSE_CHARS])
    if "branch" in c:
        b: m.Branch = c["branch"]
        brand = b.brand
        return _join(b.unit, b.rating.title if b.rating else None, brand and brand.name, brand and brand.slogan,
                     *(brand.highlights if brand else ()), plain(brand.intro if brand else None)[:PROSE_CHARS])
    if "lecture" in c:
        lec: m.Lecture = c["lecture"]
        return _join(lec.speaker, lec.branch and views.branch_label(lec.branch), lec.topic, *lec.tags,
                     plain(lec.summary)[:PROSE_CHARS])
    if "month" in c:
        return _join(*dict.fromkeys(a.member.name for a in c["month"].awards))
    if "year" in c:
        return _join(*(hl.title for hl in c["year"].lists),
                     *dict.fromkeys(e.name for hl in c["year"].lists for e in hl.entries))
    return ""


def _entry(location: str, title: str, words: str) -> dict:
    return {"location": location, "title": _segmented(title), "text": _segmented(words)}


@lru_cache(maxsize=65536)  # a preview indexes every page on each save
def _segmented(text: str) -> str:
    return segment(str(escape(text)))


def entries(specs) -> Iterator[dict]:
    """Material's search entries (location, title, text) for searchable generated pages.

    A list page is found by its title; what it lists is found on the pages it links to, except
    the pioneer posts, which have no page of their own: each is an entry at its anchor.
    """
    for spec in specs:
        if not spec.searchable or spec.standalone:
            continue
        if spec.template == "posts.html":
            for post in spec.context["site"].posts:
                yield _entry(f"{spec.url}#{post.id}", post.name, _join(
                    post.kind, post.location, post.branch and post.branch.name, post.pledge, *(p.name for p in post.members)))
        yield _entry(spec.url, spec.title, "" if spec.in_nav else _words(spec))
