"""Options of the ``honorboard`` plugin in ``mkdocs.yml``::

    plugins:
      - honorboard:
          data_dir: data      # relative to mkdocs.yml
"""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HonorboardConfig(Config):
    data_dir = c.Type(str, default="data")
    """Where the YAML data lives, relative to ``mkdocs.yml``."""
