"""Graphviz's own PNG and PDF output for exports: a header with title, source and date, step highlights."""

from __future__ import annotations

import re
import struct
import subprocess
import zlib

from macros import config
from macros.flows.model import Flow
from macros.render.dot_writer import BASE_PLACEHOLDER, COLORS, quote
from macros.render.svg_render import RenderError
from macros.render.wrap import wrap

HIGHLIGHT = "#ff6f00"
AHEAD_INK = "#9e9e9e"
AHEAD_LINE = "#cfd8dc"
FONT = config.FONT_STACK.split(",")[0]  # the installed CJK font; cairo embeds it in PDFs
_URL_ATTR = re.compile(r'URL="' + re.escape(BASE_PLACEHOLDER) + r'[^"]*", ')


def run_dot(source: str, *args: str) -> bytes:
    """dot's output for the graph in `source` (one graph per process: see svg_render)."""
    proc = subprocess.run(["dot", *args], input=source.encode("utf-8"), capture_output=True, check=False)
    if proc.returncode != 0:
        raise RenderError("dot failed: " + proc.stderr.decode("utf-8", "replace").strip())
    return proc.stdout


def linked(dot: str, site_url: str | None) -> str:
    """Boxes link to the flow page on the public site, or carry no link when there is no site_url."""
    if site_url:
        return dot.replace(BASE_PLACEHOLDER, site_url.rstrip("/") + "/")
    return _URL_ATTR.sub("", dot)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def header_label(lines: list[str], title_pt: int = 22, meta_pt: int = 11, align: str = "CENTER") -> str:
    """A DOT HTML-like label: the first line as a title, the rest smaller (wrapped to about 60 em)."""
    meta = [piece for line in lines[1:] for piece in wrap(line, 60)]
    br = f'<BR ALIGN="{align}"/>'
    body = f'<FONT POINT-SIZE="{title_pt}">{_html(lines[0])}</FONT>{br}'
    body += "".join(f'<FONT POINT-SIZE="{meta_pt}">{_html(m)}</FONT>{br}' for m in meta)
    return f"<{body}>"


def with_header(dot: str, lines: list[str]) -> str:
    """The diagram with a title block on top (set at the end so clusters keep their own labels)."""
    attrs = f'  graph [label={header_label(lines)}, labelloc="t", fontcolor="{COLORS["ink"]}"];\n'
    return dot[: dot.rstrip().rfind("}")] + attrs + "}\n"


def text_block(lines: list[str], title_pt: int = 22, meta_pt: int = 11) -> str:
    """A graph that is only a block of text (poster header, tile labels)."""
    return (
        f'digraph text {{ graph [margin=0, pad=0, bgcolor="transparent"]; '
        f'node [shape=plaintext, margin=0, fontname={quote(config.FONT_STACK)}, fontcolor="{COLORS["ink"]}"]; '
        f"t [label={header_label(lines, title_pt, meta_pt, 'LEFT')}]; }}\n"
    )


def box_ids(flow: Flow) -> list[str]:
    """The boxes in reading order (stages excluded), as present mode steps through them."""
    return [n.id for n in flow.nodes() if n.role != "stage"]


def highlighted(dot: str, flow: Flow, step: int) -> str:
    """The diagram with box `step` (1-based) outlined, earlier boxes as they are, later ones greyed."""
    ids = box_ids(flow)
    lines = [f'  {quote(ids[step - 1])} [color="{HIGHLIGHT}", penwidth="4"];']
    for node_id in ids[step:]:
        grey = f'[fontcolor="{AHEAD_INK}", color="{AHEAD_LINE}"]'
        lines.append(f"  {quote(node_id)} {grey};")
        node = flow.node(node_id)
        for suffix, notes in (("--note", node.notes), ("--ednote", node.editorial_notes)):
            if notes:
                lines.append(f"  {quote(node_id + suffix)} {grey};")
    return dot[: dot.rstrip().rfind("}")] + "\n".join(lines) + "\n}\n"


def with_dpi(png: bytes, dpi: int) -> bytes:
    """The PNG with a pHYs chunk, so word processors place it at its print size."""
    ppm = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", ppm, ppm, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    ihdr_end = 8 + 8 + 13 + 4
    return png[:ihdr_end] + chunk + png[ihdr_end:]


def png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])
