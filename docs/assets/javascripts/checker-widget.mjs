/* The checker widget's entry: builds each .zbc-checker on the page and ties its form, the query string, the runtime and the result together. */

// Loaded (an async module script) only by pages that hold a checker widget rendered by
// macros/checker_page/checker_widget.py. It adopts the module Web Worker (checker-worker.mjs) that the inline
// script at the top of the page started (macros/checker_page/checker_early.py), or starts it at once, so the
// Python runtime is loading while the reader reads and fills in the form. Nothing typed in is
// sent to any server. Where modules cannot load (a page opened from disk, a browser without
// them) checker-fallback.js speaks instead.

import { announceResult, printWidget } from "./checker-actions.mjs";
import { CheckerForm } from "./checker-form.mjs";
import { collect } from "./checker-inputs.mjs";
import { runCheck, runtime, startRuntime } from "./checker-runtime.mjs";
import { downloadNote, renderStatus } from "./checker-status.mjs";
import { queryFor, queryValues } from "./checker-url.mjs";
import { renderCrash, renderResult } from "./checker-verdict.mjs";

class Widget {
  constructor(el) {
    this.el = el;
    this.spec = JSON.parse(el.querySelector(".zbc-spec").textContent);
    this.result = el.querySelector(".zbc-result");
    this.status = el.querySelector(".zbc-status");
    this.base = el.getAttribute("data-base") || "";
    this.download = downloadNote(el);
    this.submitted = false; // after the first check, results follow every change
    this.wanted = false; // a check waits for the runtime
    this.version = 0; // bumps on every change; late results of older versions are dropped
    this.form = new CheckerForm(el, this.spec, () => this.changed());
    const form = this.form.form;
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.submitted = true;
      this.update(true);
    });
    form.addEventListener("input", () => this.changed());
    form.addEventListener("change", () => this.changed());
    el.querySelector(".zbc-clear").addEventListener("click", () => this.clear());

    this.form.pageDefaults();
    const filled = queryValues(location.search, this.spec.inputs, this.spec.aliases);
    if (filled) this.form.fill(filled);
    this.form.emptyRows();
    this.renderStatus();
    if (filled) {
      // Opened from a shared link: show the widget now (the runtime is still loading), and the
      // verdict when it comes; the checker itself judges what the link holds.
      this.fromLink = true;
      this.submitted = true;
      this.el.scrollIntoView({ block: "start" });
      this.update(false);
    }
  }

  // The form's state in the address bar, so the page's URL can be bookmarked or shared.
  toQuery(values) {
    const url = location.pathname + queryFor(location.search, this.spec.inputs, values, this.spec.aliases) + location.hash;
    try {
      history.replaceState(history.state, "", url);
    } catch {
      /* some embedded browsers refuse; the check still works */
    }
  }

  changed() {
    this.version++;
    this.toQuery(this.form.values());
    if (!this.submitted) return;
    // Never leave a result on screen that no longer matches the form.
    this.hideResult();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(false), 250);
  }

  hideResult() {
    this.result.hidden = true;
    this.result.textContent = "";
    this.el.removeAttribute("data-verdict");
  }

  update(explicit) {
    clearTimeout(this.timer);
    const values = this.form.values();
    this.toQuery(values);
    const c = collect(this.spec.inputs, values, { lenient: this.fromLink, badDate: (name) => this.form.badDate(name) });
    this.form.showErrors(c.errors);
    this.hideResult();
    const names = Object.keys(c.errors);
    if (names.length) {
      this.wanted = false;
      this.el.setAttribute("data-verdict", "form-invalid");
      if (explicit) {
        const first = this.form.field(names[0]).querySelector("[aria-invalid]");
        if (first) first.focus();
      }
      return;
    }
    this.wanted = true;
    this.pendingData = c.data;
    this.explicit = explicit;
    this.run();
  }

  onReady() {
    if (this.wanted) this.run();
  }

  run() {
    if (runtime.state === "failed") return;
    if (runtime.state !== "ready") {
      this.renderStatus();
      return;
    }
    this.wanted = false;
    const version = this.version;
    runCheck(this.spec.name, this.pendingData, (msg) => {
      if (version !== this.version) return; // the form changed meanwhile
      if (msg.type === "error") {
        renderCrash(this.result, msg.message);
        this.el.setAttribute("data-verdict", "error");
        return;
      }
      this.showResult(JSON.parse(msg.json));
    });
  }

  renderStatus() {
    renderStatus(this.status, runtime, this.download, this.wanted);
  }

  showResult(r) {
    const values = this.form.values();
    const { verdict, label } = renderResult(this.result, r, {
      spec: this.spec,
      base: this.base,
      form: this.form,
      values,
      onPrint: () => printWidget(this.el),
    });
    this.el.setAttribute("data-verdict", verdict);
    const summary = r.summary || "";
    this.say(summary.indexOf(label) === 0 ? summary : label + "。" + summary);
    announceResult(this.spec, r, verdict, values);
    if (window.__zhibuFirstVerdict === undefined) window.__zhibuFirstVerdict = performance.now();
    const box = this.result;
    if (this.fromLink) {
      // A shared link: the verdict is the first thing the reader sees.
      this.fromLink = false;
      this.explicit = false;
      box.focus({ preventScroll: true });
      box.querySelector(".zbc-verdict").scrollIntoView({ block: "start" });
    } else if (this.explicit) {
      this.explicit = false;
      box.focus({ preventScroll: true });
      // The verdict's first line in view and clear of the sticky header (its scroll-margin-top),
      // not merely the nearest edge of the result, which on a phone leaves it under the header;
      // a checker that makes something (a plan) always puts its verdict at the top of the screen.
      const verdictEl = box.querySelector(".zbc-verdict");
      const header = document.querySelector(".md-header");
      const top = header ? header.getBoundingClientRect().bottom : 0;
      const at = verdictEl.getBoundingClientRect();
      if (this.spec.result_first) verdictEl.scrollIntoView({ block: "start" });
      else if (at.top < top + 8 || at.top > window.innerHeight * 0.6) verdictEl.scrollIntoView({ block: "start", behavior: "smooth" });
    }
  }

  // Announced by screen readers (the live region exists from the start, so changes are read).
  say(text) {
    const live = this.el.querySelector(".zbc-announce");
    if (!live) return;
    live.textContent = "";
    setTimeout(() => {
      live.textContent = text;
    }, 50);
  }

  clear() {
    this.form.clear();
    this.submitted = false;
    this.wanted = false;
    this.version++;
    this.form.showErrors({});
    this.hideResult();
    this.toQuery(this.form.values());
    this.renderStatus();
    const first = this.form.form.querySelector("input, select");
    if (first) first.focus();
  }
}

function setup(el) {
  if (el.__zbWidget) return;
  const w = new Widget(el);
  el.__zbWidget = w;
  runtime.widgets.push(w);
  w.renderStatus();
}

// Calls fn once el has been parsed to its end (a node follows it), or at DOMContentLoaded: a
// widget opened from a link asks for its verdict without waiting for the rest of the page.
function whenParsed(el, fn) {
  let done = false;
  const run = () => {
    if (!done) {
      done = true;
      fn(el);
    }
  };
  if (document.readyState !== "loading" || el.nextSibling) return run();
  document.addEventListener("DOMContentLoaded", run);
  if (!window.MutationObserver || !el.parentNode) return;
  const observer = new MutationObserver(() => {
    if (el.nextSibling) {
      observer.disconnect();
      run();
    }
  });
  observer.observe(el.parentNode, { childList: true });
  document.addEventListener("DOMContentLoaded", () => observer.disconnect());
}

function init() {
  const els = document.querySelectorAll(".zbc-checker");
  if (els.length) startRuntime(els[0]);
  els.forEach(setup);
}

// Several widgets on a page share this module and one worker; a page opened from disk is
// checker-fallback.js's (no worker can start there).
if (!window.__zhibuChecker && location.protocol !== "file:") {
  window.__zhibuChecker = true;
  // Start the runtime as soon as this module runs: its script sits just inside the widget's
  // element (which carries the runtime's addresses), so the worker is already loading while the
  // rest of the page is parsed; each widget is built as soon as its own markup is complete.
  const first = document.querySelector(".zbc-checker");
  if (first) {
    startRuntime(first);
    whenParsed(first, setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}
