"""Bytes a file costs to send when the server is set up as docs/hosting.md says.

The build writes ``x.gz`` (gzip level 9) and ``x.br`` (Brotli 11) beside every file that
``precompressed`` names (``macros/site/precompress.py``), and the guide's servers send those:
nginx's ``gzip_static`` (and ``brotli_static`` with Debian's module), Apache's rewrite rules. The
rest of the compressible types they compress per request at level 6 (zlib's default, which
Apache's mod_deflate uses), from ``MIN_LENGTH`` up; other files (images, already compressed) go as
they are. ``encoding``: "gzip" (any browser, plain HTTP) or "br" (browsers ask
for it over HTTPS; gzip level 6 for what has no ``.br``). ``bench/page_bytes.py`` counts a visit with
the same rule, and the checker widget states its first download from it (gzip).
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import brotli

COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".webmanifest", ".xml")
LEVEL = 6  # gzip_comp_level in docs/hosting/nginx-zhibu-location.conf
MIN_LENGTH = 1024  # gzip_min_length there
# Precompressed at build time: these types and the two zips of the checker runtime, whose members
# are stored (stdlib_zip.py, runtime_assets.checkers_zip), from PRECOMPRESS_MIN bytes up, where a
# copy saves at least a tenth.
PRECOMPRESS_NAMES = ("python_stdlib.zip", "checkers.zip")
PRECOMPRESS_MIN = 4096
GZIP_LEVEL = 9
BROTLI_QUALITY = 11


def precompressed(name: str, size: int) -> bool:
    """Whether the build writes .gz and .br beside a file of this name and size (if they save enough)."""
    base = name.rsplit("/", 1)[-1]
    return size >= PRECOMPRESS_MIN and (base.endswith(COMPRESSED) or base in PRECOMPRESS_NAMES)


def compressed(kind: str, data: bytes, cache_dir: Path | None) -> bytes:
    """``data`` gzipped at level 9 with no name and time 0 (``kind`` "gz") or Brotli 11 ("br"): the
    same bytes for the same data. Kept in ``cache_dir/precompressed/`` under the data's hash, checked
    by their own hash before use (Brotli 11 takes minutes on the runtime's .wasm)."""
    entry = check = None
    if cache_dir is not None:
        entry = Path(cache_dir) / "precompressed" / f"{hashlib.sha256(data).hexdigest()}.{kind}"
        check = entry.with_name(entry.name + ".sha256")
        if entry.is_file() and check.is_file():
            out = entry.read_bytes()
            if hashlib.sha256(out).hexdigest() == check.read_text(encoding="ascii").strip():
                return out
    if kind == "gz":
        out = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
    else:
        out = brotli.compress(data, quality=BROTLI_QUALITY)
    if entry is not None and check is not None:
        entry.parent.mkdir(parents=True, exist_ok=True)
        part = entry.with_name(f"{entry.name}.{os.getpid()}.part")
        part.write_bytes(out)
        os.replace(part, entry)  # a build running at the same time never reads half an entry
        check.write_text(hashlib.sha256(out).hexdigest() + "\n", encoding="ascii")
    return out


def worth_keeping(out: bytes, data: bytes) -> bool:
    return len(out) <= len(data) * 0.9


def is_compressed(name: str) -> bool:
    """Whether the guide's servers gzip a file of this name (an address ending in / is a page)."""
    return name.endswith("/") or name.endswith(COMPRESSED)


def sent_bytes(name: str, data: bytes, cache_dir: Path | None = None, encoding: str = "gzip") -> int:
    """Bytes on the wire for ``data`` served under ``name`` to a browser accepting ``encoding``
    ("gzip" or "br"); sizes are kept in ``cache_dir``."""
    if precompressed(name, len(data)):
        for kind in ("br", "gz") if encoding == "br" else ("gz",):
            out = compressed(kind, data, cache_dir)
            if worth_keeping(out, data):
                return len(out)
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
