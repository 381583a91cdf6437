"""The package's layers import only downwards: data ← images ← site ← build ← commands."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "generator" / "honorboard"

# what each layer may import from the package (besides itself); anything else is an arrow up
ALLOWED = {
    "data": set(),
    "images": {"data"},
    "site": {"data", "images"},
    "build": {"data", "images", "site", "exits"},
    "authoring": {"data", "exits"},
    "deploy": {"build", "exits", "mkdocs_plugin"},
    "stats": {"data", "authoring", "exits"},
    "mkdocs_plugin": {"data", "images", "site", "build"},
    "cli": {"build", "authoring", "deploy", "mkdocs_plugin", "data", "exits", "stats"},
}
ENGINE_FREE = ("data", "images", "site", "build", "authoring")


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imports(rel: Path, source: str):
    """(layer imported, module name) for every import in ``source``, the module at ``rel``
    (relative to the package): package modules by their top folder, MkDocs as "<mkdocs>"."""
    tree = ast.parse(source)
    package = list(rel.parent.parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else package
                parts = base + (node.module.split(".") if node.module else [])
                names = [parts + [a.name] for a in node.names] if not parts else [parts]
                for p in names:
                    if p:
                        yield p[0], ".".join(p)
            elif node.module and node.module.startswith("honorboard."):
                yield node.module.split(".")[1], node.module
            elif node.module and node.module.split(".")[0] in ("mkdocs", "material"):
                yield "<mkdocs>", node.module
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] in ("mkdocs", "material"):
                    yield "<mkdocs>", a.name


def test_no_import_runs_back_up():
    """Each module imports only its own layer and the layers below it; only the plugin knows MkDocs."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = _layer(path)
        if layer == "__init__":
            continue
        for target, module in _imports(path.relative_to(PACKAGE), path.read_text(encoding="utf-8")):
            if target == "<mkdocs>":
                if layer in ENGINE_FREE:
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
                continue
            if target != layer and target not in ALLOWED.get(layer, set()) | {"__future__"}:
                wrong.append(f"{path.relative_to(PACKAGE)} ({layer}) imports {module}")
    assert wrong == []


def test_the_check_sees_arrows_up():
    """Relative and absolute imports are read as the layer they name (the check can fail)."""
    assert list(_imports(Path("data/x.py"), "from ..site import pages\n")) == [("site", "site")]
    assert list(_imports(Path("data/x.py"), "from .problems import Pos\n")) == [("data", "data.problems")]
    assert list(_imports(Path("images/x.py"), "from ...build import build\n"))[0][0] == "build"
    assert list(_imports(Path("site/x.py"), "import mkdocs.config\n")) == [("<mkdocs>", "mkdocs.config")]
