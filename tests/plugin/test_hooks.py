"""Plugin hooks called directly, as MkDocs calls them (after mkdocstrings' tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files


def _config(project: Path, command: str = "build"):
    """A real, validated config; hooks run through MkDocs' plugin collection, as in a build."""
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    config = config.plugins.on_config(config)
    return config, config.plugins["honorboard"]


def test_generated_pages_are_virtual_and_out_of_nav(project: Path):
    config, plugin = _config(project)
    files = config.plugins.on_files(Files([]), config=config)
    by_uri = {f.src_uri: f for f in files}
    assert by_uri["members/jiang-hua/index.md"].generated_by == "honorboard"
    assert not by_uri["members/jiang-hua/index.md"].inclusion.is_in_nav()
    assert by_uri["boards/index.md"].inclusion.is_in_nav()
    # pictures are published only as rendered copies: an original photo (EXIF, GPS) never is
    assert "img/members/jiang-hua-240.webp" in by_uri and "cards/alpha.png" in by_uri
    assert not [uri for uri in by_uri if uri.startswith("media/")]
    assert not (project / "site_src/members").exists()  # nothing written to disk


def test_problems_fail_a_build(project: Path):
    (project / "data/branches/beta.yml").write_text("name: [x]\nmembers:\n  - id: li-xiaofang\n    name: 李晓芳\n", encoding="utf-8")
    config, plugin = _config(project)
    with pytest.raises(PluginError, match="1 处错误"):
        config.plugins.on_files(Files([]), config=config)


def test_problems_under_serve_show_an_error_page(project: Path):
    """Under `serve` the server stays up: the nav pages list the problems instead."""
    (project / "data/branches/beta.yml").write_text("name: [x]\nmembers:\n  - id: li-xiaofang\n    name: 李晓芳\n", encoding="utf-8")
    config, plugin = _config(project, command="serve")
    files = config.plugins.on_files(Files([]), config=config)
    assert sorted(f.src_uri for f in files if f.generated_by) == [
        "boards/index.md", "branches/index.md", "honors/index.md", "index.md", "lectures/index.md", "posts/index.md",
        "stats/index.md"]
    html = plugin.renderer.render(plugin.specs["index.md"])
    assert "beta.yml:1:7: name 应为文字，实际为列表" in html
