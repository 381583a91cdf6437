"""Where each rendered picture lives in the site (site-root relative, ids only)."""

from __future__ import annotations

import hashlib

PHOTO_SIZES = (240, 480)  # widths: 1× and 2× of the portrait on boards
PHOTO_ASPECT = (3, 4)  # an ID photo (证件照): reads as a person on a 荣誉榜


def photo_size(px: int) -> tuple[int, int]:
    """Width and height of the portrait rendered ``px`` wide."""
    w, h = PHOTO_ASPECT
    return px, px * h // w
COVER_SIZE = (960, 540)
EMBLEM_SIDE = 256
PICTURE_BOX = (1920, 1080)


def photo(member_id: str, px: int = PHOTO_SIZES[0]) -> str:
    return f"img/members/{member_id}-{px}.webp"


def emblem(branch_id: str) -> str:
    return f"img/branches/{branch_id}.png"


def cover(lecture_id: str) -> str:
    return f"img/lectures/{lecture_id}.webp"


def card(branch_id: str, for_print: bool = False) -> str:
    return f"cards/{branch_id}_print.png" if for_print else f"cards/{branch_id}.png"  # ids hold no "_": no clash


def picture(data_path: str) -> str:
    """Any other picture from data/ (screen slides): named by a hash of its path."""
    return f"img/pictures/{hashlib.sha1(data_path.encode('utf-8')).hexdigest()[:12]}.webp"
