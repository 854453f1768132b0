"""Wrap Chinese labels into balanced lines by display width (a Han character is one em)."""

from __future__ import annotations

import math
import re
import unicodedata

# Punctuation that must not start a line, and that must not end one.
NO_LINE_START = set("，。、；：？！）》」』”’】〕…—,.;:?!)]}%")
NO_LINE_END = set("（《「『“‘【〔([{")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.%/+\-]*|\s+|.", re.S)


def char_width(ch: str) -> float:
    """Display width in em: wide and full-width characters 1, others 0.5."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.5


def text_width(text: str) -> float:
    return sum(char_width(c) for c in text)


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: a Han character, a Latin word or number, with punctuation glued on."""
    # keep single spaces between Latin words as part of the previous token
    tokens: list[str] = []
    for piece in _TOKEN.findall(text):
        if piece.isspace():
            if tokens:
                tokens[-1] += " "
            continue
        if tokens and (piece[0] in NO_LINE_START or tokens[-1][-1] in NO_LINE_END):
            tokens[-1] += piece
        else:
            tokens.append(piece)
    return tokens


def _fill(tokens: list[str], width: float) -> list[str]:
    lines, current = [], ""
    for tok in tokens:
        if current and text_width(current + tok.rstrip()) > width:
            lines.append(current.rstrip())
            current = ""
        current += tok
    if current.strip():
        lines.append(current.rstrip())
    return lines


def wrap(text: str, width: float) -> list[str]:
    """Split text into as few lines as fit `width`, of balanced length (no 1–2 character orphan)."""
    text = " ".join(text.split())
    if not text:
        return [""]
    tokens = _tokens(text)
    total = text_width(text)
    if total <= width:
        return [text]
    n_lines = len(_fill(tokens, width))
    target = math.ceil(total / n_lines * 2) / 2
    while target < width:
        lines = _fill(tokens, target)
        if len(lines) <= n_lines:
            return lines
        target += 0.5
    return _fill(tokens, width)
