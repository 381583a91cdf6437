"""Chinese line breaking and shrink-to-fit: pure functions over a ``measure(text) -> width``.

Rules (禁则, after GB/T 15834 and common Chinese typesetting practice): a line never starts
with closing punctuation (，。、；：！？）》」 …) and never ends with opening punctuation
（（《「 …). Latin words and numbers are not split. When a rule is hit, a character moves
to the next line with its neighbour rather than overflowing. A paragraph never ends on a
line of one character (plus closing marks): the last lines are balanced instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

NO_LINE_START = frozenset("，。、；：！？）》」』】〉〕”’…‥—·～%,.;:!?)]}>°℃‰")
NO_LINE_END = frozenset("（《「『【〈〔“‘([{<")
ELLIPSIS = "…"
_CLOSING = "".join(NO_LINE_START)

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-_'/]*|\s+|.", re.S)


def tokens(text: str) -> list[str]:
    """Break opportunities: each CJK character alone, Latin words and numbers whole."""
    return _TOKEN.findall(text)


def wrap(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    """Greedy line breaking within ``width`` with the rules above.

    A single token wider than the line is split by characters (a very long English word).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _wrap_paragraph(paragraph.strip(), measure, width)
    return lines


def _wrap_paragraph(text: str, measure, width) -> list[str]:
    if not text:
        return []
    toks: list[str] = []
    for tok in tokens(text):
        if measure(tok) > width and len(tok) > 1:
            toks.extend(tok)  # split an over-long word by characters
        else:
            toks.append(tok)
    lines: list[list[str]] = [[]]
    for tok in toks:
        line = lines[-1]
        if tok.isspace() and not line:
            continue  # no space at a line start
        if not line or measure("".join(line) + tok) <= width:
            line.append(tok)
            continue
        if tok.isspace():
            lines.append([])
            continue
        carried: list[str] = []
        # a closing mark may not start the next line: take the previous token along
        if tok[0] in NO_LINE_START and len(line) > 1:
            carried.insert(0, line.pop())
        # an opening mark may not end this line: move it down too
        while len(line) > 1 and line[-1][-1] in NO_LINE_END:
            carried.insert(0, line.pop())
        while line and line[-1].isspace():
            line.pop()
        lines.append(carried + [tok])
    out = ["".join(line).rstrip() for line in lines if line]
    return _rebalance(toks, out, measure, width)


def _short(line: str) -> bool:
    """One character and the closing marks after it (皮”, 结。): too little to end a paragraph.
    A bracketed character such as （四） is already as wide as three and stays."""
    return len(line.rstrip(_CLOSING)) <= 1


def _real(line: str) -> int:
    """Characters that are neither punctuation nor space: a balanced last line has two."""
    return sum(not (c.isspace() or c in NO_LINE_START or c in NO_LINE_END) for c in line)


def _rebalance(toks: list[str], lines: list[str], measure, width) -> list[str]:
    """A short last line reads as a mistake: balance it with the line above. The number of lines
    stays (``fit`` chooses sizes by it); greedy stays when no break keeps the rules. Lines further
    up cannot help: greedy's last line already did not fit on the one above."""
    if len(lines) < 2 or not _short(lines[-1]):
        return lines
    best = min(_pairs(_tail(toks, lines[-2:]), measure, width), default=None)
    return lines[:-2] + [best[2], best[3]] if best else lines


def _tail(toks: list[str], lines: list[str]) -> list[str]:
    """The tokens ``lines`` (the last ones) came from, with the spaces greedy dropped at breaks."""
    left = sum(not c.isspace() for line in lines for c in line)
    start = len(toks)
    while left > 0:
        start -= 1
        if not toks[start].isspace():
            left -= len(toks[start])
    return toks[start:]


def _pairs(toks: list[str], measure, width):
    """Each break of ``toks`` into two lines within ``width`` and the rules that leaves the last
    line two real characters, keyed for balance: the wider line narrowest, then the first longer."""
    for cut in range(1, len(toks)):
        head, last = "".join(toks[:cut]).strip(), "".join(toks[cut:]).strip()
        if head and _real(last) >= 2 and head[-1] not in NO_LINE_END and last[0] not in NO_LINE_START:
            a, b = measure(head), measure(last)
            if max(a, b) <= width:
                yield max(a, b), -a, head, last


@dataclass(frozen=True)
class Fit:
    size: int
    lines: tuple[str, ...]
    shortened: bool  # an ellipsis was needed even at the smallest size


def fit(text: str, measure_at: Callable[[int], Callable[[str], float]], width: float,
        max_lines: int, sizes: Iterable[int]) -> Fit:
    """The largest size in ``sizes`` (descending) at which ``text`` fits in ``max_lines``.

    Only when even the smallest size does not fit is the last line cut with an ellipsis.
    """
    sizes = list(sizes)
    for size in sizes:
        lines = wrap(text, measure_at(size), width)
        if len(lines) <= max_lines:
            return Fit(size, tuple(lines), False)
    size = sizes[-1]
    measure = measure_at(size)
    lines = wrap(text, measure, width)[:max_lines]
    last = lines[-1]
    while last and measure(last + ELLIPSIS) > width:
        last = last[:-1]
    while last and last[-1] in NO_LINE_END:
        last = last[:-1]
    lines[-1] = last + ELLIPSIS
    return Fit(size, tuple(lines), True)
