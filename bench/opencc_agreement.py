"""Which OpenCC configuration reads like the source's own Traditional text: prints the agreement of each.

The source (source/000_*.txt) is Traditional; source/seed-zh-Hans.txt is the same text line for line in
Simplified. Each configuration converts the seed back; the figure is the share of Han characters that
equal the source's at the same place (lines of equal length; lines of other lengths compared with
difflib), and the words where it differs most often.

    .venv/bin/python bench/opencc_agreement.py
"""

from __future__ import annotations

import collections
import difflib
import pathlib
import re

import opencc

REPO = pathlib.Path(__file__).resolve().parent.parent
HAN = re.compile(r"\p{Han}" if False else r"[\u3400-\u9fff]")
CONFIGS = ["s2t", "s2tw", "s2hk", "s2twp"]


def main() -> None:
    source = next((REPO / "source").glob("000_*.txt")).read_text(encoding="utf-8").splitlines()
    seed = (REPO / "source" / "seed-zh-Hans.txt").read_text(encoding="utf-8").splitlines()
    for name in CONFIGS:
        conv = opencc.OpenCC(name)
        same = total = 0
        misses: collections.Counter[str] = collections.Counter()
        for want, simp in zip(source, seed):
            got = conv.convert(simp)
            if len(got) == len(want):
                for a, b in zip(got, want):
                    if HAN.match(b):
                        total += 1
                        same += a == b
                        if a != b:
                            misses[f"{b}→{a}"] += 1
            else:
                matcher = difflib.SequenceMatcher(None, got, want, autojunk=False)
                han = sum(1 for ch in want if HAN.match(ch))
                total += han
                same += sum(
                    sum(1 for ch in want[m.b : m.b + m.size] if HAN.match(ch)) for m in matcher.get_matching_blocks()
                )
        top = ", ".join(f"{k} ×{v}" for k, v in misses.most_common(6))
        print(f"{name:6s} {same / total:.2%} of {total:,} Han characters as the source writes them; most often: {top}")


if __name__ == "__main__":
    main()
