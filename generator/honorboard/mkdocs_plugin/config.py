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


def project_paths(config, data_dir: str | None = None) -> dict[str, "Path"]:
    """The folders a build reads or keeps (label → absolute path), which no output may touch.

    ``data_dir`` overrides the plugin option (``--data``); ``HONORBOARD_DATA_DIR`` and
    ``HONORBOARD_CACHE_DIR`` (set by `honorboard serve` and the tests) override both.
    """
    import os
    from pathlib import Path

    base = Path(config.config_file_path).parent.resolve()
    plugin = config.plugins.get("honorboard")
    options = plugin.config if plugin is not None else HonorboardConfig()
    data = os.environ.get("HONORBOARD_DATA_DIR") or data_dir or options.get("data_dir") or "data"
    cache = os.environ.get("HONORBOARD_CACHE_DIR") or options.get("cache_dir") or ".cache/honorboard"
    paths = {
        "项目目录（mkdocs.yml 所在目录）": base,
        "数据目录": (base / data).resolve(),
        "手写页面目录（docs_dir）": Path(config.docs_dir).resolve(),
        "图片缓存目录": (base / cache).resolve(),
        "Git 仓库目录": base / ".git",
    }
    custom_dir = config.theme.custom_dir if hasattr(config.theme, "custom_dir") else None
    if custom_dir:
        paths["主题目录（custom_dir）"] = Path(custom_dir).resolve()
    return paths
