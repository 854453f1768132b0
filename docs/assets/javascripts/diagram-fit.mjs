/* Phones: a diagram wider than its box says so (a fade in a gutter at the edge and a hint), and its size button
 * reads 缩小看全图 (show it whole).
 *
 * The hint, the button and the fade are in the page (macros/site/pages.py), and the page's own style
 * shows the hint and the button's label from the first paint when the diagram overflows, so nothing
 * moves when this runs. Here: the overflow state (.zb-overflows, the fade) kept current as the reader
 * enlarges, shrinks, scrolls, turns the phone or turns 大字 on (diagram.js sizes the drawing) — sizes are read in a ResizeObserver callback,
 * after the browser's own layout, never forcing one while the page loads. */

function setup(figure) {
  const canvas = figure.querySelector(".zb-canvas");
  const svg = canvas && canvas.querySelector("svg");
  const fade = figure.querySelector(".zb-fade");
  if (!svg || !fade) return;

  function update() {
    // read everything first, then write: one layout, not one per change
    const style = getComputedStyle(canvas);
    // the fade's gutter (zhibu.css) narrows the box while the drawing overflows: measured without it, so the
    // drawing that fits once the gutter goes is not held wide by the gutter itself
    const gutter = parseFloat(style.borderRightWidth) - parseFloat(style.borderLeftWidth);
    const wide = canvas.scrollWidth > canvas.clientWidth + gutter + 4;
    const atEnd = canvas.scrollLeft + canvas.clientWidth >= canvas.scrollWidth - 2;
    const top = canvas.offsetTop;
    const height = canvas.offsetHeight;
    figure.classList.toggle("zb-overflows", wide);
    fade.hidden = !wide;
    fade.classList.toggle("zb-at-end", atEnd);
    if (!fade.hidden) {
      fade.style.top = top + "px";
      fade.style.height = height + "px";
    }
  }

  canvas.addEventListener("scroll", update, { passive: true });
  if ("ResizeObserver" in window) {
    // the box (phone turned, text size) and the drawing (enlarged, whole, 大字) — first call after the first layout
    const observer = new ResizeObserver(update);
    observer.observe(canvas);
    observer.observe(svg);
  } else {
    update();
  }
}

document.querySelectorAll("figure.zb-diagram").forEach(setup);
