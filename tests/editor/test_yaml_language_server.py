"""What a branch secretary sees in VS Code: the real yaml-language-server reads the schema line
at the top of each data file, underlines a typo at its place, and explains fields in Chinese."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import REPO
from honorboard.cli import main
from lsp import LanguageServer

SERVER = os.environ.get("HONORBOARD_YAMLLS") or shutil.which("yaml-language-server")
pytestmark = pytest.mark.skipif(not SERVER, reason="yaml-language-server 未安装（.ci/run 用 npm 安装）")


@pytest.fixture(scope="module")
def editor():
    server = LanguageServer([SERVER, "--stdio"], REPO)
    yield server
    server.close()


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """data/ beside schema/, as in a data repository, so the relative schema line resolves."""
    shutil.copytree(REPO / "schema", tmp_path / "schema")
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path


def test_demo_file_has_no_complaint(editor: LanguageServer):
    path = REPO / "data" / "branches" / "zwfw-1f.yml"
    assert editor.open(path, path.read_text(encoding="utf-8")) == []


def test_typo_and_wrong_type_are_underlined_where_they_are(editor: LanguageServer, repo_copy: Path):
    path = repo_copy / "data" / "branches" / "zwfw-2f.yml"
    text = path.read_text(encoding="utf-8")
    assert "  slogan:" in text and "\nfloor: 2\n" in text
    text = text.replace("  slogan:", "  slogn:").replace("\nfloor: 2\n", "\nfloor: 二楼\n")
    lines = text.split("\n")
    found = {(d["range"]["start"]["line"], d["message"]) for d in editor.open(path, text)}
    typo = next(i for i, line in enumerate(lines) if line.startswith("  slogn:"))
    assert (typo, "Property slogn is not allowed.") in found
    assert (lines.index("floor: 二楼"), 'Incorrect type. Expected "integer".') in found


def test_fields_are_explained_in_chinese(editor: LanguageServer):
    path = REPO / "data" / "branches" / "zwfw-1f.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    editor.open(path, "\n".join(lines))
    color = next(i for i, line in enumerate(lines) if line.startswith("  color:"))
    assert "品牌色" in editor.hover(path, color, 4)
    # on an empty line of a new file, the editor offers the fields with their Chinese help
    draft = path.with_name("draft.yml")
    editor.open(draft, lines[0] + "\nname: 第九党支部\n\n")
    offered = {item["label"]: item.get("documentation") for item in editor.completion(draft, 2, 0)}
    assert offered["unit"] == "所属机关单位"
    assert offered["floor"] == "所在楼层（整数）"


def test_scaffolds_open_clean_in_the_editor(editor: LanguageServer, repo_copy: Path, capsys):
    data = repo_copy / "data"
    for args in (["branch", "zwfw-4f", "--name", "第四党支部"], ["month", "2026-12"],
                 ["screen", "hall-4f", "--name", "四楼走廊"],
                 ["lecture", "new-talk", "--title", "新课", "--topic", "党史国情", "--lecturer-name", "李老师"]):
        assert main(["new", *args, "--data", str(data)]) == 0
    for path in [data / "branches/zwfw-4f.yml", data / "stars/2026-12.yml", data / "screens/hall-4f.yml",
                 data / "lectures/new-talk.yml"]:
        assert editor.open(path, path.read_text(encoding="utf-8")) == [], path.name
