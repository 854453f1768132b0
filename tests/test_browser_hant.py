"""The Traditional edition (繁體) in headless Chromium: the 简/繁 switch, no other host, a checker.

Its search runs the whole query list in tests/test_browser_search.py; axe runs on every page kind of it in
tests/test_browser_a11y.py."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest
from browser_support import SiteServer, launch

HANT = "zh-Hant/"
CRAWL = [
    "",
    "flows/",
    "flows/branch-setup/",
    "flows/election-procedure/",
    "series/sanhui/",
    "guide/presenting/",
    "about/",
    "checkers/election/?entitled=10&present=8",  # last: the crawl waits for its verdict
]


@pytest.fixture(scope="module")
def served(built_site, tmp_path_factory):
    """The built site at / and the same files under the sub-path /zhibu/."""
    from playwright.sync_api import sync_playwright

    parent = tmp_path_factory.mktemp("hosted")
    os.symlink(built_site, parent / "zhibu")
    with SiteServer(built_site) as root, SiteServer(parent) as sub, sync_playwright() as p:
        browser = launch(p)
        yield browser, root.url, sub.url + "zhibu/"
        browser.close()


def test_switch_keeps_the_reader_on_the_same_page(served):
    browser, base, _ = served
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "flows/election-procedure/")
    assert page.get_attribute("html", "lang") == "zh"
    page.click(".zb-script-switch__link")
    page.wait_for_load_state("load")
    assert page.url == base + HANT + "flows/election-procedure/"
    assert page.get_attribute("html", "lang") == "zh-Hant"
    assert "選舉" in page.inner_text("h1")
    page.click(".zb-script-switch__link")
    page.wait_for_load_state("load")
    assert page.url == base + "flows/election-procedure/"
    page.close()


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_crawl_makes_no_request_to_another_host(served, where):
    """Every page kind of the edition loads, a checker reaches its verdict (the runtime loads from the
    Simplified site's copy, a folder up) and the service worker keeps the page and that runtime (offline, the
    checker still answers), with no request to another host and none that fails."""
    browser, base, sub = served
    start = (base if where == "root" else sub) + HANT
    host = urlsplit(start).netloc
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    requests: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in CRAWL:
        response = page.goto(start + path)
        assert response is not None and response.ok, start + path
        page.wait_for_load_state("load")
        assert page.get_attribute("html", "lang") == "zh-Hant", path
    assert _verdict(page)[0] == "pass"  # the last page is a checker
    page.wait_for_function("() => document.documentElement.dataset.zbOffline", timeout=120_000)
    saved = page.evaluate("document.documentElement.dataset.zbOffline")
    scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
    offline = None
    if where == "subpath":  # with the network off the checker still answers: its runtime, a folder up, was kept
        context.set_offline(True)
        page.goto(start + "checkers/election/?entitled=10&present=7")
        offline = _verdict(page)[0]
        context.set_offline(False)
    context.close()
    foreign = [u for u in requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != host]
    assert requests and not foreign, foreign
    assert not failed and not errors, failed + errors
    assert saved == "saved" and scope == start, (saved, scope)
    assert offline in (None, "fail"), offline


def _verdict(page) -> tuple[str, str]:
    page.wait_for_function(
        "() => { const v = document.querySelector('.zbc-checker')?.getAttribute('data-verdict');"
        " return v && v !== 'form-invalid'; }",
        timeout=180_000,
    )
    return page.get_attribute(".zbc-checker", "data-verdict"), page.inner_text(".zbc-result")


def test_checker_verdict_in_traditional(served):
    """Same inputs, same verdict; the messages from Python (in Pyodide) are in Traditional script."""
    browser, base, _ = served
    page = browser.new_page(viewport={"width": 390, "height": 844})
    query = "checkers/branch/?full=2&units=6"
    page.goto(base + query)
    hans_verdict, hans_text = _verdict(page)
    page.goto(base + HANT + query)
    hant_verdict, hant_text = _verdict(page)
    page.close()
    assert hant_verdict == hans_verdict
    assert "联合党支部" in hans_text and "聯合黨支部" in hant_text and "联合党支部" not in hant_text, hant_text
