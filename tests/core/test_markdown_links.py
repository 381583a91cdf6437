"""Markdown fields never yield a live link to a script scheme, however the scheme is encoded."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from honorboard.site.markup import render_markdown

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


class _Links(HTMLParser):
    """Every href as the browser reads it: HTMLParser decodes character references as browsers do."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "xlink:href") and value is not None:
                self.hrefs.append(value)
            assert not name.startswith("on"), f"event handler attribute {name}"


def browser_scheme(href: str) -> str | None:
    """The scheme a browser would use (URL standard: C0 controls and spaces trimmed, tabs and
    newlines removed anywhere), or None for a relative link."""
    url = href.strip("".join(chr(c) for c in range(0x21)))
    url = re.sub(r"[\t\n\r]", "", url)
    m = _SCHEME.match(url)
    return m.group(1).lower() if m else None


def live_links(markdown_text: str) -> list[str]:
    parser = _Links()
    parser.feed(str(render_markdown(markdown_text)))
    parser.close()
    assert not parser.tags & {"script", "iframe", "object", "embed", "img", "svg", "math", "form", "style"}
    return parser.hrefs


def _char_encodings(ch: str) -> st.SearchStrategy[str]:
    n = ord(ch)
    named = {":": ["&colon;"], "(": ["&lpar;"], ")": ["&rpar;"], "/": ["&sol;"], ".": ["&period;"]}
    return st.sampled_from([ch, ch.upper(), f"&#{n};", f"&#x{n:x};", f"&#X{n:X};", f"&#000{n};", f"&#x000{n:x};",
                            f"&#{n}", *named.get(ch, [])])


_FILLER = st.sampled_from(["", "", "", "&Tab;", "&NewLine;", "&#9;", "&#10;", "&#13;", "&#x0A;", "\t", "%0a"])


@st.composite
def encoded_url(draw) -> str:
    scheme = draw(st.sampled_from(["javascript", "vbscript", "data", "livescript", "file"]))
    parts = [draw(st.sampled_from(["", " ", "&#32;", "&#1;", "&#x20;", "\u3000"]))]
    for ch in scheme + ":":
        parts.append(draw(_char_encodings(ch)))
        parts.append(draw(_FILLER))
    parts.append(draw(st.sampled_from(["alert(1)", "alert&#40;1&#41;", "text/html,<b>x</b>", "//evil/x"])))
    return "".join(parts)


@st.composite
def link_markdown(draw) -> str:
    url = draw(encoded_url())
    form = draw(st.sampled_from(["inline", "angle", "reference", "autolink", "titled"]))
    if form == "inline":
        return f"看[这里]({url})"
    if form == "angle":
        return f"看[这里](<{url}>)"
    if form == "titled":
        return f'看[这里]({url} "标题")'
    if form == "reference":
        return f"看[这里][r]\n\n[r]: {url}\n"
    return f"<{url}>"


@settings(max_examples=400, deadline=None)
@given(link_markdown())
def test_no_encoding_of_a_script_scheme_survives(text):
    """Random encodings (character references, entities, case, tabs, newlines) never give a live script link."""
    for href in live_links(text):
        scheme = browser_scheme(href)
        assert scheme is None or scheme in SAFE_SCHEMES, (text, href)


def test_known_tricks_lose_their_href():
    """The cases the hand-written filter let through, and the safe links that must stay."""
    for text in ("[a](javascript&#58;alert(1))", "[a](javascript&colon;alert(1))", "[a](jav&#x09;ascript:alert(1))",
                 "[a](&#106;avascript:alert(1))", "[a](JaVaScRiPt:alert(1))", "[a]( javascript:alert(1))",
                 "[a](data:text/html,x)"):
        assert live_links(text) == [], text
    assert live_links("[a](http://x.intranet/a) [b](../x/) [c](#top) [d](mailto:a@b.c) [e](tel:0931-1234567)") == [
        "http://x.intranet/a", "../x/", "#top", "mailto:a@b.c", "tel:0931-1234567"]


def test_the_checker_can_fail():
    """browser_scheme reads through the tricks a browser accepts (so the property above means something)."""
    assert browser_scheme(" \x01java\tscript:alert(1)") == "javascript"
    assert browser_scheme("JAVA\nSCRIPT:x") == "javascript"
    assert browser_scheme("../x/") is None
