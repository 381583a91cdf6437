"""A line break inside a Chinese paragraph is no space (Markdown would make it one: 发布。 发现)."""

from __future__ import annotations

from honorboard.site.markup import join_cjk_lines, render_markdown


def test_chinese_lines_join_without_a_space():
    assert render_markdown("选择会保存在本机浏览器里；\n下次打开仍然有效。") == "<p>选择会保存在本机浏览器里；下次打开仍然有效。</p>"
    assert render_markdown("“一窗通办”\n服务") == "<p>“一窗通办”服务</p>"


def test_what_is_not_one_paragraph_stays_apart():
    text = "## 标题\n正文第一行\n- 一项\n- 二项\n\n硬换行  \n下一行\n```\n代码一\n代码二\n```\nEnglish\nwords 中\nEnglish"
    assert join_cjk_lines(text) == text  # a heading, list items, a hard break, code, Latin at a line end
    assert render_markdown("中文\nEnglish") == "<p>中文\nEnglish</p>"
