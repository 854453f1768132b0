"""Gate: the built site's HTML parses cleanly, and every internal link and anchor resolves.

Over every page, poster and diagram of the session-built site: each start tag is closed in
order (HTML's void elements and optional end tags allowed), no attribute is given twice and no
id twice on a page; every ``href``/``src`` (also ``xlink:href`` in SVG) that stays on the site
points at a file that exists, and its ``#fragment`` at an id (or ``name``) on that page.

Seen to fail on planted defects, in a copy of a built site (118 documents, 5,706 links): a stray
``</div>`` in index.html (reported at its line, with what it left open); ``id="vote"`` renamed on
the election-procedure page (the links to ``#vote`` from its diagram, poster and page are listed);
a link on a checker page changed to ``../no-such-dues/`` (no such file).
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose end tag HTML lets the author leave out (closed by what follows or by the parent's end).
OPTIONAL_END = {
    "html",
    "head",
    "body",
    "p",
    "li",
    "dt",
    "dd",
    "option",
    "optgroup",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "colgroup",
    "rt",
    "rp",
}
LINK_ATTRS = {"href", "src", "xlink:href", "poster", "data"}
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.I)


class Page(HTMLParser):
    """One document's problems, ids and links."""

    def __init__(self, xml: bool = False):
        super().__init__(convert_charrefs=True)
        self.xml = xml
        self.stack: list[tuple[str, int]] = []
        self.problems: list[str] = []
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def _where(self) -> int:
        return self.getpos()[0]

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in attrs]
        for name in sorted({n for n in names if names.count(n) > 1}):
            self.problems.append(f"line {self._where()}: <{tag}> has the attribute {name} twice")
        for name, value in attrs:
            if name in ("id", "name") and value is not None:
                if name == "id" and value in self.ids:
                    self.problems.append(f"line {self._where()}: id {value!r} appears twice")
                self.ids.add(value)
            if name in LINK_ATTRS and value:
                self.links.append((self._where(), value))

    def handle_starttag(self, tag, attrs):
        self._attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self._where()))

    def handle_startendtag(self, tag, attrs):
        self._attrs(tag, attrs)  # <path .../> in SVG, <br/>: nothing stays open

    def handle_endtag(self, tag):
        if tag in VOID and not self.xml:
            return
        open_tags = [name for name, _ in self.stack]
        if tag not in open_tags:
            self.problems.append(f"line {self._where()}: </{tag}> closes nothing that is open")
            return
        while self.stack and self.stack[-1][0] != tag:
            name, line = self.stack.pop()
            if name not in OPTIONAL_END or self.xml:
                self.problems.append(f"line {line}: <{name}> is not closed before </{tag}> on line {self._where()}")
        self.stack.pop()

    def close(self):
        super().close()
        for name, line in self.stack:
            if name not in OPTIONAL_END or self.xml:
                self.problems.append(f"line {line}: <{name}> is never closed")


def read(path: Path) -> Page:
    page = Page(xml=path.suffix == ".svg")
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def documents(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix in (".html", ".svg") and "pyodide" not in p.parts)


def target_of(site: Path, page: Path, url: str) -> tuple[Path, str]:
    """The file a same-site URL on ``page`` points at, and its fragment."""
    parts = urllib.parse.urlsplit(url)
    here = page.relative_to(site).parent.as_posix()
    path = urllib.parse.unquote(parts.path)
    if not path:
        return page, parts.fragment
    joined = posixpath.normpath(posixpath.join("/" + here, path))
    target = site / joined.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_html_parses_and_every_internal_link_and_anchor_resolves(built_site):
    pages = {path: read(path) for path in documents(built_site)}
    assert len(pages) > 36 * 2, "expected at least every flow's page and diagram"
    problems = []
    for path, page in pages.items():
        name = path.relative_to(built_site).as_posix()
        problems += [f"{name}: {p}" for p in page.problems]
        for line, url in page.links:
            if EXTERNAL.match(url):
                continue
            target, fragment = target_of(built_site, path, url)
            if not target.resolve().is_relative_to(built_site.resolve()):
                problems.append(f"{name}:{line}: {url} leaves the site")
            elif not target.is_file():
                problems.append(f"{name}:{line}: {url} → no such file {target.relative_to(built_site)}")
            elif fragment and target.suffix in (".html", ".svg"):
                ids = (pages.get(target) or read(target)).ids
                if urllib.parse.unquote(fragment) not in ids:
                    problems.append(f"{name}:{line}: {url} → no id {fragment!r} on {target.relative_to(built_site)}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])
