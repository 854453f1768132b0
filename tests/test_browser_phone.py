"""Phones and older readers in headless Chromium: wide diagrams say they scroll and fit to width; larger text is remembered."""

from __future__ import annotations

from conftest import REPO


def test_a_wide_diagram_on_a_phone_shows_hint_and_fade_and_one_size_toggle(site_browser):
    """One button sizes the drawing and says what it will do. Planted defect it failed on: the label left
    at 缩小看全图 after the click (the classes toggled, the style not reading .zb-fit)."""
    browser, base = site_browser
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "flows/member-recruitment/")
    figure = "#diagram-member-recruitment"
    page.wait_for_selector(f"{figure} .zb-scroll-hint")
    assert page.is_visible(f"{figure} .zb-scroll-hint") and page.is_visible(f"{figure} .zb-fade")
    assert "左右滑动" in page.inner_text(f"{figure} .zb-scroll-hint")
    size = f"{figure} button[data-zb=size]"
    assert page.inner_text(size) == "缩小看全图"
    page.click(size)
    widths = page.evaluate(
        "f => { const c = document.querySelector(f + ' .zb-canvas');"
        " return [c.scrollWidth, c.clientWidth, c.querySelector('svg').getBoundingClientRect().width]; }",
        figure,
    )
    assert widths[0] <= widths[1] + 1 and widths[2] <= widths[1], widths
    assert page.inner_text(size) == "放大看细节" and not page.is_visible(f"{figure} .zb-fade")
    # 放大看细节: the drawing at its natural size, scrolling again, and the button says 缩小看全图
    page.click(size)
    assert page.inner_text(size) == "缩小看全图"
    assert page.evaluate(
        "f => { const c = document.querySelector(f + ' .zb-canvas'); return c.scrollWidth > c.clientWidth; }", figure
    )
    page.close()


LAYOUT_SHIFT = """() => new Promise(resolve => {
  const shifts = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries())
      if (!e.hadRecentInput) shifts.push([e.value, e.sources.map(s => s.node ? s.node.className || s.node.nodeName : "?").join(" | ")]);
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(shifts), 1000);
})"""


def test_a_flowchart_page_does_not_move_while_its_scripts_start(site_browser):
    """The scroll hint, the size button label and 对照自查 are laid out from the first paint (Lighthouse counted a
    layout shift of 0.09 when diagram-fit.mjs inserted them, at 0.07-0.17 on a phone). Planted
    defect it failed on: the hint and the fit button inserted by the script (0.12 at 390 px)."""
    browser, base = site_browser
    for width, height in ((390, 844), (1366, 768)):
        page = browser.new_page(viewport={"width": width, "height": height})
        for path in ("flows/member-recruitment/", "flows/election-prep/"):
            page.goto(base + path, wait_until="load")
            shifts = page.evaluate(LAYOUT_SHIFT)
            # the theme's own header buttons move its script switch by a pixel (0.0008): allowed
            assert sum(v for v, _ in shifts) < 0.005, (width, path, shifts)
        page.close()


def test_a_diagram_that_fits_shows_no_hint(site_browser):
    browser, base = site_browser
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(base + "flows/sanhui-party-lecture/")
    page.wait_for_selector(".zb-scroll-hint", state="attached")
    assert not page.is_visible(".zb-scroll-hint") and page.inner_text("button[data-zb=size]") == "放大看细节"
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


def test_home_page_leads_to_reading_presenting_and_every_checker_in_one_tap(site_browser):
    browser, base = site_browser
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base)
    entries = page.eval_on_selector_all(
        ".zb-entries a",
        "els => els.map(a => [new URL(a.href).pathname, a.getBoundingClientRect().height])",
    )
    # the site's name in the header, beside its five controls, is shown whole (it was cut to 支部规范…)
    name = page.eval_on_selector(
        ".md-header__topic .md-ellipsis", "e => [e.textContent.trim(), e.scrollWidth, e.clientWidth]"
    )
    page.close()
    assert name[0] == "支部规范图解" and name[1] <= name[2], name
    paths = {p for p, _ in entries}
    checkers = sorted(p.stem for p in (REPO / "docs" / "checkers").glob("*.md") if p.stem != "index")
    missing = [c for c in checkers if not any(p.endswith(f"/checkers/{c}/") for p in paths)]
    assert not missing, f"checkers not on the home page: {missing}"
    assert any(p.endswith("/flows/") for p in paths) and any(p.endswith("/guide/presenting/") for p in paths)
    small = [(p, h) for p, h in entries if h < 44]
    assert not small, small


def test_index_is_a_dense_list_one_line_per_diagram_on_a_phone(site_browser):
    browser, base = site_browser
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "flows/")
    rows = page.eval_on_selector_all(
        "ul.zb-index > li",
        "els => els.map(li => { const line = li.querySelector('.zb-index-line');"
        " return [li.querySelector('a').getAttribute('href'), li.querySelector('.zb-index-kind').textContent,"
        " line.getBoundingClientRect().height / parseFloat(getComputedStyle(line).lineHeight)]; })",
    )
    page.close()
    flows = sorted(p.stem for p in (REPO / "flows").glob("*.yml") if not p.stem.startswith("_"))
    assert sorted(h.strip("./").split("/")[-1] for h, _, _ in rows) == flows
    assert all(kind in ("结构图", "流程图") for _, kind, _ in rows)
    assert all(lines < 1.5 for _, _, lines in rows), [r for r in rows if r[2] >= 1.5]


SMALLEST_LABEL = """f => {
  const svg = document.querySelector(f + ' .zb-canvas svg');
  const box = svg.getBoundingClientRect();
  let smallest = Infinity, which = '';
  const outside = [];
  for (const t of svg.querySelectorAll('text')) {
    // the drawn size: the label's font size in the drawing's units times their scale on screen
    const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    if (px < smallest) { smallest = px; which = t.textContent; }
    const b = t.getBoundingClientRect();
    if (b.right > box.right + 1 || b.left < box.left - 1) outside.push(t.textContent);
  }
  const body = parseFloat(getComputedStyle(document.querySelector('.md-content .md-typeset')).fontSize);
  return {smallest, which, body, outside};
}"""


# A note cut off where the reader cannot tell: its end inside the drawing's box but under the fade (a
# gradient that paints over the drawing: the note looks as if it ended there), or cut at the box's edge
# with neither the fade nor the scroll hint showing that the drawing goes on.
NOTES_CUT_UNSEEN = """f => {
  const fig = document.querySelector(f), canvas = fig.querySelector('.zb-canvas'), fade = fig.querySelector('.zb-fade');
  const c = canvas.getBoundingClientRect();
  const edge = c.left + canvas.clientLeft + canvas.clientWidth;  // the scrolled area's right edge
  const faded = fade.hidden ? null : fade.getBoundingClientRect();
  const told = !fade.hidden && fig.querySelector('.zb-scroll-hint').offsetParent !== null;
  const cut = [];
  for (const g of fig.querySelectorAll('g.zb-note')) {
    const b = g.getBoundingClientRect(), name = g.id;
    if (b.left >= edge) continue;  // wholly to the right: reached by scrolling, as the hint says
    if (b.right <= edge + 0.5) {
      if (faded && b.right > faded.left + 0.5 && b.left < faded.right) cut.push(name + ': ends under the fade');
    } else if (!told) cut.push(name + ': cut at the edge, nothing says the drawing goes on');
  }
  return cut;
}"""


FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def test_with_large_text_on_a_phone_the_smallest_diagram_label_is_body_text_size(site_browser):
    """大字 reaches the diagrams: on a flowchart and a structure diagram at 390 px, every label (box text,
    edge labels, the 编者注 notes) is drawn at least as large as the body text, and no label lies outside
    the drawing. Planted defect it failed on: the drawing's 大字 width (--zb-large) not applied, the
    smallest label at 13 px on 发展党员工作流程图 against 20 px of body text.

    No note is cut off unseen, at 390 and 1366 px with 大字 on and off (NOTES_CUT_UNSEEN). Failed on the fade
    drawn over the drawing's last 3rem: 党费收缴, 20 px wider than its box at 1366 px, its 编者注 ended under
    the fade; so did 选举程序's note on 清点回收选票 at 1366 px with 大字."""
    from browser_support import OVERFLOW_JS

    browser, base = site_browser
    flows = ("member-recruitment", "election-procedure", "weak-branch-rectification", "dues-collection")
    cut = []
    for width, large in ((390, True), (390, False), (1366, True), (1366, False)):
        context = browser.new_context(viewport={"width": width, "height": 844 if width == 390 else 768})
        if large:
            context.add_init_script("localStorage.setItem('zb-large-text', '1')")
        page = context.new_page()
        for flow in flows:
            page.goto(base + f"flows/{flow}/")
            figure = f"#diagram-{flow}"
            page.evaluate(FRAMES)  # diagram-fit.mjs has set the overflow state and the fade
            cut += [
                f"{flow} at {width} px{' 大字' if large else ''}: {c}" for c in page.evaluate(NOTES_CUT_UNSEEN, figure)
            ]
            if not large or width != 390:
                continue
            assert page.evaluate("document.documentElement.classList.contains('zb-large')")
            m = page.evaluate(SMALLEST_LABEL, figure)
            print(
                f"\n{flow} at 390 px with 大字: smallest label {m['smallest']:.1f} px ({m['which']}), body {m['body']} px"
            )
            assert m["smallest"] >= m["body"] - 0.05, (flow, m)
            assert not m["outside"], (flow, m["outside"])
            assert page.evaluate(OVERFLOW_JS) == [], flow  # every label inside its box or note
            assert page.inner_text(f"{figure} button[data-zb=size]") == "缩小看全图"
        context.close()
    assert not cut, cut
