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

    def __init__(self, directory: pathlib.Path, cache_control=None):
        """``cache_control``: None, a header value, or a function of the request path giving one."""
        self.directory = str(directory)
        self.cache_control = cache_control
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
