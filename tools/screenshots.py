"""Screenshot pages and diagrams of a built site in headless Chromium, and report overflowing labels.

Usage: python tools/screenshots.py SITE_DIR OUT_DIR [flow-id ...]
Writes OUT_DIR/<flow>-diagram.png (1366x768 projector width), <flow>-phone.png (390 px),
and prints, per flow, how many node labels overflow their shape (0 expected).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser_support import OVERFLOW_JS, SiteServer, launch  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def main() -> int:
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    flows = sys.argv[3:] or sorted(p.name for p in (site / "flows").iterdir() if p.is_dir())
    total_bad = 0
    with SiteServer(site) as server, sync_playwright() as p:
        base = server.url
        browser = launch(p)
        desk = browser.new_page(viewport={"width": 1366, "height": 768})
        phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        for flow in flows:
            desk.goto(f"{base}flows/{flow}/")
            bad = desk.evaluate(OVERFLOW_JS)
            total_bad += len(bad)
            desk.locator(".zb-diagram").screenshot(path=str(out / f"{flow}-diagram.png"))
            phone.goto(f"{base}flows/{flow}/")
            phone.screenshot(path=str(out / f"{flow}-phone.png"))
            print(f"{flow}: {len(bad)} overflowing label(s)" + ("".join(f"\n  {b}" for b in bad)))
        browser.close()
    print(f"total overflowing labels: {total_bad}")
    return 1 if total_bad else 0


if __name__ == "__main__":
    sys.exit(main())
