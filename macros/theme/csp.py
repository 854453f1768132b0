"""Content-Security-Policy for built pages: one policy, plus the hashes of each page's own inline code.

Everything the site loads comes from its own origin, so the policy allows only 'self'. What a
page carries inline — the theme's small scripts (their text differs with the page's depth), the
poster's stylesheet, a diagram's ``style="--zb-natural:…"`` — is allowed by its SHA-256, computed
from the finished HTML, so nothing inline that the build did not write can run.

- ``'wasm-unsafe-eval'``: the checkers' Python (Pyodide) is WebAssembly compiled in a worker.
- ``worker-src 'self'``: Material's search worker, the checker's module worker, a service worker.
- ``frame-ancestors`` cannot be set from a ``<meta>``: ``header_policy()`` is the policy for
  servers to send as an HTTP header as well (docs/hosting.md).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

DIRECTIVES: list[tuple[str, list[str]]] = [
    ("default-src", ["'none'"]),
    ("script-src", ["'self'", "'wasm-unsafe-eval'"]),
    ("style-src", ["'self'"]),
    ("img-src", ["'self'", "data:"]),  # data: the theme's icons are data: URIs in its CSS
    ("font-src", ["'self'"]),
    ("connect-src", ["'self'"]),
    ("worker-src", ["'self'"]),
    ("child-src", ["'self'"]),
    ("frame-src", ["'self'"]),
    ("manifest-src", ["'self'"]),
    ("media-src", ["'self'"]),
    ("object-src", ["'none'"]),
    ("base-uri", ["'self'"]),
    ("form-action", ["'self'"]),
]
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_META = re.compile(r'<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*', re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)


class _Inline(HTMLParser):
    """Collects the inline scripts, style elements and style attributes of a document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.style_attrs: list[str] = []
        self._into: list[str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("style"):
            self.style_attrs.append(a["style"] or "")
        if tag == "script" and "src" not in a and (a.get("type") or "").strip().lower() in JS_TYPES:
            self._into, self._text = self.scripts, []
        elif tag == "style":
            self._into, self._text = self.styles, []

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._into is not None and tag in ("script", "style"):
            self._into.append("".join(self._text))
            self._into = None


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(html: str) -> str:
    """The policy for one document: the site-wide directives and the hashes of its inline code."""
    found = _Inline()
    found.feed(html)
    found.close()
    extra = {
        "script-src": sorted({_sha256(s) for s in found.scripts}),
        "style-src": sorted({_sha256(s) for s in found.styles}),
    }
    if found.style_attrs:
        extra["style-src"] = ["'unsafe-hashes'"] + extra["style-src"] + sorted({_sha256(s) for s in found.style_attrs})
    return "; ".join(" ".join([name] + values + extra.get(name, [])) for name, values in DIRECTIVES)


def header_policy() -> str:
    """The policy for servers to send as an HTTP header (docs/hosting.md), next to each page's
    <meta>. A browser enforces both, so only what both allow runs: the header cannot know the
    per-page hashes and so leaves inline code to the <meta> (which allows only the hashed code);
    it adds what a <meta> cannot say (frame-ancestors) and covers what has no <meta> (the workers,
    SVG files opened directly)."""
    parts = []
    for name, values in DIRECTIVES:
        if name in ("script-src", "style-src"):
            values = values + ["'unsafe-inline'"]
        parts.append(" ".join([name] + values))
    return "; ".join(parts + ["frame-ancestors 'self'"])


def with_policy(html: str) -> str:
    """The document with its policy as the first element after <meta charset> (a policy in a
    <meta> covers only what comes after it). Idempotent: an older policy is replaced."""
    html = _META.sub("", html)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    match = _CHARSET.search(html)
    if match is None:
        raise ValueError("a page without <meta charset> cannot carry a Content-Security-Policy early enough")
    return html[: match.end()] + "\n" + tag + html[match.end() :]
