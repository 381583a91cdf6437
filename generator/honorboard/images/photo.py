"""Member photos and other pictures from data/: upright, clean, sRGB, resized.

Steps, in this order (each one fixes a real-world input):
1. open with our pixel limit; JPEGs are drafted (decoded at 1/2…1/8 scale) when much larger
   than needed — a 12 MP photo → 480 px in ≈ 1/4 the time;
2. EXIF orientation applied (phones store portraits sideways with a tag);
3. colour converted to sRGB from an embedded ICC profile (CMYK, Adobe RGB, P3 ...), 16-bit,
   palette and grey modes to RGB, transparency flattened on white;
4. cropped (square, biased to the top where faces are) and resized with Lanczos;
5. a *fresh* image is built from the pixels, so no EXIF, GPS, XMP, ICC or comment can ride
   along into the output; the caller re-opens outputs in tests to prove it.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from ..data.media import MAX_PIXELS

FACE_BIAS = 0.2
"""Where a vertical crop sits: 0 = top, 0.5 = centre. Faces are in the upper part of portraits."""


class BadImage(Exception):
    """An image that cannot be used; the message is Chinese and names the reason."""


def crop_box(width: int, height: int, aspect: float = 1.0, bias: float = FACE_BIAS) -> tuple[int, int, int, int]:
    """The largest ``aspect`` (w/h) box in ``width``×``height``: centred across, ``bias`` down."""
    if width / height > aspect:  # too wide: trim the sides evenly
        w = round(height * aspect)
        x = (width - w) // 2
        return (x, 0, x + w, height)
    h = round(width / aspect)
    y = round((height - h) * bias)
    return (0, y, width, y + h)


_SRGB = ImageCms.createProfile("sRGB")


def open_image(path: Path, target: int) -> Image.Image:
    """Open, orient and normalise to RGB or RGBA sRGB; ``target`` is the largest side needed."""
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(path)
            if im.format == "JPEG":
                im.draft("RGB", (target * 2, target * 2))
            im.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise BadImage(f"像素过多（上限 {MAX_PIXELS // 10_000} 万像素），可能是解压炸弹")
    except OSError as exc:
        raise BadImage(f"图片无法读取（文件损坏或不完整：{exc}）")
    finally:
        Image.MAX_IMAGE_PIXELS = previous
    try:
        im = ImageOps.exif_transpose(im)
    except Exception:  # a broken EXIF block: keep the pixels as stored
        pass
    return _to_srgb(im)


def _to_srgb(im: Image.Image) -> Image.Image:
    icc = im.info.get("icc_profile")
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        im = im.point(lambda v: v / 256).convert("L")  # 16-bit grey → 8-bit
    if im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    if im.mode in ("LA", "PA"):
        im = im.convert("RGBA")
    if im.mode not in ("RGB", "RGBA", "L", "CMYK"):
        im = im.convert("RGB")
    if icc:
        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            out_mode = "RGBA" if im.mode == "RGBA" else "RGB"
            im = ImageCms.profileToProfile(im, src, _SRGB, outputMode=out_mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: plain conversion below
    if im.mode in ("CMYK", "L"):
        im = im.convert("RGB")
    return im


def flatten(im: Image.Image, background=(255, 255, 255)) -> Image.Image:
    if im.mode != "RGBA":
        return im.convert("RGB")
    base = Image.new("RGB", im.size, background)
    base.paste(im, mask=im.getchannel("A"))
    return base


def clean(im: Image.Image) -> Image.Image:
    """A new image holding only the pixels: nothing from ``im.info`` survives."""
    fresh = Image.new(im.mode, im.size)
    fresh.frombytes(im.tobytes())
    return fresh


def portrait(im: Image.Image, width: int, height: int) -> Image.Image:
    """A head-and-shoulders crop: centred across, biased to the top (faces are high in a photo)."""
    box = crop_box(im.width, im.height, width / height)
    return im.resize((width, height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def fit_within(im: Image.Image, max_w: int, max_h: int) -> Image.Image:
    scale = min(1.0, max_w / im.width, max_h / im.height)
    if scale >= 1.0:
        return im
    size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def cover_crop(im: Image.Image, width: int, height: int) -> Image.Image:
    box = crop_box(im.width, im.height, width / height, bias=0.5)
    return im.resize((width, height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def encode(im: Image.Image, fmt: str, dpi: int | None = None) -> bytes:
    """Deterministic bytes: fixed encoder settings, no metadata (a print size states its dpi)."""
    buf = io.BytesIO()
    im = clean(im)
    if fmt == "webp":
        im.save(buf, "WEBP", quality=82, method=4)
    elif fmt == "png":
        # a print file (4.6 Mpx) is downloaded once, by the office: light compression draws it
        # in 70 ms instead of 95, for a file a third larger
        level = 1 if im.width * im.height > 2_000_000 else 6
        im.save(buf, "PNG", optimize=False, compress_level=level, **({"dpi": (dpi, dpi)} if dpi else {}))
    elif fmt == "jpeg":
        im.convert("RGB").save(buf, "JPEG", quality=85, optimize=True, progressive=False)
    else:
        raise ValueError(fmt)
    return buf.getvalue()
