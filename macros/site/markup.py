"""Text for HTML and Markdown, and the paths and links between generated pages (as the settings lay them out)."""

from __future__ import annotations

import html
import re

from macros import config
from macros.settings import Settings

_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|~<>&]")


def esc(text: str) -> str:
    """Text for an HTML context."""
    return html.escape(text, quote=True)


def md_inline(text: str) -> str:
    """Text for a Markdown heading or paragraph, shown literally (every special character as an entity)."""
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text)


def flow_src(flow_id: str) -> str:
    return f"{config.FLOW_PAGE_DIR}/{flow_id}.md"


def series_src(series_id: str) -> str:
    return f"{config.SERIES_PAGE_DIR}/{series_id}.md"


def base_for(src_uri: str, settings: Settings) -> str:
    """Relative path from a page's URL to the site root, e.g. '../../' (directory URLs) or '../'."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    parts = stem.split("/")
    depth = len(parts) - 1 if parts[-1] in ("index", "README") or not settings.directory_urls else len(parts)
    return "../" * depth


def page_link(from_src: str, to_src: str, settings: Settings, anchor: str = "") -> str:
    """A URL from one generated page to another."""
    url = base_for(from_src, settings) + settings.page_url(to_src)
    return url + (f"#{anchor}" if anchor else "")
