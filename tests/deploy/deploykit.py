"""Helpers for the deploy tests: run the command, read a target's layout, make release variants."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import free_port, wait_for_port  # noqa: F401  (the deploy tests import them from here)


def honorboard(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """`honorboard ARGS` as a person runs it, in its own process."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"} | (env or {})
    return subprocess.run([sys.executable, "-m", "honorboard.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def layout(target: Path) -> tuple[str | None, list[str]]:
    """(where `current` points, the folders under releases/)."""
    current = target / "current"
    link = os.readlink(current) if current.is_symlink() else None
    return link, sorted(p.name for p in (target / "releases").iterdir())


def variant(site: Path, dest: Path, tag: str, extra: int = 0, size: int = 16384) -> Path:
    """A copy of ``site`` that is another release: its own build id, a marked home page, and
    ``extra`` files of ``size`` random bytes (under extra/) to make the upload weigh something."""
    shutil.copytree(site, dest)
    (dest / "version.json").write_text(json.dumps({"build": f"20261126000000-{tag}"}), encoding="utf-8")
    index = dest / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("</body>", f"<!-- {tag} --></body>"),
                     encoding="utf-8")
    if extra:
        (dest / "extra").mkdir()
        for i in range(extra):
            (dest / f"extra/blob-{i:03}.bin").write_bytes(os.urandom(size))
    return dest


def tiny_site(dest: Path, tag: str = "tiny") -> Path:
    """A few files that pass for a built site."""
    (dest / "assets").mkdir(parents=True)
    (dest / "index.html").write_text(f"<p>{tag}</p>", encoding="utf-8")
    (dest / "version.json").write_text(json.dumps({"build": f"20261126000000-{tag}"}), encoding="utf-8")
    (dest / "assets/site.css").write_text("body { color: #C8161D }", encoding="utf-8")
    return dest
