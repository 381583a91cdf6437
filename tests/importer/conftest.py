"""Fixtures of the import tests: the mini data as the current directory, the demo data copied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import REPO


@pytest.fixture
def here(data_dir: Path, monkeypatch) -> Path:
    """The mini data tree as ``./data``: messages name ``data/...`` and ``m.xlsx`` as typed."""
    monkeypatch.chdir(data_dir.parent)
    return data_dir.parent


@pytest.fixture
def demo(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the repository's demo data as ``./data``."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"
