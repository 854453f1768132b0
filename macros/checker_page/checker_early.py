"""Start a checker page's runtime worker from the top of its <head>, before the theme loads anything.

A checker widget (checker_widget.py) names the worker, the runtime and the checkers zip in its
data attributes (and the standard library's), and its script (checker-widget.mjs) starts the worker — but that script is only reached
after the page's head, stylesheets and content are parsed and is fetched then. ``with_early_start``
copies those addresses into a small inline script placed right after ``<meta charset>``: the worker
and its downloads start while the HTML arrives, and the widget adopts that worker
(``window.__zhibuEarlyWorker``, with the messages it sent meanwhile). Where the script cannot start a
module worker (a file:// page, an old browser), it does nothing: the widget starts the worker itself,
or it (checker-fallback.js on a page opened from disk) says what is wrong. The Content-Security-Policy
allows the script by its hash (csp.py).
"""

from __future__ import annotations

import html
import json
import re

_WIDGET = re.compile(r'<div class="zbc-checker\b[^>]*>')
_ATTR = re.compile(r'\sdata-(checker|base|runtime|stdlib|zip|worker)="([^"]*)"')
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)

# Kept to what every browser can parse (no arrow functions): an old one must skip it without an error.
SCRIPT = """(function () {
  var a = %s;
  if (location.protocol === "file:" || typeof Worker === "undefined" || typeof WebAssembly === "undefined") return;
  try {
    var module = false;
    var w = new Worker(new URL(a.worker, location.href), { get type() { module = true; return "module"; } });
    if (!module) return w.terminate();
    var early = (window.__zhibuEarlyWorker = { worker: w, events: [] });
    var keep = function (e) { early.events.push(e); };
    w.addEventListener("message", keep);
    w.addEventListener("error", keep);
    early.adopt = function () {
      w.removeEventListener("message", keep);
      w.removeEventListener("error", keep);
      return early.events;
    };
    var url = function (u) { return new URL(u, location.href).href; };
    w.postMessage({ type: "init", indexURL: url(a.runtime), stdlibURL: url(a.stdlib), zipURL: url(a.zip), base: url(a.base || "./"), checkers: [a.checker] });
  } catch (e) {
    window.__zhibuEarlyWorker = undefined;
  }
})();"""


def widget_addresses(page: str) -> dict[str, str] | None:
    """The first checker widget's data-checker/base/runtime/stdlib/zip/worker, or None if the page has none."""
    match = _WIDGET.search(page)
    if match is None:
        return None
    found = {name: html.unescape(value) for name, value in _ATTR.findall(match.group(0))}
    missing = {"checker", "runtime", "stdlib", "zip", "worker"} - found.keys()
    if missing:
        raise ValueError(f"a checker widget without data-{', data-'.join(sorted(missing))}: {match.group(0)[:200]}")
    return found


def with_early_start(page: str) -> str:
    """The page with the early start script after <meta charset>, if it holds a checker widget."""
    addresses = widget_addresses(page)
    if addresses is None or "window.__zhibuEarlyWorker" in page:
        return page
    # Safe inside <script>: no "</script>" or "<!--" can appear.
    data = json.dumps(addresses, ensure_ascii=True, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e")
    tag = f"<script>{SCRIPT % data}</script>"
    match = _CHARSET.search(page)
    if match is None:
        raise ValueError("a checker page without <meta charset>: cannot place the early start script")
    return page[: match.end()] + "\n" + tag + page[match.end() :]
