"""Serve a built site on 127.0.0.1 with the MIME types Pyodide needs (.mjs, .wasm); for tests and tools."""
from __future__ import annotations

import functools
import http.server
import sys
import threading


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
                      ".svg": "image/svg+xml", ".json": "application/json", ".zip": "application/zip"}

    def log_message(self, *args):
        pass


def start(directory: str, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving `directory` in a background thread; returns the server and its base URL."""
    handler = functools.partial(Handler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


if __name__ == "__main__":
    srv, url = start(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
    print(f"serving {sys.argv[1]} at {url}")
    threading.Event().wait()
