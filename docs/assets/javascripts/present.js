/* zhibu present mode: a diagram alone on the screen, one box at a time, for the classroom.
 *
 * A classic script on purpose (not type="module"): the offline copy is opened from disk, and
 * browsers refuse module scripts from file://. One job only; the page's other diagram features
 * (zoom, self-check) live in their own scripts.
 *
 * - 全屏演示 moves the diagram into an overlay that covers the window and asks for full screen.
 * - The overview (step 0) is the whole diagram fitted to the screen and centred; for the steps, when
 *   fitting would make any text smaller than MIN_TEXT_PX, it is shown at that size instead and the view
 *   follows the current box.
 * - → ↓ space PageDown step on, ← ↑ PageUp back, Home/End jump, F full screen, Q the QR code,
 *   Escape leaves; a tap on the right half steps on, on the left half back; swipes too.
 * - Step 0 is the whole diagram (the overview); step k highlights the k-th box in reading order:
 *   boxes already covered stay normal, the ones not yet reached are greyed but stay in place.
 * - The step is in the URL (#step-5): a reload or a shared link opens at the same step.
 * - Not only diagrams: an element marked data-zb-presentable (a training case) presents its
 *   [data-present-content] the same way, one [data-present-step] part at a time: step 0 shows the
 *   content with every part hidden, step k shows parts 1..k (the keys, taps and swipes are the same;
 *   the content keeps its own layout, so there is no fitting; closed <details> in it are opened).
 */
(function () {
  "use strict";

  var MIN_TEXT_PX = 18;
  var STEP_HASH = /^#step-(\d+)$/;
  var SWIPE_PX = 50;
  var active = null; // the running presentation, if any

  /* The boxes in the flow's reading order (data-order, written at build time). */
  function boxesOf(svg) {
    return Array.prototype.slice.call(svg.querySelectorAll("g.node[data-order]")).sort(function (a, b) {
      return a.getAttribute("data-order") - b.getAttribute("data-order");
    });
  }

  /* The box and the note boxes beside it (source notes and editorial notes). */
  function withNotes(svg, box) {
    var notes = svg.querySelectorAll('g.zb-note[data-node="' + box.getAttribute("data-node") + '"]');
    return [box].concat(Array.prototype.slice.call(notes));
  }

  function labelOf(box) {
    var a = box.querySelector("a");
    return (a && (a.getAttribute("xlink:title") || a.getAttribute("title"))) || box.textContent.trim();
  }

  function smallestText(svg) {
    var sizes = Array.prototype.map.call(svg.querySelectorAll("text"), function (t) {
      return parseFloat(t.getAttribute("font-size")) || 14;
    });
    return sizes.length ? Math.min.apply(null, sizes) : 14;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function button(label, title, onClick) {
    var b = element("button", "zb-present-btn", label);
    b.type = "button";
    if (title) b.title = title;
    b.addEventListener("click", function (ev) { ev.stopPropagation(); onClick(); });
    return b;
  }

  /* What a container presents: a diagram's drawing, or the marked content of any other presentable. */
  function contentOf(figure) {
    return figure.querySelector("svg.zb-svg") || figure.querySelector("[data-present-content]");
  }

  function Presentation(figure) {
    this.figure = figure;
    this.content = contentOf(figure);
    this.diagram = this.content.matches("svg");
    this.svg = this.diagram ? this.content : null;
    this.home = this.content.parentNode;
    this.homeNext = this.content.nextSibling;
    this.boxes = this.diagram
      ? boxesOf(this.svg)
      : Array.prototype.slice.call(this.content.querySelectorAll("[data-present-step]"));
    this.current = 0; // 0: the overview; k: the k-th box
    this.scrollBack = [window.scrollX, window.scrollY];
    this.title = this.diagram
      ? (this.svg.querySelector("title") || {}).textContent || ""
      : figure.getAttribute("data-present-title") || document.title;
  }

  Presentation.prototype.open = function (step, fullscreen) {
    var self = this;
    var overlay = element("div", "zb-present");
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", "全屏演示：" + this.title);
    var stage = element("div", "zb-present-stage");
    var bar = element("div", "zb-present-bar");
    var status = element("p", "zb-present-status");
    status.setAttribute("aria-live", "polite");
    bar.appendChild(status);
    bar.appendChild(button("上一步", "← / PageUp", function () { self.go(self.current - 1); }));
    bar.appendChild(button("下一步", "→ / 空格 / PageDown", function () { self.go(self.current + 1); }));
    if (this.figure.dataset.qr) {
      bar.appendChild(button("二维码", "显示本图的二维码（Q）", function () { self.toggleQr(); }));
    }
    if (overlay.requestFullscreen) {
      bar.appendChild(button("全屏", "进入或退出全屏（F）", function () { self.toggleFullscreen(); }));
    }
    bar.appendChild(button("退出", "退出演示（Esc）", function () { self.close(); }));
    stage.appendChild(this.content);
    // closed parts of the content (a case's answers) are opened while presenting, closed again after
    this.closedDetails = Array.prototype.filter.call(this.content.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    this.closedDetails.forEach(function (d) { d.open = true; });
    overlay.appendChild(stage);
    overlay.appendChild(bar);
    document.body.appendChild(overlay);
    document.documentElement.classList.add("zb-presenting-page");
    // the page behind the dialog is out of reach of Tab and of screen readers until Escape
    this.inerted = Array.prototype.filter.call(document.body.children, function (el) {
      return el !== overlay && !el.inert;
    });
    this.inerted.forEach(function (el) { el.inert = true; });
    this.overlay = overlay;
    this.stage = stage;
    this.status = status;
    this.content.classList.add("zb-presented");
    if (this.diagram) {
      this.boxes.forEach(function (g) {
        g.querySelectorAll("a").forEach(function (a) { a.setAttribute("tabindex", "-1"); });
      });
    }
    this.listen();
    active = this;
    var ready = function () { self.fit(); self.go(step); };
    if (fullscreen && overlay.requestFullscreen) {
      overlay.requestFullscreen().then(ready, ready);
    } else {
      ready();
    }
    stage.setAttribute("tabindex", "-1");
    stage.focus({ preventScroll: true });
  };

  /* Fit the diagram to the stage, or, when that makes text too small, show it at a legible size. */
  Presentation.prototype.fit = function () {
    if (!this.diagram) return; // other content keeps its own layout and scrolls in the stage
    var vb = this.svg.viewBox.baseVal;
    if (!vb || !vb.width) return;
    var w = this.stage.clientWidth, h = this.stage.clientHeight;
    this.fitScale = Math.min(w / vb.width, h / vb.height);
    this.legibleScale = (MIN_TEXT_PX / smallestText(this.svg)) * 1.005; // rounding must not land below
    this.size();
  };

  /* The overview (step 0) is the whole diagram on the screen; the steps at a legible size. */
  Presentation.prototype.size = function () {
    if (!this.diagram) return;
    var vb = this.svg.viewBox.baseVal;
    if (!vb || !vb.width || !this.fitScale) return;
    var scale = this.current === 0 ? this.fitScale : Math.max(this.fitScale, this.legibleScale);
    if (scale === this.scale) return;
    this.scale = scale;
    this.following = scale > this.fitScale;
    this.svg.style.width = vb.width * scale + "px";
    this.svg.style.height = vb.height * scale + "px";
    this.stage.classList.toggle("zb-following", this.following);
  };

  Presentation.prototype.go = function (i) {
    var n = this.boxes.length;
    this.current = Math.max(0, Math.min(n, i));
    var svg = this.svg, current = this.current, diagram = this.diagram;
    this.boxes.forEach(function (g, k) {
      (diagram ? withNotes(svg, g) : [g]).forEach(function (el) {
        el.classList.toggle("zb-current", k + 1 === current);
        // a diagram's overview shows every box; other content starts with its parts hidden
        el.classList.toggle("zb-ahead", (current > 0 || !diagram) && k + 1 > current);
      });
    });
    if (diagram) {
      this.status.textContent = current === 0
        ? this.title + "：共 " + n + " 步，按 → 或点右半边开始"
        : "第 " + current + " / " + n + " 步：" + labelOf(this.boxes[current - 1]);
    } else {
      this.status.textContent = current === 0
        ? this.title + "：共 " + n + " 条，按 → 或点右半边逐条显示"
        : "第 " + current + " / " + n + " 条：" + this.boxes[current - 1].getAttribute("data-present-label");
    }
    this.remember();
    this.size();
    this.follow();
  };

  Presentation.prototype.follow = function () {
    if (!this.diagram) {
      var part = this.boxes[this.current - 1];
      if (part) part.scrollIntoView({ block: "nearest", behavior: "auto" });
      else this.stage.scrollTo(0, 0);
      return;
    }
    if (!this.following) return;
    var stage = this.stage, s = stage.getBoundingClientRect();
    var b = (this.boxes[this.current - 1] || this.boxes[0]).getBoundingClientRect();
    stage.scrollTo({
      left: stage.scrollLeft + b.left - s.left - (s.width - b.width) / 2,
      top: stage.scrollTop + b.top - s.top - (s.height - b.height) / 2,
      behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth",
    });
  };

  Presentation.prototype.remember = function () {
    var url = location.pathname + location.search + "#step-" + this.current;
    try { history.replaceState(null, "", url); } catch (e) { /* embedded browsers may refuse */ }
  };

  Presentation.prototype.toggleQr = function () {
    var open = this.overlay.querySelector(".zb-present-qr");
    if (open) { open.remove(); return; }
    var box = element("div", "zb-present-qr");
    var img = element("img");
    img.src = this.figure.dataset.qr;
    img.alt = "本图网址的二维码：" + this.figure.dataset.url;
    box.appendChild(img);
    box.appendChild(element("p", null, "扫码在手机上打开本图：" + this.figure.dataset.url));
    this.overlay.appendChild(box);
  };

  Presentation.prototype.toggleFullscreen = function () {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (this.overlay.requestFullscreen) this.overlay.requestFullscreen().then(this.refit.bind(this), function () {});
  };

  Presentation.prototype.refit = function () {
    this.fit();
    this.follow();
  };

  Presentation.prototype.listen = function () {
    var self = this;
    var keys = { ArrowRight: 1, ArrowDown: 1, " ": 1, PageDown: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
    this.onKey = function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
      if (ev.key in keys) self.go(self.current + keys[ev.key]);
      else if (ev.key === "Home") self.go(0);
      else if (ev.key === "End") self.go(self.boxes.length);
      else if (ev.key === "Escape") self.close();
      else if (ev.key === "f" || ev.key === "F") self.toggleFullscreen();
      else if ((ev.key === "q" || ev.key === "Q") && self.figure.dataset.qr) self.toggleQr();
      else return;
      ev.preventDefault();
    };
    this.onFullscreen = function () {
      if (document.fullscreenElement === self.overlay) self.wasFullscreen = true;
      else if (self.wasFullscreen) self.close(); // the browser's own Escape left full screen
    };
    this.onResize = function () { self.refit(); };
    var start = null;
    this.stage.addEventListener("pointerdown", function (ev) {
      start = { x: ev.clientX, y: ev.clientY };
    });
    this.stage.addEventListener("pointerup", function (ev) {
      if (!start) return;
      var dx = ev.clientX - start.x, dy = ev.clientY - start.y;
      start = null;
      if (Math.abs(dx) >= SWIPE_PX && Math.abs(dx) > Math.abs(dy)) {
        self.go(self.current + (dx < 0 ? 1 : -1));
      } else if (Math.abs(dx) < 10 && Math.abs(dy) < 10) {
        var s = self.stage.getBoundingClientRect();
        self.go(self.current + (ev.clientX >= s.left + s.width / 2 ? 1 : -1));
      }
    });
    // a tap steps; it must not follow the box's link to the text
    this.stage.addEventListener("click", function (ev) { ev.preventDefault(); }, true);
    document.addEventListener("keydown", this.onKey);
    document.addEventListener("fullscreenchange", this.onFullscreen);
    window.addEventListener("resize", this.onResize);
  };

  Presentation.prototype.close = function () {
    if (active !== this) return;
    active = null;
    document.removeEventListener("keydown", this.onKey);
    document.removeEventListener("fullscreenchange", this.onFullscreen);
    window.removeEventListener("resize", this.onResize);
    if (document.fullscreenElement) document.exitFullscreen().catch(function () {});
    this.content.classList.remove("zb-presented");
    this.content.style.width = "";
    this.content.style.height = "";
    this.content.querySelectorAll(".zb-current, .zb-ahead").forEach(function (g) {
      g.classList.remove("zb-current", "zb-ahead");
    });
    if (this.diagram) {
      this.boxes.forEach(function (g) {
        g.querySelectorAll("a").forEach(function (a) { a.removeAttribute("tabindex"); });
      });
    }
    this.closedDetails.forEach(function (d) { d.open = false; });
    this.inerted.forEach(function (el) { el.inert = false; });
    this.home.insertBefore(this.content, this.homeNext);
    this.overlay.remove();
    document.documentElement.classList.remove("zb-presenting-page");
    try { history.replaceState(null, "", location.pathname + location.search); } catch (e) { /* ignore */ }
    window.scrollTo(this.scrollBack[0], this.scrollBack[1]);
    var trigger = this.figure.querySelector("button[data-zb=present]");
    if (trigger) trigger.focus({ preventScroll: true });
  };

  function init() {
    var figures = document.querySelectorAll("figure.zb-diagram, [data-zb-presentable]");
    figures.forEach(function (figure) {
      var trigger = figure.querySelector("button[data-zb=present]");
      if (!trigger || !contentOf(figure)) return;
      trigger.addEventListener("click", function () {
        if (!active) new Presentation(figure).open(0, true);
      });
    });
    // #step-N opens the page's first diagram at that step (full screen needs a click: F or 全屏)
    var m = STEP_HASH.exec(location.hash);
    if (m && figures.length && contentOf(figures[0])) {
      new Presentation(figures[0]).open(parseInt(m[1], 10), false);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
