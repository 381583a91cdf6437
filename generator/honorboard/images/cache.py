"""Rendered pictures by content hash: render once, reuse across builds and `mkdocs serve`.

A key hashes everything that decides the pixels: the renderer version, Pillow and libwebp
versions, the job's kind and parameters, the source file's bytes and (for drawn text) the
font files' bytes. Writes go to a temporary file in the same folder and are renamed into
place, so two builds at once never see or leave a half-written file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, is_dataclass
from pathlib import Path

import PIL
from PIL import features

DRAWING_MODULES = ("card.py", "colors.py", "fonts.py", "layout.py", "photo.py", "run.py", "text.py")


def _renderer_version() -> str:
    """A hash of the code that draws: a change to line breaking or a crop redraws every
    picture it affects, where a hand-kept version number was forgotten once (old covers stayed)."""
    h = hashlib.sha256()
    for name in DRAWING_MODULES:
        h.update((Path(__file__).parent / name).read_bytes())
    return h.hexdigest()[:12]


RENDERER_VERSION = _renderer_version()


def _plain(value):
    if is_dataclass(value):
        return {"__type__": type(value).__name__, **{k: _plain(v) for k, v in asdict(value).items()}}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


_ENV = f"{RENDERER_VERSION}|{PIL.__version__}|{features.version('webp')}|{features.version('freetype2')}"


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def key(kind: str, params, source_digest: str | None, fonts: str | None) -> str:
    payload = json.dumps([_ENV, kind, _plain(params), source_digest, fonts], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Cache:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, digest: str, ext: str) -> Path:
        return self.root / digest[:2] / f"{digest}.{ext}"

    def get(self, digest: str, ext: str) -> Path | None:
        p = self.path(digest, ext)
        return p if p.is_file() else None

    def put(self, digest: str, ext: str, data: bytes) -> Path:
        target = self.path(digest, ext)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)  # atomic: readers see the old file or the whole new one
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target
