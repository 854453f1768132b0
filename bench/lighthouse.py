"""Benchmark: Lighthouse (npm, pinned in package.json) mobile performance of three pages.

Not a test; prints figures. The built site is served by real nginx configured exactly as the
hosting guide's files say (tests/hosting_servers.py), and Lighthouse drives Debian's Chromium
(CHROME_PATH=/usr/bin/chromium) with its default mobile settings (simulated slow 4G, 4× CPU).
The baseline, from the same run and the same server: the same pages built by plain MkDocs
(bench/build_times.py's plain build: the theme and the generated text, without the zhibu hook and
macros, so no diagram scripts, no checker, no service worker). The figures measured before the
first-visit work (2026-11) are printed beside it.

    .venv/bin/python bench/lighthouse.py --site site/
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import build_times  # noqa: E402
import site_cli  # noqa: E402
from hosting_servers import ServerUnavailable, nginx  # noqa: E402

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = (("home", ""), ("flowchart", "flows/election-prep/"), ("checker", "checkers/election/"))
BEFORE = {"home": 100, "flowchart": 99, "checker": 97}  # measured before the first-visit work of 2026-11 (not this run)
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


def audit_site(site: pathlib.Path) -> dict:
    """{page name: audit} for one build served by the guide's nginx, or {"error": why}."""
    try:
        with nginx(site) as served:
            return {name: audit(served.root + path) for name, path in PAGES}
    except ServerUnavailable as exc:
        return {"error": f"nginx cannot start: {exc}"}


def measure(site: pathlib.Path) -> dict:
    """{"site": audits of this build, "plain": audits of the plain MkDocs build of the same pages}."""
    if not LIGHTHOUSE.exists():
        return {"error": f"{LIGHTHOUSE} is missing: run `npm ci`"}
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="zhibu-lighthouse-"))
    try:
        build_times.plain_mkdocs(tmp)
        return {"site": audit_site(site), "plain": audit_site(tmp / "plain-site")}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def score(results: dict, which: str, name: str) -> int | None:
    """The performance score of one page of "site" or "plain", or None where it was not measured."""
    return results.get(which, {}).get(name, {}).get("score")


def report(results: dict) -> None:
    version = json.loads((REPO / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    print(f"Lighthouse {version}, mobile, performance (served by nginx as docs/hosting.md configures it)")
    if "error" in results:
        print(f"  not measured: {results['error']}")
        return
    for which in ("site", "plain"):
        if "error" in results[which]:
            print(f"  {which}: not measured: {results[which]['error']}")
    for name, path in PAGES:
        r = results["site"].get(name, {})
        if "error" in r:
            print(f"  {name:<10} failed: {r['error']}")
            continue
        if "score" not in r:
            continue
        plain = score(results, "plain", name)
        ratio = f"×{r['score'] / plain:.2f}" if plain else "—"
        metrics = ", ".join(f"{m.split('-')[0] if m != 'total-blocking-time' else 'TBT'} {r[m]}" for m in METRICS)
        print(
            f"  {name:<10} {r['score']:4d}   plain MkDocs, same pages: {plain if plain is not None else '—'}  {ratio}"
            f"   (before the first-visit work: {BEFORE[name]})   /{path:<22} ({metrics})"
        )


def main(argv=None):
    return site_cli.main(__doc__, measure, report, argv)


if __name__ == "__main__":
    main()
