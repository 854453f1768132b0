"""The 发展党员 register of 300 people: checked and sorted in Pyodide (as the page's worker runs it) once the runtime is ready.

Not a test; prints figures. The baseline is the same 300 people checked one by one by the 发展党员 checker
in the same interpreter (what the register adds: materials, 思想汇报, the order, the 90 days and the .ics),
and CPython's time for the register.

    .venv/bin/python bench/register.py [--people 300] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "macros" / "checker_page"))

import runtime_assets  # noqa: E402
import stdlib_zip  # noqa: E402
from test_register import _mixed  # noqa: E402

from checkers import _register  # noqa: E402

AS_OF = "2026-12-06"


def measure(people: int = 300, runs: int = 5) -> dict[str, float]:
    """Median milliseconds: register in Pyodide, one-by-one baseline in Pyodide, the page's reorder, register in CPython."""
    rows = _mixed(people)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="zhibu-bench-register-"))
    zip_path = tmp / "checkers.zip"
    zip_path.write_bytes(runtime_assets.checkers_zip(REPO))
    std = tmp / "python_stdlib.zip"
    std.write_bytes(stdlib_zip.stdlib_zip(REPO, REPO / ".cache" / "zhibu"))
    job = tmp / "job.json"
    job.write_text(
        json.dumps({"zip": str(zip_path), "stdlib": str(std), "people": rows, "as_of": AS_OF, "runs": runs}),
        encoding="utf-8",
    )
    proc = subprocess.run(
        ["node", str(HERE / "register_pyodide.mjs"), str(job)], capture_output=True, text=True, check=True, cwd=REPO
    )
    out = json.loads(proc.stdout)
    cpython = []
    for _ in range(runs):
        start = time.perf_counter()
        _register.check({"as_of": AS_OF, "people": rows})
        cpython.append((time.perf_counter() - start) * 1000)
    return {
        "people": people,
        "register": statistics.median(out["register_ms"]),
        "single": statistics.median(out["single_ms"]),
        "reorder": statistics.median(out["sort_ms"]),
        "cpython": statistics.median(cpython),
    }


def report(figures: dict[str, float]) -> None:
    n = figures["people"]
    print(f"register of {n} people, once the runtime is ready (median):")
    print(f"  check and sort in Pyodide              {figures['register']:8.0f} ms")
    print(f"  of which the page's reorder            {figures['reorder']:8.1f} ms")
    print(f"  baseline: {n} × the 发展党员 checker     {figures['single']:8.0f} ms")
    print(f"  the same register in CPython           {figures['cpython']:8.0f} ms")


def main(argv: list[str] | None = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, default=300)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    figures = measure(args.people, args.runs)
    report(figures)
    return figures


if __name__ == "__main__":
    main()
