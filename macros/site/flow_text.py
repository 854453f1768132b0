"""The readable text of a flow (the 文字版): groups or stages, steps with their notes, basis, notes, errata."""

from __future__ import annotations

from macros.flows.model import Flow, Node
from macros.render.dot_writer import EDITORIAL_BRANCH_MARK
from macros.settings import DEFAULTS, Settings
from macros.site.markup import esc, md_inline


def _badges(node: Node) -> str:
    out = ""
    if node.supplement:
        out += f' <span class="zb-badge zb-supplement" title="依据：{esc(node.supplement)}">本站补充</span>'
    if node.errata:
        originals = "；".join(e.original for e in node.errata)
        out += f' <a class="zb-badge zb-erratum" href="#errata" title="原文：{esc(originals)}">已勘误</a>'
    return out


def _notes(node: Node, links: dict) -> str:
    """A node's notes, the site's own notes (marked), its citation if supplementary, links to checkers."""
    parts = "".join(f'<p class="zb-note">{esc(n)}</p>' for n in node.notes)
    parts += "".join(
        f'<p class="zb-note zb-editorial"><span class="zb-mark">（编者注）</span>{esc(n)}</p>'
        for n in node.editorial_notes
    )
    if node.supplement:
        parts += f'<p class="zb-cite">本站补充，依据：{esc(node.supplement)}</p>'
    return parts + links.get(node.id, "")


def _check_links(flow: Flow, cites: dict, base: str, settings: Settings) -> dict:
    """Links from the steps a checker's rules rest on to that checker."""
    links = {}
    for (flow_id, node_id), entries in cites.items():
        if flow_id != flow.id:
            continue
        items = []
        for name, description in entries:
            url = "#check" if flow.checker == name else base + settings.page_url(f"checkers/{name}.md")
            items.append(f'<a href="{url}">{esc(description or "自查")}</a>')
        links[node_id] = '<p class="zb-checklink">自查：' + "、".join(items) + "</p>"
    return links


def _item_list(nodes: list[Node], links: dict) -> str:
    if not nodes:
        return ""
    items = []
    for n in nodes:
        value = f' value="{n.number}"' if n.number is not None else ""
        items.append(
            f'<li id="{n.id}"{value}><span class="zb-label">{esc(n.label)}</span>{_badges(n)}'
            f"{_notes(n, links)}{_item_list(n.children, links)}</li>"
        )
    tag = "ol" if any(n.number is not None for n in nodes) else "ul"
    return f'<{tag} class="zb-items">' + "".join(items) + f"</{tag}>"


def _structure_text(flow: Flow, links: dict) -> list[str]:
    out = [
        f'<div class="zb-root" id="{flow.root.id}"><strong>{esc(flow.root.label)}</strong>'
        f"{_badges(flow.root)}{_notes(flow.root, links)}</div>",
        "",
    ]
    if flow.goal:
        out += [
            f'<div class="zb-goal" id="{flow.goal.id}"><strong>目标要求</strong>'
            f"<p>{esc(flow.goal.label)}{_badges(flow.goal)}</p>{_notes(flow.goal, links)}</div>",
            "",
        ]
    for group in flow.groups:
        out += [f"### {md_inline(group.label)} {{#{group.id}}}", ""]
        body = _notes(group, links) + _badges(group).strip()
        if group.children:
            body += _item_list(group.children, links)
        else:
            body += '<p class="zb-empty">原图只列出这一标题，没有列出具体内容。</p>'
        out += [f"<div>{body}</div>", ""]
    return out


def _edge_text(flow: Flow, step: Node, position: int, steps: list[Node]) -> str:
    """Explain where a step leads, when that is not simply the next step in the list."""
    default_next = steps[position + 1].id if position + 1 < len(steps) else None
    edges = step.next
    if not edges:
        return '<p class="zb-next">流程到此结束。</p>' if position + 1 < len(steps) else ""
    if len(edges) == 1 and edges[0].target == default_next and not edges[0].label:
        return ""
    parts = []
    for e in edges:
        target = flow.node(e.target)
        verb = "返回" if e.back else "转到"
        cond = f"{esc(e.label)}：" if e.label else ""
        mark = f'<span class="zb-mark">{EDITORIAL_BRANCH_MARK}</span>' if e.editorial else ""
        cls = ' class="zb-editorial"' if e.editorial else ""
        parts.append(f'<li{cls}>{cond}{verb} <a href="#{e.target}">{esc(target.display_label)}</a>{mark}</li>')
    lead = "判断" if step.shape == "decision" else "下一步"
    return f'<div class="zb-next"><span>{lead}</span><ul>{"".join(parts)}</ul></div>'


def _flowchart_text(flow: Flow, links: dict) -> list[str]:
    out, steps, i = [], flow.steps(), 0
    for stage in flow.stages:
        if stage.id:
            out += [f"### {md_inline(stage.label)} {{#{stage.id}}}", ""]
            if stage.notes:
                out += [f"<div>{_notes(stage, links)}</div>", ""]
        items = []
        for step in stage.children:
            value = f' value="{step.number}"' if step.number is not None else ""
            cls = f"zb-step zb-{step.shape}"
            items.append(
                f'<li id="{step.id}" class="{cls}"{value}><span class="zb-label">{esc(step.label)}'
                f"</span>{_badges(step)}{_notes(step, links)}{_edge_text(flow, step, i, steps)}</li>"
            )
            i += 1
        numbered = all(s.number is not None for s in stage.children)
        start = "" if numbered or not stage.children else f' start="{i - len(stage.children) + 1}"'
        out += [f'<ol class="zb-steps"{start}>' + "".join(items) + "</ol>", ""]
    return out


def text_md(
    flow: Flow, heading_level: int = 2, cites: dict | None = None, base: str = "", settings: Settings = DEFAULTS
) -> str:
    """The readable text of a flow: summary, groups or stages, steps with notes, basis, notes, errata.

    `cites` maps (flow, node) to the checkers whose rules rest on that node; those nodes link to them
    (to a checker's page as `settings` lay pages out).
    """
    h = "#" * heading_level
    links = _check_links(flow, cites or {}, base, settings)
    out = [f'<div id="text-{flow.id}" class="zb-text-start"></div>', ""]
    out += _structure_text(flow, links) if flow.kind == "structure" else _flowchart_text(flow, links)
    out += [f"{h} 依据 {{#basis}}", ""]
    out += [
        '<ul class="zb-basis">'
        + "".join(
            f"<li>{esc(b.title)}{f'（{b.year}年）' if b.year else ''}"
            f"{f' {esc(b.articles)}' if b.articles else ''}"
            f"{f'：{esc(b.note)}' if b.note else ''}</li>"
            for b in flow.basis
        )
        + "</ul>",
        "",
    ]
    if flow.notes:
        out += [
            f"{h} 说明 {{#notes}}",
            "",
            '<ul class="zb-notes">' + "".join(f"<li>{esc(n)}</li>" for n in flow.notes) + "</ul>",
            "",
        ]
    errata = [(n, e) for n in flow.nodes() for e in n.errata]
    if errata:
        rows = "".join(
            f'<tr><td><a href="#{n.id}">{esc(n.label)}</a></td><td>{esc(e.original)}</td><td>{esc(e.reason)}</td></tr>'
            for n, e in errata
        )
        out += [
            f"{h} 勘误记录 {{#errata}}",
            "",
            "<div><p>原图文字中有明显笔误的地方，本站作了更正；原文保留如下，便于核对。</p>"
            f"<table><thead><tr><th>本站文字</th><th>原图文字</th><th>理由</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>",
            "",
        ]
    return "\n".join(out)
