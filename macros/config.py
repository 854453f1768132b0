"""Build settings with their defaults, in one place."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ZHIBU_FLOWS_DIR points a build at another set of flows (tests use it for fixtures).
FLOWS_DIR = Path(os.environ.get("ZHIBU_FLOWS_DIR", ROOT / "flows"))
INDEX_FILE = "_index.yml"
SOURCE_FILE = ROOT / "source" / "seed-zh-Hans.txt"  # the source document; flows are listed in its order
# ZHIBU_CACHE_DIR puts the diagram cache elsewhere (tests use an empty one for a cold build).
CACHE_DIR = Path(os.environ.get("ZHIBU_CACHE_DIR", ROOT / ".cache" / "zhibu"))
# ZHIBU_EXPORTS=0 leaves out the downloads (PNG, PDF, posters, slides): for a quick dev server or test
# builds that do not look at them. `make build` always makes them.
EXPORTS = os.environ.get("ZHIBU_EXPORTS", "1") != "0"

# Loader limits: a flow is a few KB; anything near these is a mistake or an attack.
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 40
# Text drawn in a diagram (labels; a node's notes together). Graphviz cannot read a quoted
# string over 16384 bytes; at these lengths the worst case ('&' → '&amp;') stays far below, and
# the longest real label is about 150 characters.
MAX_LABEL_CHARS = 500
MAX_NOTES_CHARS = 1000

# Fonts: the first is installed on build machines (fonts-wqy-microhei) so Graphviz measures
# CJK text correctly; the rest are what readers' systems have, written into the SVG.
FONT_STACK = "WenQuanYi Micro Hei,Microsoft YaHei,PingFang SC,Noto Sans CJK SC,sans-serif"
FONT_SIZE = 13

# Label wrapping, in display units (a Han character is 1, Latin letters and digits 0.5).
WRAP_WIDTH = {"step": 14, "decision": 8, "note": 16, "root": 10, "goal": 20, "group": 10, "item": 18, "stage": 30}

# Site layout (URLs relative to the site root).
# MkDocs' use_directory_urls: a page at flows/x/ (True), or at flows/x.html (False: the offline copy,
# which opens from disk). The MkDocs hook sets it from the configuration before anything is built.
DIRECTORY_URLS = True
# Where the offline copy's zip lives, relative to this build's root: "" (here), or "../" in the Traditional
# edition: the zip holds both editions (make offline), so the Simplified site publishes it once for both.
# (Each edition has its own downloads: the Traditional one's are made from the converted flows.)
OFFLINE_FROM = ""
# Where the checker runtime (Pyodide, assets/pyodide/<version>/) lives, relative to this build's root: ""
# (here), or "../" in the Traditional edition, which loads the Simplified site's copy (same origin) instead
# of adding 23 MB of identical files.
RUNTIME_FROM = ""
FLOW_PAGE_DIR = "flows"
SERIES_PAGE_DIR = "series"
DIAGRAM_DIR = "assets/diagrams"
POSTER_DIR = "assets/posters"
# The offline copy's zip (make offline writes it; make build makes it first, then the site takes it in).
OFFLINE_ZIP = ROOT / "build" / "zhibu-offline.zip"
OFFLINE_ZIP_URL = "downloads/zhibu-offline.zip"


def offline_zip() -> Path | None:
    """The offline copy to publish with this build: only in the online site, and only once made."""
    return OFFLINE_ZIP if DIRECTORY_URLS and OFFLINE_ZIP.is_file() else None


RECORDS_DATA = "assets/records/flows.json"  # every flowchart's steps and content hash, for self-check records


def page_url(src: str) -> str:
    """A page's URL relative to the site root, from its Markdown path: 'flows/x.md' -> 'flows/x/'."""
    stem = src[:-3] if src.endswith(".md") else src
    if not DIRECTORY_URLS:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"
