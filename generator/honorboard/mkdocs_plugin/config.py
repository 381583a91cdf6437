"""Options of the ``honorboard`` plugin in ``mkdocs.yml``::

    plugins:
      - honorboard:
          data_dir: data      # relative to mkdocs.yml
          fonts: []           # extra font files, tried first
          cache_dir: .cache/honorboard
"""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HonorboardConfig(Config):
    data_dir = c.Type(str, default="data")
    """Where the YAML data lives, relative to ``mkdocs.yml``."""

    fonts = c.ListOfItems(c.Type(str), default=[])
    """Font files tried before the CJK fonts found on the machine (e.g. a licensed 方正 font)."""

    cache_dir = c.Type(str, default=".cache/honorboard")
    """Rendered pictures, by content hash; shared by `build` and `serve`. Safe to delete."""
