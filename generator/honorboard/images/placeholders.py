"""What stands in for a missing cover picture, drawn by the page in its own font: a stable
colour from a key (the topic). No Pillow here: pages import it."""

from __future__ import annotations

import hashlib

# Deep colours that all carry white (and the covers' gold) text at ≥ 4.5:1: drawn covers by topic.
_PALETTE = ("#A8071A", "#8B1A1A", "#AD3A12", "#0F5C63", "#1F5FA8", "#2E6B30", "#5B2A86", "#7D2248")


def palette_color(key: str) -> str:
    """A stable colour for a key (member id, topic): the same on every build and machine."""
    return _PALETTE[int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % len(_PALETTE)]
