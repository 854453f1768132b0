"""Benchmark: bytes a reader's browser moves for a reading page, a checker page and present mode.

Not a test; prints figures. Each page is opened in a fresh headless Chromium context against a local
server; every response the server sent is counted raw, and as gzip at level 6 for the types the
hosting guide compresses (what nginx configured as docs/hosting.md says sends). Also the search
index's size.

    .venv/bin/python bench/page_bytes.py --site site/
"""

from __future__ import annotations

import argparse
import gzip
import pathlib
import sys
import urllib.parse

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser_support import SiteServer, launch  # noqa: E402

COMPRESSED = (".html", "/", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".webmanifest", ".xml")
READING = "flows/branch-assessment/"
CHECKER = "flows/election-procedure/"


def gzip_size(site: pathlib.Path, path: str, raw: int) -> int:
    """What the guide's nginx sends for this request: gzip level 6 for text and .wasm, else raw."""
    rel = urllib.parse.unquote(urllib.parse.urlsplit(path).path).lstrip("/")
    if not rel.endswith(COMPRESSED) or raw < 1024:
        return raw
    file = site / rel
    if file.is_dir() or rel.endswith("/") or not rel:
        file = file / "index.html"
    if not file.is_file():
        return raw
    return len(gzip.compress(file.read_bytes(), compresslevel=6))


def visit(browser, server, site, path, action=None, viewport=(390, 844)):
    """(raw bytes, gzip bytes, requests) for one fresh visit; action(page) runs after load."""
    ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block")
    page = ctx.new_page()
    server.take_log()
    page.goto(server.url + path, wait_until="load")
    if action:
        action(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    page.wait_for_load_state("networkidle")
    log = [entry for entry in server.take_log() if entry[1] == 200]
    ctx.close()
    raw = sum(n for _, _, n in log)
    return raw, sum(gzip_size(site, p, n) for p, _, n in log), len(log)


def checker_done(page):
    page.wait_for_function(
        "() => document.querySelector('.zbc-status').getAttribute('data-state') !== 'loading'", timeout=180_000
    )


def present(page):
    page.click('[data-zb="present"]')
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")


def measure(site: pathlib.Path) -> dict:
    from playwright.sync_api import sync_playwright

    out = {}
    with SiteServer(site) as server, sync_playwright() as p:
        browser = launch(p)
        out["reading"] = visit(browser, server, site, READING)
        out["checker"] = visit(browser, server, site, CHECKER, checker_done)
        out["present"] = visit(browser, server, site, READING, present, viewport=(1366, 768))
        browser.close()
    index = site / "search" / "search_index.json"
    data = index.read_bytes()
    out["search_index"] = (len(data), len(gzip.compress(data, compresslevel=6)), 1)
    return out


def report(figures: dict) -> None:
    print("bytes a fresh visit moves (raw; gzip level 6 as the guide's nginx sends)")
    labels = {
        "reading": f"reading page ({READING})",
        "checker": f"checker page ({CHECKER}), runtime loaded",
        "present": "present mode (reading page + 全屏演示, 1366×768)",
        "search_index": "search index (search/search_index.json)",
    }
    base = figures["reading"][1]
    for key, label in labels.items():
        raw, gz, n = figures[key]
        print(f"  {label:<52} {raw:12,.0f} B raw  {gz:12,.0f} B gzip  ×{gz / base:5.1f} the reading page  ({n} files)")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=pathlib.Path, required=True)
    args = ap.parse_args(argv)
    figures = measure(args.site)
    report(figures)
    return figures


if __name__ == "__main__":
    main()
