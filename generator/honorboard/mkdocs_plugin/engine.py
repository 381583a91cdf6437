"""MkDocs as the engine of a build: loads ``mkdocs.yml`` and runs ``mkdocs build`` in-process."""

from __future__ import annotations

import logging
import sys
from pathlib import Path


class _OurInfo(logging.Filter):
    """Under `build`: MkDocs' own chatter (temporary folder names) hidden, ours and warnings shown."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or record.name.startswith("mkdocs.plugins.honorboard")


def setup_logging(everything: bool) -> None:
    """MkDocs logs through `logging`; its CLI installs a handler, calling it as a library does not."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    if not everything:
        handler.addFilter(_OurInfo())
    logging.getLogger("jieba").setLevel(logging.WARNING)  # Material's search loads it; its dictionary chatter is noise
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False


def load_config(config_file: str, data_dir: str | None, **overrides):
    """The validated MkDocs config (with ``--data`` applied), or None after a Chinese message."""
    from mkdocs.config import load_config as mkdocs_load_config
    from mkdocs.exceptions import ConfigurationError

    if not Path(config_file).is_file():
        print(f"honorboard：找不到配置文件 {config_file}", file=sys.stderr)
        return None
    try:
        config = mkdocs_load_config(config_file, **overrides)
    except ConfigurationError as exc:
        print(f"honorboard：配置文件有误：{exc}", file=sys.stderr)
        return None
    if data_dir is not None:
        for name, plugin in config.plugins.items():
            if name == "honorboard" or name.endswith("/honorboard"):
                plugin.config.data_dir = str(Path(data_dir).resolve())
    return config


class MkDocsEngine:
    """``mkdocs.yml`` and the ``--data`` override of one command."""

    def __init__(self, config_file: str, data_dir: str | None, config):
        self.config_file, self.data_dir_arg = config_file, data_dir
        from .config import project_paths
        from .options import font_paths

        self.site_dir = Path(config.site_dir)
        plugin = config.plugins.get("honorboard")
        base = Path(config.config_file_path).parent
        self.data_dir = Path(data_dir) if data_dir is not None else base / (plugin.config.data_dir if plugin else "data")
        self.protected = project_paths(config, data_dir)
        self.fonts = font_paths(base, plugin.config.fonts) if plugin else ()

    @classmethod
    def load(cls, config_file: str, data_dir: str | None) -> MkDocsEngine | None:
        config = load_config(config_file, data_dir)
        return None if config is None else cls(config_file, data_dir, config)

    def run(self, site_dir: Path) -> bool:
        from mkdocs.commands.build import build
        from mkdocs.exceptions import Abort, MkDocsException

        setup_logging(everything=False)
        config = load_config(self.config_file, self.data_dir_arg, site_dir=str(site_dir))
        if config is None:
            return False
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        except Abort:  # MkDocs has logged the reason (ours are Chinese); its own "Aborted with ..." is not
            print("honorboard：构建失败（原因见上），原有站点未改动", file=sys.stderr)
            return False
        except (MkDocsException, SystemExit) as exc:
            print(f"honorboard：构建失败：{exc}", file=sys.stderr)
            return False
        except Exception as exc:  # a theme template or a plugin failed: the old site stays
            print(f"honorboard：构建失败：{type(exc).__name__}: {exc}", file=sys.stderr)
            return False
        finally:
            config.plugins.on_shutdown()
        return True
