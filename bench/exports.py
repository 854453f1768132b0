"""Benchmark: what the downloads (PNG, PDF, posters, tiles, slides) add to a build, cold and warm.

Usage: .venv/bin/python bench/exports.py [--full]   (prints figures; not a test)

Cold is an empty cache (a fresh clone, CI): every flow's downloads are rendered. Warm is the same
cache again (every rebuild after the first, the dev server). CPU time includes the dot processes,
so the wall time on a busy machine can be compared with what the work costs. --full also times two
whole `mkdocs build`s with a warm cache, with and without the downloads (ZHIBU_EXPORTS=0).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from macros.build import load_valid_site
from macros.exports import export_files

REPO = Path(__file__).resolve().parent.parent


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(flows, cache: Path) -> tuple[float, float, dict]:
    wall, used = time.perf_counter(), cpu()
    assets, _ = export_files(flows, None, None, cache)
    return time.perf_counter() - wall, cpu() - used, assets


def build(tmp: str, exports: str) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZHIBU_EXPORTS=exports)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", tmp], cwd=REPO, env=env, check=True, capture_output=True
    )
    return time.perf_counter() - start


def main() -> None:
    site = load_valid_site()
    print(
        f"{len(site.flows)} flows, {sum(f.kind == 'flowchart' for f in site.flows)} flowcharts, {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory() as tmp:
        wall, used, assets = timed(site.flows, Path(tmp))
        size = sum(p.stat().st_size for p in assets.values())
        print(f"cold: {wall:6.1f} s wall, {used:6.1f} s CPU  ({len(assets)} files, {size / 1e6:.1f} MB)")
        wall, used, _ = timed(site.flows, Path(tmp))
        print(f"warm: {wall:6.2f} s wall, {used:6.2f} s CPU")
    if "--full" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            build(tmp, "1")  # fill the cache
            with_exports, without = build(tmp, "1"), build(tmp, "0")
        print(f"mkdocs build, warm cache: {with_exports:.1f} s with downloads, {without:.1f} s without")


if __name__ == "__main__":
    main()
