#!/usr/bin/env python3
"""Draw the demo media referenced by the demo data in ``data/``.

Every image of the demo set is synthetic and drawn here with Pillow, so the
repository carries no real photos and no third-party pictures:

* member photos (``photo:``)            360x480 JPEG, an abstract head-and-shoulders
                                        silhouette on a soft background
* branch emblems (``brand.emblem:``)    256x256 PNG, a simple geometric badge in the
                                        branch's ``brand.color`` (never the Party emblem)
* lecture covers (``cover:``)           640x360 JPEG, a plain gradient
* lecture slides (``slides:``, .pdf)    a few 16:9 pages of shapes, as PDF
* screen images (``src:`` of ``show: image``)  1280x720 PNG with a few shapes
* lecture videos (``video:`` under data/)  12 s of 640x360 drifting shapes and a soft
                                        chord: WebM (VP9 + Opus) for ``.webm``, MP4
                                        (H.264 baseline + AAC) for ``.mp4``/``.m4v``;
                                        about 100-200 KB each, they play offline

The script reads the YAML files to learn which paths to draw, so it follows the
data when a member or a lecture is added. No text is drawn (no CJK font is
needed). Each file's random generator is seeded from its own path, so reruns
give identical bytes and adding a file does not change the others.

The frames and the sound of a video are computed here; ``ffmpeg`` (Debian:
``apt-get install ffmpeg``) only encodes them, single-threaded and with its
bit-exact flags, so one ffmpeg version gives identical bytes on rerun. Without
ffmpeg the videos are skipped with a message and everything else is drawn: the
generated videos are committed, so a fresh clone needs no ffmpeg.

Run it from the repository root:

    .venv/bin/python tools/make_demo_media.py            # writes under data/
    .venv/bin/python tools/make_demo_media.py --data DIR
    .venv/bin/python tools/make_demo_media.py --no-video # pictures only
"""

from __future__ import annotations

import argparse
import colorsys
import math
import random
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parent.parent

# Drawn at SS times the final size, then reduced: cheap anti-aliasing.
SS = 3

DANGJIAN_RED = (200, 22, 29)  # #C8161D, the default brand colour
GOLD = (212, 168, 75)  # #D4A84B
GOLD_LIGHT = (242, 201, 76)  # #F2C94C
OFF_WHITE = (255, 248, 240)  # #FFF8F0

# Soft backgrounds for portraits (hue in degrees, saturation, lightness).
PORTRAIT_BACKGROUNDS = [
    (205, 0.45, 0.86),  # sky blue
    (150, 0.30, 0.85),  # sage
    (35, 0.55, 0.87),  # warm sand
    (265, 0.30, 0.88),  # lavender
    (185, 0.35, 0.84),  # teal mist
    (15, 0.50, 0.88),  # peach
    (0, 0.0, 0.88),  # light grey
]
# Clothes: dark suits, a white shirt, sometimes a red or blue work vest.
SUITS = [(38, 52, 78), (52, 55, 62), (30, 40, 56), (70, 48, 44), (40, 70, 110), (150, 32, 36)]
HEAD_TONES = [(236, 208, 184), (226, 192, 160), (214, 178, 146), (240, 218, 196)]
HAIR_TONES = [(34, 30, 30), (52, 40, 34), (70, 60, 56), (24, 24, 28)]

# Cover gradients: (top-left, bottom-right).
COVER_GRADIENTS = [
    ((200, 22, 29), (122, 16, 24)),
    ((158, 27, 50), (212, 168, 75)),
    ((139, 26, 26), (200, 96, 40)),
    ((31, 95, 168), (20, 50, 96)),
    ((29, 111, 95), (18, 66, 60)),
    ((173, 58, 18), (242, 201, 76)),
]

# Emblem motifs for branches that do not serve a floor; floor branches get a
# building with their floor lit, the rest get rings.
EMBLEM_MOTIFS = {
    "boxing-xzsp": "window",  # 窗口亮起来
    "boxing-tax": "book",  # 微党课 / 讲堂
    "shidian-zwfw": "three-stars",  # 聚星点亮: 模范星、服务星、先锋星
}


# --------------------------------------------------------------------------
# Collecting what the data refers to
# --------------------------------------------------------------------------


def load_yaml(path: Path):
    with path.open(encoding="utf-8-sig") as f:
        return yaml.safe_load(f) or {}


def yaml_files(folder: Path):
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml"))


def is_local(ref) -> bool:
    return isinstance(ref, str) and ref.startswith("media/") and "://" not in ref


def collect_jobs(data: Path):
    """Return a list of (kind, relative path, params), sorted by path."""
    jobs: dict[str, tuple[str, dict]] = {}
    for path in yaml_files(data / "branches"):
        branch = load_yaml(path)
        for member in branch.get("members") or []:
            if is_local(member.get("photo")):
                jobs[member["photo"]] = ("photo", {})
        brand = branch.get("brand") or {}
        if is_local(brand.get("emblem")):
            jobs[brand["emblem"]] = (
                "emblem",
                {
                    "color": brand.get("color") or "#C8161D",
                    "floor": branch.get("floor"),
                    "motif": EMBLEM_MOTIFS.get(path.stem),
                },
            )
    for path in yaml_files(data / "lectures"):
        lecture = load_yaml(path)
        if is_local(lecture.get("cover")):
            jobs[lecture["cover"]] = ("cover", {})
        if is_local(lecture.get("slides")) and lecture["slides"].endswith(".pdf"):
            jobs[lecture["slides"]] = ("slides", {"title": str(lecture.get("title", ""))})
        if is_local(lecture.get("video")):
            jobs[lecture["video"]] = ("video", {})
    for path in yaml_files(data / "screens"):
        screen = load_yaml(path)
        for slide in screen.get("slides") or []:
            if slide.get("show") == "image" and is_local(slide.get("src")):
                jobs[slide["src"]] = ("notice", {})
    return [(kind, rel, params) for rel, (kind, params) in sorted(jobs.items())]


# --------------------------------------------------------------------------
# Small drawing helpers
# --------------------------------------------------------------------------


def rng_for(rel: str) -> random.Random:
    # A str seed is hashed with SHA-512 by random (version 2): stable across runs.
    return random.Random("honorboard-demo:" + rel)


def hsl(h: float, s: float, l: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hls_to_rgb((h % 360) / 360, l, s)
    return (round(r * 255), round(g * 255), round(b * 255))


def hex_rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def mix(a, b, t: float):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def vertical_gradient(size, top, bottom) -> Image.Image:
    w, h = size
    column = Image.new("RGB", (1, h))
    column.putdata([mix(top, bottom, y / max(h - 1, 1)) for y in range(h)])
    return column.resize((w, h))


def diagonal_gradient(size, start, end) -> Image.Image:
    # A 2x2 image stretched with bilinear filtering is a smooth diagonal blend.
    w, h = size
    mid = mix(start, end, 0.5)
    small = Image.new("RGB", (2, 2))
    small.putdata([start, mid, mid, end])
    return small.resize((w, h), Image.BILINEAR)


def star_points(cx, cy, r_outer, r_inner, rotation=-90.0, points=5):
    out = []
    for i in range(points * 2):
        r = r_outer if i % 2 == 0 else r_inner
        a = math.radians(rotation + i * 180.0 / points)
        out.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return out


def fresh(img: Image.Image, mode: str) -> Image.Image:
    # A new image from the pixels only: nothing from im.info reaches the file.
    return Image.frombytes(mode, img.size, img.convert(mode).tobytes())


# --------------------------------------------------------------------------
# Drawers
# --------------------------------------------------------------------------


def draw_photo(rng: random.Random) -> Image.Image:
    w, h = 360 * SS, 480 * SS
    hue, sat, light = rng.choice(PORTRAIT_BACKGROUNDS)
    img = vertical_gradient((w, h), hsl(hue, sat, light + 0.05), hsl(hue, sat, light - 0.06))
    d = ImageDraw.Draw(img)

    suit = rng.choice(SUITS)
    head = rng.choice(HEAD_TONES)
    hair = rng.choice(HAIR_TONES)
    long_hair = rng.random() < 0.45
    cx = w / 2 + rng.uniform(-0.02, 0.02) * w
    head_rx, head_ry = w * rng.uniform(0.15, 0.17), h * rng.uniform(0.135, 0.15)
    head_cy = h * rng.uniform(0.38, 0.41)

    if long_hair:  # hair falling behind the head, to the shoulders
        d.rounded_rectangle(
            (cx - head_rx * 1.22, head_cy - head_ry * 1.1, cx + head_rx * 1.22, head_cy + head_ry * 1.75),
            radius=head_rx,
            fill=hair,
        )
    # shoulders and body
    d.ellipse((w * 0.06, h * 0.69, w * 0.94, h * 1.32), fill=suit)
    # neck
    d.rectangle((cx - head_rx * 0.42, head_cy + head_ry * 0.6, cx + head_rx * 0.42, h * 0.73), fill=mix(head, (0, 0, 0), 0.08))
    # shirt collar: a white V
    d.polygon([(cx - w * 0.11, h * 0.705), (cx + w * 0.11, h * 0.705), (cx, h * 0.86)], fill=(248, 248, 246))
    d.polygon([(cx - w * 0.035, h * 0.735), (cx + w * 0.035, h * 0.735), (cx, h * 0.84)], fill=mix(suit, (255, 255, 255), 0.12))
    # head
    d.ellipse((cx - head_rx, head_cy - head_ry, cx + head_rx, head_cy + head_ry), fill=head)
    # hair cap over the top of the head
    d.chord(
        (cx - head_rx * 1.06, head_cy - head_ry * 1.12, cx + head_rx * 1.06, head_cy + head_ry * 0.55),
        180,
        360,
        fill=hair,
    )
    return img.resize((360, 480), Image.LANCZOS)


def draw_emblem(rng: random.Random, color: str, floor, motif) -> Image.Image:
    size = 256 * SS
    base = hex_rgb(color) if isinstance(color, str) and len(color) == 7 else DANGJIAN_RED
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = size / 2

    def disc(r, fill):
        d.ellipse((c - r, c - r, c + r, c + r), fill=fill)

    disc(size * 0.48, GOLD + (255,))
    disc(size * 0.445, base + (255,))
    disc(size * 0.405, GOLD_LIGHT + (255,))
    disc(size * 0.39, base + (255,))

    light = OFF_WHITE + (255,)
    gold = GOLD_LIGHT + (255,)
    if floor is None and motif is None:
        motif = "rings"
    if motif is None:  # a building; the branch's own floor is lit in gold
        floors = max(3, int(floor))
        left, right = c - size * 0.17, c + size * 0.17
        bottom, step = c + size * 0.2, size * 0.1
        d.polygon([(left - size * 0.03, bottom - floors * step), (c, bottom - floors * step - size * 0.09),
                   (right + size * 0.03, bottom - floors * step)], fill=light)
        for i in range(floors):
            y1 = bottom - (i + 1) * step + size * 0.018
            y2 = bottom - i * step - size * 0.018
            d.rounded_rectangle((left, y1, right, y2), radius=size * 0.012,
                                fill=gold if i + 1 == int(floor) else light)
        d.rectangle((left - size * 0.05, bottom + size * 0.01, right + size * 0.05, bottom + size * 0.035), fill=light)
    elif motif == "window":  # a window with rays above it
        s = size * 0.15
        d.rounded_rectangle((c - s, c - s * 0.7, c + s, c + s * 1.1), radius=s * 0.12, fill=light)
        gap = s * 0.1
        for x0, x1 in ((c - s + gap * 1.5, c - gap / 2), (c + gap / 2, c + s - gap * 1.5)):
            for y0, y1 in ((c - s * 0.7 + gap * 1.5, c + s * 0.2 - gap / 2), (c + s * 0.2 + gap / 2, c + s * 1.1 - gap * 1.5)):
                d.rectangle((x0, y0, x1, y1), fill=base + (255,))
        for k in range(5):
            a = math.radians(-150 + k * 30)
            r1, r2 = s * 1.15, s * 1.6
            p = (c + r1 * math.cos(a), c - s * 0.6 + r1 * math.sin(a))
            q = (c + r2 * math.cos(a), c - s * 0.6 + r2 * math.sin(a))
            d.line((p, q), fill=gold, width=int(size * 0.025))
    elif motif == "book":  # an open book
        s = size * 0.2
        top, bottom = c - s * 0.55, c + s * 0.75
        d.polygon([(c, top + s * 0.12), (c - s * 1.1, top), (c - s * 1.1, bottom), (c, bottom + s * 0.15)], fill=light)
        d.polygon([(c, top + s * 0.12), (c + s * 1.1, top), (c + s * 1.1, bottom), (c, bottom + s * 0.15)], fill=light)
        d.line(((c, top + s * 0.12), (c, bottom + s * 0.15)), fill=base + (255,), width=int(size * 0.012))
        for k in range(3):
            y = top + s * (0.35 + k * 0.3)
            d.line(((c - s * 0.9, y), (c - s * 0.15, y + s * 0.06)), fill=gold, width=int(size * 0.016))
            d.line(((c + s * 0.15, y + s * 0.06), (c + s * 0.9, y)), fill=gold, width=int(size * 0.016))
    elif motif == "three-stars":  # three stars over a bar
        for dx, dy, r in ((-0.19, 0.03, 0.075), (0.0, -0.05, 0.095), (0.19, 0.03, 0.075)):
            d.polygon(star_points(c + dx * size, c + dy * size, r * size, r * size * 0.45), fill=gold)
        d.rounded_rectangle((c - size * 0.24, c + size * 0.15, c + size * 0.24, c + size * 0.18),
                            radius=size * 0.015, fill=light)
    else:  # rings with a diamond
        for r in (0.3, 0.22):
            d.ellipse((c - r * size, c - r * size, c + r * size, c + r * size), outline=light, width=int(size * 0.018))
        q = size * 0.12
        d.polygon([(c, c - q), (c + q, c), (c, c + q), (c - q, c)], fill=gold)
    # a few dots around the rim
    dots = rng.choice((8, 12, 16))
    for k in range(dots):
        a = 2 * math.pi * k / dots
        r, rr = size * 0.4625, size * 0.009
        d.ellipse((c + r * math.cos(a) - rr, c + r * math.sin(a) - rr, c + r * math.cos(a) + rr, c + r * math.sin(a) + rr),
                  fill=base + (255,))
    return img.resize((256, 256), Image.LANCZOS)


def draw_cover(rng: random.Random) -> Image.Image:
    w, h = 640, 360
    start, end = rng.choice(COVER_GRADIENTS)
    img = diagonal_gradient((w, h), start, end)
    overlay = Image.new("RGBA", (w * SS, h * SS), (0, 0, 0, 0))
    d = ImageDraw.Draw(overlay)
    for _ in range(3):  # a few large soft circles
        r = rng.uniform(0.25, 0.5) * h * SS
        x, y = rng.uniform(0.4, 1.0) * w * SS, rng.uniform(0.0, 1.0) * h * SS
        d.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, rng.randint(14, 28)))
    d.rectangle((0.07 * w * SS, 0.78 * h * SS, 0.3 * w * SS, 0.795 * h * SS), fill=GOLD_LIGHT + (230,))
    overlay = overlay.resize((w, h), Image.LANCZOS)
    return Image.alpha_composite(img.convert("RGBA"), overlay).convert("RGB")


def draw_notice(rng: random.Random) -> Image.Image:
    w, h = 1280, 720
    img = vertical_gradient((w, h), (150, 18, 24), (96, 12, 18))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, w, 96), fill=(122, 14, 20))
    d.rectangle((0, 96, w, 102), fill=GOLD)
    d.rounded_rectangle((96, 150, w - 96, h - 80), radius=24, fill=OFF_WHITE)
    # a calendar on the left
    d.rounded_rectangle((150, 210, 390, 450), radius=18, fill=(255, 255, 255), outline=DANGJIAN_RED, width=6)
    d.rectangle((153, 213, 387, 270), fill=DANGJIAN_RED)
    for i in range(4):
        for j in range(3):
            x, y = 180 + i * 52, 295 + j * 48
            d.rounded_rectangle((x, y, x + 34, y + 30), radius=6, fill=GOLD if (i, j) == (3, 1) else (225, 214, 200))
    # "lines of text" on the right, as bars
    y = 220
    for k in range(6):
        length = rng.uniform(0.55, 1.0) if k else 0.7
        d.rounded_rectangle((450, y, 450 + length * 640, y + (34 if k == 0 else 22)), radius=10,
                            fill=(200, 22, 29) if k == 0 else (90, 90, 90))
        y += 70 if k == 0 else 48
    # gold rule and three stars' worth of dots along the bottom
    d.rectangle((150, h - 150, w - 150, h - 144), fill=GOLD)
    for k in range(3):
        d.polygon(star_points(w / 2 + (k - 1) * 60, h - 112, 18, 8), fill=GOLD)
    return img


def draw_slides(rng: random.Random) -> list[Image.Image]:
    pages = []
    w, h = 960, 540
    for n in range(3):
        page = Image.new("RGB", (w, h), (255, 255, 255))
        d = ImageDraw.Draw(page)
        d.rectangle((0, 0, w, 80), fill=DANGJIAN_RED)
        d.rectangle((0, 80, w, 86), fill=GOLD)
        if n == 0:  # title page
            d.rounded_rectangle((180, 210, 780, 260), radius=12, fill=(200, 22, 29))
            d.rounded_rectangle((300, 290, 660, 316), radius=8, fill=(150, 150, 150))
        else:  # bullet pages
            y = 140
            for _ in range(rng.randint(4, 6)):
                d.ellipse((90, y + 2, 108, y + 20), fill=GOLD)
                d.rounded_rectangle((130, y, 130 + rng.uniform(0.4, 0.8) * 700, y + 22), radius=8, fill=(80, 80, 80))
                y += 60
        pages.append(page)
    return pages


# --------------------------------------------------------------------------
# Videos: frames and sound computed here, encoded by ffmpeg
# --------------------------------------------------------------------------

VIDEO_SIZE = (640, 360)
VIDEO_FPS = 20
VIDEO_SECONDS = 12
AUDIO_RATE = 48000
# Soft chords (Hz): a root, a fifth and an octave; one per video, chosen by its seed.
CHORDS = [(220.0, 329.63, 440.0), (196.0, 293.66, 392.0), (246.94, 369.99, 493.88), (174.61, 261.63, 349.23)]
# ffmpeg arguments per container: codecs that every current browser plays.
VIDEO_CODECS = {
    ".webm": ["-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "40", "-deadline", "good", "-cpu-used", "2",
              "-row-mt", "0", "-g", "240", "-c:a", "libopus", "-b:a", "32k"],
    ".mp4": ["-c:v", "libx264", "-profile:v", "baseline", "-level", "3.0", "-preset", "slow", "-crf", "30",
             "-g", "240", "-c:a", "aac", "-b:a", "48k", "-movflags", "+faststart"],
}
VIDEO_CODECS[".m4v"] = VIDEO_CODECS[".mp4"]


class VideoSkipped(Exception):
    """A video that cannot be made here (no ffmpeg, or a container we do not encode)."""


def video_scene(rng: random.Random) -> dict:
    """Everything random about a video, drawn once: the frames are then a pure function of time."""
    start, end = rng.choice(COVER_GRADIENTS)
    orbs = [
        {
            "r": rng.uniform(0.22, 0.42),  # radius, in frame heights
            "x": rng.uniform(0.15, 0.85), "y": rng.uniform(0.2, 0.8),  # centre of the path
            "ax": rng.uniform(0.08, 0.2), "ay": rng.uniform(0.05, 0.15),  # path amplitude
            "kx": rng.choice((1, 2)), "ky": rng.choice((1, 2, 3)),  # cycles per video: seamless loop
            "phase": rng.uniform(0, 2 * math.pi),
            "alpha": rng.randint(16, 34),
        }
        for _ in range(4)
    ]
    stars = [
        {"x": rng.uniform(0.1, 0.9), "y": rng.uniform(0.15, 0.6), "r": rng.uniform(0.03, 0.06),
         "spin": rng.choice((-1, 1)), "phase": rng.uniform(0, 1)}
        for _ in range(3)
    ]
    return {"start": start, "end": end, "orbs": orbs, "stars": stars, "chord": rng.choice(CHORDS),
            "wave_phase": rng.uniform(0, 2 * math.pi)}


def video_frame(scene: dict, background: Image.Image, t: float) -> bytes:
    """One RGB frame at ``t`` in [0, 1): soft orbs drifting, gold stars turning, a gold wave."""
    w, h = VIDEO_SIZE
    ss = 2
    overlay = Image.new("RGBA", (w * ss, h * ss), (0, 0, 0, 0))
    d = ImageDraw.Draw(overlay)
    tau = 2 * math.pi * t
    for o in scene["orbs"]:
        x = (o["x"] + o["ax"] * math.sin(o["kx"] * tau + o["phase"])) * w * ss
        y = (o["y"] + o["ay"] * math.cos(o["ky"] * tau + o["phase"])) * h * ss
        r = o["r"] * h * ss * (1 + 0.06 * math.sin(2 * tau + o["phase"]))
        d.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, o["alpha"]))
    # a gold wave along the lower third, travelling once per video
    points = []
    for k in range(0, w * ss + 1, 8):
        u = k / (w * ss)
        points.append((k, h * ss * (0.74 + 0.035 * math.sin(2 * math.pi * 1.5 * u - tau + scene["wave_phase"]))))
    d.line(points, fill=GOLD_LIGHT + (220,), width=3 * ss, joint="curve")
    for s in scene["stars"]:
        cx, cy = s["x"] * w * ss, (s["y"] + 0.02 * math.sin(tau + 6 * s["phase"])) * h * ss
        r = s["r"] * h * ss
        glow = 0.5 + 0.5 * math.sin(tau + 2 * math.pi * s["phase"])
        rotation = -90 + s["spin"] * 72 * t  # a fifth of a turn per video: a star looks the same at t=0 and t=1
        d.polygon(star_points(cx, cy, r, r * 0.45, rotation), fill=GOLD_LIGHT + (round(150 + 90 * glow),))
    overlay = overlay.resize((w, h), Image.LANCZOS)
    return Image.alpha_composite(background, overlay).convert("RGB").tobytes()


def video_sound(scene: dict, path: Path) -> None:
    """A quiet chord that swells and fades, as 16-bit mono WAV (about -20 dBFS)."""
    n = AUDIO_RATE * VIDEO_SECONDS
    fade = AUDIO_RATE  # one second in, one second out
    root, fifth, octave = scene["chord"]
    samples = bytearray()
    for i in range(n):
        t = i / AUDIO_RATE
        env = min(1.0, i / fade, (n - 1 - i) / fade) * (0.75 + 0.25 * math.sin(2 * math.pi * t / 4))
        v = 0.5 * math.sin(2 * math.pi * root * t) + 0.3 * math.sin(2 * math.pi * fifth * t) \
            + 0.2 * math.sin(2 * math.pi * octave * t)
        samples += int(round(3200 * env * v)).to_bytes(2, "little", signed=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(AUDIO_RATE)
        out.writeframes(bytes(samples))


def write_video(rng: random.Random, target: Path) -> None:
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        raise VideoSkipped("ffmpeg not found (Debian: apt-get install ffmpeg); the committed file is kept")
    codec = VIDEO_CODECS.get(target.suffix.lower())
    if codec is None:
        raise VideoSkipped(f"no encoder settings for {target.suffix} (use .webm or .mp4)")
    scene = video_scene(rng)
    w, h = VIDEO_SIZE
    background = diagonal_gradient((w, h), scene["start"], scene["end"]).convert("RGBA")
    frames = VIDEO_FPS * VIDEO_SECONDS
    with tempfile.TemporaryDirectory(prefix="hb-demo-video-") as tmp:
        sound = Path(tmp) / "sound.wav"
        video_sound(scene, sound)
        partial = Path(tmp) / ("out" + target.suffix.lower())
        cmd = [ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
               "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-r", str(VIDEO_FPS), "-i", "pipe:0",
               "-i", str(sound), "-map", "0:v", "-map", "1:a", "-shortest",
               *codec, "-pix_fmt", "yuv420p", "-threads", "1",
               "-map_metadata", "-1", "-map_chapters", "-1",
               "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
               str(partial)]
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            for i in range(frames):
                proc.stdin.write(video_frame(scene, background, i / frames))
            proc.stdin.close()
        except BrokenPipeError:
            pass
        err = proc.stderr.read().decode("utf-8", "replace")
        if proc.wait() != 0:
            raise RuntimeError(f"ffmpeg failed for {target.name}: {err.strip()}")
        shutil.move(str(partial), target)


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


def write(kind: str, target: Path, rel: str, params: dict) -> None:
    rng = rng_for(rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "photo":
        fresh(draw_photo(rng), "RGB").save(target, "JPEG", quality=80, optimize=True)
    elif kind == "emblem":
        img = draw_emblem(rng, params["color"], params["floor"], params["motif"])
        fresh(img, "RGBA").save(target, "PNG", optimize=True)
    elif kind == "cover":
        fresh(draw_cover(rng), "RGB").save(target, "JPEG", quality=80, optimize=True)
    elif kind == "notice":
        fresh(draw_notice(rng), "RGB").save(target, "PNG", optimize=True)
    elif kind == "slides":
        first, *rest = draw_slides(rng)
        fixed = time.gmtime(1704067200)  # 2024-01-01 00:00 UTC; fixed dates give identical bytes on rerun
        first.save(target, "PDF", save_all=True, append_images=rest, resolution=96.0, quality=80,
                   title=params.get("title", ""), producer="honorboard demo", creator="honorboard demo",
                   creationDate=fixed, modDate=fixed)
    elif kind == "video":
        write_video(rng, target)
    else:
        raise ValueError(kind)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Draw the demo media referenced by data/*.yml")
    parser.add_argument("--data", type=Path, default=REPO / "data", help="data folder (default: %(default)s)")
    parser.add_argument("--no-video", action="store_true", help="draw the pictures only; leave the videos as they are")
    args = parser.parse_args(argv)
    data = args.data.resolve()
    if not data.is_dir():
        print(f"no data folder: {data}", file=sys.stderr)
        return 1

    total = written = 0
    jobs = collect_jobs(data)
    for kind, rel, params in jobs:
        target = (data / rel).resolve()
        if data not in target.parents:
            print(f"skipped, outside data/: {rel}", file=sys.stderr)
            continue
        if kind == "video" and args.no_video:
            continue
        try:
            write(kind, target, rel, params)
        except VideoSkipped as why:
            print(f"video skipped: {rel}: {why}", file=sys.stderr)
            continue
        size = target.stat().st_size
        total += size
        written += 1
        print(f"{kind:7} {size:7d}  {rel}")
    print(f"{written} of {len(jobs)} files written, {total / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
