"""What browser tests share besides fixtures (a module of its own: `conftest` is a name
every test folder uses, so importing from it picks whichever pytest loaded first)."""

from __future__ import annotations

import http.server
import io
import os
import re
import shutil
from urllib.parse import urlsplit


def chromium_path() -> str | None:
    return os.environ.get("HONORBOARD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


class Watched:
    """A page with its console errors and the hosts of every request it made."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.requests: list[str] = []  # every URL the page asked for, in order
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)
        # Never let a request really leave: record it, then refuse it.
        page.route("**/*", self._route)

    def _request(self, request) -> None:
        self.requests.append(request.url)
        host = urlsplit(request.url).hostname
        if request.url.startswith(("data:", "blob:")):
            return
        if host not in ("127.0.0.1",):
            self.foreign.append(request.url)

    def _route(self, route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            route.abort()


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with ``Range: bytes=a-b`` answered 206, as nginx does: Chromium seeks in a
    video (resume, skip) only when the server serves parts of it."""

    def send_head(self):
        asked = re.fullmatch(r"bytes=(\d*)-(\d*)", (self.headers.get("Range") or "").strip())
        path = self.translate_path(self.path)
        if not asked or not any(asked.groups()) or not os.path.isfile(path):
            return super().send_head()
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            first, last = asked.groups()
            start = int(first) if first else max(0, size - int(last))
            end = min(int(last), size - 1) if first and last else size - 1
            if start > end:
                self.send_error(416)
                return None
            f.seek(start)
            part = f.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(part)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(part)


LINES = """els => els.map(e => {
  // the rendered lines of an element: a Range per character gives its box; a character whose
  // middle lies below the first box of the line so far starts a new line (a large serif's
  // glyph boxes are taller than its line height: boxes of two lines overlap)
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  const lines = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (let i = 0; i < n.data.length; i++) {
      if (!n.data[i].trim()) continue;
      const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
      const box = r.getClientRects()[0];
      if (!box) continue;
      const line = lines[lines.length - 1];
      if (line && (box.top + box.bottom) / 2 < line.bottom) line.text += n.data[i];
      else lines.push({bottom: box.bottom, text: n.data[i]});
    }
  }
  return lines.map(l => l.text);
})"""
"""For ``eval_on_selector_all``: each element's rendered lines, as text."""


def broken_words(page, lines: list[str], longest: int = 999) -> list[tuple[int, str]]:
    """The words (the browser's own Chinese dictionary, Intl.Segmenter; 2 to ``longest``
    characters) that ``lines``, an element's rendered lines, break inside: (where, word)."""
    text = "".join(lines)
    words = page.evaluate("([t, most]) => [...new Intl.Segmenter('zh', {granularity: 'word'}).segment(t)]"
                          ".filter(s => s.isWordLike && s.segment.length > 1 && s.segment.length <= most)"
                          ".map(s => [s.index, s.segment])", [text, longest])
    ends = [sum(len(line) for line in lines[:i + 1]) for i in range(len(lines) - 1)]
    return [(at, word) for at, word in words for end in ends if at < end < at + len(word)]
