"""Where each rendered picture lives in the site (site-root relative, ids only)."""

from __future__ import annotations

import hashlib

PHOTO_SIZES = (240, 480)  # 1× and 2× of the 240 px portrait on boards
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
