"""Pictures: brand cards (web and print), member photos, lecture cover photos, emblems.

``plan`` lists the jobs a site needs, ``render_all`` draws the missing ones on all cores into a
content-hash cache, ``check_glyphs`` refuses text no font can draw. Engine-neutral.
"""

from . import urls
from .cache import Cache
from .fonts import FontSet, NoCJKFont, discover
from .jobs import drawn_texts, plan
from .run import Rendering, Report, check_glyphs, render_all

__all__ = ["Cache", "FontSet", "NoCJKFont", "Rendering", "Report", "check_glyphs", "discover", "drawn_texts", "plan",
           "render_all", "urls"]
