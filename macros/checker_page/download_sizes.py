"""What a checker page downloads beyond an ordinary page: its files, their bytes as sent and raw, as page text.

"Sent" is what the hosting guide's servers send (gzip level 6 for text and .wasm,
macros/checker_page/transfer_size.py); "raw" is what a server without compression sends. The widget states the
total while the runtime loads and the hosting guide shows the table, both from the files of this
build, so the figures follow a Pyodide upgrade by themselves. ``bench/page_bytes.py`` compares the
total with what a browser really moved.
"""

from __future__ import annotations

import functools
import pathlib

from macros import config
from macros.checker_page import runtime_assets, transfer_size
from macros.settings import DEFAULTS

REPO = config.ROOT
ASSETS = config.DOCS_DIR
MB = 1_000_000


def files() -> dict[str, bytes]:
    """Site path → content of every file a checker page loads beyond an ordinary page.

    The runtime and the checkers zip (``runtime_assets.runtime_files``), the worker and the modules
    it imports, the widget's modules, its classic fallback script and its stylesheet."""
    out: dict[str, bytes] = {}
    for path, source in runtime_assets.runtime_files(REPO).items():
        out[path] = source if isinstance(source, bytes) else source.read_bytes()
    widget = [*runtime_assets.WIDGET_MODULES, runtime_assets.WIDGET_FALLBACK, runtime_assets.WIDGET_STYLE]
    for path in [*runtime_assets.worker_modules(), *widget]:
        out[path] = (ASSETS / path).read_bytes()
    return out


@functools.cache
def sizes(cache_dir: pathlib.Path = DEFAULTS.cache_dir) -> dict[str, tuple[int, int]]:
    """Site path → (sent, raw) bytes; gzip sizes are kept in ``cache_dir``."""
    return {path: (transfer_size.sent_bytes(path, data, cache_dir), len(data)) for path, data in files().items()}


def total(cache_dir: pathlib.Path = DEFAULTS.cache_dir) -> tuple[int, int]:
    """(sent, raw) bytes of all of them."""
    table = sizes(cache_dir).values()
    return sum(sent for sent, _ in table), sum(raw for _, raw in table)


def megabytes(count: int) -> str:
    """6460070 → "6.5 MB", 260107 → "0.26 MB" (decimal megabytes; the widget writes one decimal)."""
    return f"{count / MB:.1f} MB" if count >= MB else f"{count / MB:.2f} MB"


def table_markdown(cache_dir: pathlib.Path = DEFAULTS.cache_dir) -> str:
    """The hosting guide's table: the runtime's large files one a row, the rest together, then the total."""
    rows: list[tuple[str, int, int]] = []
    rest: list = [0, 0, []]
    for path, (sent, raw) in sorted(sizes(cache_dir).items(), key=lambda item: -item[1][1]):
        name = path.rsplit("/", 1)[-1]
        if raw >= MB:
            rows.append((f"`{name}`", sent, raw))
        else:
            rest[0] += sent
            rest[1] += raw
            rest[2].append(f"`{name}`")
    names = rest[2]
    rows.append((f"其余 {len(names)} 个文件（{'、'.join(names[:3])} 等）", rest[0], rest[1]))
    lines = ["| 文件 | 大小 | 按本指南压缩后 |", "|---|---|---|"]
    for label, sent, raw in rows:
        same = "（已压缩，不再压缩）" if sent == raw else ""
        lines.append(f"| {label} | {megabytes(raw)} | {megabytes(sent)}{same} |")
    sent, raw = total(cache_dir)
    lines.append(f"| **合计** | **{megabytes(raw)}** | **{megabytes(sent)}** |")
    return "\n".join(lines)
