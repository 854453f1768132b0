"""Bytes a file costs to send when the server is set up as docs/hosting.md says (gzip level 6 for text and .wasm).

The guide's nginx and Apache compress these types at level 6 (zlib's default, which Apache's
mod_deflate uses) and leave the rest (images, ``python_stdlib.zip``, already compressed) as they
are; nginx skips files under ``gzip_min_length``. ``bench/page_bytes.py`` counts a visit with the
same rule, and the checker widget states its first download from it.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".webmanifest", ".xml")
LEVEL = 6  # gzip_comp_level in docs/hosting/nginx-zhibu-location.conf
MIN_LENGTH = 1024  # gzip_min_length there


def is_compressed(name: str) -> bool:
    """Whether the guide's servers gzip a file of this name (an address ending in / is a page)."""
    return name.endswith("/") or name.endswith(COMPRESSED)


def sent_bytes(name: str, data: bytes, cache_dir: Path | None = None) -> int:
    """Bytes on the wire for ``data`` served under ``name``; gzip sizes are kept in ``cache_dir/gzip/``."""
    if not is_compressed(name) or len(data) < MIN_LENGTH:
        return len(data)
    entry = cache_dir / "gzip" / hashlib.sha256(data).hexdigest() if cache_dir else None
    if entry is not None and entry.is_file():
        text = entry.read_text(encoding="ascii", errors="replace").strip()
        if text.isdigit():
            return int(text)
    size = len(gzip.compress(data, compresslevel=LEVEL, mtime=0))
    if entry is not None:
        entry.parent.mkdir(parents=True, exist_ok=True)
        part = entry.with_name(f"{entry.name}.{os.getpid()}.part")
        part.write_text(str(size), encoding="ascii")
        os.replace(part, entry)  # a build running at the same time never reads half an entry
    return size
