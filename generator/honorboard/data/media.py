"""Media paths in data files: inside ``data/``, present, and (for images) safe to open.

Only the header of an image is read here (size, format): the full decode happens once, when
the image is rendered, so checking stays fast on thousands of photos.
"""

from __future__ import annotations

import difflib
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import subtitles


MAX_PIXELS = 120_000_000
"""A 12,000×9,000 camera photo (108 MP) passes; a decompression bomb does not."""

EXTENSIONS = {
    "image": {".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff"},
    "video": {".mp4", ".webm", ".m4v", ".ogv", ".ogg", ".mov"},
    "slides": {".pdf", ".ppt", ".pptx", ".odp"},
    "subtitles": {".vtt", ".srt"},
}
WHAT = {"image": "图片文件", "video": "视频文件", "slides": "课件文件（PDF/PPT）", "subtitles": "字幕文件（WebVTT/SubRip）"}


@dataclass(frozen=True)
class Found:
    relpath: str = ""  # POSIX, relative to data/
    code: str = ""  # a problem code, or "" when all is well
    ctx: dict = field(default_factory=dict)


def check(data_dir: Path, text: str, kind: str) -> Found:
    """Check one media path as written in a data file."""
    written = text.strip().replace("\\", "/")
    if written.startswith("/") or (len(written) > 1 and written[1] == ":"):
        return Found(code="media.absolute")
    root = data_dir.resolve()
    target = (root / written).resolve()
    if not target.is_relative_to(root):
        return Found(code="media.outside")
    if not target.is_file():
        return Found(code="media.missing", ctx={"suggest": _near(root, written)})
    if target.suffix.lower() not in EXTENSIONS[kind]:
        return Found(code="media.extension", ctx={"expected": WHAT[kind] + "（" + "、".join(sorted(EXTENSIONS[kind])) + "）"})
    # the file that was checked is the one published: named by its resolved place (a link plus
    # ".." would otherwise name another file, or one above the site root)
    relpath = target.relative_to(root).as_posix()
    if kind == "image":
        problem = probe_image(target)
        if problem:
            return Found(relpath, *problem)
    if kind == "subtitles":  # read whole (they are small): a bad line is named now, not at build
        problem = subtitles.problem(target)
        if problem:
            return Found(relpath, *problem)
    return Found(relpath)


def probe_image(path: Path) -> tuple[str, dict] | None:
    """Open the header only; a bomb, a truncated header or a non-image is a problem."""
    from PIL import Image, UnidentifiedImageError  # only when data names a picture: `check` starts faster

    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # we compare ourselves, to name the size in the message
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                width, height = im.size
                if width * height > MAX_PIXELS:
                    return "media.too_many_pixels", {"width": width, "height": height, "limit": "1.2 亿像素"}
                im.verify()
    except UnidentifiedImageError:
        return "media.not_image", {"reason": "无法识别的格式"}
    except (OSError, SyntaxError, ValueError) as exc:
        return "media.not_image", {"reason": f"文件损坏：{exc}"}
    finally:
        Image.MAX_IMAGE_PIXELS = previous
    return None


def _near(root: Path, written: str) -> str:
    """Did-you-mean among the files of the folder the path names."""
    parent = (root / written).parent
    try:
        names = [p.name for p in parent.iterdir() if p.is_file()]
    except OSError:
        return ""
    match = difflib.get_close_matches(PurePosixPath(written).name, names, n=1, cutoff=0.75)
    if not match:
        return ""
    return f"（是否为 {PurePosixPath(written).parent / match[0]}？）"


def downloads(site) -> list[str]:
    """data/ files published as they are: lecture videos and slides (pictures are re-rendered,
    subtitles published as the WebVTT ``subtitles.convert`` makes of them)."""
    paths: set[str | None] = set()
    for lec in site.lectures:
        paths.update((lec.slides, None if lec.video_is_url else lec.video))
    paths.discard(None)
    return sorted(paths)
