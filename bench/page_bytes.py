"""Benchmark: bytes a reader's browser moves for a reading page, a checker page and present mode.

Not a test; prints figures. Each page is opened in a fresh headless Chromium context against a local
server; every response the server sent is counted raw, and as gzip at level 6 for the types the
hosting guide compresses (what nginx configured as docs/hosting.md says sends). Also the search
index's size.

    .venv/bin/python bench/page_bytes.py --site site/
"""

from __future__ import annotations

import gzip
import pathlib
import re
import sys
import urllib.parse

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

import site_cli  # noqa: E402
from browser_support import SiteServer, launch  # noqa: E402

from macros.checker_page import transfer_size  # noqa: E402

READING = "flows/branch-assessment/"
CHECKER = "flows/election-procedure/"


def gzip_size(site: pathlib.Path, path: str, raw: int) -> int:
    """What the guide's nginx sends for this request (macros/checker_page/transfer_size.py: gzip level 6 for text and .wasm)."""
    rel = urllib.parse.unquote(urllib.parse.urlsplit(path).path).lstrip("/")
    file = site / rel
    if file.is_dir() or rel.endswith("/") or not rel:
        file = file / "index.html"
    if not file.is_file():
        return raw
    return transfer_size.sent_bytes(file.name, file.read_bytes())


def visit(browser, server, path, action=None, viewport=(390, 844)):
    """The (path, status, bytes) of each 200 response of one fresh visit; action(page) runs after load."""
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
    return log


def totals(site, log):
    """(raw bytes, gzip bytes, files) of a visit's responses."""
    return sum(n for _, _, n in log), sum(gzip_size(site, p, n) for p, _, n in log), len(log)


def checker_program(site, log):
    """The part of a checker visit that is the checker program, and what the widget says it is.

    The files are those the widget's ``data-download`` counts (macros/checker_page/download_sizes.py)."""
    from macros.checker_page import download_sizes

    names = set(download_sizes.files())
    mine = [entry for entry in log if urllib.parse.urlsplit(entry[0]).path.lstrip("/") in names]
    html = (site / CHECKER / "index.html").read_text(encoding="utf-8")
    stated = re.search(r'data-download="(\d+)" data-download-raw="(\d+)"', html)
    return totals(site, mine), (int(stated[2]), int(stated[1]), len(names)) if stated else None


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
        out["reading"] = totals(site, visit(browser, server, READING))
        log = visit(browser, server, CHECKER, checker_done)
        out["checker"] = totals(site, log)
        out["checker_program"], out["checker_stated"] = checker_program(site, log)
        out["present"] = totals(site, visit(browser, server, READING, present, viewport=(1366, 768)))
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
        "checker_program": "  of which the checker program (runtime, worker, widget)",
        "checker_stated": "  what the widget says it downloads (build-time sizes)",
        "present": "present mode (reading page + 全屏演示, 1366×768)",
        "search_index": "search index (search/search_index.json)",
    }
    base = figures["reading"][1]
    for key, label in labels.items():
        if figures.get(key) is None:
            print(f"  {label:<52} not found in the built page")
            continue
        raw, gz, n = figures[key]
        print(f"  {label:<52} {raw:12,.0f} B raw  {gz:12,.0f} B gzip  ×{gz / base:5.1f} the reading page  ({n} files)")


def main(argv=None):
    return site_cli.main(__doc__, measure, report, argv)


if __name__ == "__main__":
    main()
