"""Helpers shared by the browser test and the benchmark: build the site, serve it, start Chromium.

- ``build_site(dest)`` runs ``.venv/bin/mkdocs build -d dest`` from the repository root.
- ``SiteServer(directory)`` serves a folder on 127.0.0.1 (a random free port) from a thread, with
  the MIME types Pyodide needs (``.mjs`` as JavaScript, ``.wasm`` as ``application/wasm``), and
  logs every request with the bytes sent.
- ``launch(playwright)`` starts Debian's Chromium headless (never ``playwright install``).
"""

from __future__ import annotations

import http.server
import os
import pathlib
import subprocess
import sys
import threading

REPO = pathlib.Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

MIME = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".zip": "application/zip",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".html": "text/html; charset=utf-8",
}


def build_site(dest: pathlib.Path) -> pathlib.Path:
    mkdocs = REPO / ".venv" / "bin" / "mkdocs"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [str(mkdocs), "build", "-q", "-d", str(dest)], cwd=REPO, capture_output=True, text=True, env=env, timeout=600
    )
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return pathlib.Path(dest)


class SiteServer:
    """``with SiteServer(site) as srv: srv.url`` → ``http://127.0.0.1:<port>/``."""

    def __init__(self, directory: pathlib.Path, cache_control=None, headers: dict[str, str] | None = None):
        """``cache_control``: None, a header value, or a function of the request path giving one;
        ``headers``: more headers sent with every response (e.g. a Content-Security-Policy)."""
        self.directory = str(directory)
        self.cache_control = cache_control
        self.headers = dict(headers or {})
        self.log: list[tuple[str, int, int]] = []  # (path, status, body bytes)
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}

            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=server.directory, **kwargs)

            def end_headers(self):
                value = server.cache_control
                if callable(value):
                    value = value(self.path)
                if value:
                    self.send_header("Cache-Control", value)
                for name, header in server.headers.items():
                    self.send_header(name, header)
                super().end_headers()

            def send_response(self, code, message=None):
                self._zb_code = code
                super().send_response(code, message)

            def copyfile(self, source, outputfile):
                sent = 0
                while chunk := source.read(64 * 1024):
                    outputfile.write(chunk)
                    sent += len(chunk)
                self._zb_sent = sent

            def do_GET(self):
                self._zb_sent = 0
                try:
                    super().do_GET()
                finally:
                    with server._lock:
                        server.log.append((self.path, getattr(self, "_zb_code", 0), self._zb_sent))

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                # a browser that navigates away mid-download resets the connection: not an error
                if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
                    super().handle_error(request, client_address)

        self._httpd = Server(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()

    def take_log(self) -> list[tuple[str, int, int]]:
        with self._lock:
            out, self.log = self.log, []
        return out


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


# For each node, compare each text line's box with the node's shape box (diamonds: the rhombus).
OVERFLOW_JS = """
() => {
  const bad = [];
  for (const g of document.querySelectorAll('.zb-svg g.node')) {
    const shape = g.querySelector('path, polygon, ellipse');
    if (!shape) continue;
    const s = shape.getBBox();
    const diamond = g.classList.contains('zb-decision');
    for (const t of g.querySelectorAll('text')) {
      const b = t.getBBox();
      const pad = 0.5;
      let ok = b.x >= s.x - pad && b.y >= s.y - pad && b.x + b.width <= s.x + s.width + pad
               && b.y + b.height <= s.y + s.height + pad;
      if (ok && diamond) {
        const cx = s.x + s.width / 2, cy = s.y + s.height / 2;
        for (const [px, py] of [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height],
                                [b.x + b.width, b.y + b.height]]) {
          if (Math.abs(px - cx) / (s.width / 2) + Math.abs(py - cy) / (s.height / 2) > 1.02) ok = false;
        }
      }
      if (!ok) bad.push(g.getAttribute('data-node') + ': ' + t.textContent);
    }
  }
  return bad;
}
"""


AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page, include: str | None = None, tags: list[str] | None = None, context=None) -> list[str]:
    """Run axe-core (npm, pinned) on the page for WCAG 2.2 AA; one line per violating node.

    The script is evaluated through the DevTools protocol, so a page's Content-Security-Policy does
    not block it. ``include``: a CSS selector to limit the check to part of the page. ``tags``: the
    axe rule tags to run (default ``AXE_TAGS``; add ``"best-practice"`` for heading order, dialog names).
    ``context``: an axe context object instead, e.g. ``{"exclude": [[".zb-canvas svg"]]}``.
    """
    # Colours change with a CSS transition (Material's buttons: 125 ms) after a palette switch:
    # measure the settled colours, not the first frame of the transition.
    page.wait_for_function(
        "() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')"
    )
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async ([include, tags, context]) => {
            const ctx = context || (include ? {include: [include]} : document);
            const r = await axe.run(ctx, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.flatMap(v => v.nodes.map(n =>
                `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary.replace(/\\s+/g, ' ')}`));
        }""",
        [include, tags or AXE_TAGS, context],
    )
    return list(result)


READY_TIMEOUT = 120_000  # ms; Pyodide's cold start is seconds, more on a loaded CI machine


def wait_ready(page):
    """Wait until a checker page's runtime is ready (or failed, which fails the test with its message)."""
    page.wait_for_selector('.zbc-status[data-state="ready"], .zbc-status[data-state="failed"]', timeout=READY_TIMEOUT)
    state = page.get_attribute(".zbc-status", "data-state")
    assert state == "ready", page.inner_text(".zbc-status")


def verdict(page, previous=None):
    """Wait until the checker widget shows a verdict (or form messages) other than ``previous``; return it."""
    page.wait_for_function(
        "prev => { const v = document.querySelector('.zbc-checker').getAttribute('data-verdict');"
        " return v && v !== prev; }",
        arg=previous,
        timeout=READY_TIMEOUT,
    )
    return page.get_attribute(".zbc-checker", "data-verdict")


# Init script for a tab that stops hearing of other tabs' changes, as a tab the browser froze or kept in its
# back-forward cache: once the test sets window.zbFrozen = true, its copy of the stored records goes stale.
FREEZE = """window.addEventListener('storage', (e) => { if (window.zbFrozen) e.stopImmediatePropagation(); }, true);"""
