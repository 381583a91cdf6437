"""Subtitle files: SubRip and WebVTT as people hand them in, published as plain WebVTT; the ones
that cannot be published are refused by the check, naming the line of the subtitle file."""

from __future__ import annotations

from pathlib import Path

import pytest

from honorboard import load
from honorboard.data import subtitles
from honorboard.data.problems import Problem

CUE = "00:00:01.000 --> 00:00:04.000"


@pytest.mark.parametrize("given, suffix, expected", [
    # Windows Notepad: BOM and CRLF; SubRip's comma and numbered cues
    ("\ufeff1\r\n00:00:01,000 --> 00:00:04,000\r\n同志们好\r\n\r\n2\r\n00:00:05,500 --> 00:00:07,250\r\n今天讲\r\n入党誓词\r\n",
     ".srt", f"WEBVTT\n\n{CUE}\n同志们好\n\n00:00:05.500 --> 00:00:07.250\n今天讲\n入党誓词\n"),
    # old Mac line ends, one-digit hours, short milliseconds, a cue without its number, blank lines around
    ("\r\r1\r0:00:01,5 --> 0:00:04,25\r甲\r\r00:01:02,000 --> 01:00:00,000\r乙\r\r\r",
     ".srt", "WEBVTT\n\n00:00:01.500 --> 00:00:04.250\n甲\n\n00:01:02.000 --> 01:00:00.000\n乙\n"),
    # SubRip's markup and ASS codes go, the words stay; what looks like markup but is text is escaped
    ('1\n00:00:01,000 --> 00:00:04,000 X1:10 X2:20\n{\\an8}<i>重要</i>的<font color="red">事</font>\n'
     "<script>alert(1)</script>a < b & c > d\n&lt;b&gt; 字面\n",
     ".srt", f"WEBVTT\n\n{CUE}\n重要的事\nalert(1)a &lt; b &amp; c &gt; d\n&lt;b&gt; 字面\n"),
    # WebVTT: header text, NOTE, STYLE (CSS could fetch from elsewhere) and REGION dropped; ids dropped;
    # placement settings kept, a region setting dropped; voice and class tags removed
    ("WEBVTT - 八路军120师\nKind: captions\n\nSTYLE\n::cue { background: url(http://evil.example/x.png) }\n\n"
     "REGION\nid:r1\n\nNOTE 校对：王芳\n\nintro\n00:01.000 --> 00:04.000 align:start line:0 region:r1 position:10%\n"
     "<v 主讲人>同志们好</v> <c.yellow>今天</c><00:00:02.000>开讲\n\n"
     "2\n00:00:05.000 --> 00:00:06.000\n&amp;&nbsp;完\n",
     ".vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000 align:start line:0 position:10%\n同志们好 今天开讲\n\n"
             "00:00:05.000 --> 00:00:06.000\n&amp;\u00a0完\n"),
    # a cue left with no text at all is kept as an empty cue (its timing is harmless)
    ("1\n00:00:01,000 --> 00:00:04,000\n<i></i>\n", ".srt", f"WEBVTT\n\n{CUE}\n"),
])
def test_converted_to_plain_webvtt(given: str, suffix: str, expected: str):
    assert subtitles.to_webvtt(subtitles.parse(given.encode("utf-8"), suffix)) == expected


def test_published_text_has_no_markup_left():
    """Whatever the cue held, the WebVTT a browser gets has no tag in it."""
    hostile = "1\n00:00:01,000 --> 00:00:02,000\n<img src=x onerror=alert(1)><<b>>x</b>\n<c.a>y</c>&lt;i&gt;z\n"
    out = subtitles.to_webvtt(subtitles.parse(hostile.encode(), ".srt"))
    text = out.split("\n", 3)[3]
    assert "<" not in text and ">" not in text.replace("&gt;", "")


BAD = [
    ("gbk.srt", "1\n00:00:01,000 --> 00:00:04,000\n".encode() + "入党誓词".encode("gbk") + b"\n",
     '字幕文件 "media/gbk.srt" 第 3 行起不是 UTF-8 编码（看起来是 GBK 编码）：请用记事本等打开，“另存为”时选择 UTF-8 编码'),
    ("utf16.srt", "1\n00:00:01,000 --> 00:00:04,000\n誓词\n".encode("utf-16"),
     '字幕文件 "media/utf16.srt" 第 1 行起不是 UTF-8 编码（看起来是 UTF-16 编码）：请用记事本等打开，“另存为”时选择 UTF-8 编码'),
    ("noheader.vtt", "\ufeff00:00:01.000 --> 00:00:04.000\n誓词\n".encode(),
     '字幕文件 "media/noheader.vtt" 第 1 行应为 WEBVTT（WebVTT 字幕的开头），实际为 "00:00:01.000 --> 00:00:04.000"；SubRip 字幕请用 .srt 扩展名'),
    ("timing.srt", "1\n00:00:01,000 --> 00:00:04,000\n甲\n\n2\n00:00:05 --> 00:00:06\n乙\n".encode(),
     '字幕文件 "media/timing.srt" 第 6 行应为时间轴，如 00:00:01,000 --> 00:00:04,000，实际为 "00:00:05 --> 00:00:06"'),
    ("nocue.srt", "1\n甲\n".encode(),
     '字幕文件 "media/nocue.srt" 第 2 行应为时间轴，如 00:00:01,000 --> 00:00:04,000，实际为 "甲"'),
    ("minutes.vtt", "WEBVTT\n\nid\n00:61.000 --> 01:02.000\n甲\n".encode(),
     '字幕文件 "media/minutes.vtt" 第 4 行应为时间轴，如 00:00:01.000 --> 00:00:04.000，实际为 "00:61.000 --> 01:02.000"'),
    ("order.vtt", "WEBVTT\r\n\r\nNOTE 甲\r\n\r\n00:00:09.000 --> 00:00:04.000\r\n甲\r\n".encode(),
     '字幕文件 "media/order.vtt" 第 5 行的结束时间 00:00:04.000 早于开始时间 00:00:09.000'),
    ("empty.vtt", "WEBVTT\n\nNOTE 还没有字幕\n".encode(), '字幕文件 "media/empty.vtt" 中没有任何一条字幕'),
    ("blank.srt", b"\r\n\r\n", '字幕文件 "media/blank.srt" 中没有任何一条字幕'),
]


@pytest.mark.parametrize("name, content, message", BAD, ids=[b[0] for b in BAD])
def test_check_names_the_subtitle_files_line(data_dir: Path, name: str, content: bytes, message: str):
    """`check` points at the subtitles: field (file:line:col of the data file) and says which
    line of the subtitle file is wrong; nothing is built."""
    (data_dir / "media" / name).write_bytes(content)
    lecture = data_dir / "lectures" / "oath.yml"
    lecture.write_text(lecture.read_text(encoding="utf-8") + f"subtitles: media/{name}\n", encoding="utf-8")
    line = len(lecture.read_text(encoding="utf-8").splitlines())
    result = load(data_dir)
    assert result.lines(base=data_dir.parent) == [f"data/lectures/oath.yml:{line}:12: subtitles：{message}"]
    assert result.site is None


def test_wrong_kind_of_file_and_size(data_dir: Path):
    (data_dir / "media" / "oath.txt").write_text("誓词", encoding="utf-8")
    (data_dir / "media" / "big.srt").write_bytes(b"1\n00:00:01,000 --> 00:00:02,000\n" + b"a" * subtitles.MAX_BYTES)
    lecture = data_dir / "lectures" / "oath.yml"
    edit_in = "views: 7900\n"
    lecture.write_text(lecture.read_text(encoding="utf-8").replace(edit_in, edit_in + "subtitles: media/oath.txt\n"),
                       encoding="utf-8")
    guest = data_dir / "lectures" / "guest.yml"
    guest.write_text(guest.read_text(encoding="utf-8") + "subtitles: media/big.srt\n", encoding="utf-8")
    got = load(data_dir).lines(base=data_dir.parent)
    assert got == [
        'data/lectures/guest.yml:6:12: subtitles：字幕文件 "media/big.srt" 过大（5.0 MB），上限为 5 MB',
        'data/lectures/oath.yml:12:12: subtitles："media/oath.txt" 的类型不对，应为 字幕文件（WebVTT/SubRip）（.srt、.vtt）',
    ]


def test_a_folder_named_like_subtitles_is_unreadable(tmp_path: Path):
    folder = tmp_path / "odd.srt"
    folder.mkdir()
    code, ctx = subtitles.problem(folder)
    message = Problem(code, None, field="subtitles", found='"media/odd.srt"', **ctx).message
    assert message.startswith('subtitles：字幕文件 "media/odd.srt" 无法读取：')


def test_a_kept_check_sees_the_subtitle_file_change(data_dir: Path, tmp_path: Path, monkeypatch):
    """`check` keeps each data file's reading on disk; a subtitle file saved since (the YAML
    untouched) is read again, both ways."""
    from honorboard.build import check

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    srt = data_dir / "media" / "oath.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:04,000\n誓词\n", encoding="utf-8")
    lecture = data_dir / "lectures" / "oath.yml"
    lecture.write_text(lecture.read_text(encoding="utf-8") + "subtitles: media/oath.srt\n", encoding="utf-8")
    assert check(data_dir).errors == []
    srt.write_bytes("1\n00:00:01,000 --> 00:00:04,000\n".encode() + "誓词".encode("gbk") + b"\n")
    assert [p.code for p in check(data_dir).errors] == ["media.subtitles_encoding"]
    srt.write_text("1\n00:00:01,000 --> 00:00:04,000\n誓词\n", encoding="utf-8")
    assert check(data_dir).errors == []
    srt.unlink()
    assert [p.code for p in check(data_dir).errors] == ["media.missing"]
