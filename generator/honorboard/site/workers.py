"""Split a list of work over every core, in forked processes that share the caller's memory.

Rendering pages needs the whole linked model; pickling it to workers would cost more than
the rendering. A forked child starts with the model already in memory, renders (and writes)
its share, and sends back only what it was asked to return.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_JOB: tuple[Callable, Sequence] | None = None  # set before the fork, read by the children


def _run(bounds: tuple[int, int]):
    fn, items = _JOB
    return fn(items[bounds[0]:bounds[1]])


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def map_shares(fn: Callable[[Sequence[T]], R], items: Sequence[T], min_share: int = 400,
               meanwhile: Callable[[], object] | None = None) -> list[R]:
    """``fn`` applied to consecutive shares of ``items``, one per core; the results in order.
    ``meanwhile`` runs in this process while the children work.

    In this process when forking cannot pay (one core, few items, or no fork on this system).
    """
    global _JOB
    n = min(cores(), len(items) // min_share)
    if n < 2 or not sys.platform.startswith("linux"):
        results = [fn(items)]
        if meanwhile is not None:
            meanwhile()
        return results
    size = -(-len(items) // n)
    bounds = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    _JOB = (fn, items)
    try:
        with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_run, b) for b in bounds]
            if meanwhile is not None:
                meanwhile()
            return [f.result() for f in futures]
    finally:
        _JOB = None
