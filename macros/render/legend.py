"""The legend of a diagram: how content that is not in the source is drawn, shown only where there is some."""

from __future__ import annotations

from macros.flows.model import Flow
from macros.render.dot_writer import EDITORIAL_BRANCH_MARK, EDITORIAL_NOTE_PREFIX

# Small pictures drawn like the diagram draws each kind (the same dash patterns), then the words.
_SWATCH = (
    '<svg class="zb-swatch" width="44" height="22" viewBox="0 0 44 22" aria-hidden="true" focusable="false">{}</svg>'
)
ENTRIES = {
    "supplement": (
        '<rect x="2" y="3" width="40" height="16" rx="4" fill="none" stroke="currentColor" stroke-dasharray="5 2"/>',
        "虚线框：原图没有、本站依据党内法规补充的内容；文字版标“本站补充”，并注明依据的条文。",
    ),
    "editorial-note": (
        '<path d="M2 3h32l8 8v8H2z" fill="none" stroke="currentColor" stroke-dasharray="5 2"/>'
        '<text x="5" y="15" font-size="10" font-style="italic" fill="currentColor">编者</text>',
        f"虚线便签、斜体、以“{EDITORIAL_NOTE_PREFIX}”开头：本站编者的说明，不是原图的内容；文字版标“（编者注）”。",
    ),
    "editorial-branch": (
        '<path d="M2 11h32" stroke="currentColor" stroke-width="1.6" stroke-dasharray="1 5"/>'
        '<path d="M34 6l8 5-8 5z" fill="currentColor"/>',
        f"点线箭头、标“{EDITORIAL_BRANCH_MARK}”：原图没有、本站补画的分支；文字版同样标“{EDITORIAL_BRANCH_MARK}”。",
    ),
}


def legend_keys(flow: Flow) -> list[str]:
    """Which kinds of added content the flow has, in the order of ENTRIES."""
    nodes = [n for n in flow.nodes() if n is not None]
    present = {
        "supplement": any(n.supplement for n in nodes),
        "editorial-note": any(n.editorial_notes for n in nodes),
        "editorial-branch": any(e.editorial for e in flow.edges()),
    }
    return [key for key in ENTRIES if present[key]]


def legend_html(flow: Flow) -> str:
    """The legend as HTML (empty when the diagram holds only the source's content)."""
    keys = legend_keys(flow)
    if not keys:
        return ""
    items = "".join(
        f'<li class="zb-legend-{key}">{_SWATCH.format(ENTRIES[key][0])}<span>{ENTRIES[key][1]}</span></li>'
        for key in keys
    )
    return (
        f'<div class="zb-legend" role="note" aria-label="图例"><p class="zb-legend-title">图例：除下列标出的以外，'
        f"图中内容都来自原图。</p><ul>{items}</ul></div>\n"
    )
