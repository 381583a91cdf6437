"""Check → model → site → atomic swap: the build every command shares (cli, deploy, plugin).

The engine that writes the site (today MkDocs with Material, see ``mkdocs_plugin.engine``)
is passed in; nothing here imports it, so another engine can be fed the same pages.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Protocol

from .data.loader import LoadResult, ReadMemo, load
from .data.problems import sorted_problems
from .exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


class Engine(Protocol):
    """What a build needs from the engine that renders the theme around the pages."""

    data_dir: Path
    fonts: tuple[str, ...]  # font files configured for the pictures, tried first
    site_dir: Path  # where the site goes unless told otherwise
    protected: dict[str, Path]  # label → folder no output may be, contain or lie in

    def run(self, site_dir: Path) -> bool:
        """Write the whole site into ``site_dir``; False (messages on stderr) when it failed."""


VERSION_FILE = "version.json"
"""Written last by every build: its presence marks a folder as a site we may replace."""
SITE_MARKS = (VERSION_FILE, "sitemap.xml.gz")  # MkDocs' own mark: a folder an interrupted `mkdocs build` left


def overlap(target: Path, protected: dict[str, Path]) -> str | None:
    """How ``target`` is, contains or lies inside one of ``protected`` (label → folder), or None.

    A folder labelled 项目目录 may hold ``target`` (as it holds ``site/``) but not be it or lie in it.
    """
    resolved = Path(os.path.abspath(target)).resolve()
    for label, folder in protected.items():
        folder = Path(os.path.abspath(folder)).resolve()
        if resolved == folder:
            return f"这就是{label}"
        if folder.is_relative_to(resolved):
            return f"它包含{label} {_shown(folder)}"
        if resolved.is_relative_to(folder) and not label.startswith("项目目录"):
            return f"它在{label} {_shown(folder)} 之内"
    return None


def refuse_output(target: Path, protected: dict[str, Path], foreign: bool = True) -> str | None:
    """Why ``target`` must not receive a build (which empties and replaces it), or None.

    Refused: a folder that is, contains or lies inside one of ``protected``, a file, and, outside
    the project (where ``site/`` lives), an existing folder with other contents than a site built
    before, such as a home folder (unless ``foreign`` is False: `mkdocs build` empties its
    site_dir by its own rules).
    """
    shown, resolved = _shown(target), Path(os.path.abspath(target)).resolve()
    clash = overlap(target, protected)
    if clash:
        return f"不能把站点生成到 {shown}：{clash}，生成时会清空并替换输出目录，其中的文件将丢失。请换一个单独的目录（如 site）"
    if resolved.is_file():
        return f"不能把站点生成到 {shown}：这是一个文件，不是目录"
    project = next((Path(f).resolve() for label, f in protected.items() if label.startswith("项目目录")), None)
    outside = project is None or not resolved.is_relative_to(project)
    if foreign and outside and resolved.is_dir() and any(resolved.iterdir()) and not any((resolved / n).is_file() for n in SITE_MARKS):
        return (f"不能把站点生成到 {shown}：这个目录已有其他内容，不是 honorboard 生成的站点"
                f"（没有 {VERSION_FILE}），替换它会删除这些文件。请换一个空目录或新目录")
    return None


def _shown(path: Path) -> str:
    rel = os.path.relpath(path)
    return rel if not rel.startswith("..") else str(path)


def check(data_dir: Path, fonts: tuple[str, ...] = ()) -> LoadResult:
    """Everything a build would refuse, without building: the data, then every character a
    picture would draw against the fonts (so `check` in a hook or CI passes only what builds).

    Raises ``images.NoCJKFont`` when this machine has no Chinese font at all.
    """
    from .images import check_glyphs, discover, drawn_texts

    memo = ReadMemo.on_disk(data_dir)  # files unchanged since the last check are not parsed again
    result = load(data_dir, memo=memo)
    memo.save()
    if result.site is not None:
        glyphs = check_glyphs(drawn_texts(result.site), discover(tuple(fonts)))
        result.problems = sorted_problems([*result.problems, *glyphs])
    return result


def report(data_dir: Path, fonts: tuple[str, ...] = ()) -> int:
    """Check ``data_dir``; print problems to stderr. Returns the exit code."""
    if not data_dir.is_dir():
        print(f"honorboard：数据目录 {data_dir} 不存在", file=sys.stderr)
        return EXIT_USAGE
    from .images import NoCJKFont

    started = time.perf_counter()
    try:
        result = check(data_dir, fonts)
    except NoCJKFont as exc:
        print(f"honorboard：{exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    for line in result.lines():
        print(line, file=sys.stderr)
    took = time.perf_counter() - started
    if result.errors:
        print(f"共 {len(result.errors)} 处错误，{len(result.warnings)} 处提醒（{result.files} 个文件）", file=sys.stderr)
        return EXIT_PROBLEMS
    site = result.site
    withheld = f"（另有 {len(site.withheld)} 名不公开）" if site.withheld else ""
    days = {day for lec in site.lectures for day, _ in lec.counted}
    counted = f"，访问统计 {len(days)} 天，至 {max(days)}" if days else ""
    print(f"数据无误：{result.files} 个文件，{len(site.branches)} 个支部，{len(site.members)} 名党员{withheld}，"
          f"{len(site.months)} 个月，{len(site.lectures)} 讲微党课{counted}（{took * 1000:.0f} 毫秒）")
    return EXIT_OK


def build_into(engine: Engine, site_dir: Path) -> int:
    """Check the data, then build into ``site_dir`` (used by `deploy`). The exit code; messages on stderr."""
    code = report(engine.data_dir, engine.fonts)
    if code != EXIT_OK:
        return code
    return EXIT_OK if engine.run(site_dir) else EXIT_PROBLEMS


def build(engine: Engine, target: Path | None = None) -> int:
    """Check, build into a fresh folder beside the target, and swap it in only on success."""
    target = Path(target or engine.site_dir)
    refused = refuse_output(target, engine.protected)
    if refused:
        print(f"honorboard：{refused}", file=sys.stderr)
        return EXIT_USAGE
    code = report(engine.data_dir, engine.fonts)
    if code != EXIT_OK:
        return code
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        if not engine.run(staging):
            return EXIT_PROBLEMS
        swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"站点已生成：{os.path.relpath(target)}")
    return EXIT_OK


def swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is; the old site is removed only after the rename."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)  # put the old site back: a failed swap changes nothing
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
