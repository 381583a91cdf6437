"""Shared fixtures: a tiny valid data tree, and a whole site project, fresh in ``tmp_path``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import MINI, REPO, make_mini_media


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


@pytest.fixture(scope="session", autouse=True)
def shared_picture_cache(tmp_path_factory):
    """Builds in tests share one picture cache (keys are content hashes, so sharing is safe);
    a test that needs a cold cache sets HONORBOARD_CACHE_DIR itself."""
    os.environ["HONORBOARD_CACHE_DIR"] = str(tmp_path_factory.mktemp("picture-cache"))
    yield
    os.environ.pop("HONORBOARD_CACHE_DIR", None)
