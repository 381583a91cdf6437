"""Markdown for the (md) fields: formatting yes, script and outside requests no.

Real descriptions are often pasted from an old web page, with ``<p>``, ``<br>`` and
``<strong>`` in them: Python-Markdown passes such raw HTML through, and everything it writes
then goes through an allowlist sanitiser (nh3, the binding of Rust's Ammonia), which keeps
the formatting tags below and drops the rest: ``<script>`` and ``<style>`` with their
content, ``<img>``, ``<iframe>``, ``<svg>``, every ``on*`` and ``style`` attribute. It decodes
character references before it judges a link, so ``javascript&#58;…`` or ``&colon;`` cannot
hide a scheme from it; only http(s), mailto, tel and relative links keep their ``href``.
Markdown images are reduced to their alt text: an image URL in a text field would be a
request leaving the host.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

TAGS = frozenset({"p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li", "a",
                  "span", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"})
"""What Python-Markdown writes for the syntax it knows (images become a span of their alt text)."""
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def sanitise(html: str) -> str:
    """The allowlist applied to every rendered (md) field."""
    return nh3.clean(html, tags=set(TAGS), attributes=ATTRIBUTES, url_schemes=set(URL_SCHEMES),
                     link_rel="noopener noreferrer", strip_comments=True)


class _ImagesToText(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    alt = child.get("alt", "")
                    index = list(parent).index(child)
                    parent.remove(child)
                    if alt:
                        span = etree.Element("span")
                        span.text = alt
                        span.tail = child.tail
                        parent.insert(index, span)
                    elif child.tail:
                        _append_text(parent, index, child.tail)


def _append_text(parent: etree.Element, index: int, text: str) -> None:
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + text


class _NoImages(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_ImagesToText(md), "honorboard_images", 0)


_md = markdown.Markdown(extensions=["sane_lists", _NoImages()], output_format="html")


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
_ENDS_CJK = re.compile(rf"[{_CJK}]$")
_STARTS_CJK = re.compile(rf"^[{_CJK}]")
_FENCE = re.compile(r"^\s*(```|~~~)")


def join_cjk_lines(text: str) -> str:
    """A line break inside a Chinese paragraph joins its lines with nothing: Markdown makes it a
    space, which reads as a stray gap (发布。 发现). Hard breaks (a line ending in two spaces),
    headings, and lines in fenced code are left as they are."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif (not fenced and out and _STARTS_CJK.match(line) and _ENDS_CJK.search(out[-1])
              and not out[-1].lstrip().startswith("#") and not _FENCE.match(out[-1])):
            out[-1] += line
            continue
        out.append(line)
    return "\n".join(out)


def render_markdown(text: str | None) -> Markup:
    """Markdown → safe HTML (the only way user text reaches HTML unescaped)."""
    if not text:
        return Markup("")
    _md.reset()
    return Markup(sanitise(_md.convert(join_cjk_lines(text))))
