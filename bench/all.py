"""`make bench`: every speed and size figure of the site, each with its baseline from the same run.

Not a test; prints figures and never fails on a slow result. Runs, on one build of the site:
bench/checker_load.py (checker cold/warm against the bare-Pyodide floor, on loopback and on emulated
10 Mbit/s and slow mobile lines, served by the guide's nginx; the bytes it sends), bench/register.py (the
发展党员 register of 300 people checked and sorted in Pyodide, against the same people checked one by one), bench/page_bytes.py
(bytes of a reading page, a checker page, present mode, the search index), bench/build_times.py
(clean build against plain MkDocs, one-flow rebuild, 36/360/1000 flows) and bench/lighthouse.py
(mobile performance served by the guide's nginx, against a plain MkDocs build of the same pages), then a summary table.

    .venv/bin/python bench/all.py [--runs 3] [--sizes 36,360,1000]
"""

from __future__ import annotations

import argparse
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import build_times  # noqa: E402
import checker_load  # noqa: E402
import lighthouse  # noqa: E402
import page_bytes  # noqa: E402
import register  # noqa: E402
from browser_support import build_site  # noqa: E402


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{os.cpu_count()} × {cpu}, {mem / 1024:.1f} GB RAM, {platform.platform()}, "
        f"load average {os.getloadavg()[0]:.1f}; {chromium}"
    )


def row(label, value, unit, base_label, base, fmt="{:,.0f}"):
    ratio = f"×{value / base:.2f}" if base else "—"
    print(f"  {label:<46} {fmt.format(value):>12} {unit:<3} {ratio:>7}  of {base_label} ({fmt.format(base)} {unit})")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs of each checker measurement (median)")
    ap.add_argument("--sizes", default="36,360,1000")
    args = ap.parse_args(argv)
    print("machine:", machine())
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="zhibu-make-bench-"))
    try:
        site = tmp / "site"
        t = time.perf_counter()
        build_site(site)
        print(f"built the site in {time.perf_counter() - t:.1f} s\n")
        checker = checker_load.main(["--site", str(site), "--runs", str(args.runs)])
        print()
        people = register.main(["--runs", str(args.runs)])
        print()
        sizes = page_bytes.measure(site)
        page_bytes.report(sizes)
        print()
        builds = build_times.measure(tuple(int(s) for s in args.sizes.split(",")))
        build_times.report(builds)
        print()
        scores = lighthouse.measure(site)
        lighthouse.report(scores)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print("\nsummary: each figure, its baseline from this run, and the ratio")
    c = checker
    row("checker first verdict, cold", c["checker_cold"], "ms", "cold floor", c["floor_cold"])
    row("checker first verdict, repeat visit", c["checker_warm"], "ms", "warm floor", c["floor_warm"])
    row("checker first verdict, repeat visit", c["checker_warm"], "ms", "cold floor", c["floor_cold"])
    row("checker repeat visit without the snapshot", c["checker_nosnap"], "ms", "warm floor", c["floor_warm"])
    lines = [name for name in c["profiles"] if name != "loopback"]
    for profile in lines:  # the emulated lines, each against the floor on the same line
        at = f"@{profile}"
        name = {"10mbit": "10 Mbit/s, 40 ms", "mobile": "1.6 Mbit/s, 150 ms"}.get(profile, profile)
        row(
            f"checker first verdict, cold, {name}",
            c["checker_cold" + at],
            "ms",
            "cold floor, same line",
            c["floor_cold" + at],
        )
        row(
            f"checker repeat visit, {name}", c["checker_warm" + at], "ms", "warm floor, same line", c["floor_warm" + at]
        )
        row(
            f"checker repeat visit, {name}", c["checker_warm" + at], "ms", "cold floor, same line", c["floor_cold" + at]
        )
    # the machine may be shared: each line's checker figures with the highest 1-minute load they met
    loads = ", ".join(
        f"{name} {c['load_checker_cold' + ('' if name == 'loopback' else '@' + name)]:.1f}" for name in c["profiles"]
    )
    print(f"  (load average, highest during each line's cold checker runs: {loads})")
    row("first checker visit, Brotli (HTTPS)", c["bytes_guide_br"], "B", "goal 4,000,000", 4_000_000)
    row("first checker visit, gzip only (HTTP)", c["bytes_guide_gzip"], "B", "Brotli", c["bytes_guide_br"])
    row("the same, without the offline copy's search files", c["bytes_guide_br_checker"], "B", "goal", 4_000_000)
    # Lazy runtime start (on the first keystroke) against eager start (page load): what a reader who
    # types waits for, against what a reader who only reads downloads.
    row(
        "lazy start: keystroke → verdict, first visit",
        c["start_to_verdict_checker_cold"],
        "ms",
        "eager, typing after load",
        0,
    )
    row(
        "lazy start: keystroke → verdict, repeat visit",
        c["start_to_verdict_checker_warm"],
        "ms",
        "eager, typing after load",
        0,
    )
    row(
        f"发展党员 register of {people['people']} people: check and sort",
        people["register"],
        "ms",
        f"{people['people']} × the 发展党员 checker",
        people["single"],
    )
    row("eager start: bytes for a reader who only reads", sizes["checker"][1], "B", "lazy", sizes["reading"][1])
    reading_gz = sizes["reading"][1]
    for key, label in (("reading", "reading page"), ("checker", "checker page"), ("present", "present mode")):
        row(f"{label}, gzip", sizes[key][1], "B", "reading page, gzip", reading_gz)
        row(f"{label}, raw", sizes[key][0], "B", f"{label}, gzip", sizes[key][1])
    row("search index, gzip", sizes["search_index"][1], "B", "search index, raw", sizes["search_index"][0])
    fs = "{:,.1f}"
    row("clean build", builds["clean"], "s", "plain mkdocs build", builds["plain"], fs)
    row("rebuild after one flow edit", builds["edit"], "s", "clean build", builds["clean"], fs)
    counts = sorted(int(k.split("_")[1]) for k in builds if k.startswith("flows_"))
    for n in counts:
        row(
            f"clean build, {n} flows", builds[f"flows_{n}"], "s", f"{counts[0]} flows", builds[f"flows_{counts[0]}"], fs
        )
    if "error" not in scores:
        for name, _ in lighthouse.PAGES:
            ours, plain = lighthouse.score(scores, "site", name), lighthouse.score(scores, "plain", name)
            if ours is not None and plain is not None:
                row(f"Lighthouse mobile performance, {name}", ours, "", "plain MkDocs, same pages", plain)


if __name__ == "__main__":
    main()
