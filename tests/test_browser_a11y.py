"""Accessibility in headless Chromium: axe-core WCAG 2.2 AA on every page kind, light and dark, phone and projector."""

from __future__ import annotations

import pytest
from browser_support import SiteServer, axe_violations, launch

# One page of each kind (path under the site root).
PAGES = {
    "home": "",
    "index": "flows/",
    "flowchart": "flows/election-procedure/",
    "structure": "flows/branch-setup/",
    "checker": "checkers/election/",
}
SCHEMES = ["light", "dark"]
WIDTHS = {"projector": (1366, 768), "phone": (390, 844)}


@pytest.fixture(scope="module")
def browser_base(built_site):
    from playwright.sync_api import sync_playwright

    with SiteServer(built_site) as server, sync_playwright() as p:
        browser = launch(p)
        yield browser, server.url
        browser.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", list(WIDTHS))
def test_axe_finds_no_violation_on_any_page_kind(browser_base, scheme, width):
    browser, base = browser_base
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, color_scheme=scheme)
    page = context.new_page()
    found = []
    for kind, path in PAGES.items():
        page.goto(base + path)
        page.wait_for_load_state("load")
        palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert palette == ("slate" if scheme == "dark" else "default"), f"{kind}: palette {palette}"
        found += [f"{kind} ({path or '/'}): {line}" for line in axe_violations(page)]
    context.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_body_links_are_underlined_and_focus_is_visible(browser_base, scheme):
    browser, base = browser_base
    context = browser.new_context(viewport={"width": 1366, "height": 768}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base)
    link = ".md-content article p a[href]"
    assert "underline" in page.eval_on_selector(link, "a => getComputedStyle(a).textDecorationLine")
    page.focus(link)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    ring = page.eval_on_selector(link, "a => [getComputedStyle(a).outlineStyle, getComputedStyle(a).outlineWidth]")
    assert ring[0] == "solid" and float(ring[1].rstrip("px")) >= 2, ring
    context.close()
