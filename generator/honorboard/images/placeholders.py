"""What stands in for a missing picture, drawn by the page in its own font: a stable colour
from a key and the part of a name that fits on a portrait. No Pillow here: pages import it."""

from __future__ import annotations

import hashlib

# Deep colours that all carry white (and the covers' gold) text at ≥ 4.5:1: drawn covers by topic.
_PALETTE = ("#A8071A", "#8B1A1A", "#AD3A12", "#0F5C63", "#1F5FA8", "#2E6B30", "#5B2A86", "#7D2248")


def palette_color(key: str) -> str:
    """A stable colour for a key (member id, topic): the same on every build and machine."""
    return _PALETTE[int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % len(_PALETTE)]


def short_name(name: str) -> str:
    """What a placeholder avatar shows: the given name's last two characters (two-character names whole)."""
    return name if len(name) <= 2 else name[-2:]
