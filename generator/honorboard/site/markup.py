"""Markdown for the (md) fields: formatting yes, raw HTML and outside requests no.

Python-Markdown passes raw HTML through; we unregister the two processors that do so, so
``<script>`` is shown as text. Links keep only safe schemes, and images are reduced to
their alt text: an image URL in a text field would be a request leaving the host.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

_SAFE_HREF = re.compile(r"^(https?:|mailto:|tel:|#|\.{0,2}/|[^:]*$)", re.IGNORECASE)


class _Sanitise(Treeprocessor):
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
                elif child.tag == "a":
                    href = child.get("href", "")
                    if not _SAFE_HREF.match(href.strip()):
                        child.attrib.pop("href", None)
                    else:
                        child.set("rel", "noopener")


def _append_text(parent: etree.Element, index: int, text: str) -> None:
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + text


class _NoRawHtml(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitise(md), "honorboard_sanitise", 0)


_md = markdown.Markdown(extensions=["sane_lists", _NoRawHtml()], output_format="html")


def render_markdown(text: str | None) -> Markup:
    """Markdown → safe HTML (the only way user text reaches HTML unescaped)."""
    if not text:
        return Markup("")
    _md.reset()
    return Markup(_md.convert(text))
