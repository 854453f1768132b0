"""Sample flow files for the loader tests: the header every sample shares, and writing one to disk."""

from __future__ import annotations

import textwrap
from pathlib import Path

HEADER = """\
id: sample
title: 示例流程
kind: flowchart
category: organisation
source: 示例流程图
summary: 用来测试的流程。
basis:
  - title: 《中国共产党支部工作条例（试行）》
"""


def write(tmp_path: Path, text: str, name: str = "sample.yml") -> Path:
    """``text`` (dedented) as ``tmp_path/name``."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path
