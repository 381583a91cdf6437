"""A real `mkdocs build` of a lecture's subtitles and of a local video whose YAML gives no
length and no cover: with ffmpeg they are read from the video (and cached); without it the
build still succeeds and says in one line what it skipped."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from helpers import edit, mkdocs_build

SRT = "\ufeff1\r\n00:00:01,000 --> 00:00:04,000\r\n<i>同志们好</i>\r\n\r\n2\r\n00:00:05,000 --> 00:00:08,500\r\n今天讲入党誓词\r\n"
VIDEO = "media/-talk.mp4"  # a name that would be an option to ffmpeg if passed bare
SKIPPED = "未找到 ffprobe/ffmpeg：1 个视频的时长和封面未从视频读取（安装 ffmpeg 后重新构建，Debian：apt-get install ffmpeg）"


def _lecture(site: Path, lecture_id: str) -> str:
    return (site / "lectures" / lecture_id / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def lecture_project(project: Path, monkeypatch) -> Path:
    """The mini project with subtitles on oath, and a 95-second local video on guest (no
    duration:, no cover:), made here by ffmpeg; a picture cache of its own."""
    if shutil.which("ffmpeg") is None:
        pytest.fail("ffmpeg 未安装（apt-get install ffmpeg），见 README")
    monkeypatch.setenv("HONORBOARD_CACHE_DIR", str(project / "picture-cache"))
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=95:size=192x108:rate=4",
                    "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
                    str(project / "data" / "media" / "x.mp4")], check=True, timeout=60)
    (project / "data" / "media" / "x.mp4").rename(project / "data" / VIDEO)
    (project / "data" / "media" / "oath.srt").write_bytes(SRT.encode("utf-8"))
    edit(project / "data" / "lectures" / "oath.yml", {"views: 7900\n": "views: 7900\nsubtitles: media/oath.srt\n"})
    edit(project / "data" / "lectures" / "guest.yml", {"date: 2024-01-15\n": f"date: 2024-01-15\nvideo: {VIDEO}\n"})
    return project


def test_subtitles_and_video_facts_are_published(lecture_project: Path, tmp_path: Path, monkeypatch):
    site = tmp_path / "site"
    run = mkdocs_build(lecture_project, site, quiet=False)
    assert run.returncode == 0, run.stderr
    assert "videos: 1 read, 0 from cache" in run.stderr

    # subtitles: converted to WebVTT beside the page, markup gone; the .srt itself is not published
    assert (site / "lectures/oath/subtitles.vtt").read_text(encoding="utf-8") == (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n同志们好\n\n00:00:05.000 --> 00:00:08.500\n今天讲入党誓词\n")
    assert not list(site.rglob("*.srt"))
    oath = _lecture(site, "oath")
    assert '<track kind="subtitles" srclang="zh" label="中文字幕" src="../../lectures/oath/subtitles.vtt" default>' in oath
    assert 'preload="none"' in oath and 'preload="metadata"' not in oath

    # the video: its length (95 s → 2分钟) and a frame of it as the cover, over the player and on the card
    guest = _lecture(site, "guest")
    assert "2分钟" in guest
    assert 'poster="../../img/lectures/guest.webp"' in guest and "data-hb-poster" not in guest
    assert 'src="../../media/-talk.mp4"' in guest
    with Image.open(site / "img/lectures/guest.webp") as im:
        assert im.size == (960, 540) and im.format == "WEBP"
        assert len(im.convert("RGB").resize((48, 27)).getcolors(48 * 27)) > 8  # testsrc's colour bars, not a blank
    catalog = (site / "lectures/index.html").read_text(encoding="utf-8")
    card = catalog[catalog.index('data-id="guest"'):]
    card = card[:card.index("</li>")]
    assert 'src="../img/lectures/guest.webp"' in card and "2分钟" in card

    # read once: the next build takes length and frame from the cache, even without ffmpeg
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    again = mkdocs_build(lecture_project, tmp_path / "site2", quiet=False)
    assert again.returncode == 0, again.stderr
    assert "videos: 0 read, 1 from cache" in again.stderr and "未找到" not in again.stderr
    assert (tmp_path / "site2/img/lectures/guest.webp").read_bytes() == (site / "img/lectures/guest.webp").read_bytes()


def test_without_ffmpeg_the_build_goes_on(lecture_project: Path, tmp_path: Path, monkeypatch):
    """No ffprobe / ffmpeg on PATH and nothing cached: one line says what was skipped; the lecture
    keeps the drawn cover and shows no length; the build succeeds."""
    bare = tmp_path / "bin"
    bare.mkdir()
    monkeypatch.setenv("PATH", str(bare))
    site = tmp_path / "site"
    run = mkdocs_build(lecture_project, site, quiet=False)
    assert run.returncode == 0, run.stderr
    assert re.findall(r"INFO\s+-\s+honorboard: (未找到.*)", run.stderr) == [SKIPPED]
    guest = _lecture(site, "guest")
    assert "data-hb-poster" in guest and "poster=" not in guest.split("<video", 1)[1].split(">", 1)[0]
    assert not (site / "img/lectures/guest.webp").exists()
    assert "分钟" not in guest[guest.index("hb-meta"):guest.index("hb-player")]
    assert (site / "lectures/oath/subtitles.vtt").is_file()  # subtitles need no ffmpeg


def test_a_subtitle_file_broken_after_the_check_stops_the_build(lecture_project: Path, tmp_path: Path):
    """The build converts what is there now: a file saved as GBK since is a problem with its line."""
    (lecture_project / "data/media/oath.srt").write_bytes(SRT.replace("\ufeff", "").encode("gbk"))
    run = mkdocs_build(lecture_project, tmp_path / "site")
    assert run.returncode != 0
    line = len((lecture_project / "data/lectures/oath.yml").read_text(encoding="utf-8").splitlines())
    assert (f"data/lectures/oath.yml:{line}:12: subtitles：字幕文件 \"media/oath.srt\" 第 3 行起不是 UTF-8 编码"
            "（看起来是 GBK 编码）") in run.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_tools_get_no_option_from_a_file_name(tmp_path: Path):
    """ffprobe and ffmpeg are given ``file:/absolute/path``: a name starting with "-" or holding
    a protocol ("concat:") is a file name, never an option."""
    from honorboard.images import video

    if video.tools() is None:
        pytest.fail("ffmpeg 未安装（apt-get install ffmpeg），见 README")
    odd = tmp_path / "-i concat:x|y.mp4"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=2:size=64x36:rate=5",
                    "-pix_fmt", "yuv420p", "file:" + str(odd)], check=True, timeout=60)
    seconds, error = video.probe(shutil.which("ffprobe"), odd)
    assert error == "" and 1.5 < seconds < 2.5
    png, error = video.grab(shutil.which("ffmpeg"), odd, 0.2)
    assert error == "" and png.startswith(b"\x89PNG")
    missing, error = video.probe(shutil.which("ffprobe"), tmp_path / "-version")
    assert missing is None and error  # ffprobe looked for a file named "-version", found none
    assert os.listdir(tmp_path) == [odd.name]
