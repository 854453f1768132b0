"""Under the site's Content-Security-Policy every kind of page works with no violation logged.

The session-built site is served with the policy twice over, as docs/hosting.md sets it up: each
page's ``<meta http-equiv>`` (strict: only the page's own inline code, by hash) and the HTTP
header of ``macros/csp.header_policy()`` on every response (which is what reaches the workers:
Material's search worker and the checkers' Pyodide worker, which needs 'wasm-unsafe-eval').

Each page kind is opened in Chromium and used — search, the palette switch, present mode, the
self-check mode, zoom, two checkers (Pyodide ready in its worker, a verdict; the other checker
pages load the same runtime and are opened), the records page, a poster, the 404 page — while ``securitypolicyviolation`` events, console errors and page errors are
collected. Which pages: every page that is not a flow page (so new pages are covered as they
are added), a flowchart and a structure diagram page, a poster, and a URL that does not exist.

Seen to fail on planted defects: dropping the hashes from ``csp.policy`` (the theme's inline
scripts are blocked: violations on every page); removing ``'wasm-unsafe-eval'`` from
``csp.DIRECTIVES`` (the checker never becomes ready); the old ``new Worker("data:,")`` probe in
the widget's script (a worker-src violation on every checker page).
"""

from __future__ import annotations

import pytest
from browser_support import SiteServer, launch, verdict, wait_ready

from macros.theme import csp

LISTEN = """
window.__zbViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__zbViolations.push(
  e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber
  + (e.sample ? ' (' + e.sample + ')' : '')));
"""


HANT = "zh-Hant/"


def pages_to_visit(site) -> list[str]:
    """Site-relative URLs: every page but the flow pages, two flow pages, a poster, a 404; in the 繁體
    edition (the same templates) the same but one checker page, the one that loads the runtime from ../."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        hant = rel.startswith(HANT) or rel == HANT.rstrip("/")
        inner = rel.removeprefix(HANT.rstrip("/")).lstrip("/") if hant else rel
        if inner.startswith(("flows", "assets", "search")):
            continue
        if hant and inner.startswith("checkers/") and inner not in ("checkers/election", "checkers/records"):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages + [
        "flows/election-procedure/",
        "flows/weak-branch-rectification/",
        HANT + "flows/election-procedure/",
        "assets/posters/election-procedure.html",
        "no-such-page/",
    ]


@pytest.fixture(scope="module")
def csp_browser(built_site):
    from playwright.sync_api import sync_playwright

    headers = {"Content-Security-Policy": csp.header_policy()}
    with SiteServer(built_site, headers=headers) as server, sync_playwright() as p:
        browser = launch(p)
        yield browser, server.url, pages_to_visit(built_site)
        browser.close()


def use(page, url: str) -> None:
    """What a reader does on this kind of page (the same in either edition)."""
    hant = url.startswith(HANT)
    url = url.removeprefix(HANT)
    if url == "":
        page.click(".md-search__input")
        page.keyboard.type("監票人" if hant else "监票人")
        page.keyboard.press("End")  # Material reads the query on keyup
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        page.keyboard.press("Escape")
        page.click("label.md-header__button[for^='__palette']:visible")  # dark palette and back
        page.click("label.md-header__button[for^='__palette']:visible")
    elif url == "flows/election-procedure/":
        figure = "#diagram-election-procedure"
        if page.get_attribute(f"{figure} button[data-zb=checklist]", "aria-pressed") != "true":
            page.click(f"{figure} button[data-zb=checklist]")  # (open already when the other edition left it so)
        page.click("li.zb-sc-step[data-step='convene'] .zb-sc-label")
        page.wait_for_selector(".zb-sc-status")
        page.click(f"{figure} button[data-zb=present]")
        page.wait_for_selector(".zb-present")
        page.keyboard.press("ArrowRight")
        page.wait_for_selector(".zb-present g.zb-current")
        page.keyboard.press("Escape")
    elif url == "flows/weak-branch-rectification/":
        page.click("#diagram-weak-branch-rectification button[data-zb=size]")
        page.click("#diagram-weak-branch-rectification button[data-zb=checklist]")  # a structure record
        page.click("li.zb-sc-item label[data-choice='partial'] >> nth=0")
        page.wait_for_selector("#diagram-weak-branch-rectification g.node[data-sc='partial']")
    elif url in ("checkers/election/", "checkers/dues/"):  # the runtime is the same on every checker page
        wait_ready(page)
        if url == "checkers/election/":
            page.fill("#zbc-election-entitled", "10")
            page.fill("#zbc-election-present", "8")
            page.click(".zbc-submit")
            verdict(page)


def test_every_page_kind_works_with_no_policy_violation(csp_browser):
    browser, base, urls = csp_browser
    assert "checkers/election/" in urls and "" in urls
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_init_script(LISTEN)
    problems = []
    for url in urls:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e, errors=errors: errors.append(f"uncaught: {e}"))
        page.goto(base + url)
        try:
            use(page, url)
        except Exception as exc:  # a feature that broke under the policy: report it with the rest
            problems.append(f"/{url}: did not work: {str(exc).splitlines()[0]}")
        page.wait_for_timeout(300)  # late violations (workers starting, lazy modules)
        violations = page.evaluate("window.__zbViolations")
        if url == "no-such-page/":  # the 404 response itself is logged as a failed load
            errors = [e for e in errors if "status of 404" not in e]
        problems += [f"/{url}: violation: {v}" for v in violations]
        problems += [f"/{url}: console error: {e}" for e in errors]
        page.close()
    context.close()
    assert not problems, "\n".join(problems)
