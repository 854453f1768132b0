"""Phones and older readers in headless Chromium: wide diagrams say they scroll and fit to width; larger text is remembered."""

from __future__ import annotations


def test_a_wide_diagram_on_a_phone_shows_hint_and_fade_and_fits_to_width(site_browser):
    browser, base = site_browser
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "flows/member-recruitment/")
    figure = "#diagram-member-recruitment"
    page.wait_for_selector(f"{figure} .zb-scroll-hint")
    assert page.is_visible(f"{figure} .zb-scroll-hint") and page.is_visible(f"{figure} .zb-fade")
    assert "左右滑动" in page.inner_text(f"{figure} .zb-scroll-hint")
    fit = f"{figure} button[data-zb=fit]"
    assert page.inner_text(fit) == "适合宽度"
    page.click(fit)
    widths = page.evaluate(
        "f => { const c = document.querySelector(f + ' .zb-canvas');"
        " return [c.scrollWidth, c.clientWidth, c.querySelector('svg').getBoundingClientRect().width]; }",
        figure,
    )
    assert widths[0] <= widths[1] + 1 and widths[2] <= widths[1], widths
    assert page.get_attribute(fit, "aria-pressed") == "true" and not page.is_visible(f"{figure} .zb-fade")
    # 放大查看 leaves fit mode and scrolls again
    page.click(f"{figure} button[data-zb=zoom]")
    assert page.get_attribute(fit, "aria-pressed") == "false"
    assert page.evaluate(
        "f => { const c = document.querySelector(f + ' .zb-canvas'); return c.scrollWidth > c.clientWidth; }", figure
    )
    page.close()


def test_a_diagram_that_fits_shows_no_hint(site_browser):
    browser, base = site_browser
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(base + "flows/sanhui-party-lecture/")
    page.wait_for_selector(".zb-scroll-hint", state="attached")
    assert not page.is_visible(".zb-scroll-hint") and not page.is_visible("button[data-zb=fit]")
    page.close()


def test_larger_text_setting_is_in_the_header_and_remembered(site_browser):
    browser, base = site_browser
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + "flows/election-procedure/")
    size = "() => getComputedStyle(document.querySelector('.md-content .md-typeset')).fontSize"
    assert page.evaluate(size) == "16px"
    button = ".md-header .zb-textsize"
    page.click(button)
    assert page.evaluate(size) == "20px" and page.get_attribute(button, "aria-pressed") == "true"
    page.goto(base)  # another page, the same device
    assert page.evaluate(size) == "20px" and page.get_attribute(button, "aria-pressed") == "true"
    page.click(button)
    page.reload()
    assert page.evaluate(size) == "16px"
    context.close()
