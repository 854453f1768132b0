"""Present mode in headless Chromium at projector size: keys, taps, swipes, the step in the URL."""

from __future__ import annotations

import pytest
from browser_support import axe_violations

OVERLAY = ".zb-present"
CURRENT = ".zb-present g.zb-current"
TEXT_PX_JS = """() => [...document.querySelectorAll('.zb-present svg text')]
  .map(t => t.getScreenCTM().a * parseFloat(t.getAttribute('font-size')))"""
# data-order of the boxes that are greyed (not reached yet) and of those drawn at full opacity
STATE_JS = """() => {
  const boxes = [...document.querySelectorAll('.zb-present g.node[data-order]')];
  const ahead = boxes.filter(g => g.classList.contains('zb-ahead') || getComputedStyle(g).opacity < 1);
  return {ahead: ahead.map(g => +g.dataset.order), count: boxes.length,
          current: boxes.filter(g => g.classList.contains('zb-current')).map(g => +g.dataset.order)};
}"""


def _boxes(flow_id: str) -> list[str]:
    """Node ids of a flow's boxes in reading order, from the flow file."""
    from conftest import REPO

    from macros.flows.site_loader import load_site

    site, _ = load_site(REPO / "flows")
    return [n.id for n in site.flow(flow_id).nodes() if n.role != "stage"]


@pytest.fixture(scope="module")
def browser(site_browser):
    """(Chromium, base URL): conftest's shared browser and server for this module."""
    return site_browser


def _present(browser, flow_id, touch=False, scheme="light", size=(1366, 768)):
    chromium, base = browser
    # reduced motion: no fades, so what a test reads is the final state
    context = chromium.new_context(
        viewport={"width": size[0], "height": size[1]}, has_touch=touch, color_scheme=scheme, reduced_motion="reduce"
    )
    page = context.new_page()
    page.goto(f"{base}flows/{flow_id}/")
    page.click(f"#diagram-{flow_id} button[data-zb=present]")
    page.wait_for_selector(OVERLAY)
    return context, page


def test_arrow_keys_step_in_flow_order_and_the_url_keeps_the_step(browser):
    context, page = _present(browser, "member-recruitment")
    assert page.evaluate("document.fullscreenElement && document.fullscreenElement.className") == "zb-present"
    assert page.evaluate(STATE_JS)["ahead"] == []  # the overview: nothing greyed, nothing current
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    state = page.evaluate(STATE_JS)
    assert state["current"] == [2]  # data-order counts from 0: the third box in reading order
    assert 0 not in state["ahead"] and 1 not in state["ahead"] and 2 not in state["ahead"]
    assert sorted(state["ahead"]) == list(range(3, state["count"]))
    boxes = _boxes("member-recruitment")
    assert page.get_attribute(CURRENT, "data-node") == boxes[2]
    assert page.url.endswith("#step-3")
    assert f"第 3 / {len(boxes)} 步" in page.inner_text(".zb-present-status")
    assert min(page.evaluate(TEXT_PX_JS)) >= 18
    page.reload()
    page.wait_for_selector(CURRENT)
    assert page.get_attribute(CURRENT, "data-node") == boxes[2]
    assert min(page.evaluate(TEXT_PX_JS)) >= 18
    page.keyboard.press("PageDown")
    page.keyboard.press(" ")
    assert page.evaluate(STATE_JS)["current"] == [4]
    page.keyboard.press("PageUp")
    assert page.evaluate(STATE_JS)["current"] == [3]
    page.keyboard.press("End")
    assert page.evaluate(STATE_JS)["current"] == [len(boxes) - 1] and page.url.endswith(f"#step-{len(boxes)}")
    page.keyboard.press("Home")
    assert page.evaluate(STATE_JS)["current"] == [] and page.url.endswith("#step-0")
    context.close()


def test_a_big_diagram_follows_the_current_box(browser):
    context, page = _present(browser, "member-recruitment")
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(900)  # smooth scrolling
    box = page.locator(CURRENT).bounding_box()
    stage = page.locator(".zb-present-stage").bounding_box()
    assert stage["x"] <= box["x"] and box["x"] + box["width"] <= stage["x"] + stage["width"]
    assert stage["y"] <= box["y"] and box["y"] + box["height"] <= stage["y"] + stage["height"]
    context.close()


def test_a_small_diagram_is_fitted_to_the_screen(browser):
    context, page = _present(browser, "member-rights")
    svg = page.locator(".zb-present svg").bounding_box()
    stage = page.locator(".zb-present-stage").bounding_box()
    assert svg["width"] <= stage["width"] + 1 and svg["height"] <= stage["height"] + 1
    assert svg["width"] >= stage["width"] - 2 or svg["height"] >= stage["height"] - 2
    assert min(page.evaluate(TEXT_PX_JS)) >= 18
    context.close()


PLACE_JS = """() => { const s = document.querySelector('.zb-present-stage').getBoundingClientRect();
  const v = document.querySelector('.zb-present svg').getBoundingClientRect();
  return {left: v.left - s.left, right: s.right - v.right, top: v.top - s.top, bottom: s.bottom - v.bottom,
          width: v.width, height: v.height, stageWidth: s.width, stageHeight: s.height}; }"""


@pytest.mark.parametrize("flow", ["election-procedure", "member-recruitment", "weak-branch-rectification"])
def test_the_overview_fits_the_screen_centred_and_the_steps_are_legible(browser, flow):
    """Planted defect it failed on: the overview shown at the steps' legible size (the diagram larger
    than the screen, pinned to the top left with a 24 px margin instead of centred)."""
    context, page = _present(browser, flow)
    place = page.evaluate(PLACE_JS)
    print(
        f"\n{flow} overview at 1366x768: {place['width']:.0f} x {place['height']:.0f} px on a "
        f"{place['stageWidth']:.0f} x {place['stageHeight']:.0f} px stage, margins left {place['left']:.1f} /"
        f" right {place['right']:.1f} / top {place['top']:.1f} / bottom {place['bottom']:.1f} px"
    )
    assert place["left"] >= -1 and place["right"] >= -1 and place["top"] >= -1 and place["bottom"] >= -1, place
    assert abs(place["left"] - place["right"]) <= 2 and abs(place["top"] - place["bottom"]) <= 2, place
    page.keyboard.press("ArrowRight")
    assert min(page.evaluate(TEXT_PX_JS)) >= 18
    box = page.locator(CURRENT).bounding_box()
    stage = page.locator(".zb-present-stage").bounding_box()
    assert stage["x"] <= box["x"] and box["x"] + box["width"] <= stage["x"] + stage["width"]
    assert stage["y"] <= box["y"] and box["y"] + box["height"] <= stage["y"] + stage["height"]
    page.keyboard.press("Home")  # back to the overview: whole again
    place = page.evaluate(PLACE_JS)
    assert place["left"] >= -1 and place["right"] >= -1 and place["top"] >= -1 and place["bottom"] >= -1, place
    context.close()


def test_taps_and_swipes_step_and_escape_restores_the_page(browser):
    context, page = _present(browser, "election-procedure", touch=True)
    boxes = _boxes("election-procedure")
    page.touchscreen.tap(1100, 300)
    page.touchscreen.tap(1100, 300)
    assert page.get_attribute(CURRENT, "data-node") == boxes[1]
    page.touchscreen.tap(200, 300)
    assert page.get_attribute(CURRENT, "data-node") == boxes[0]
    page.evaluate(
        """() => { const s = document.querySelector('.zb-present-stage');
        const ev = (type, x) => s.dispatchEvent(new PointerEvent(type, {clientX: x, clientY: 300, bubbles: true}));
        ev('pointerdown', 900); ev('pointerup', 700); }"""
    )
    assert page.get_attribute(CURRENT, "data-node") == boxes[1]  # swipe left: next
    assert page.url.endswith("#step-2")
    page.keyboard.press("Escape")
    page.wait_for_selector(OVERLAY, state="detached")
    assert page.evaluate("document.fullscreenElement") is None
    assert "#step" not in page.url
    assert page.locator("#diagram-election-procedure .zb-canvas svg").count() == 1
    assert page.locator("#diagram-election-procedure g.zb-current, g.zb-ahead").count() == 0
    assert page.evaluate("document.activeElement.dataset.zb") == "present"
    context.close()


def test_a_shared_step_link_opens_present_mode(browser):
    chromium, base = browser
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{base}flows/election-procedure/#step-4")
    page.wait_for_selector(CURRENT)
    assert page.get_attribute(CURRENT, "data-node") == _boxes("election-procedure")[3]
    page.click(".zb-present-btn:text('退出')")
    page.wait_for_selector(OVERLAY, state="detached")
    page.close()


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_present_mode_passes_axe(browser, scheme, size):
    context, page = _present(browser, "member-recruitment", scheme=scheme, size=size)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert axe_violations(page, include=OVERLAY) == []
    context.close()
