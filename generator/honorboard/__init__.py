"""honorboard: 党建品牌与荣誉墙 from YAML in Git.

The core (load → validate → model → page specs) knows nothing of MkDocs; the MkDocs plugin
in ``honorboard.mkdocs_plugin`` is a thin adapter over it.
"""

from .data.loader import LoadResult, load
from .data.problems import Problem

__all__ = ["LoadResult", "Problem", "load"]
__version__ = "0.1.0"
