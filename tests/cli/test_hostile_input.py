"""Hostile or simply real input through the real CLI: a Chinese line with a position, the
right exit code, nothing read from outside data/, no traceback, nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import edit, tree_digest


def run(*args: str, cwd: Path, **kw) -> subprocess.CompletedProcess:
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"} | kw.pop("env", {})
    return subprocess.run([sys.executable, "-m", "honorboard.cli", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=300, **kw)


def text(out: subprocess.CompletedProcess) -> str:
    return (out.stdout + out.stderr).decode("utf-8", "replace")


def no_traceback(out: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in text(out), text(out)


# --- reading outside data/ ----------------------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_check_and_build_never_echo_a_linked_secret(project: Path, tmp_path_factory):
    """`check` and `build` with a data file linked to a secret outside data/: exit 1, the secret never printed."""
    secret = tmp_path_factory.mktemp("ci") / "token"
    secret.write_text("name: SECRET-TOKEN-0123\nkey: SECRET\n", encoding="utf-8")
    (project / "data/branches/gamma.yml").symlink_to(secret)
    for cmd in (["check"], ["build"]):
        out = run(*cmd, cwd=project)
        assert out.returncode == 1
        no_traceback(out)
        assert "data/branches/gamma.yml:1:1: 此文件是指向 data/ 目录之外的链接" in text(out)
        assert "SECRET" not in text(out)
    assert not (project / "site").exists()


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_media_through_a_link_and_dotdot_is_published_inside_the_site(project: Path):
    """A lecture video named through a linked folder plus "..": the page links the file that was checked, inside the site."""
    data = project / "data"
    (data / "media/deep/er").mkdir(parents=True)
    (data / "media/lnk").symlink_to("deep/er", target_is_directory=True)
    (data / "media/talk.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 not really a video")
    edit(data / "lectures/oath.yml", {"video: http://video.intranet/oath.mp4": "video: media/lnk/../../talk.mp4"})
    out = run("build", "--site-dir", "out/site", cwd=project)
    assert out.returncode == 0, text(out)
    site = project / "out/site"
    assert (site / "media/talk.mp4").read_bytes().startswith(b"\x00\x00\x00\x18ftyp")
    assert sorted(p.name for p in (project / "out").iterdir()) == ["site"]  # nothing above the site root
    page = (site / "lectures/oath/index.html").read_text(encoding="utf-8")
    assert 'src="../../media/talk.mp4"' in page
