"""Benchmark: Lighthouse (npm, pinned in package.json) mobile performance of three pages.

Not a test; prints figures. The built site is served by real nginx configured exactly as the
hosting guide's files say (tests/hosting_servers.py), and Lighthouse drives Debian's Chromium
(CHROME_PATH=/usr/bin/chromium) with its default mobile settings (simulated slow 4G, 4× CPU).

    .venv/bin/python bench/lighthouse.py --site site/
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import site_cli  # noqa: E402
from hosting_servers import ServerUnavailable, nginx  # noqa: E402

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = (("home", ""), ("flowchart", "flows/election-prep/"), ("checker", "checkers/election/"))
BASELINE = {"home": 100, "flowchart": 99, "checker": 97}  # issue 13's measurement before this work
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


def audit(url: str) -> dict:
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=performance",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    if proc.returncode != 0:
        return {"error": (proc.stderr or proc.stdout)[-500:]}
    report = json.loads(proc.stdout)
    out = {"score": round(report["categories"]["performance"]["score"] * 100)}
    for m in METRICS:
        out[m] = report["audits"][m]["displayValue"]
    return out


def measure(site: pathlib.Path) -> dict:
    if not LIGHTHOUSE.exists():
        return {"error": f"{LIGHTHOUSE} is missing: run `npm ci`"}
    try:
        with nginx(site) as served:
            return {name: audit(served.root + path) for name, path in PAGES}
    except ServerUnavailable as exc:
        return {"error": f"nginx cannot start: {exc}"}


def report(results: dict) -> None:
    version = json.loads((REPO / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    print(f"Lighthouse {version}, mobile, performance (served by nginx as docs/hosting.md configures it)")
    if "error" in results:
        print(f"  not measured: {results['error']}")
        return
    for name, path in PAGES:
        r = results[name]
        if "error" in r:
            print(f"  {name:<10} failed: {r['error']}")
            continue
        metrics = ", ".join(f"{m.split('-')[0] if m != 'total-blocking-time' else 'TBT'} {r[m]}" for m in METRICS)
        print(
            f"  {name:<10} {r['score']:4d}   baseline {BASELINE[name]}  ×{r['score'] / BASELINE[name]:.2f}"
            f"   /{path:<22} ({metrics})"
        )


def main(argv=None):
    return site_cli.main(__doc__, measure, report, argv)


if __name__ == "__main__":
    main()
