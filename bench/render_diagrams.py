"""Benchmark: time to render every diagram with Graphviz, cold (empty cache) and warm (cached).

Usage: .venv/bin/python bench/render_diagrams.py   (prints figures; not a test)
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from macros.render.svg_render import render_all
from macros.settings import Settings
from macros.site.build import load_valid_site


def timed(flows, cache: Path) -> float:
    start = time.perf_counter()
    render_all(flows, Settings(cache_dir=cache))
    return time.perf_counter() - start


def main() -> None:
    site = load_valid_site()
    nodes = sum(1 for f in site.flows for _ in f.nodes())
    cold, warm = [], []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            cold.append(timed(site.flows, Path(tmp)))
            warm.append(timed(site.flows, Path(tmp)))
    print(f"flows: {len(site.flows)}, nodes: {nodes}")
    print(
        f"render all, cold cache: median {statistics.median(cold) * 1000:.0f} ms "
        f"(runs: {', '.join(f'{t * 1000:.0f}' for t in cold)})"
    )
    print(
        f"render all, warm cache: median {statistics.median(warm) * 1000:.0f} ms "
        f"(runs: {', '.join(f'{t * 1000:.0f}' for t in warm)})"
    )


if __name__ == "__main__":
    main()
