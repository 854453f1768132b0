"""Write a flow as Graphviz DOT source: wrapped labels, CJK fonts, CSS classes and node ids."""

from __future__ import annotations

from macros import config
from macros.flows.model import Edge, Flow, Node
from macros.render.wrap import wrap
from macros.settings import DEFAULTS, Settings

BASE_PLACEHOLDER = "ZBBASE/"  # replaced by the page's relative path to the site root when embedded

COLORS = {
    "ink": "#263238",
    "line": "#546e7a",
    "root": "#b71c1c",
    "root_text": "#ffffff",
    "group": "#ffebee",
    "goal": "#fff8e1",
    "note": "#fffde7",
    "ednote": "#eceff1",
    "stage": "#90a4ae",
    "box": "#ffffff",
    "decision": "#e3f2fd",
}


def quote(text: str) -> str:
    """A DOT double-quoted string with the text shown literally (no escapes, no entities)."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return '"' + text.replace("\r", "").replace("\n", " ") + '"'


class Quoted(str):
    """A DOT string that is already quoted and escaped."""


def label(text: str, width: float) -> Quoted:
    """A DOT label of wrapped, centred lines (lines joined with DOT's \\n escape)."""
    return Quoted("\\n".join(quote(line)[1:-1] for line in wrap(text, width)).join('""'))


def _attrs(**attrs) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        raw = value if isinstance(value, Quoted) else quote(str(value))
        parts.append(f"{key}={raw}")
    return "[" + ", ".join(parts) + "]"


EDITORIAL_NOTE_PREFIX = "编者注："  # the diagram says in words, not only by its style, whose note it is
EDITORIAL_BRANCH_MARK = "（本站补画）"  # likewise for a branch the site added


def _node_line(page: str, node: Node, role: str, width_key: str, **style) -> str:
    """A node's DOT line; `page` is its flow page's URL from the site root (its box links there)."""
    lbl = label(node.display_label, config.WRAP_WIDTH[width_key])
    classes = f"zb-node zb-{role}" + (" zb-supplement" if node.supplement else "")
    if node.supplement:  # text added from a regulation: a dashed outline, also in the standalone SVG
        style["style"] = style.get("style", "rounded,filled") + ",dashed"
    return (
        f"  {quote(node.id)} "
        + _attrs(
            label=lbl,
            id=f"dg-{node.id}",
            **{"class": classes},
            URL=f"{BASE_PLACEHOLDER}{page}#{node.id}",
            tooltip=node.display_label,
            target="_top",
            **style,
        )
        + ";"
    )


def _note_box(node: Node, suffix: str, texts: list[str], editorial: bool) -> list[str]:
    """One note box beside a node, linked to it by a dashed line; an editorial one is dashed and says so."""
    note_id = f"{node.id}--{suffix}"
    bullet = "· " if len(texts) > 1 else ""  # several notes: one bulleted paragraph each
    paragraphs = [bullet + t for t in texts]
    if editorial:  # the prefix heads the box: before the only note, or on a line of its own
        paragraphs = (
            [EDITORIAL_NOTE_PREFIX + paragraphs[0]] if len(texts) == 1 else [EDITORIAL_NOTE_PREFIX, *paragraphs]
        )
    lbl = "\\n".join(quote(line)[1:-1] for p in paragraphs for line in wrap(p, config.WRAP_WIDTH["note"]))
    return [
        f"  {quote(note_id)} "
        + _attrs(
            label=Quoted('"' + lbl + '"'),
            id=f"dg-{note_id}",
            shape="note",
            style="filled,dashed" if editorial else "filled",
            fillcolor=COLORS["ednote" if editorial else "note"],
            fontsize=11,
            **{"class": "zb-note zb-editorial" if editorial else "zb-note"},
        )
        + ";",
        f"  {quote(node.id)} -> {quote(note_id)} "
        + _attrs(style="dashed", arrowhead="none", color=COLORS["line"], **{"class": "zb-note-link"})
        + ";",
    ]


def _note_lines(node: Node, rank_same: bool) -> list[str]:
    out, ids = [], []
    if node.notes:
        out += _note_box(node, "note", node.notes, editorial=False)
        ids.append(f"{node.id}--note")
    if node.editorial_notes:
        out += _note_box(node, "ednote", node.editorial_notes, editorial=True)
        ids.append(f"{node.id}--ednote")
    if rank_same and ids:
        out.append("  {rank=same; " + "; ".join(quote(i) for i in [node.id, *ids]) + "}")
    return out


def _header(flow: Flow) -> list[str]:
    font = config.FONT_STACK
    return [
        f"digraph {quote(flow.id)} {{",
        "  "
        + _attrs(
            rankdir="LR" if flow.layout == "LR" else "TB",
            bgcolor="transparent",
            fontname=font,
            fontsize=config.FONT_SIZE + 1,
            fontcolor=COLORS["ink"],
            nodesep="0.3",
            ranksep="0.4",
            newrank="true",
            id=f"dg-{flow.id}",
            **{"class": "zb-graph"},
        ).replace("[", "graph [", 1)
        + ";",
        "  node "
        + _attrs(
            fontname=font,
            fontsize=config.FONT_SIZE,
            shape="box",
            style="rounded,filled",
            fillcolor=COLORS["box"],
            color=COLORS["line"],
            fontcolor=COLORS["ink"],
            margin="0.15,0.08",
            penwidth="1.2",
        )
        + ";",
        "  edge "
        + _attrs(
            fontname=font, fontsize=config.FONT_SIZE - 2, color=COLORS["line"], fontcolor=COLORS["ink"], arrowsize="0.8"
        )
        + ";",
    ]


def flowchart_dot(flow: Flow, page: str) -> list[str]:
    lines = []
    for stage in flow.stages:
        indent = []
        if stage.id:
            lines.append(f"  subgraph {quote('cluster_' + stage.id)} {{")
            lines.append(
                "  "
                + _attrs(
                    label=label(stage.label, config.WRAP_WIDTH["stage"]),
                    id=f"dg-{stage.id}",
                    style="rounded,dashed",
                    color=COLORS["stage"],
                    fontsize=config.FONT_SIZE,
                    **{"class": "zb-stage"},
                ).replace("[", "graph [", 1)
                + ";"
            )
        for step in stage.children:
            if step.shape == "decision":
                indent.append(
                    _node_line(
                        page,
                        step,
                        "decision",
                        "decision",
                        shape="diamond",
                        style="filled",
                        fillcolor=COLORS["decision"],
                        margin="0.12,0.06",
                    )
                )
            elif step.shape in ("start", "end"):
                indent.append(_node_line(page, step, step.shape, "step", style="rounded,filled,bold", penwidth="2"))
            else:
                indent.append(_node_line(page, step, "step", "step"))
            indent.extend(_note_lines(step, rank_same=True))
        lines.extend(indent)
        if stage.id:
            lines.append("  }")
    columns = flow.layout == "columns"
    stage_of = {step.id: stage.id for stage in flow.stages for step in stage.children}
    if columns:  # stages side by side: their first steps share a rank, edges between stages don't pull
        lines.append("  {rank=same; " + "; ".join(quote(st.children[0].id) for st in flow.stages) + "}")
    for step in flow.steps():
        for edge in step.next:
            cls = "zb-edge" + (" zb-back" if edge.back else "") + (" zb-editorial" if edge.editorial else "")
            free = edge.back or (columns and stage_of[edge.source] != stage_of[edge.target])
            lines.append(
                f"  {quote(edge.source)} -> {quote(edge.target)} "
                + _attrs(
                    label=_edge_label(edge),
                    id=f"dg-e-{edge.source}-{edge.target}",
                    constraint="false" if free else None,
                    # an added branch is dotted (a loop back is dashed), and its label says so
                    style="dotted" if edge.editorial else ("dashed" if edge.back else None),
                    penwidth="1.6" if edge.editorial else None,
                    **{"class": cls},
                )
                + ";"
            )
    return lines


def _edge_label(edge: Edge) -> Quoted | None:
    """The edge's wrapped label; an added branch says so on a line of its own."""
    lines = wrap(edge.label, 8) if edge.label else []
    if edge.editorial:
        lines.append(EDITORIAL_BRANCH_MARK)
    return Quoted("\\n".join(quote(line)[1:-1] for line in lines).join('""')) if lines else None


def structure_dot(flow: Flow, page: str) -> list[str]:
    lines = [
        _node_line(
            page,
            flow.root,
            "root",
            "root",
            fillcolor=COLORS["root"],
            fontcolor=COLORS["root_text"],
            fontsize=config.FONT_SIZE + 3,
            penwidth="0",
            margin="0.2,0.12",
        )
    ]
    if flow.goal:
        lines.append(_node_line(page, flow.goal, "goal", "goal", fillcolor=COLORS["goal"], style="filled"))
        lines.append(
            f"  {quote(flow.root.id)} -> {quote(flow.goal.id)} "
            + _attrs(style="dashed", arrowhead="none", **{"class": "zb-edge zb-goal-link"})
            + ";"
        )
        lines.append(f"  {{rank=same; {quote(flow.root.id)}; {quote(flow.goal.id)}}}")
    for group in flow.groups:
        lines.append(
            _node_line(page, group, "group", "group", fillcolor=COLORS["group"], fontsize=config.FONT_SIZE + 1)
        )
        lines.append(f"  {quote(flow.root.id)} -> {quote(group.id)} " + _attrs(**{"class": "zb-edge"}) + ";")
        lines.extend(_note_lines(group, rank_same=False))
        lines.extend(_item_lines(page, group, depth=1))
    return lines


def _item_lines(page: str, parent: Node, depth: int) -> list[str]:
    lines = []
    for item in parent.children:
        lines.append(
            _node_line(
                page,
                item,
                "item" if depth == 1 else "subitem",
                "item",
                style="rounded,filled" if depth == 1 else "filled",
            )
        )
        lines.append(f"  {quote(parent.id)} -> {quote(item.id)} " + _attrs(**{"class": "zb-edge"}) + ";")
        lines.extend(_note_lines(item, rank_same=False))
        lines.extend(_item_lines(page, item, depth + 1))
    return lines


def flow_to_dot(flow: Flow, settings: Settings = DEFAULTS) -> str:
    """The flow's DOT source; its boxes link to the flow's page as `settings` lay pages out."""
    page = settings.page_url(f"{config.FLOW_PAGE_DIR}/{flow.id}.md")
    body = structure_dot(flow, page) if flow.kind == "structure" else flowchart_dot(flow, page)
    return "\n".join(_header(flow) + body + ["}"]) + "\n"
