"""Picture benchmark: ms per brand card and per member photo, cold and warm, next to a bare
Pillow loop that draws the same card / makes the same thumbnail.

    python bench/images.py [--photos 200] [--cards 20]

Cold = nothing in the cache (every picture drawn, one process, so per-item times compare
with the bare loop); warm = the same jobs again (everything from the cache).
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402

from honorboard import load  # noqa: E402
from honorboard.images import Cache, check_glyphs, discover, drawn_texts, plan, render_all  # noqa: E402
from honorboard.images.card import WEB, qr_image  # noqa: E402


def bare_card(text, font_path: str, index: int, emblem: Image.Image | None) -> bytes:
    """The same card drawn the plain way: fixed sizes, one font, no fitting, no fallback."""
    img = Image.new("RGB", WEB, (200, 22, 29))
    d = ImageDraw.Draw(img)
    big = ImageFont.truetype(font_path, 100, index=index)
    mid = ImageFont.truetype(font_path, 40, index=index)
    small = ImageFont.truetype(font_path, 30, index=index)
    if emblem is not None:
        logo = emblem.convert("RGBA")
        logo.thumbnail((112, 112))
        img.paste(logo, (48, 48), logo)
    d.text((184, 60), text.unit, font=small, fill="white")
    d.text((184, 100), text.branch, font=mid, fill="white")
    d.text((48, 200), text.brand, font=big, fill="white")
    d.text((48, 330), text.slogan, font=mid, fill="white")
    d.text((48, 470), text.rating, font=small, fill="white")
    for i, h in enumerate(text.highlights):
        d.rectangle((48 + i * 200, 520, 230 + i * 200, 560), outline="white", width=2)
        d.text((60 + i * 200, 525), h, font=small, fill="white")
    if text.qr_url:
        img.paste(qr_image(text.qr_url, 214), (940, 48))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def bare_photo(path: Path) -> bytes:
    im = ImageOps.exif_transpose(Image.open(path)).convert("RGB")
    im = ImageOps.fit(im, (240, 240))
    buf = io.BytesIO()
    im.save(buf, "WEBP", quality=82, method=4)
    return buf.getvalue()


def per_item_ms(fn, items) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    return (time.perf_counter() - start) * 1000 / max(1, len(items))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--cards", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hb-img-bench-"))
    try:
        data = work / "data"
        generate(data, scale=args.cards / 100, photos=args.photos)
        site = load(data).site
        start = time.perf_counter()
        fonts = discover()
        # once per build, before any drawing: every character against the fonts' cmaps
        problems = check_glyphs(list(drawn_texts(site)), fonts)
        fonts_id = fonts.fingerprint
        once_ms = (time.perf_counter() - start) * 1000
        assert not problems and fonts_id
        jobs = plan(site, "http://dangjian.intranet/")
        cards = [j for j in jobs if j.kind == "card" and j.params[1] == WEB][: args.cards]
        photos = [j for j in jobs if j.kind == "photo" and j.params[0] == 240][: args.photos]

        def ours(selected):
            cache = Cache(work / f"cache-{selected[0].kind}")
            start = time.perf_counter()
            cold = render_all(selected, data, cache, fonts, workers=1)
            cold_ms = (time.perf_counter() - start) * 1000 / len(selected)
            start = time.perf_counter()
            warm = render_all(selected, data, cache, fonts, workers=1)
            warm_ms = (time.perf_counter() - start) * 1000 / len(selected)
            return cold_ms, warm_ms, cold.rendered, warm.rendered

        face = fonts.bold.faces[0]
        emblems = {j.out: (Image.open(data / j.source) if j.source else None) for j in cards}
        bare_c = per_item_ms(lambda j: bare_card(j.params[0], face.path, face.index, emblems[j.out]), cards)
        bare_p = per_item_ms(lambda j: bare_photo(data / j.source), photos)
        c_cold, c_warm, c_r, c_w = ours(cards)
        p_cold, p_warm, p_r, p_w = ours(photos)
        print(f"once per build: font discovery, glyph check, font fingerprint {once_ms:.0f} ms")
        print(f"brand card 1200×630: cold {c_cold:6.1f} ms   warm {c_warm:5.2f} ms ({c_w} rendered)   "
              f"bare Pillow {bare_c:6.1f} ms   ratio {c_cold / bare_c:.2f} (goal ≤ 1.5)   [{c_r} cards]")
        print(f"member photo 240 px:  cold {p_cold:6.1f} ms   warm {p_warm:5.2f} ms ({p_w} rendered)   "
              f"bare Pillow {bare_p:6.1f} ms   ratio {p_cold / bare_p:.2f} (goal ≤ 1.5)   [{p_r} photos, 1200×1600 JPEG]")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
