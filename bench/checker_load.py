"""Benchmark: how long a checker page takes to its first verdict, and what it transfers.

Not a test; prints figures. In one run, in headless Chromium (Debian's /usr/bin/chromium):

- navigation → first verdict on a checker page opened from a filled-in URL, cold (empty browser
  cache) and warm (same browser, second visit);
- the floor: a bare page that only loads the same self-hosted Pyodide (module script, no worker)
  and runs one line, cold and warm;
- bytes the server sent for a reading page (no checker) and for a checker page, cold and warm.

Each figure is the median of ``--runs`` runs (default 3); times are printed with their ratio to
the floor. Cold and warm use a fresh browser profile each (with a disk cache, as a real
browser has); warm is the second visit in that profile. The site is served from 127.0.0.1 with the caching a host should use (docs/hosting.md):
runtime files and content-hashed assets cached for a year, pages revalidated.

    .venv/bin/python bench/checker_load.py                 # builds the site into a temp folder
    .venv/bin/python bench/checker_load.py --site site/    # or measure an existing build
"""

from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import statistics
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from browser_support import CHROMIUM, CHROMIUM_ARGS, SiteServer, build_site, launch  # noqa: E402

from macros.checker_page import runtime_assets, transfer_size  # noqa: E402
from macros.offline import offline  # noqa: E402

CHECKER_PAGE = "flows/election-procedure/?entitled=10&present=8"
FLOOR_PAGE = "bench-floor/"
TIMEOUT = 180_000

FLOOR_HTML = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>floor</title></head><body>
<p id="out">…</p>
<script type="module">
const indexURL = new URL("../{pyodide_dir}", location.href).href;
const {{ loadPyodide }} = await import(indexURL + "pyodide.mjs");
const py = await loadPyodide({{ indexURL }});
document.getElementById("out").textContent = py.runPython("str(6 * 7)");
window.__floorDone = performance.now();
</script></body></html>
"""


def cache_policy(path: str) -> str:
    if path.startswith("/assets/pyodide/") or "?v=" in path:
        return "public, max-age=31536000, immutable"
    if path.startswith("/assets/"):
        return "public, max-age=3600"
    return "no-cache"


def median(values):
    return statistics.median(values) if values else float("nan")


STAGES = (  # worker marks (checker-worker.mjs) → what happened before each
    ("worker", "page → worker started"),
    ("loader", "worker → pyodide.mjs loaded"),
    ("wasmStart", "→ wasm fetch+compile starts"),
    ("wasmDone", "wasm fetch+compile"),
    ("interpreter", "stdlib + interpreter start (or restore)"),
    ("checkers", "checkers unpacked + page's checker imported"),
    ("ready", "ready"),
    ("snapshot", "memory snapshot taken"),
    ("checking", "→ first check starts (widget asked, runtime free)"),
    ("checked", "first check run (Python)"),
)


def worker_marks(page):
    """The worker's start-up marks as ms since the page's navigation start, or {}."""
    origin = page.evaluate("performance.timeOrigin")
    for worker in page.workers:
        marks = worker.evaluate("self.__zhibuMarks || null")
        if marks:
            return {
                k: (v - origin if isinstance(v, (int, float)) and not isinstance(v, bool) else v)
                for k, v in marks.items()
            }
    return {}


def measure(browser, server, path, done_js, context=None, marks=None):
    """Open path; return (ms from navigation start to done, bytes sent, requests)."""
    own = context is None
    ctx = context or browser.new_context()
    page = ctx.new_page()
    cdp = None
    if marks is not None:  # the page's main-thread CPU time (what competes with the worker for the cores)
        cdp = ctx.new_cdp_session(page)
        cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
    server.take_log()
    page.goto(server.url + path, wait_until="commit")
    page.wait_for_function(f"() => {done_js} !== undefined", timeout=TIMEOUT)
    ms = page.evaluate(done_js)
    if marks is not None:
        metrics = {m["name"]: m["value"] * 1000 for m in cdp.send("Performance.getMetrics")["metrics"]}
        cdp.detach()
        main = {
            "mainTask": metrics.get("TaskDuration", 0),
            "mainScript": metrics.get("ScriptDuration", 0),
            "mainLayout": metrics.get("LayoutDuration", 0) + metrics.get("RecalcStyleDuration", 0),
        }
        marks.append(dict(worker_marks(page), verdict=ms, **main))
    page.wait_for_load_state("networkidle")
    log = server.take_log()
    page.close()
    if own:
        ctx.close()
    return ms, sum(n for _, _, n in log), log


def guide_bytes(site, log, encoding):
    """Bytes the guide's nginx sends for the requests in ``log`` (path, status, bytes) to a browser
    accepting ``encoding`` ("br": over HTTPS; "gzip"): the build's .br/.gz where there is one
    (brotli_static, gzip_static), gzip level 6 for other text, the rest as is
    (macros/checker_page/transfer_size.py; tests/test_hosting.py checks the servers send exactly that)."""
    total = 0
    for path, status, n in log:
        rel = path.split("?")[0].lstrip("/")
        file = site / (rel + "index.html" if rel.endswith("/") or not rel else rel)
        if status != 200 or not file.is_file():
            total += n
            continue
        name = file.name if not rel.endswith("/") and rel else rel or "/"
        total += transfer_size.sent_bytes(name, file.read_bytes(), REPO / ".cache" / "zhibu", encoding)
    return total


def drop_snapshot(ctx, server):
    page = ctx.new_page()
    page.goto(server.url + "404.html")
    page.evaluate("caches.delete('zhibu-runtime-snapshot')")
    page.close()


def print_breakdown(title, runs):
    """Median time spent in each start-up stage (ms) for the given runs' marks."""
    if not runs:
        return
    print(f"  {title}")
    cpu = {k: median([m[k] for m in runs if k in m]) for k in ("mainTask", "mainScript", "mainLayout")}
    print(
        f"    {'page main-thread CPU, navigation → verdict':<44} {cpu['mainTask']:7.0f} ms"
        f"   (scripts {cpu['mainScript']:.0f}, layout + style {cpu['mainLayout']:.0f})"
    )
    prev = "nav"
    for key, label in STAGES + (("verdict", "result shown by the widget → verdict"),):
        spans = [m[key] - (m[prev] if prev != "nav" else 0) for m in runs if key in m and (prev == "nav" or prev in m)]
        if spans:
            print(f"    {label:<44} {median(spans):7.0f} ms   (at {median([m[key] for m in runs if key in m]):6.0f})")
            if key != "snapshot":
                prev = key


def reading_bytes(browser, server, path):
    ctx = browser.new_context()
    page = ctx.new_page()
    server.take_log()
    page.goto(server.url + path, wait_until="networkidle")
    log = server.take_log()
    ctx.close()
    return sum(n for _, _, n in log), log


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=pathlib.Path, help="an existing build (default: build one now)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="zhibu-bench-"))
    try:
        site = tmp / "site"
        if args.site:
            shutil.copytree(args.site, site)
        else:
            t = time.perf_counter()
            build_site(site)
            print(f"built the site in {time.perf_counter() - t:.1f} s")
        # The floor loads Pyodide's own standard library, which the site replaces with its compiled one.
        own_stdlib = site / runtime_assets.pyodide_dir(REPO) / "python_stdlib.zip"
        if not own_stdlib.exists():
            shutil.copyfile(REPO / "node_modules" / "pyodide" / "python_stdlib.zip", own_stdlib)
        (site / "bench-floor").mkdir(exist_ok=True)
        (site / "bench-floor" / "index.html").write_text(
            FLOOR_HTML.format(pyodide_dir=runtime_assets.pyodide_dir(REPO)), encoding="utf-8"
        )
        reading_page = next(
            p.parent.relative_to(site).as_posix() + "/"
            for p in sorted(site.glob("flows/*/index.html"))
            if "zbc-checker" not in p.read_text(encoding="utf-8")
        )
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; runs: {args.runs}")

        res = {k: [] for k in ("checker_cold", "checker_warm", "checker_nosnap", "floor_cold", "floor_warm")}
        marks = {k: [] for k in ("checker_cold", "checker_warm", "checker_nosnap")}
        sent = {k: [] for k in ("checker_cold", "checker_warm", "reading", "guide_br", "guide_gzip")}
        reading_log = []
        with SiteServer(site, cache_control=cache_policy) as server, sync_playwright() as p:
            browser = launch(p)
            for _ in range(args.runs):
                for kind, path, done in (
                    ("checker", CHECKER_PAGE, "window.__zhibuFirstVerdict"),
                    ("floor", FLOOR_PAGE, "window.__floorDone"),
                ):
                    # A real profile with a disk cache: an in-memory (incognito) cache is too small
                    # to keep the 9.6 MB .wasm, which would make "warm" download it again.
                    profile = pathlib.Path(tempfile.mkdtemp(prefix="profile-", dir=tmp))
                    ctx = p.chromium.launch_persistent_context(
                        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
                    )
                    m = marks["checker_cold"] if kind == "checker" else None
                    ms, n, log = measure(browser, server, path, done, ctx, m)  # cold: fresh cache
                    res[f"{kind}_cold"].append(ms)
                    if kind == "checker":
                        sent["checker_cold"].append(n)
                        sent["guide_br"].append(guide_bytes(site, log, "br"))
                        sent["guide_gzip"].append(guide_bytes(site, log, "gzip"))
                    m = marks["checker_warm"] if kind == "checker" else None
                    ms, n, _ = measure(browser, server, path, done, ctx, m)  # warm: same browser
                    res[f"{kind}_warm"].append(ms)
                    if kind == "checker":
                        sent["checker_warm"].append(n)
                        # warm HTTP cache but no memory snapshot: what the snapshot saves
                        drop_snapshot(ctx, server)
                        ms, n, _ = measure(browser, server, path, done, ctx, marks["checker_nosnap"])
                        res["checker_nosnap"].append(ms)
                    ctx.close()
                    shutil.rmtree(profile, ignore_errors=True)
                n, reading_log = reading_bytes(browser, server, reading_page)
                sent["reading"].append(n)
            browser.close()

        floor = {"cold": median(res["floor_cold"]), "warm": median(res["floor_warm"])}
        print()
        print("navigation → first verdict (median ms; ratio to the floor of the same cache state)")
        for key, label in (
            ("checker_cold", "checker page, cold"),
            ("checker_warm", "checker page, warm"),
            ("checker_nosnap", "checker page, warm, no snapshot"),
            ("floor_cold", "floor: bare Pyodide + one line, cold"),
            ("floor_warm", "floor: bare Pyodide + one line, warm"),
        ):
            m = median(res[key])
            ratio = m / floor["cold" if key.endswith("cold") else "warm"]
            runs = ", ".join(f"{v:.0f}" for v in res[key])
            print(f"  {label:<40} {m:8.0f} ms   ×{ratio:.2f}   (runs: {runs})")
        print(f"  repeat visit against the cold floor: ×{median(res['checker_warm']) / floor['cold']:.2f} (goal ≤ 0.5)")
        print()
        print("where the time goes (median ms per stage, from the worker's marks)")
        print_breakdown("checker page, cold", marks["checker_cold"])
        print_breakdown("checker page, warm (memory snapshot)", marks["checker_warm"])
        print_breakdown("checker page, warm, no snapshot", marks["checker_nosnap"])
        print()
        print("bytes sent by the server (bodies, median)")
        # every file a checker's worker loads (what the service worker keeps for a checker page):
        # a reading page must fetch none of them (checker-results.mjs, on every page, is not one)
        runtime = {"/" + u.split("?")[0] for u in offline.checker_runtime_urls(REPO)}
        runtime_in_reading = sorted({p.split("?")[0] for p, _, _ in reading_log} & runtime)
        print(
            f"  {'reading page (' + reading_page + '), cold':<40} {median(sent['reading']):12,.0f} B"
            f"   ({len(reading_log)} requests, checker runtime files: {len(runtime_in_reading)}"
            f"{' ' + ', '.join(runtime_in_reading) if runtime_in_reading else ''})"
        )
        print(
            f"  {'checker page, cold':<40} {median(sent['checker_cold']):12,.0f} B"
            f"   (×{median(sent['checker_cold']) / max(median(sent['reading']), 1):.0f} the reading page)"
        )
        print(f"  {'checker page, warm':<40} {median(sent['checker_warm']):12,.0f} B")
        print("bytes of a first checker visit as the guide's nginx sends them (same requests)")
        print(f"  {'HTTPS, Brotli (brotli_static)':<40} {median(sent['guide_br']):12,.0f} B   (goal ≤ 4,000,000)")
        print(f"  {'plain HTTP, gzip only (gzip_static)':<40} {median(sent['guide_gzip']):12,.0f} B")
        figures = {k: median(v) for k, v in res.items()}
        figures.update({f"bytes_{k}": median(v) for k, v in sent.items()})
        # from the worker's start to the verdict: what a runtime started at the first keystroke would add
        for k in ("checker_cold", "checker_warm"):
            figures[f"start_to_verdict_{k}"] = median([m["verdict"] - m["worker"] for m in marks[k] if "worker" in m])
        return figures
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
