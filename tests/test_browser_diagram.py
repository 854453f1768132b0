"""Diagrams in headless Chromium: phone scrolling, zoom, node links (present mode: test_browser_present.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def browser_page(site_browser):
    """(Chromium, base URL): conftest's shared browser and server for this module."""
    return site_browser


def test_phone_scrolls_wide_diagram_at_legible_size(browser_page):
    browser, base = browser_page
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{base}flows/member-recruitment/")
    natural = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.zb-canvas')).getPropertyValue('--zb-natural'))"
    )
    shown = page.evaluate("document.querySelector('.zb-canvas svg').getBoundingClientRect().width")
    scroll = page.evaluate(
        "(() => { const c = document.querySelector('.zb-canvas'); return [c.scrollWidth, c.clientWidth]; })()"
    )
    assert shown >= 0.75 * natural - 1 and scroll[0] > scroll[1]
    page.close()


def test_clicking_a_box_jumps_to_its_text(browser_page):
    browser, base = browser_page
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{base}flows/election-procedure/")
    page.click('#diagram-election-procedure g.zb-step[data-node="scrutineers"] a')
    page.wait_for_url("**#scrutineers")
    assert page.evaluate("document.querySelector('li#scrutineers').getBoundingClientRect().top") < 768
    page.close()


def test_zoom_button_shows_natural_size(browser_page):
    browser, base = browser_page
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{base}flows/weak-branch-rectification/")
    button = "#diagram-weak-branch-rectification button[data-zb=size]"
    assert page.inner_text(button) == "放大看细节"
    page.click(button)
    natural = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.zb-canvas')).getPropertyValue('--zb-natural'))"
    )
    shown = page.evaluate("document.querySelector('.zb-canvas svg').getBoundingClientRect().width")
    assert abs(shown - natural) <= 1 and page.inner_text(button) == "缩小看全图"
    page.close()


def test_chinese_search_finds_a_step(browser_page):
    browser, base = browser_page
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(base)
    page.click(".md-search__input")
    page.keyboard.type("监票人")
    page.keyboard.press("End")  # Material reads the query on keyup; typed CJK text sends none
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert any("flows/election-procedure/" in h for h in hrefs), hrefs
    page.close()


CONTRAST_JS = """
() => {
  const lum = (css) => {
    const m = css.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => v / 255)
      .map(c => c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
    return 0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2];
  };
  const worst = [];
  for (const g of document.querySelectorAll('.zb-svg g.node')) {
    const shape = g.querySelector('path, polygon');
    const text = g.querySelector('text');
    if (!shape || !text) continue;
    const a = lum(getComputedStyle(shape).fill), b = lum(getComputedStyle(text).fill);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) worst.push(g.getAttribute('data-node') + ' ' + ratio.toFixed(2));
  }
  return worst;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("flow_id", ["election-procedure", "weak-branch-rectification", "member-recruitment"])
def test_node_text_is_readable_in_light_and_dark(browser_page, scheme, flow_id):
    browser, base = browser_page
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{base}flows/{flow_id}/")
    assert page.evaluate(CONTRAST_JS) == []
    context.close()


def test_a_structure_diagram_has_a_checklist_only_when_it_lists_items(browser_page):
    """branch-setup lists duties and requirements (对照自查 marks them); member-rights has headings only."""
    browser, base = browser_page
    page = browser.new_page()
    page.goto(f"{base}flows/branch-setup/")
    page.wait_for_selector("button[data-zb=checklist]", state="visible")
    assert "已落实" in page.get_attribute("button[data-zb=checklist]", "title")
    page.goto(f"{base}flows/member-rights/")
    assert page.locator("button[data-zb=checklist]").count() == 0
    page.close()


def test_no_label_overflows_its_box_in_any_diagram(browser_page):
    from browser_support import OVERFLOW_JS
    from conftest import REPO

    from macros.flows.site_loader import load_site

    site, _ = load_site(REPO / "flows")
    browser, base = browser_page
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    overflowing = {}
    for flow in site.flows:
        page.goto(f"{base}flows/{flow.id}/")
        bad = page.evaluate(OVERFLOW_JS)
        if bad:
            overflowing[flow.id] = bad
    page.close()
    assert overflowing == {}


@pytest.mark.parametrize("flow_id", ["member-recruitment", "mass-work", "election-procedure"])
def test_poster_prints_on_one_sheet(browser_page, tmp_path, flow_id):
    import re

    browser, base = browser_page
    page = browser.new_page()
    page.goto(f"{base}assets/posters/{flow_id}.html")
    assert page.locator("svg g.node").count() > 3
    pdf = page.pdf(prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.close()


LEGEND_FLOWS = {
    "sanhui-general-meeting": ["editorial-note", "editorial-branch"],
    "branch-setup": ["supplement", "editorial-note"],
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("flow_id", sorted(LEGEND_FLOWS))
def test_legend_of_added_content_is_shown_and_accessible(browser_page, scheme, flow_id):
    """At a phone's and a projector's width the legend shows and fits; its colours (which depend on the palette,
    not the width) pass axe and the contrast check."""
    from browser_support import axe_violations

    browser, base = browser_page
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base}flows/{flow_id}/")
    legend = page.locator(f"#diagram-{flow_id} .zb-legend")
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 844})
        assert legend.is_visible(), width
        assert legend.bounding_box()["width"] <= width
    kinds = legend.locator("li").evaluate_all("els => els.map(e => e.className.replace('zb-legend-', ''))")
    assert kinds == LEGEND_FLOWS[flow_id]
    assert page.evaluate(CONTRAST_JS) == []
    # the diagram and its legend (the toolbar is left out: its red is the theme's colour, not the diagram's)
    assert axe_violations(page, include=f"#diagram-{flow_id} .zb-canvas, #diagram-{flow_id} .zb-legend") == []
    # and the marks of the text version (编者注, 本站补画, 本站补充)
    marks = ".zb-note.zb-editorial, .zb-next li.zb-editorial .zb-mark, .zb-badge.zb-supplement, .zb-cite"
    assert page.locator(marks).count() >= 2
    assert axe_violations(page, include=marks) == []
    # the site's own notes read in italics in the diagram, and say whose they are in words
    ednote = page.locator(f"#diagram-{flow_id} g.zb-note.zb-editorial text").first
    assert ednote.evaluate("t => getComputedStyle(t).fontStyle") == "italic"
    assert "编者注" in page.locator(f"#diagram-{flow_id} g.zb-note.zb-editorial").first.text_content()
    context.close()
