/* zhibu diagrams: zoom toggle and the self-check list (present mode is in present.js). */
(function () {
  "use strict";

  function nodesOf(figure) {
    return Array.prototype.filter.call(
      figure.querySelectorAll("g.node[data-node]"),
      function (g) { return !g.classList.contains("zb-note"); });
  }

  function setup(figure) {
    if (figure.dataset.zbReady) return;
    figure.dataset.zbReady = "1";
    // One button sizes the drawing: shown whole (.zb-fit, 缩小看全图) when it is wider than its box or
    // enlarged, else enlarged (.zb-zoomed, 放大看细节). Its label (zhibu.css) says what the next click does.
    figure.addEventListener("click", function (ev) {
      var btn = ev.target.closest("button[data-zb=size]");
      if (!btn) return;
      var canvas = figure.querySelector(".zb-canvas");
      var wide = canvas && canvas.scrollWidth > canvas.clientWidth + 4;
      var whole = figure.classList.contains("zb-zoomed") || wide && !figure.classList.contains("zb-fit");
      figure.classList.toggle("zb-fit", whole);
      figure.classList.toggle("zb-zoomed", !whole);
      figure.classList.toggle("zb-overflows", !whole && canvas.scrollWidth > canvas.clientWidth + 4);
    });
  }

  /* When the diagram is larger than its frame (phones), start with the first box in view. */
  function revealStart(figure) {
    var canvas = figure.querySelector(".zb-canvas");
    var first = nodesOf(figure)[0];
    if (figure.hasAttribute("data-target-node")) return; // a link to a step shows that step (step-target.mjs)
    if (!canvas || !first || canvas.scrollHeight <= canvas.clientHeight + 4 &&
        canvas.scrollWidth <= canvas.clientWidth + 4) return;
    var c = canvas.getBoundingClientRect(), b = first.getBoundingClientRect();
    var visible = b.left >= c.left && b.right <= c.right && b.top >= c.top && b.bottom <= c.bottom;
    if (visible) return;
    if (b.right > c.right || b.left < c.left) canvas.scrollLeft += b.left - c.left - 16;
    if (b.bottom > c.bottom || b.top < c.top) canvas.scrollTop += b.top - c.top - 16;
  }

  function init() {
    var figures = document.querySelectorAll("figure.zb-diagram");
    figures.forEach(setup);
    // measured in the next frame, with the browser's own layout, not forced while the page loads
    requestAnimationFrame(function () { figures.forEach(revealStart); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
