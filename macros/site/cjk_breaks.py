"""Join a paragraph's lines where both sides are Chinese, so a line break in the source is not a space on the page.

Markdown keeps a soft line break as a newline, and browsers (Chromium) show it as a space even between two
Chinese characters (CSS Text 3 says to drop it there; Chromium does not): 免登录，␣所有内容. Lines inside
fenced code blocks are left as they are.
"""

from __future__ import annotations

import re

# Han characters, CJK punctuation (、。「」《》…), full-width forms (，：；（）) and Chinese quotation marks
_WIDE = r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’]"
_BREAK = re.compile(rf"(?<={_WIDE})[ \t]*\n[ \t]*(?={_WIDE})")
_FENCE = re.compile(r"^[ \t]*(```|~~~)", re.MULTILINE)


def join_cjk_lines(markdown: str) -> str:
    """The Markdown with each soft line break between two wide (Chinese) characters removed, outside code fences."""
    parts = _FENCE.split(markdown)
    # split() with one group: text, fence marker, text, marker, ...; fenced text follows an odd marker
    out, inside = [], False
    for i, part in enumerate(parts):
        if i % 2 == 1:  # a fence marker
            inside = not inside
            out.append(part)
        else:
            out.append(part if inside else _BREAK.sub("", part))
    return "".join(out)
