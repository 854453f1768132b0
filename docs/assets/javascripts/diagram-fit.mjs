/* Phones: a diagram wider than its box says so (a fade at the edge and a hint) and offers 适合宽度 (fit to width).
 *
 * The hint, the button and the fade are in the page (macros/site/pages.py), and the page's own style
 * shows the first two from the first paint when the diagram overflows, so nothing moves when this
 * runs. Here: the button, and the overflow state (.zb-overflows, the fade) kept current as the
 * reader zooms, fits, scrolls or turns the phone — sizes are read in a ResizeObserver callback,
 * after the browser's own layout, never forcing one while the page loads. */

function setup(figure) {
  const canvas = figure.querySelector(".zb-canvas");
  const svg = canvas && canvas.querySelector("svg");
  const fit = figure.querySelector("button[data-zb=fit]");
  const zoom = figure.querySelector("button[data-zb=zoom]");
  const fade = figure.querySelector(".zb-fade");
  if (!svg || !fit || !fade) return;

  function update() {
    // read everything first, then write: one layout, not one per change
    const wide = canvas.scrollWidth > canvas.clientWidth + 4;
    const atEnd = canvas.scrollLeft + canvas.clientWidth >= canvas.scrollWidth - 2;
    const top = canvas.offsetTop;
    const height = canvas.offsetHeight;
    figure.classList.toggle("zb-overflows", wide);
    fade.hidden = !wide || atEnd;
    if (!fade.hidden) {
      fade.style.top = top + "px";
      fade.style.height = height + "px";
    }
  }

  fit.addEventListener("click", () => {
    const on = figure.classList.toggle("zb-fit");
    fit.setAttribute("aria-pressed", on ? "true" : "false");
    if (on && figure.classList.contains("zb-zoomed") && zoom) zoom.click();
  });
  if (zoom) {
    // Runs before diagram.js toggles the zoom on the figure (the click bubbles up to it), so it
    // decides on the state the click leads to — at once, not in a later task a reader (or a test)
    // could act before.
    zoom.addEventListener("click", () => {
      const zooming = !figure.classList.contains("zb-zoomed");
      if (zooming && figure.classList.contains("zb-fit")) {
        figure.classList.remove("zb-fit");
        fit.setAttribute("aria-pressed", "false");
      }
    });
  }
  canvas.addEventListener("scroll", update, { passive: true });
  if ("ResizeObserver" in window) {
    // the box (phone turned, text size) and the drawing (zoom, fit) — first call after the first layout
    const observer = new ResizeObserver(update);
    observer.observe(canvas);
    observer.observe(svg);
  } else {
    update();
  }
}

document.querySelectorAll("figure.zb-diagram").forEach(setup);
