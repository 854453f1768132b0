"""Screenshots of the trainer kit: present mode at projector sizes, and the first page of poster PDFs.

Usage: python tools/trainer_screenshots.py SITE_DIR OUT_DIR [flow-id ...]
(default flows: member-recruitment 发展党员, branch-setup 党支部设置规范)

Writes OUT_DIR/<flow>-present-<width>.png at 1366×768 and 1920×1080 (three steps in) and
OUT_DIR/<flow>-poster-a3.png, <flow>-tiles-<n>.png from the PDFs with pdftoppm (poppler-utils)
when it is installed; prints the smallest text size on screen in present mode.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser_support import SiteServer, launch  # noqa: E402

SIZES = [(1366, 768), (1920, 1080)]
TEXT_PX_JS = """() => Math.min(...[...document.querySelectorAll('.zb-present svg text')]
  .map(t => t.getScreenCTM().a * parseFloat(t.getAttribute('font-size'))))"""


def present(site: Path, out: Path, flows: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with SiteServer(site) as server, sync_playwright() as p:
        browser = launch(p)
        for flow in flows:
            for width, height in SIZES:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(f"{server.url}flows/{flow}/")
                page.click("button[data-zb=present]")
                page.wait_for_selector(".zb-present")
                for _ in range(3):
                    page.keyboard.press("ArrowRight")
                page.wait_for_timeout(800)
                path = out / f"{flow}-present-{width}.png"
                page.screenshot(path=str(path))
                print(f"{path}: smallest text {page.evaluate(TEXT_PX_JS):.1f} px")
                page.close()
        browser.close()


def pdf_pages(site: Path, out: Path, flows: list[str]) -> None:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is not installed (apt-get install poppler-utils): no PDF page images")
        return
    for flow in flows:
        for name, dpi in ((f"{flow}-poster-a3", 50), (f"{flow}-tiles-4xa4", 30)):
            pdf = site / "assets" / "exports" / f"{name}.pdf"
            subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / name)], check=True)
            print(f"{out / name}-*.png")


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    flows = sys.argv[3:] or ["member-recruitment", "branch-setup"]
    out.mkdir(parents=True, exist_ok=True)
    present(site, out, flows)
    pdf_pages(site, out, flows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
