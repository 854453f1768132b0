"""Fixed facts of the build: the repository root, file names, limits, fonts and the site's layout.

Nothing here changes during a build and nothing is read from the environment; what a build may be told
(flows folder, cache, downloads on or off, edition, URL style, site address) is ``macros/settings.py``.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository root: every other module imports this one
DOCS_DIR = ROOT / "docs"  # hand-written pages and the site's own assets (scripts, stylesheets, images)
INDEX_FILE = "_index.yml"
SOURCE_FILE = ROOT / "source" / "seed-zh-Hans.txt"  # the source document; flows are listed in its order

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

# Site layout (URLs relative to the site root). Whether a page is flows/x/ or flows/x.html is a setting
# (Settings.directory_urls: the offline copy opens from disk).
FLOW_PAGE_DIR = "flows"
SERIES_PAGE_DIR = "series"
DIAGRAM_DIR = "assets/diagrams"
POSTER_DIR = "assets/posters"
OFFLINE_ZIP_URL = "downloads/zhibu-offline.zip"
RECORDS_DATA = "assets/records/flows.json"  # every flowchart's steps and content hash, for self-check records
