"""The plugin's ``fonts:`` read straight from ``mkdocs.yml``, for `check`, which builds nothing.

Loading the config through MkDocs would import MkDocs, Material and every plugin (≈ 1 s);
``check`` runs in pre-commit hooks and needs one list. Tags (``!!python/name:``, ``!ENV``)
are read as nothing: only plain values are used.
"""

from __future__ import annotations

from pathlib import Path

import yaml


class _TaglessLoader(yaml.SafeLoader):
    pass


_TaglessLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def font_paths(base: Path, fonts) -> tuple[str, ...]:
    """The ``fonts:`` option's files, relative to the folder of ``mkdocs.yml``, as absolute paths."""
    return tuple(str((Path(base) / f).resolve()) for f in fonts if isinstance(f, str))


def configured_fonts(config_file: Path) -> tuple[str, ...]:
    """The font files of the honorboard plugin's ``fonts:`` option, absolute; () without one."""
    try:
        doc = yaml.load(Path(config_file).read_text(encoding="utf-8-sig"), Loader=_TaglessLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ()  # the build reports a broken mkdocs.yml in its own words
    plugins = doc.get("plugins") if isinstance(doc, dict) else None
    items = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) for p in plugins or () if isinstance(p, dict) and len(p) == 1)
    for name, options in items:
        if (name == "honorboard" or str(name).endswith("/honorboard")) and isinstance(options, dict):
            return font_paths(Path(config_file).resolve().parent, options.get("fonts") or [])
    return ()
