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
    figure.addEventListener("click", function (ev) {
      var btn = ev.target.closest("button[data-zb=zoom]");
      if (!btn) return;
      var on = figure.classList.toggle("zb-zoomed");
      btn.setAttribute("aria-pressed", on ? "true" : "false");
      btn.textContent = on ? "适应宽度" : "放大查看";
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

  /* Self-check against a procedure: tick the steps done; the ticks live in the URL (?done=a,b). */
  function setupChecklist(figure) {
    var button = figure.querySelector("button[data-zb=checklist]");
    if (!button) return;
    var ids = nodesOf(figure).map(function (g) { return g.getAttribute("data-node"); });
    var items = ids.map(function (id) { return document.getElementById(id); })
      .filter(function (li) { return li && li.tagName === "LI"; });
    if (!items.length) return;
    var status = document.createElement("p");
    status.className = "zb-checklist-status";
    status.setAttribute("aria-live", "polite");
    status.hidden = true;
    figure.parentNode.insertBefore(status, figure.nextSibling);

    function done() {
      var v = new URLSearchParams(location.search).get("done");
      return v ? v.split(",").filter(function (id) { return ids.indexOf(id) >= 0; }) : [];
    }
    function save(list) {
      var params = new URLSearchParams(location.search);
      if (list.length) params.set("done", list.join(",")); else params.delete("done");
      var q = params.toString().replace(/%2C/g, ",");
      try { history.replaceState(null, "", location.pathname + (q ? "?" + q : "") + location.hash); }
      catch (e) { /* some embedded browsers refuse; ticks still show */ }
    }
    function paint() {
      var list = done();
      items.forEach(function (li) {
        var on = list.indexOf(li.id) >= 0;
        li.classList.toggle("zb-done", on);
        var box = li.querySelector("input.zb-check-box");
        if (box) box.checked = on;
        var g = figure.querySelector('g.node[data-node="' + li.id + '"]:not(.zb-note)');
        if (g) g.classList.toggle("zb-done", on);
      });
      status.textContent = "对照自查：已完成 " + list.length + " / " + items.length +
        " 步。勾选情况保存在本页网址中，可收藏或转发，不会发送到任何服务器。";
    }
    function enable() {
      if (figure.classList.contains("zb-checking")) return;
      figure.classList.add("zb-checking");
      button.setAttribute("aria-pressed", "true");
      status.hidden = false;
      items.forEach(function (li) {
        var label = document.createElement("label");
        label.className = "zb-check";
        var box = document.createElement("input");
        box.type = "checkbox";
        box.className = "zb-check-box";
        box.setAttribute("aria-label", "已完成：" + (li.querySelector(".zb-label") || li).textContent);
        box.addEventListener("change", function () {
          var list = done().filter(function (id) { return id !== li.id; });
          if (box.checked) list.push(li.id);
          save(ids.filter(function (id) { return list.indexOf(id) >= 0; }));
          paint();
        });
        label.appendChild(box);
        li.insertBefore(label, li.firstChild);
      });
      paint();
    }
    button.addEventListener("click", function () {
      enable();
      var first = items[0].querySelector("input.zb-check-box");
      if (first) first.focus();
    });
    if (done().length) enable();
  }

  function init() {
    document.querySelectorAll("figure.zb-diagram").forEach(function (f) {
      setup(f); setupChecklist(f); revealStart(f);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
