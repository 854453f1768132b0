"""Accessibility in headless Chromium: axe-core on every page kind of both editions (简体, and 繁體 with 大字),
light and dark, phone and projector; tap targets."""

from __future__ import annotations

import pytest
from browser_support import AXE_TAGS, axe_violations

# WCAG 2.2 AA, plus axe's best practices (heading order, named dialogs, landmarks) as Lighthouse runs them.
TAGS = AXE_TAGS + ["best-practice"]
SCHEMES = ["default", "slate"]  # Material's light and dark palettes
WIDTHS = [(1366, 768), (390, 844)]
VERDICT_TIMEOUT = 180_000


def _verdict(page):
    page.wait_for_function(
        "() => { const v = document.querySelector('.zbc-checker')?.getAttribute('data-verdict');"
        " return v && v !== 'form-invalid'; }",
        timeout=VERDICT_TIMEOUT,
    )


def _present(page):
    page.click("figure.zb-diagram button[data-zb=present]")
    page.wait_for_selector(".zb-present")  # present.js: the diagram alone in an overlay, from the overview
    page.keyboard.press("ArrowRight")
    page.wait_for_selector(".zb-present g.zb-current")


def _selfcheck(page):
    page.click("figure.zb-diagram button[data-zb=checklist]")
    page.wait_for_selector(".zb-sc-step input[type=checkbox]")
    page.check(".zb-sc-step input[type=checkbox] >> nth=0")


def _case_answers(page):
    page.click("details[data-case-answers] > summary")  # case-reveal.mjs: the answers one at a time
    page.click("[data-zb=reveal-next]")


def _case_present(page):
    page.click(".zb-case button[data-zb=present]")
    page.wait_for_selector(".zb-present .zb-case-story")  # present.js: the case's story, then its answers
    page.keyboard.press("ArrowRight")
    page.wait_for_selector(".zb-present .zb-current")


def _search(page):
    page.click(".md-search__input") if page.is_visible(".md-search__input") else page.click(
        "label.md-header__button[for=__search]"
    )
    page.fill(".md-search__input", "黨課" if page.get_attribute("html", "lang") == "zh-Hant" else "党课")
    page.press(".md-search__input", "End")  # Material reads the query on keyup
    page.wait_for_selector(".md-search-result__item")


# kind → (path under the site root, what to do before checking)
PAGES = {
    "home": ("", None),
    "index": ("flows/", None),
    "structure": ("flows/branch-setup/", None),
    "flowchart": ("flows/election-procedure/?entitled=10&present=8", _verdict),  # with its checker's verdict
    "present": ("flows/election-procedure/", _present),
    "selfcheck": ("flows/sanhui-general-meeting/", _selfcheck),
    "series": ("series/sanhui/", None),
    "guide": ("guide/presenting/", None),
    "about": ("about/", None),
    "cases": ("cases/", None),
    "case": ("cases/dev-xiaoli/", _case_answers),
    "case-present": ("cases/discipline-meeting/", _case_present),
    "poster": ("assets/posters/election-procedure.html", None),
    "search": ("", _search),
    "checker-election": ("checkers/election/?entitled=10&present=7", _verdict),
    "checker-dues": ("checkers/dues/?category=salaried&income=5100", _verdict),
    "checker-branch": ("checkers/branch/?full=2&units=6", _verdict),
    "checker-development": ("checkers/development/?born=2006-03-01&applied=2024-03-01", _verdict),
    "checker-meeting": ("checkers/meeting/?kind=general&expected=10&present=5", _verdict),
    "checker-reelection": ("checkers/reelection/?elected_on=2022-06-30", _verdict),
    "checker-planner": ("checkers/planner/?year=2027&groups=3&elected_on=2024-05-20", _verdict),
    "checker-ledger": (
        "checkers/ledger/?year=2026&period=q1&as_of=2026-05-01&meetings=committee:2026-01-10::,general:2026-02-10:20:8",
        _verdict,
    ),
}


# Visible text in the content smaller than ordinary body text (16 px; code 15 px, its 0.85em of 18 px) —
# with 大字 on there must be none (the theme sizes tables, admonitions, buttons and notes in rem).
SMALL_TEXT_JS = """() => [...document.querySelectorAll('.md-content *')]
  .filter(e => e.getClientRects().length && !e.closest('svg')
               && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(e => [e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''),
             parseFloat(getComputedStyle(e).fontSize), e.textContent.trim().slice(0, 12)])
  .filter(([tag, px]) => px < (tag.startsWith('code') ? 15 : 16))"""


def _violations_everywhere(page) -> list[str]:
    """axe on the page as it is, in both palettes at both widths (the palette set as Material's toggle sets it).

    The diagrams' text is checked at the first width only: its colours depend on the palette, not the width,
    and it is half the cost of a run.
    """
    found = []
    # The theme animates colour changes; switching the palette in place must not be measured mid-way.
    # (a constructed stylesheet: the pages' Content-Security-Policy refuses an injected <style>)
    page.evaluate(
        "() => { const s = new CSSStyleSheet();"
        " s.replaceSync('*, *::before, *::after { transition: none !important; animation: none !important; }');"
        " document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; }"
    )
    for scheme in SCHEMES:
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        for i, (w, h) in enumerate(WIDTHS):
            page.set_viewport_size({"width": w, "height": h})
            page.wait_for_timeout(150)  # resize observers
            # Material scrolls the sidebar to show the page's own link; on a page low in a long section the
            # first links then sit half under the sidebar's sticky title, which axe's target-size counts as
            # a 19 px target. That is the scroll position, not the links: measure the sidebars at their top.
            page.evaluate(
                "() => document.querySelectorAll('.md-sidebar__scrollwrap').forEach(w => { w.scrollTop = 0; })"
            )
            context = None if i == 0 else {"exclude": [[".zb-canvas svg"]]}
            found += [f"[{scheme} {w}px] {line}" for line in axe_violations(page, context=context, tags=TAGS)]
    return found


# The Traditional edition (zh-Hant/): the same templates with converted text, read with the larger-text
# setting (大字) on, so one run covers both (and no content text stays under 16 px with it). Every kind but five of the six checker pages (each is a cold
# start of the runtime; one checker with its verdict stands for them, as the embedded one on the flowchart).
HANT_KINDS = [k for k in PAGES if not k.startswith("checker-") or k == "checker-election"]
CASES = [("zh-Hans", k) for k in PAGES] + [("zh-Hant", k) for k in HANT_KINDS]


@pytest.mark.parametrize("edition, kind", CASES)
def test_axe_finds_no_violation(site_browser, edition, kind):
    browser, base = site_browser
    path, prepare = PAGES[kind]
    hant = edition == "zh-Hant"
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    if hant:
        context.add_init_script("localStorage.setItem('zb-large-text', '1')")  # as text-size.mjs remembers it
    page = context.new_page()
    page.goto(base + ("zh-Hant/" if hant else "") + path)
    page.wait_for_load_state("load")
    if hant:
        assert page.get_attribute("html", "lang") == "zh-Hant"
        if kind != "poster":  # the poster is a standalone print page
            assert "zb-large" in (page.get_attribute("html", "class") or ""), "大字 is not on"
    if prepare:
        prepare(page)
    small = page.evaluate(SMALL_TEXT_JS) if hant and kind != "poster" else []
    found = _violations_everywhere(page)
    context.close()
    assert not small, f"{edition} {kind}: text smaller than 16 px with 大字 on: {small[:8]}"
    assert not found, f"{edition} {kind} ({path or '/'}):\n" + "\n".join(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_follows_the_system_setting(site_browser, scheme):
    browser, base = site_browser
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base)
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    context.close()
    assert palette == ("slate" if scheme == "dark" else "default")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_body_links_are_underlined_and_focus_is_visible(site_browser, scheme):
    browser, base = site_browser
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(base + "guide/presenting/")  # links in running text
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    link = ".md-content article p a[href]"
    assert "underline" in page.eval_on_selector(link, "a => getComputedStyle(a).textDecorationLine")
    page.focus(link)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    ring = page.eval_on_selector(link, "a => [getComputedStyle(a).outlineStyle, getComputedStyle(a).outlineWidth]")
    page.close()
    assert ring[0] == "solid" and float(ring[1].rstrip("px")) >= 2, ring


# Targets that are not a link inside a sentence: toolbar buttons, heading permalinks, checkboxes.
SMALL_TARGETS_JS = """sel => [...document.querySelectorAll(sel)]
  .filter(e => e.getClientRects().length)
  .map(e => { const r = e.getBoundingClientRect();
              return [e.className || e.tagName, (e.textContent || '').trim(), r.width, r.height]; })
  .filter(x => x[2] < 24 || x[3] < 24)"""
TARGETS = ".zb-toolbar .zb-btn, .md-typeset .headerlink, input[type=checkbox], .zbc-checker button, .zbc-checker input"


def test_tap_targets_are_at_least_24px_on_a_phone(site_browser):
    browser, base = site_browser
    page = browser.new_page(viewport={"width": 390, "height": 844})
    small = []
    for path in ["flows/election-procedure/?done=convene", "checkers/election/", "flows/"]:
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.locator(TARGETS).count() > 3, path
        small += [f"{path}: {x}" for x in page.evaluate(SMALL_TARGETS_JS, TARGETS)]
    page.close()
    assert not small, "\n".join(small)


def test_a_wide_table_on_a_phone_is_a_named_keyboard_scroll_region(site_browser):
    browser, base = site_browser
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "checkers/dues/")
    page.wait_for_load_state("load")
    page.wait_for_selector(".md-typeset__scrollwrap[tabindex='0'][role=region]")
    wide = page.evaluate(
        "[...document.querySelectorAll('.md-typeset__scrollwrap')].filter(w => w.scrollWidth > w.clientWidth + 1)"
        ".map(w => [w.getAttribute('tabindex'), w.getAttribute('aria-label')])"
    )
    page.set_viewport_size({"width": 1366, "height": 768})
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-typeset__scrollwrap')].every(w => !w.hasAttribute('tabindex'))"
    )
    page.close()
    assert wide and all(t == "0" and label and "可左右滑动" in label for t, label in wide), wide
