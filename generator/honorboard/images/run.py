"""Render the jobs a site needs: from the cache when possible, on all cores when not."""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from PIL import Image

from ..data.problems import Pos, Problem
from . import cache as cache_mod
from .card import render_card
from .fonts import INVISIBLE, FontSet, discover, pictograph
from .jobs import Job, Text
from .photo import BadImage, cover_crop, encode, fit_within, flatten, open_image, portrait

EXT = {"photo": "webp", "emblem": "png", "cover-photo": "webp",
       "picture": "webp", "card": "png"}
INLINE_BELOW = 6
"""Fewer misses than this are drawn in this process: starting workers would cost more."""


@dataclass
class Report:
    outputs: dict[str, Path] = field(default_factory=dict)  # site path → file in the cache
    rendered: int = 0
    cached: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return f"images: {self.rendered} rendered, {self.cached} from cache"


def check_glyphs(texts: Iterable[Text], fonts: FontSet) -> list[Problem]:
    """Every character that some picture would draw must be in some font: no tofu.

    An emoji or symbol no font has is left out of the picture with a warning (the page still
    shows it); a missing Hanzi or letter is an error, since a name must never be drawn wrong.
    """
    problems: dict[tuple, Problem] = {}  # one text may be drawn twice (a web and a print card)
    known = fonts.checked
    for t in texts:
        missing = known.get(t.text)
        if missing is None:
            missing = known[t.text] = tuple(fonts.missing(t.text))
        for ch in missing:
            if ch in INVISIBLE:
                continue
            pos = t.where or Pos(Path("?"), 1, 1)
            code = "glyph.dropped" if pictograph(ch) else "glyph.missing"
            problems.setdefault((pos, ch), Problem(code, pos, field=t.field, char=ch, codepoint=f"{ord(ch):04X}"))
    return list(problems.values())


def draw(job: Job, data_dir: Path, fonts: FontSet | None) -> bytes:
    """The bytes of one job's picture (runs in worker processes)."""
    source = data_dir / job.source if job.source else None
    if job.kind == "photo":
        w, h = job.params
        return encode(portrait(flatten(open_image(source, h)), w, h), "webp")
    if job.kind == "emblem":
        (side,) = job.params
        im = open_image(source, side)
        im = fit_within(im.convert("RGBA"), side, side)
        canvas = Image.new("RGBA", (side, side), (255, 255, 255, 0))
        canvas.paste(im, ((side - im.width) // 2, (side - im.height) // 2))
        return encode(canvas, "png")
    if job.kind == "cover-photo":
        w, h = job.params
        return encode(cover_crop(flatten(open_image(source, w)), w, h), "webp")
    if job.kind == "picture":
        w, h = job.params
        return encode(fit_within(flatten(open_image(source, max(w, h))), w, h), "webp")
    if job.kind == "card":
        text, size, bleed, dpi = job.params
        emblem = open_image(source, 512) if source else None
        return encode(render_card(text, fonts, emblem, size, bleed), "png", dpi=dpi)
    raise ValueError(job.kind)


def _work(args) -> tuple[bytes | None, str | None]:
    job, data_dir, configured = args
    try:
        fonts = discover(configured) if job.uses_fonts else None
        return draw(job, data_dir, fonts), None
    except BadImage as exc:
        return None, str(exc)
    except (OSError, ValueError, SyntaxError) as exc:
        return None, f"无法处理（{type(exc).__name__}: {exc}）"


def _progress(total: int):
    """A progress bar on a terminal; silence in CI and in logs."""
    if total == 0 or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from rich.progress import Progress

    bar = Progress(transient=True)
    bar.start()
    return bar, bar.add_task("绘制图片", total=total)


class Rendering:
    """Every picture a site needs: those in the cache at once, the others drawn in worker
    processes while the caller goes on (a build writes its pages meanwhile); ``finish`` waits."""

    def __init__(self, jobs: list[Job], data_dir: Path, cache: cache_mod.Cache, fonts: FontSet,
                 configured: tuple[str, ...] = (), workers: int | None = None):
        self.cache, self.report = cache, Report()
        self.todo: list[tuple[Job, str]] = []
        digests: dict[str, str] = {}
        for job in jobs:
            src_digest = None
            if job.source:
                if job.source not in digests:
                    digests[job.source] = cache_mod.file_digest(data_dir / job.source)
                src_digest = digests[job.source]
            k = cache_mod.key(job.kind, job.params, src_digest, fonts.fingerprint if job.uses_fonts else None)
            hit = cache.get(k, EXT[job.kind])
            if hit is not None:
                self.report.outputs[job.out] = hit
                self.report.cached += 1
            else:
                self.todo.append((job, k))
        self.cached = dict(self.report.outputs)  # ready now
        args = [(job, data_dir, configured) for job, _ in self.todo]
        # each picture goes to the cache as it arrives: holding 2,000 print cards' bytes until
        # the end cost a large site 200 MB of memory
        self._done: list[tuple[Path | None, str | None] | None] = [None] * len(self.todo)
        self._pool = None
        if len(self.todo) < INLINE_BELOW:
            for i, a in enumerate(args):  # starting workers would cost more
                self._store(i, _work(a))
        else:
            method = "fork" if sys.platform.startswith("linux") else "spawn"
            self._pool = ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1,
                                             mp_context=multiprocessing.get_context(method))
            for i, a in enumerate(args):
                self._pool.submit(_work, a).add_done_callback(functools.partial(self._arrived, i))

    def _arrived(self, i: int, future) -> None:
        try:
            self._store(i, future.result())
        except Exception as exc:  # a worker died: said as this picture's problem
            self._done[i] = (None, f"无法处理（{type(exc).__name__}: {exc}）")

    def _store(self, i: int, result: tuple[bytes | None, str | None]) -> None:
        data, error = result
        job, k = self.todo[i]
        self._done[i] = (None, error) if error is not None else (self.cache.put(k, EXT[job.kind], data), None)

    def finish(self) -> Report:
        """Wait for the pictures being drawn; every output, the problems of those that failed."""
        report = self.report
        if self._pool is not None:
            progress = _progress(len(self.todo))
            try:
                while progress and sum(d is not None for d in self._done) < len(self._done):
                    progress[0].update(progress[1], completed=sum(d is not None for d in self._done))
                    time.sleep(0.1)
            finally:
                if progress:
                    progress[0].stop()
                self._pool.shutdown()  # returns once every arrival has been stored
        for (job, k), (path, error) in zip(self.todo, self._done):
            if error is not None:
                report.problems.append(Problem("media.render", job.where or Pos(Path("?"), 1, 1), field=job.field,
                                               found=job.source or job.out, reason=error))
                continue
            report.outputs[job.out] = path
            report.rendered += 1
        self.todo, self._done = [], []
        return report

    def cancel(self) -> None:
        """The build failed: stop drawing."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


def render_all(jobs: list[Job], data_dir: Path, cache: cache_mod.Cache, fonts: FontSet,
               configured: tuple[str, ...] = (), workers: int | None = None) -> Report:
    """Every picture, drawn (on all cores) or from the cache, before returning."""
    return Rendering(jobs, data_dir, cache, fonts, configured, workers).finish()
