/* zhibu diagrams: zoom toggle and full-screen present mode (one node at a time, keyboard driven). */
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
    var nodes = nodesOf(figure);
    var current = -1;
    var status = document.createElement("span");
    status.className = "zb-present-status";
    status.setAttribute("aria-live", "polite");
    figure.querySelector(".zb-toolbar").appendChild(status);

    function show(i) {
      current = Math.max(0, Math.min(nodes.length - 1, i));
      nodes.forEach(function (g, k) {
        var notes = figure.querySelectorAll('g.zb-note[data-node="' + g.getAttribute("data-node") + '"]');
        [g].concat(Array.prototype.slice.call(notes)).forEach(function (el) {
          el.classList.toggle("zb-current", k === current);
          el.classList.toggle("zb-seen", k < current);
        });
        g.querySelectorAll("a").forEach(function (a) { a.setAttribute("tabindex", "-1"); });
      });
      if (figure.classList.contains("zb-zoomed") && nodes[current].scrollIntoView) {
        nodes[current].scrollIntoView({ block: "center", inline: "center", behavior: "smooth" });
      }
      var label = nodes[current].querySelector("a");
      status.textContent = "第 " + (current + 1) + " / " + nodes.length + " 个：" +
        ((label && (label.getAttribute("xlink:title") || label.getAttribute("title"))) || "") +
        "（← → 切换，Esc 退出）";
    }

    function stop() {
      figure.classList.remove("zb-presenting");
      if (figure.classList.contains("zb-auto-zoomed")) figure.classList.remove("zb-zoomed", "zb-auto-zoomed");
      figure.querySelectorAll("g.node").forEach(function (g) { g.classList.remove("zb-current", "zb-seen"); });
      status.textContent = "";
    }

    figure.addEventListener("click", function (ev) {
      var btn = ev.target.closest("button[data-zb]");
      if (!btn) return;
      if (btn.dataset.zb === "zoom") {
        var on = figure.classList.toggle("zb-zoomed");
        btn.setAttribute("aria-pressed", on ? "true" : "false");
        btn.textContent = on ? "适应宽度" : "放大查看";
      } else if (btn.dataset.zb === "present") {
        figure.classList.add("zb-presenting");
        var start = function () {
          // A big diagram fitted to the screen would be too small to read from the back of the
          // room: then show it at natural size and follow the current box instead.
          var canvas = figure.querySelector(".zb-canvas");
          var natural = parseFloat(getComputedStyle(canvas).getPropertyValue("--zb-natural")) || 0;
          var vb = figure.querySelector("svg").viewBox.baseVal;
          var naturalHeight = vb && vb.width ? natural * vb.height / vb.width : 0;
          var fit = Math.min(canvas.clientWidth / natural,
                             naturalHeight ? canvas.clientHeight / naturalHeight : 1, 1);
          if (fit < 0.6 && !figure.classList.contains("zb-zoomed")) {
            figure.classList.add("zb-zoomed", "zb-auto-zoomed");
          }
          show(0);
        };
        if (figure.requestFullscreen) figure.requestFullscreen().then(start, start);
        else start();
        figure.querySelector(".zb-canvas").focus();
      }
    });

    figure.addEventListener("keydown", function (ev) {
      if (!figure.classList.contains("zb-presenting")) return;
      var keys = { ArrowRight: 1, ArrowDown: 1, " ": 1, PageDown: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
      if (ev.key in keys) { show(current + keys[ev.key]); ev.preventDefault(); }
      else if (ev.key === "Home") { show(0); ev.preventDefault(); }
      else if (ev.key === "End") { show(nodes.length - 1); ev.preventDefault(); }
      else if (ev.key === "Escape") { stop(); }
    });

    document.addEventListener("fullscreenchange", function () {
      if (!document.fullscreenElement && figure.classList.contains("zb-presenting")) stop();
    });
  }

  /* When the diagram is larger than its frame (phones), start with the first box in view. */
  function revealStart(figure) {
    var canvas = figure.querySelector(".zb-canvas");
    var first = nodesOf(figure)[0];
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
