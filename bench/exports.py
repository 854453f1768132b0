"""Benchmark: what the downloads (PNG, PDF, posters, tiles, slides) add to a build, cold and warm.

Usage: .venv/bin/python bench/exports.py [--full]   (prints figures; not a test)

Cold is an empty cache (a fresh clone, CI): every flow's downloads are rendered. Warm is the same
cache again (every rebuild after the first, the dev server). Each script's downloads are timed on
their own: 简体, then 繁體 (made from the converted flows, the same cache). CPU time includes the dot
processes, so the wall time on a busy machine can be compared with what the work costs. --full also
times whole `mkdocs build`s of each edition with a warm cache, with and without the downloads
(ZHIBU_EXPORTS=0), and the 繁體 half of `make offline`.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from macros.editions.script_variant import HANT
from macros.exports.exports import export_files
from macros.site.build import load_valid_site

REPO = Path(__file__).resolve().parent.parent


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(flows, cache: Path, script: str | None) -> tuple[float, float, dict]:
    wall, used = time.perf_counter(), cpu()
    assets, _ = export_files(flows, None, None, cache, script)
    return time.perf_counter() - wall, cpu() - used, assets


def build(tmp: str, exports: str, config: str = "mkdocs.yml") -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZHIBU_EXPORTS=exports)
    env["ZHIBU_CACHE_DIR"] = str(Path(tmp) / "cache")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(Path(tmp) / "site")],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def main() -> None:
    site = load_valid_site()
    print(
        f"{len(site.flows)} flows, {sum(f.kind == 'flowchart' for f in site.flows)} flowcharts, {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for name, script in (("简体", None), ("繁體", HANT)):
            wall, used, assets = timed(site.flows, Path(tmp), script)
            size = sum(p.stat().st_size for p in assets.values())
            print(
                f"{name} cold: {wall:6.1f} s wall, {used:6.1f} s CPU  ({len(assets)} files, {size / 1e6:.1f} MB; {load()})"
            )
            wall, used, _ = timed(site.flows, Path(tmp), script)
            print(f"{name} warm: {wall:6.2f} s wall, {used:6.2f} s CPU  ({load()})")
    if "--full" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            for name, config in (("简体", "mkdocs.yml"), ("繁體", "mkdocs.hant.yml")):
                build(tmp, "1", config)  # fill the cache
                with_exports, without = build(tmp, "1", config), build(tmp, "0", config)
                print(
                    f"mkdocs build {name}, warm cache: {with_exports:.1f} s with downloads, {without:.1f} s without ({load()})"
                )
            offline = build(tmp, "0", "mkdocs.offline.hant.yml")
            print(f"make offline, its 繁體 half (mkdocs.offline.hant.yml): {offline:.1f} s ({load()})")


if __name__ == "__main__":
    main()
