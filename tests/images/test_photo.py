"""Photos from data/ as people really supply them: sideways, with GPS, CMYK, 16-bit, tiny, huge."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from honorboard.images.jobs import Job
from honorboard.images.photo import BadImage, crop_box
from honorboard.images.run import draw

RED, BLUE = (220, 20, 20), (20, 20, 220)


@pytest.mark.parametrize("size, aspect, bias, box", [
    ((200, 300), 1.0, 0.2, (0, 20, 200, 220)),  # portrait: a square from near the top
    ((200, 300), 1.0, 0.0, (0, 0, 200, 200)),
    ((200, 300), 1.0, 0.5, (0, 50, 200, 250)),
    ((300, 200), 1.0, 0.2, (50, 0, 250, 200)),  # landscape: trimmed evenly on both sides
    ((100, 100), 1.0, 0.2, (0, 0, 100, 100)),
    ((1920, 1080), 16 / 9, 0.5, (0, 0, 1920, 1080)),
    ((1000, 1000), 16 / 9, 0.5, (0, 219, 1000, 781)),
    ((1, 1), 1.0, 0.2, (0, 0, 1, 1)),
])
def test_crop_box(size, aspect, bias, box):
    assert crop_box(*size, aspect, bias) == box


def _photo(tmp_path: Path, name: str, image: Image.Image, **save) -> Job:
    path = tmp_path / name
    image.save(path, **save)
    return Job("photo", "img/x.webp", (240, 320), name)


def _render(tmp_path: Path, job: Job) -> Image.Image:
    out = Image.open(io.BytesIO(draw(job, tmp_path, None)))
    out.load()
    return out


def _upright_portrait() -> Image.Image:
    """Red head-end on top, blue at the bottom, 200×300."""
    im = Image.new("RGB", (200, 300), BLUE)
    im.paste(RED, (0, 0, 200, 150))
    return im


def _near(pixel, color, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], color))


def test_sideways_photo_comes_out_upright_and_clean(tmp_path: Path):
    """Stored rotated with EXIF orientation 6, carrying GPS, XMP, ICC and a comment: the output
    is upright (red on top) and carries none of it."""
    stored = _upright_portrait().rotate(90, expand=True)  # what the camera wrote: 300×200
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "CameraMaker"
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 20.0), 3: "E", 4: (116.0, 23.0, 29.0)}  # GPS
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    job = _photo(tmp_path, "p.jpg", stored, exif=exif.tobytes(), icc_profile=icc, comment=b"secret place",
                 xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>GPS here</x:xmpmeta>", quality=95)
    src = Image.open(tmp_path / "p.jpg")
    assert src.getexif().get_ifd(0x8825)  # the test file really has GPS
    out = _render(tmp_path, job)
    assert out.size == (240, 320) and out.mode == "RGB" and out.format == "WEBP"
    assert _near(out.getpixel((120, 10)), RED) and _near(out.getpixel((120, 310)), BLUE)
    assert not out.getexif() and not out.getexif().get_ifd(0x8825)
    for key in ("exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"):
        assert key not in out.info
    raw = draw(job, tmp_path, None)
    assert b"secret place" not in raw and b"GPS here" not in raw and b"CameraMaker" not in raw


@pytest.mark.parametrize("name, make", [
    ("cmyk.jpg", lambda: Image.new("CMYK", (300, 400), (0, 255, 255, 0))),
    ("grey16.png", lambda: Image.new("I;16", (300, 400), 40000)),
    ("palette.png", lambda: Image.new("RGB", (300, 400), RED).convert("P")),
    ("alpha.png", lambda: Image.new("RGBA", (300, 400), (220, 20, 20, 128))),
    ("tiny.png", lambda: Image.new("RGB", (1, 1), RED)),
    ("grey.png", lambda: Image.new("L", (300, 400), 128)),
    ("la.png", lambda: Image.new("LA", (300, 400), (128, 200))),
])
def test_unusual_modes_become_correct_photos(tmp_path: Path, name, make):
    out = _render(tmp_path, _photo(tmp_path, name, make()))
    assert out.size == (240, 320) and out.mode == "RGB"


def test_cmyk_red_stays_red(tmp_path: Path):
    out = _render(tmp_path, _photo(tmp_path, "c.jpg", Image.new("CMYK", (300, 400), (0, 255, 255, 0))))
    r, g, b = out.getpixel((120, 120))
    assert r > 200 and g < 80 and b < 80


def test_transparency_is_flattened_on_white(tmp_path: Path):
    out = _render(tmp_path, _photo(tmp_path, "a.png", Image.new("RGBA", (300, 400), (0, 0, 0, 0))))
    assert _near(out.getpixel((120, 120)), (255, 255, 255), 3)


def test_a_12000_by_9000_photo(tmp_path: Path):
    """A 108 MP camera photo: under the limit, decoded at reduced scale, correct result."""
    big = Image.new("RGB", (12000, 9000), RED)
    out = _render(tmp_path, _photo(tmp_path, "big.jpg", big, quality=50))
    assert out.size == (240, 320) and _near(out.getpixel((120, 120)), RED)


@pytest.mark.parametrize("content, words", [
    (lambda data: data[: len(data) // 2], "图片无法读取"),
    (lambda data: b"not an image at all", "图片无法读取"),
])
def test_broken_files_are_chinese_errors(tmp_path: Path, content, words):
    buf = io.BytesIO()
    Image.new("RGB", (400, 400), RED).save(buf, "JPEG")
    (tmp_path / "bad.jpg").write_bytes(content(buf.getvalue()))
    with pytest.raises(BadImage, match=words):
        draw(Job("photo", "img/x.webp", (240, 320), "bad.jpg"), tmp_path, None)


def test_same_input_same_bytes(tmp_path: Path):
    job = _photo(tmp_path, "p.png", _upright_portrait())
    assert draw(job, tmp_path, None) == draw(job, tmp_path, None)
