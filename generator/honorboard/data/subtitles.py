"""Subtitle files (a lecture's ``subtitles:``): WebVTT or SubRip in, plain WebVTT out.

Read when the data is checked (a problem names the line of the subtitle file that is wrong) and
again when the site is built, which publishes WebVTT rebuilt from the cues: their timings and
their text with every tag taken out. No STYLE block (CSS that may fetch from another host), no
REGION, no ``<c>``/``<v>``/``<font>`` markup, no cue settings beyond placement reach the page.

What people hand in, and what happens to it:

- a BOM (Windows Notepad), CRLF or CR line ends: accepted;
- SubRip's ``00:00:01,000`` (comma), one-digit hours, fewer than three digits of milliseconds,
  numbered cues, a missing number: accepted;
- ``{\\an8}``-style positioning codes and ``<i>``/``<font color=…>`` tags: removed, text kept;
- GBK (older Chinese tools) or UTF-16: a problem, naming the line where it stops being UTF-8;
- a ``.vtt`` without the ``WEBVTT`` first line, a timing line that cannot be read, a cue that
  ends before it starts, a file with no cue at all: a problem with the line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024
"""Ten hours of dense subtitles are ≈ 1 MB; a file over 5 MB is something else."""

_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})[,.](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(.*)$")
_TAG = re.compile(r"<[A-Za-z0-9/!?][^<>]*>")  # <i>, </font>, <c.yellow>, <00:00:02.000>; "a < b" is text
_ASS_CODE = re.compile(r"\{\\[^}]*\}")  # {\an8}, {\i1}: ASS override codes SubRip files carry
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_SETTING = re.compile(
    r"^(?:vertical:(?:rl|lr)|line:-?\d+(?:\.\d+)?%?(?:,(?:start|center|end))?"
    r"|position:\d+(?:\.\d+)?%(?:,(?:line-left|center|line-right))?|size:\d+(?:\.\d+)?%"
    r"|align:(?:start|center|end|left|right))$")
"""Cue settings kept from a .vtt (placement only); anything else (region:…) is dropped."""

EXAMPLES = {".srt": "00:00:01,000 --> 00:00:04,000", ".vtt": "00:00:01.000 --> 00:00:04.000"}


class BadSubtitles(Exception):
    """A subtitle file that cannot be published: a problem code (``media.subtitles_*``) and its facts."""

    def __init__(self, code: str, **ctx):
        super().__init__(code, ctx)
        self.code, self.ctx = code, ctx


@dataclass(frozen=True)
class Cue:
    start: int  # milliseconds
    end: int
    text: tuple[str, ...]  # lines of plain text
    settings: str = ""  # kept WebVTT cue settings, space-separated


def read(path: Path) -> list[Cue]:
    """The cues of a ``.vtt`` or ``.srt`` file; ``BadSubtitles`` says what is wrong and where."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise BadSubtitles("media.subtitles_too_large", size=f"{size / 1048576:.1f}", limit=MAX_BYTES // 1048576)
    return parse(path.read_bytes(), path.suffix.lower())


def convert(path: Path) -> str:
    """The file as the WebVTT a browser is given."""
    return to_webvtt(read(path))


def problem(path: Path) -> tuple[str, dict] | None:
    """For the checker: (code, facts) of what is wrong with the file, or None."""
    try:
        read(path)
    except BadSubtitles as bad:
        return bad.code, bad.ctx
    except OSError as exc:
        return "media.subtitles_unreadable", {"reason": exc.strerror or str(exc)}
    return None


def parse(data: bytes, suffix: str) -> list[Cue]:
    lines = _decode(data).split("\n")
    cues = _vtt(lines) if suffix == ".vtt" else _srt(lines)
    if not cues:
        raise BadSubtitles("media.subtitles_empty")
    return cues


def to_webvtt(cues: list[Cue]) -> str:
    out = ["WEBVTT", ""]
    for cue in cues:
        timing = f"{_stamp(cue.start)} --> {_stamp(cue.end)}" + (f" {cue.settings}" if cue.settings else "")
        out += [timing, *cue.text, ""]
    return "\n".join(out)


# --- reading -------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadSubtitles("media.subtitles_encoding", line=1, guess="（看起来是 UTF-16 编码）")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = ""
        try:
            data.decode("gb18030")
            guess = "（看起来是 GBK 编码）"
        except UnicodeDecodeError:
            pass
        raise BadSubtitles("media.subtitles_encoding", line=data.count(b"\n", 0, exc.start) + 1, guess=guess) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _blocks(lines: list[str], first: int = 0):
    """(line number of the block's first line, its lines): runs of non-blank lines."""
    block: list[str] = []
    start = 0
    for i in range(first, len(lines)):
        if lines[i].strip():
            if not block:
                start = i + 1
            block.append(lines[i])
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _srt(lines: list[str]) -> list[Cue]:
    cues = []
    for start, block in _blocks(lines):
        at = 0
        if "-->" not in block[0] and len(block) > 1 and ("-->" in block[1] or block[0].strip().isdigit()):
            at = 1  # the cue's number (or any label): not published
        cues.append(_cue(block[at], block[at + 1:], start + at, ".srt", settings=False))
    return cues


def _vtt(lines: list[str]) -> list[Cue]:
    head = lines[0] if lines else ""
    if not (head == "WEBVTT" or head.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise BadSubtitles("media.subtitles_header", actual=_shown(head))
    header_end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    cues = []
    for start, block in _blocks(lines, header_end):
        word = block[0].split(maxsplit=1)[0] if block[0].split() else ""
        if word in ("NOTE", "STYLE", "REGION") and "-->" not in block[0]:
            continue  # comments, CSS and regions are not published
        at = 0 if "-->" in block[0] else 1  # an identifier line first
        if at == 1 and (len(block) < 2 or "-->" not in block[1]):
            raise BadSubtitles("media.subtitles_timing", line=start + (1 if len(block) > 1 else 0),
                               example=EXAMPLES[".vtt"], actual=_shown(block[1] if len(block) > 1 else block[0]))
        cues.append(_cue(block[at], block[at + 1:], start + at, ".vtt", settings=True))
    return cues


def _cue(timing: str, text: list[str], line: int, suffix: str, settings: bool) -> Cue:
    m = _TIMING.match(timing)
    if not m:
        raise BadSubtitles("media.subtitles_timing", line=line, example=EXAMPLES[suffix], actual=_shown(timing))
    g = m.groups()
    start, end = _ms(g[0:4], line, suffix, timing), _ms(g[4:8], line, suffix, timing)
    if end < start:
        raise BadSubtitles("media.subtitles_order", line=line, start=_stamp(start), end=_stamp(end))
    kept = " ".join(s for s in g[8].split() if _SETTING.match(s)) if settings else ""
    return Cue(start, end, tuple(t for t in (clean(t) for t in text) if t), kept)


def _ms(parts, line: int, suffix: str, timing: str) -> int:
    h, m, s, frac = parts
    if int(m) > 59 or int(s) > 59:
        raise BadSubtitles("media.subtitles_timing", line=line, example=EXAMPLES[suffix], actual=_shown(timing))
    return ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + int(frac.ljust(3, "0"))


def clean(line: str) -> str:
    """A cue line as WebVTT text with no markup: tags and codes out, entities read, then
    ``& < >`` escaped again, so the browser shows exactly these characters and nothing else."""
    text = _ASS_CODE.sub("", _TAG.sub("", line))
    text = _CONTROL.sub("", html.unescape(text)).replace("\t", " ").strip()
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _stamp(ms: int) -> str:
    s, ms = divmod(ms, 1000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _shown(text: str) -> str:
    text = text.strip()
    return f'"{text[:39]}…"' if len(text) > 40 else f'"{text}"'
