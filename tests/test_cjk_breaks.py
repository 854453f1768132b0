"""Source line breaks inside Chinese paragraphs are not spaces on the page."""

from __future__ import annotations

from macros.site.cjk_breaks import join_cjk_lines


def test_a_line_break_between_chinese_characters_is_not_a_space():
    """Seen on the home page at 390 px: 免登录，␣所有内容 (the source paragraph is wrapped there)."""
    text = "免费、免登录，\n所有内容\n\n- 列表\n  继续\n```\n代码，\n代码\n```\n外面，\n里面\nEnglish\nline 和\n中文"
    assert (
        join_cjk_lines(text)
        == "免费、免登录，所有内容\n\n- 列表继续\n```\n代码，\n代码\n```\n外面，里面\nEnglish\nline 和中文"
    )
