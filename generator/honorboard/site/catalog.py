"""The lecture catalog's search payload: what the browser searches, built once per build.

Chinese readers expect substring matching (子串), not word segmentation, so each lecture
gets one lower-cased haystack string; pinyin initials (and the speaker's full pinyin) are
added at build time with pypinyin so ``jh`` or ``jianghua`` finds 姜华. Facets and sort
keys live on the server-rendered cards, so the payload holds only what is searched.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html import unescape

from pypinyin import Style, lazy_pinyin

from .markup import render_markdown
from ..data.model import Lecture, Site

SUMMARY_CHARS = 100
"""Enough of a summary to find a lecture by what it is about; keeps 2,000 lectures ≤ 1 MB."""

_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def plain(markdown_text: str | None) -> str:
    """Markdown → the words a reader sees."""
    if not markdown_text:
        return ""
    return _SPACE.sub(" ", unescape(_TAGS.sub(" ", str(render_markdown(markdown_text))))).strip()


def initials(text: str) -> str:
    return "".join(p[0] for p in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore") if p).lower()


def full_pinyin(text: str) -> str:
    return "".join(lazy_pinyin(text, errors="ignore")).lower()


def entry(lecture: Lecture) -> list[str]:
    return list(_entry(lecture.id, lecture.title, lecture.tags, lecture.speaker,
                       lecture.branch.name if lecture.branch else "", lecture.topic, lecture.summary))


@lru_cache(maxsize=None)  # a preview builds the payload on every save: pinyin once per lecture text
def _entry(id: str, title: str, tags: tuple, speaker: str, branch: str, topic: str, summary: str | None) -> tuple:
    hay = " ".join([title, " ".join(tags), speaker, branch, topic, plain(summary)[:SUMMARY_CHARS]])
    py = " ".join(filter(None, [initials(title), initials(speaker), full_pinyin(speaker), *(initials(t) for t in tags)]))
    return id, hay.lower(), py


def search_payload(site: Site) -> bytes:
    data = {"v": 1, "items": [entry(lec) for lec in site.lectures]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
