"""Shared fixtures: a tiny valid data tree, built fresh in ``tmp_path`` for every test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

HERE = Path(__file__).parent
MINI = HERE / "fixtures" / "mini"
REPO = HERE.parent


def make_mini_media(data: Path) -> None:
    """The images the mini data names, drawn here so the repo holds no binary fixtures."""
    media = data / "media"
    media.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 64), "#C8161D").save(media / "emblem.png")
    Image.new("RGB", (90, 120), "#D4A84B").save(media / "jiang-hua.jpg", quality=80)
    Image.new("RGB", (160, 90), "#FFF8F0").save(media / "notice.png")
    (media / "notice.txt").write_text("不是图片", encoding="utf-8")
    (media / "fake.png").write_text("这不是 PNG", encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/mini with its media, as ``tmp_path/data``; it passes the check."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    make_mini_media(data)
    return data


@pytest.fixture
def project(tmp_path: Path, data_dir: Path) -> Path:
    """A whole site project in ``tmp_path``: the repo's mkdocs.yml, theme and pages, mini data."""
    for name in ("theme", "site_src"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copyfile(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def tree_digest(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes: equal digests mean an untouched tree."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
