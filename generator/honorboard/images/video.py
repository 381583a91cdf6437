"""Length and poster frame of local lecture videos, read with ffprobe and ffmpeg (Debian: ffmpeg).

Only for lectures whose YAML leaves them out: a local video without ``duration:`` gets its
length, one without ``cover:`` a frame (at a tenth of its length) as its cover picture. Results
are cached by the video's content hash beside the pictures, so ffmpeg runs once per video; a
machine without ffmpeg uses what the cache holds and builds the rest as before (no length, the
drawn cover), saying in one line what it skipped. A video ffmpeg cannot read is remembered as
such and never stops a build (the player says so to the visitor when it fails to play).

User text never reaches a shell: the tools run from argument lists, with a timeout, and the
file is passed as ``file:/absolute/path`` so a name starting with ``-`` (an option) or holding
``:`` (another protocol, ``concat:``) is only ever a file name.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..data.model import Lecture, Site
from . import cache as cache_mod
from .photo import cover_crop, encode, flatten
from .urls import COVER_SIZE

PROBE_TIMEOUT = 60  # seconds; ffprobe reads the container's header: well under a second
FRAME_TIMEOUT = 120  # decoding up to the frame of a long 4K video over a network share
FRAME_AT = 0.1  # the poster is the frame at this share of the length ...
FRAME_FALLBACK = 3.0  # ... or at 3 s when the length is unknown
_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]  # new code: read again


@dataclass(frozen=True)
class Facts:
    """What was read from one video."""

    seconds: float | None = None
    frame: Path | None = None  # the poster (COVER_SIZE webp) in the picture cache
    error: str = ""  # why ffprobe / ffmpeg could not read it


@dataclass
class Report:
    facts: dict[str, Facts] = field(default_factory=dict)  # lecture id → facts
    read: int = 0  # videos read now
    cached: int = 0  # videos whose facts came from the cache
    skipped: list[str] = field(default_factory=list)  # videos not read: no ffprobe / ffmpeg here
    failed: dict[str, str] = field(default_factory=dict)  # video → why it could not be read

    @property
    def summary(self) -> str | None:
        """The build log's line about videos (None when there was nothing to read)."""
        if self.skipped:
            return (f"未找到 ffprobe/ffmpeg：{len(self.skipped)} 个视频的时长和封面未从视频读取"
                    "（安装 ffmpeg 后重新构建，Debian：apt-get install ffmpeg）")
        if self.read or self.cached:
            return f"videos: {self.read} read, {self.cached} from cache"
        return None


def wanted(lec: Lecture) -> bool:
    """A local video whose YAML leaves out its length or cover."""
    return bool(lec.video) and not lec.video_is_url and (lec.duration is None or not lec.cover)


def tools() -> tuple[str, str] | None:
    """The ffprobe and ffmpeg on PATH, or None when either is missing."""
    found = shutil.which("ffprobe"), shutil.which("ffmpeg")
    return found if all(found) else None


def read_videos(site: Site, data_dir: Path, cache: cache_mod.Cache, programs: tuple[str, str] | None = None) -> Report:
    """Facts for every lecture that wants them: from the cache, else read (on a few threads:
    the work is in the ffmpeg processes)."""
    report = Report()
    lectures = [lec for lec in site.lectures if wanted(lec)]
    if not lectures:
        return report
    programs = programs or tools()
    by_video: dict[str, Facts | None] = {}
    misses: dict[str, str] = {}  # video → cache key
    for lec in lectures:
        if lec.video in by_video or lec.video in misses:
            continue
        try:
            content = content_digest(data_dir / lec.video, cache)
        except OSError as exc:  # removed since the check: the build's own copy step says so
            report.failed[lec.video] = exc.strerror or str(exc)
            by_video[lec.video] = None
            continue
        digest = cache_mod.key("video", (_VERSION, COVER_SIZE, FRAME_AT), content, None)
        hit = _cached(cache, digest)
        if hit is not None:
            by_video[lec.video] = hit
            report.cached += 1
        else:
            misses[lec.video] = digest
    if misses and programs is None:
        report.skipped = sorted(misses)
    elif misses:
        with ThreadPoolExecutor(max_workers=min(4, len(misses))) as pool:
            done = pool.map(lambda item: _read(programs, data_dir / item[0], cache, item[1]), misses.items())
            for video, facts in zip(misses, done):
                by_video[video] = facts
                report.read += 1
    for video, facts in by_video.items():
        if facts is not None and facts.error:
            report.failed[video] = facts.error
    for lec in lectures:
        facts = by_video.get(lec.video)
        if facts is not None:
            report.facts[lec.id] = facts
    return report


def apply(site: Site, report: Report) -> list[Lecture]:
    """Fill in what the YAML left out: the length (whole minutes, at least 1) and, without a
    cover, the poster flag. Like the relations in ``data.link``, set once on the fresh model,
    before any page reads it. The lectures given a poster, whose picture is ``report.facts[id].frame``."""
    posters = []
    for lec in site.lectures:
        facts = report.facts.get(lec.id)
        if facts is None:
            continue
        if lec.duration is None and facts.seconds:
            object.__setattr__(lec, "duration", minutes(facts.seconds))
        if not lec.cover and facts.frame is not None:
            object.__setattr__(lec, "poster", True)
            posters.append(lec)
    return posters


def minutes(seconds: float) -> int:
    """The length as the pages show it (``12分钟``): rounded, and a short clip is 1 minute."""
    return max(1, math.floor(seconds / 60 + 0.5))


# --- reading --------------------------------------------------------------------------------


def content_digest(video: Path, cache: cache_mod.Cache) -> str:
    """The video's content hash, remembered by its stat: hashing a 1 GB lecture takes seconds,
    so a warm build reads only a few bytes per video."""
    st = video.stat()
    stamp = cache_mod.key("video-stat", (str(video.resolve()), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino),
                          None, None)
    kept = cache.get(stamp, "txt")
    if kept is not None:
        digest = kept.read_text(encoding="ascii").strip()
        if len(digest) == 64:
            return digest
    digest = cache_mod.file_digest(video)
    cache.put(stamp, "txt", digest.encode("ascii"))
    return digest


def _cached(cache: cache_mod.Cache, digest: str) -> Facts | None:
    found = cache.get(digest, "json")
    if found is None:
        return None
    try:
        kept = json.loads(found.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    frame = cache.get(digest, "webp") if kept.get("frame") else None
    if kept.get("frame") and frame is None:
        return None  # the picture was cleaned away: read again
    return Facts(kept.get("seconds"), frame, kept.get("error", ""))


def _read(programs: tuple[str, str], video: Path, cache: cache_mod.Cache, digest: str) -> Facts:
    """Probe and grab one video, and keep the result (a failure too: the same bytes fail again)."""
    ffprobe, ffmpeg = programs
    seconds, error = probe(ffprobe, video)
    frame = None
    if not error:
        at = seconds * FRAME_AT if seconds else FRAME_FALLBACK
        png, error = grab(ffmpeg, video, at)
        if png is None and not error and at > 0:
            png, error = grab(ffmpeg, video, 0.0)  # a length that lied: the first frame
        if png is not None:
            try:
                frame = cache.put(digest, "webp", poster(png))
            except (OSError, ValueError) as exc:  # Pillow could not read what ffmpeg wrote
                error = f"画面无法转换：{exc}"
        elif not error:
            error = "视频中没有可用的画面"
    facts = {"seconds": seconds, "frame": frame is not None, "error": error}
    cache.put(digest, "json", json.dumps(facts, ensure_ascii=False).encode("utf-8"))  # last: a hit has its picture
    return Facts(seconds, frame, error)


def _run(args: list[str], timeout: int) -> tuple[bytes | None, str]:
    try:
        done = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None, f"超过 {timeout} 秒仍未读完"
    except OSError as exc:
        return None, f"无法运行 {Path(args[0]).name}：{exc.strerror or exc}"
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, (said[-1] if said else f"退出码 {done.returncode}")[:200]
    return done.stdout, ""


def _target(video: Path) -> str:
    """The file as ffmpeg's ``file:`` protocol: never an option, never another protocol."""
    return "file:" + str(video.resolve())


def probe(ffprobe: str, video: Path) -> tuple[float | None, str]:
    """The video's length in seconds (None when the container does not say), or why not."""
    out, error = _run([ffprobe, "-v", "error", "-show_entries", "format=duration",
                       "-of", "default=noprint_wrappers=1:nokey=1", _target(video)], PROBE_TIMEOUT)
    if out is None:
        return None, error
    try:
        seconds = float(out.decode("ascii", "replace").strip().splitlines()[0])
    except (ValueError, IndexError):
        return None, ""  # "N/A": a stream without a stated length; the frame may still come
    return (seconds if math.isfinite(seconds) and seconds > 0 else None), ""


def grab(ffmpeg: str, video: Path, at: float) -> tuple[bytes | None, str]:
    """One frame at ``at`` seconds as PNG, scaled to cover COVER_SIZE (None: no frame there)."""
    w, h = COVER_SIZE
    out, error = _run([ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-ss", f"{at:.3f}",
                       "-i", _target(video), "-map", "0:v:0", "-frames:v", "1",
                       "-vf", f"scale={w}:{h}:force_original_aspect_ratio=increase",
                       "-f", "image2pipe", "-c:v", "png", "pipe:1"], FRAME_TIMEOUT)
    return (out or None), error


def poster(png: bytes) -> bytes:
    """ffmpeg's frame as the cover picture: cropped to COVER_SIZE, webp, no metadata."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        im.load()
        return encode(cover_crop(flatten(im.convert("RGB")), *COVER_SIZE), "webp")
