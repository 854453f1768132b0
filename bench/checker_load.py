"""Benchmark: how long a checker page takes to its first verdict, and what it transfers.

Not a test; prints figures. In one run, in headless Chromium (Debian's /usr/bin/chromium):

- navigation → first verdict on a checker page opened from a filled-in URL, cold (empty browser
  cache) and warm (same browser, second visit);
- the floor: a bare page that only loads the same self-hosted Pyodide as the npm package ships it
  (its own source standard library and lock file; module script, no worker) and runs one line,
  cold and warm;
- each on loopback and on emulated lines (``PROFILES``: Chrome DevTools Protocol
  ``Network.emulateNetworkConditions``, which also holds back the checker's worker): 10 Mbit/s
  down with 40 ms round trips, and Lighthouse's slow mobile line, 1.6 Mbit/s with 150 ms;
- bytes the server sent for a reading page (no checker) and for a checker page, cold and warm, and
  a first checker visit's requests sent again to the same server asking for Brotli (what a browser
  asks over HTTPS) and for gzip only (plain HTTP).

Each figure is the median of ``--runs`` runs (default 3), printed with its ratio to the floor of
the same cache state on the same line and the load average it ran at. Cold and warm use a fresh
browser profile each (with a disk cache, as a real browser has); warm is the second visit in that
profile. The site is served as the hosting guide's nginx serves it (``tests/hosting_servers.py``:
the guide's files, with Debian's ``brotli_static`` module when installed; the build's ``.br``/``.gz``
files, caching for a year, pages revalidated); where nginx cannot start, by a Python server with
the same caching and no compression (the bytes as the guide's nginx would send them are then
computed from the files). Chromium asks for ``br`` on 127.0.0.1 as over HTTPS (a trustworthy
origin): the loopback and line figures are Brotli's.

    .venv/bin/python bench/checker_load.py                 # builds the site into a temp folder
    .venv/bin/python bench/checker_load.py --site site/    # or measure an existing build
    .venv/bin/python bench/checker_load.py --profiles loopback,10mbit --runs 5
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
import urllib.request

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from browser_support import CHROMIUM, CHROMIUM_ARGS, SiteServer, build_site, launch  # noqa: E402
from hosting_servers import ServerUnavailable, nginx  # noqa: E402

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
const lockFileURL = new URL("pyodide-lock.json", location.href).href;  // the npm package's own
const {{ loadPyodide }} = await import(indexURL + "pyodide.mjs");
const py = await loadPyodide({{ indexURL, lockFileURL }});
document.getElementById("out").textContent = py.runPython("str(6 * 7)");
window.__floorDone = performance.now();
</script></body></html>
"""


# name: (what it is, download bits/s, upload bits/s, added round trip ms); no bits: no emulation
PROFILES = {
    "loopback": ("loopback, no emulation", 0, 0, 0),
    "10mbit": ("10 Mbit/s down, 5 Mbit/s up, 40 ms round trip", 10_000_000, 5_000_000, 40),
    "mobile": ("slow mobile (Lighthouse's): 1.6 Mbit/s down, 750 kbit/s up, 150 ms", 1_600_000, 750_000, 150),
}


def emulate(cdp, profile: str) -> None:
    """Hold the page (and its dedicated worker) to the profile's line (no-op on loopback)."""
    _, down, up, rtt = PROFILES[profile]
    if down:
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": rtt, "downloadThroughput": down / 8, "uploadThroughput": up / 8},
        )


class NginxBench:
    """The site served by nginx as the guide sets it up, at ``url``, with ``take_log`` as SiteServer's."""

    def __init__(self, site: pathlib.Path, log: pathlib.Path):
        self.site, self.log, self.offset, self.note = site, log, 0, ""

    def __enter__(self):
        last: Exception | None = None
        for brotli in (True, False):
            try:
                self._cm = nginx(self.site, brotli=brotli, access_log=self.log)
                self.url = self._cm.__enter__().root
                self.note = "nginx as the guide sets it up" + (
                    ", with brotli_static" if brotli else f" without brotli_static ({last})"
                )
                return self
            except ServerUnavailable as exc:
                last = exc
        raise ServerUnavailable(str(last))

    def __exit__(self, *exc):
        self._cm.__exit__(*exc)

    def take_log(self) -> list[tuple[str, int, int]]:
        """(address, status, body bytes sent) of each response since the last call."""
        with open(self.log, encoding="utf-8", errors="replace") as f:
            f.seek(self.offset)
            lines = f.read().splitlines()
            self.offset = f.tell()
        return [(u, int(st), int(n)) for u, st, n in (line.rsplit(" ", 2) for line in lines if line.count(" ") >= 2)]


def replayed_bytes(server, log, accept: str) -> int:
    """Body bytes the server sends for the same requests to a browser sending ``Accept-Encoding: accept``."""
    total = 0
    for path, status, n in log:
        if status != 200:
            total += n
            continue
        req = urllib.request.Request(server.url.rstrip("/") + path, headers={"Accept-Encoding": accept})
        with urllib.request.urlopen(req, timeout=60) as r:
            total += len(r.read())  # urllib does not decode: these are the bytes on the wire
    return total


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


# A site page is done once its service worker has kept it for offline use (offline.mjs: on a checker
# page once its runtime is ready); the floor has no such step.
OFFLINE_KEPT = "() => !document.querySelector('.zbc-checker') || document.documentElement.dataset.zbOffline"


def for_offline_only(path: str) -> bool:
    """What only the service worker asks for, for search to work offline (offline.mjs searchURLs): the
    search index and the search worker's script, which the checker never needs."""
    return path.startswith("/search/") or "/javascripts/workers/search." in path


def measure(browser, server, path, done_js, context=None, marks=None, profile="loopback"):
    """Open path on the profile's line; return (ms from navigation start to done, bytes sent, requests)
    for the whole visit (until the page is kept for offline use and the network is idle)."""
    own = context is None
    ctx = context or browser.new_context()
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    emulate(cdp, profile)
    if marks is not None:  # the page's main-thread CPU time (what competes with the worker for the cores)
        cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
    server.take_log()
    page.goto(server.url + path, wait_until="commit")
    page.wait_for_function(f"() => {done_js} !== undefined", timeout=TIMEOUT)
    ms = page.evaluate(done_js)
    if marks is not None:
        metrics = {m["name"]: m["value"] * 1000 for m in cdp.send("Performance.getMetrics")["metrics"]}
        main = {
            "mainTask": metrics.get("TaskDuration", 0),
            "mainScript": metrics.get("ScriptDuration", 0),
            "mainLayout": metrics.get("LayoutDuration", 0) + metrics.get("RecalcStyleDuration", 0),
        }
        marks.append(dict(worker_marks(page), verdict=ms, **main))
    page.wait_for_function(OFFLINE_KEPT, timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    cdp.detach()
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
        # a page's address is served from its index.html, with the build's index.html.br/.gz
        total += transfer_size.sent_bytes(file.name, file.read_bytes(), REPO / ".cache" / "zhibu", encoding)
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


def serve(site: pathlib.Path, tmp: pathlib.Path):
    """nginx as the guide sets it up, else the Python server (saying why)."""
    try:
        server = NginxBench(site, tmp / "access.log")
        server.__enter__()
        return server
    except ServerUnavailable as exc:
        print(f"nginx cannot start here ({exc}): a Python server without compression instead")
        server = SiteServer(site, cache_control=cache_policy)
        server.__enter__()
        server.note = "Python's http.server (no compression)"
        return server


def load() -> float:
    return os.getloadavg()[0]


def spread(values) -> str:
    return f"{min(values):.1f}–{max(values):.1f}" if values else "?"


GUIDE_KEYS = ("guide_br", "guide_gzip", "guide_br_checker", "guide_gzip_checker")
KINDS = (("checker", CHECKER_PAGE, "window.__zhibuFirstVerdict"), ("floor", FLOOR_PAGE, "window.__floorDone"))


def run_profile(p, browser, server, site, tmp, profile, runs, res, marks, sent, loads):
    """``runs`` interleaved cold + warm visits of the checker and the floor on one line."""
    line = profile == "loopback"
    for _ in range(runs):
        for kind, path, done in KINDS:
            # A real profile with a disk cache: an in-memory (incognito) cache is too small
            # to keep the 9.6 MB .wasm, which would make "warm" download it again.
            folder = pathlib.Path(tempfile.mkdtemp(prefix="profile-", dir=tmp))
            ctx = p.chromium.launch_persistent_context(
                folder, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            for state in ("cold", "warm"):  # cold: fresh cache; warm: the same browser again
                key = f"{kind}_{state}"
                m = marks[profile].setdefault(key, []) if kind == "checker" else None
                loads[profile].setdefault(key, []).append(load())
                ms, n, log = measure(browser, server, path, done, ctx, m, profile)
                res[profile].setdefault(key, []).append(ms)
                if kind == "checker" and state == "cold" and line:
                    sent["checker_cold"].append(n)
                    sent["moved_log"] = log
                    checker = [r for r in log if not for_offline_only(r[0])]
                    for part, requests in (("", log), ("_checker", checker)):  # the whole visit; the checker's
                        if isinstance(server, NginxBench):
                            sent["guide_br" + part].append(replayed_bytes(server, requests, "gzip, deflate, br, zstd"))
                            sent["guide_gzip" + part].append(replayed_bytes(server, requests, "gzip, deflate"))
                        else:
                            sent["guide_br" + part].append(guide_bytes(site, requests, "br"))
                            sent["guide_gzip" + part].append(guide_bytes(site, requests, "gzip"))
                    sent["offline_only"] = sorted({p for p, _, _ in log if for_offline_only(p)})
                elif kind == "checker" and state == "warm" and line:
                    sent["checker_warm"].append(n)
            if kind == "checker" and line:
                # warm HTTP cache but no memory snapshot: what the snapshot saves
                drop_snapshot(ctx, server)
                loads[profile].setdefault("checker_nosnap", []).append(load())
                ms, _, _ = measure(browser, server, path, done, ctx, marks[profile].setdefault("checker_nosnap", []))
                res[profile].setdefault("checker_nosnap", []).append(ms)
            ctx.close()
            shutil.rmtree(folder, ignore_errors=True)
        if line:
            n, log = reading_bytes(browser, server, sent["reading_page"])
            sent["reading"].append(n)
            sent["reading_log"] = log


def report_profile(profile, res, marks, loads):
    """Print one line's times, each with its ratio to the floor and the load it ran at; return its medians."""
    title, down, _, rtt = PROFILES[profile]
    print(f"\n{title}: navigation → first verdict (median ms; ratio to the floor of the same cache state)")
    floor = {"cold": median(res.get("floor_cold", [])), "warm": median(res.get("floor_warm", []))}
    labels = (
        ("checker_cold", "checker page, cold"),
        ("checker_warm", "checker page, warm"),
        ("checker_nosnap", "checker page, warm, no snapshot"),
        ("floor_cold", "floor: bare Pyodide + one line, cold"),
        ("floor_warm", "floor: bare Pyodide + one line, warm"),
    )
    for key, label in labels:
        if key not in res:
            continue
        m = median(res[key])
        ratio = m / floor["cold" if key.endswith("cold") else "warm"]
        runs = ", ".join(f"{v:.0f}" for v in res[key])
        print(f"  {label:<40} {m:8.0f} ms   ×{ratio:.2f}   (runs: {runs}; load {spread(loads[key])})")
    goal = "≤ 1.0" if not down else ("≤ 0.8" if rtt <= 40 else "none set")
    print(f"  first visit against the cold floor: ×{median(res['checker_cold']) / floor['cold']:.2f} (goal {goal})")
    print(f"  repeat visit against the cold floor: ×{median(res['checker_warm']) / floor['cold']:.2f} (goal ≤ 0.5)")
    print("  where the time goes (median ms per stage, from the worker's marks)")
    print_breakdown("checker page, cold", marks.get("checker_cold", []))
    print_breakdown("checker page, warm (memory snapshot)", marks.get("checker_warm", []))
    if "checker_nosnap" in marks:
        print_breakdown("checker page, warm, no snapshot", marks["checker_nosnap"])
    out = {k: median(v) for k, v in res.items()}
    out.update({f"load_{k}": max(v) for k, v in loads.items()})
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=pathlib.Path, help="an existing build (default: build one now)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profiles", default=",".join(PROFILES), help=f"comma-separated, of {', '.join(PROFILES)}")
    args = ap.parse_args(argv)
    profiles = [name.strip() for name in args.profiles.split(",") if name.strip()]
    unknown = [name for name in profiles if name not in PROFILES]
    if unknown or "loopback" not in profiles:
        ap.error(f"--profiles: {', '.join(unknown) or 'loopback is needed'}; known: {', '.join(PROFILES)}")

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
        # The floor loads Pyodide as its npm package ships it: its own source standard library (which
        # the site replaces with its compiled one) and its own lock file (the site's has no packages).
        npm = REPO / "node_modules" / "pyodide"
        own_stdlib = site / runtime_assets.pyodide_dir(REPO) / "python_stdlib.zip"
        if not own_stdlib.exists():
            shutil.copyfile(npm / "python_stdlib.zip", own_stdlib)
        (site / "bench-floor").mkdir(exist_ok=True)
        shutil.copyfile(npm / "pyodide-lock.json", site / "bench-floor" / "pyodide-lock.json")
        (site / "bench-floor" / "index.html").write_text(
            FLOOR_HTML.format(pyodide_dir=runtime_assets.pyodide_dir(REPO)), encoding="utf-8"
        )
        reading_page = next(
            p.parent.relative_to(site).as_posix() + "/"
            for p in sorted(site.glob("flows/*/index.html"))
            if "zbc-checker" not in p.read_text(encoding="utf-8")
        )
        print(f"machine: {os.cpu_count()} CPUs, load average {load():.1f}; runs: {args.runs}")

        res = {name: {} for name in profiles}
        marks = {name: {} for name in profiles}
        loads = {name: {} for name in profiles}
        sent = {k: [] for k in ("checker_cold", "checker_warm", "reading", *GUIDE_KEYS)}
        sent["reading_page"] = reading_page
        server = serve(site, tmp)
        try:
            print(f"served by {server.note}")
            with sync_playwright() as p:
                browser = launch(p)
                for profile in profiles:
                    run_profile(p, browser, server, site, tmp, profile, args.runs, res, marks, sent, loads)
                browser.close()
        finally:
            server.__exit__(None, None, None)

        figures = {}
        for profile in profiles:
            out = report_profile(profile, res[profile], marks[profile], loads[profile])
            suffix = "" if profile == "loopback" else f"@{profile}"
            figures.update({k + suffix: v for k, v in out.items()})
        print()
        print("bytes sent by the server (bodies, median)")
        # every file a checker's worker loads (what the service worker keeps for a checker page):
        # a reading page must fetch none of them (checker-results.mjs, on every page, is not one)
        runtime = {"/" + u.split("?")[0] for u in offline.checker_runtime_urls(REPO)}
        reading_log = sent["reading_log"]
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
        how = "the same requests sent again" if isinstance(server, NginxBench) else "computed from the files"
        print(f"bytes of a first checker visit as the guide's nginx sends them ({how})")
        print(
            f"  {'HTTPS, Brotli (brotli_static)':<40} {median(sent['guide_br']):12,.0f} B   (goal ≤ 4,000,000);"
            f" without what only the offline copy asks for: {median(sent['guide_br_checker']):,.0f} B"
        )
        print(
            f"  {'plain HTTP, gzip only (gzip_static)':<40} {median(sent['guide_gzip']):12,.0f} B;"
            f"   without it: {median(sent['guide_gzip_checker']):,.0f} B"
        )
        print(f"  asked for only by the offline copy, for search: {', '.join(sent['offline_only']) or 'nothing'}")
        print("  the largest responses of the last cold visit, as sent to Chromium:")
        for path, _, n in sorted(sent["moved_log"], key=lambda r: -r[2])[:6]:
            print(f"    {n:12,} B  {path}")
        figures.update(
            {f"bytes_{k}": median(sent[k]) for k in ("checker_cold", "checker_warm", "reading", *GUIDE_KEYS)}
        )
        # from the worker's start to the verdict: what a runtime started at the first keystroke would add
        for k in ("checker_cold", "checker_warm"):
            figures[f"start_to_verdict_{k}"] = median(
                [m["verdict"] - m["worker"] for m in marks["loopback"].get(k, []) if "worker" in m]
            )
        figures["profiles"] = profiles
        return figures
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
