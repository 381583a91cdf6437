"""Mistakes that live in bytes, not text: encodings, sizes, images, links."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from honorboard import load


def _lines(data_dir: Path) -> list[str]:
    return load(data_dir).lines(base=data_dir.parent)


BRANCH = "name: 第二党支部\nmembers:\n  - id: li-xiaofang\n    name: 李晓芳\n"


def test_gbk_file_names_the_encoding(data_dir: Path):
    """A file saved as GBK: one line, at the first bad byte, asking for UTF-8."""
    (data_dir / "branches/beta.yml").write_bytes(BRANCH.encode("gbk"))
    assert _lines(data_dir) == ["data/branches/beta.yml:1:7: 文件不是 UTF-8 编码（看起来是 GBK 编码）：请以 UTF-8 编码保存"]


def test_utf16_file(data_dir: Path):
    (data_dir / "branches/beta.yml").write_bytes(BRANCH.encode("utf-16"))
    assert _lines(data_dir) == ["data/branches/beta.yml:1:1: 文件不是 UTF-8 编码（看起来是 UTF-16 编码）：请以 UTF-8 编码保存"]


def test_utf8_bom_is_accepted(data_dir: Path):
    """Windows Notepad's BOM is harmless."""
    (data_dir / "branches/beta.yml").write_bytes(b"\xef\xbb\xbf" + BRANCH.encode("utf-8"))
    result = load(data_dir)
    assert result.problems == [] and result.site.branch("beta").name == "第二党支部"


def test_crlf_line_ends_keep_positions(data_dir: Path):
    (data_dir / "branches/beta.yml").write_bytes((BRANCH + "floor: 二楼\n").replace("\n", "\r\n").encode())
    assert _lines(data_dir) == ['data/branches/beta.yml:5:8: floor 应为整数，实际为 "二楼"']


def test_oversize_file(data_dir: Path):
    (data_dir / "branches/beta.yml").write_bytes(BRANCH.encode() + b"# " + b"x" * (2 * 1024 * 1024))
    assert _lines(data_dir) == ["data/branches/beta.yml:1:1: 文件过大（2.0 MB），数据文件上限为 2 MB"]


def test_control_character(data_dir: Path):
    (data_dir / "branches/beta.yml").write_text(BRANCH.replace("李晓芳", "李\x07晓芳"), encoding="utf-8")
    assert _lines(data_dir) == ["data/branches/beta.yml:4:12: 文件中有不允许的控制字符 U+0007：请删除"]


def test_decompression_bomb_is_an_error_not_a_crash(data_dir: Path):
    """A 20,000×20,000 PNG is tiny on disk but 400 MP decoded: refused by its header."""
    Image.new("1", (20000, 20000)).save(data_dir / "media/bomb.png")
    text = (data_dir / "branches/alpha.yml").read_text(encoding="utf-8")
    (data_dir / "branches/alpha.yml").write_text(text.replace("media/jiang-hua.jpg", "media/bomb.png"), encoding="utf-8")
    assert _lines(data_dir) == [
        'data/branches/alpha.yml:26:12: photo：图片 "media/bomb.png" 有 20000×20000 像素，超过上限 1.2 亿像素（可能是解压炸弹）'
    ]


def test_truncated_png_header(data_dir: Path):
    raw = (data_dir / "media/emblem.png").read_bytes()
    (data_dir / "media/emblem.png").write_bytes(raw[:20])
    lines = _lines(data_dir)
    assert len(lines) == 1 and lines[0].startswith('data/branches/alpha.yml:17:11: brand.emblem："media/emblem.png" 不是可以打开的图片')


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_symlink_leaving_data_dir(data_dir: Path, tmp_path: Path):
    """A link inside data/ that points outside is outside, whatever its name says."""
    Image.new("RGB", (10, 10)).save(tmp_path / "secret.png")
    (data_dir / "media/link.png").symlink_to(tmp_path / "secret.png")
    text = (data_dir / "branches/alpha.yml").read_text(encoding="utf-8")
    (data_dir / "branches/alpha.yml").write_text(text.replace("media/emblem.png", "media/link.png"), encoding="utf-8")
    assert _lines(data_dir) == ['data/branches/alpha.yml:17:11: brand.emblem：路径 "media/link.png" 指向了 data/ 目录之外']


def test_same_id_as_yml_and_yaml(data_dir: Path):
    (data_dir / "branches/beta.yaml").write_text(BRANCH, encoding="utf-8")
    assert _lines(data_dir) == ["data/branches/beta.yml:1:1: beta.yml 与 data/branches/beta.yaml 第 1 行的文件重复：同一个 id 只能有一个文件"]


def test_many_files_many_problems_all_reported_in_order(data_dir: Path):
    """One run lists every problem of every file, sorted by file then line."""
    (data_dir / "branches/beta.yml").write_text(BRANCH + "floor: 二楼\nslogn: x\n", encoding="utf-8")
    (data_dir / "stars/2024-06.yml").write_text("awards:\n  - member: jiang-hu\n    stars: 9\n", encoding="utf-8")
    (data_dir / "lectures/bad.yml").write_text("title: x\n", encoding="utf-8")
    lines = _lines(data_dir)
    files = [line.split(":")[0] for line in lines]
    assert files == sorted(files)
    assert len(lines) >= 7
    assert 'data/stars/2024-06.yml:2:13: 党员 "jiang-hu" 不存在（是否为 "jiang-hua"？）' in lines
    assert "data/branches/beta.yml:6:1: 未知字段 slogn" in lines


def test_unreadable_file(data_dir: Path):
    """A dangling link where a data file should be: named, not a traceback."""
    (data_dir / "branches/gone.yml").symlink_to(data_dir / "nowhere.yml")
    assert _lines(data_dir) == ["data/branches/gone.yml:1:1: 无法读取文件：No such file or directory"]


SECRET = "ci-token: SECRET-0123456789\n"


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
@pytest.mark.parametrize("where", ["branches/evil.yml", "stars/2024-06.yml", "lectures/evil.yaml", "screens/evil.yml"])
def test_yaml_link_out_of_data_is_never_read(data_dir: Path, tmp_path: Path, where: str, capsys):
    """A data file that links out of data/ (to a CI secret): a Chinese line at the file, none of its bytes."""
    secret = tmp_path / "secret.yml"
    secret.write_text(SECRET, encoding="utf-8")
    (data_dir / where).symlink_to(secret)
    lines = _lines(data_dir)
    assert lines == [f"data/{where}:1:1: 此文件是指向 data/ 目录之外的链接：为安全起见不会读取其中的内容；请把真实的文件放进 data/"]
    assert "SECRET" not in "\n".join(lines)


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_folder_link_out_of_data_is_never_walked(data_dir: Path, tmp_path: Path):
    """A linked folder leading out of data/ is named; a linked folder inside data/ is read once."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.yml").write_text(SECRET, encoding="utf-8")
    (data_dir / "lectures/more").symlink_to(outside, target_is_directory=True)
    (data_dir / "loop").symlink_to(data_dir, target_is_directory=True)  # a link back into data/ itself
    lines = _lines(data_dir)
    assert lines == ["data/lectures/more:1:1: 此文件夹是指向 data/ 目录之外的链接：为安全起见不会读取其中的内容；请把真实的文件夹放进 data/"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_fifo_instead_of_a_file_does_not_block(data_dir: Path):
    """A named pipe where a data file should be would block a reader for ever: refused unread."""
    os.mkfifo(data_dir / "branches/pipe.yml")
    assert _lines(data_dir) == ["data/branches/pipe.yml:1:1: 这不是普通文件（管道、设备或套接字）：请放入真正的 YAML 文件"]


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_media_link_plus_dotdot_is_checked_and_published_as_one_path(data_dir: Path):
    """media/lnk/../../../x.jpg through a linked folder: the file that is checked is the file the site uses."""
    deep = data_dir / "media/deep/er"
    deep.mkdir(parents=True)
    (data_dir / "media/lnk").symlink_to("deep/er", target_is_directory=True)
    Image.new("RGB", (30, 40), "#A8071A").save(data_dir / "x.jpg")
    text = (data_dir / "branches/alpha.yml").read_text(encoding="utf-8")
    (data_dir / "branches/alpha.yml").write_text(
        text.replace("photo: media/jiang-hua.jpg", "photo: media/lnk/../../../x.jpg"), encoding="utf-8")
    result = load(data_dir)
    assert result.errors == []
    photo = result.site.members["jiang-hua"].photo
    assert photo == "x.jpg"  # resolved: data/x.jpg, not the lexical "../x.jpg" above data/
    assert (data_dir / photo).resolve() == (data_dir / "x.jpg").resolve()
