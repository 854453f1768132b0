"""``.gz`` and ``.br`` beside every large static file of the built site, made once at build time.

A server set up as the hosting guide says (nginx ``gzip_static`` and, with Debian's
``libnginx-mod-http-brotli-static``, ``brotli_static``; Apache's rewrite rules) sends these instead
of compressing each response itself: so they can use the slowest, best settings — gzip level 9 and
Brotli quality 11 — at no cost per request. A server without those modules sends the plain file
(compressed on the fly as before).

Which files: ``transfer_size.precompressed`` (the types the guide's servers compress and the checker
runtime's two zips, the compiled standard library and the checkers, whose members are stored not
deflated, from 4 KB up); a copy is kept only where it saves at least a tenth. The bytes depend on the file's content alone (gzip with no name and time 0), so cold and warm
builds match; each result is cached in ``<cache_dir>/precompressed/`` under the file's hash, because
Brotli 11 takes minutes on the runtime's .wasm. The offline copy (opened from disk) gets none.
"""

from __future__ import annotations

from pathlib import Path

from macros.checker_page import transfer_size


def precompress_site(site_dir: Path, cache_dir: Path, skip: tuple[str, ...] = ()) -> tuple[int, int]:
    """Write ``<file>.gz`` and ``<file>.br`` beside each file under ``site_dir`` that
    ``transfer_size.precompressed`` names (sorted walk; folders named in ``skip`` at the top are left
    alone: another edition's). Returns (files written, their bytes)."""
    site_dir = Path(site_dir)
    count = written = 0
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir)
        if rel.parts[0] in skip or path.suffix in (".gz", ".br") or not path.is_file():
            continue
        if not transfer_size.precompressed(path.name, path.stat().st_size):
            continue
        data = path.read_bytes()
        for kind in ("gz", "br"):
            target = path.with_name(f"{path.name}.{kind}")
            out = transfer_size.compressed(kind, data, cache_dir)
            if transfer_size.worth_keeping(out, data):
                target.write_bytes(out)
                count += 1
                written += len(out)
            elif target.exists():
                target.unlink()
    return count, written
