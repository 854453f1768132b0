"""Write the readable pages (Markdown with escaped HTML) for flows, the index and series."""

from __future__ import annotations

import html
import json
import re

from . import config
from .dot_writer import EDITORIAL_BRANCH_MARK
from .legend import legend_html
from .model import Flow, Node, Series, Site
from .records_data import flow_record_data, has_records
from .svg_render import with_base

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


def base_for(src_uri: str) -> str:
    """Relative path from a page's URL to the site root, e.g. '../../' (directory URLs) or '../'."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    parts = stem.split("/")
    depth = len(parts) - 1 if parts[-1] in ("index", "README") or not config.DIRECTORY_URLS else len(parts)
    return "../" * depth


def page_link(from_src: str, to_src: str, anchor: str = "") -> str:
    """A URL from one generated page to another."""
    url = base_for(from_src) + config.page_url(to_src)
    return url + (f"#{anchor}" if anchor else "")


# ---- diagram -------------------------------------------------------------------------------


SCROLL_HINT = "图比屏幕宽，可左右滑动查看；点“适合宽度”看全图，点“放大查看”看清细节。"


def _natural_px(svg: str) -> int:
    m = re.search(r'<svg[^>]*\bwidth="([\d.]+)pt"', svg)
    return round(float(m.group(1)) * 4 / 3) if m else 800


def _overflow_style(flow_id: str, width: int) -> str:
    """From the first paint, show 适合宽度 and the scroll hint when the diagram overflows its box.

    The diagram is drawn at least 3/4 of its natural width (zhibu.css); it overflows when that and
    the box's padding (2 × .5rem) exceed the figure's width less 2 px of border and 4 px of slack
    (diagram-fit.mjs's test). A container query on the figure decides it before any script runs,
    so nothing moves when diagram-fit.mjs runs (it then keeps the state as the reader zooms)."""
    f = f"#diagram-{flow_id}"
    return (
        f"<style>@container zb-figure (max-width: calc({width * 0.75:g}px + 1rem - 3px)) {{"
        f" {f} .zb-fit-btn {{ display: inline-block; }}"
        f" {f}:not(.zb-fit) .zb-scroll-hint {{ display: block; }} }}</style>"
    )


CHECKLIST_TITLES = {
    "flowchart": "逐步勾选、记下日期和备注，对照检查是否按程序办理",
    "structure": "逐项标记已落实、部分落实、未落实或不适用，写下备注，对照检查职责和要求是否落实",
}


def _record_data(flow: Flow, cites: dict | None) -> str:
    """A diagram's steps or items and content hash for the self-check records, as an attribute (read by selfcheck.mjs)."""
    if not has_records(flow):
        return ""
    data = json.dumps(flow_record_data(flow, cites), ensure_ascii=False, separators=(",", ":"))
    return f' data-record="{esc(data)}"'


def diagram_html(
    flow: Flow, svg: str, base: str, cites: dict | None = None, attrs: dict[str, str] | None = None
) -> str:
    """The diagram with its toolbar; kept out of the search index (the text version is indexed).

    Diagrams with self-check records carry their record data; the 对照自查 button stays hidden until
    selfcheck.mjs runs.
    `attrs`: more data attributes for the figure (present mode reads data-qr and data-url)."""
    width = _natural_px(svg)
    svg_url = f"{base}{config.DIAGRAM_DIR}/{flow.id}.svg"
    more = "".join(f' {k}="{esc(v)}"' for k, v in (attrs or {}).items())
    return (
        f'<figure class="zb-diagram" id="diagram-{flow.id}" data-flow="{flow.id}"{_record_data(flow, cites)}{more} '
        f"data-search-exclude>\n"
        f'<div class="zb-toolbar" role="toolbar" aria-label="图的操作">'
        f'<button type="button" class="md-button zb-btn" data-zb="present" '
        f'title="全屏演示：用方向键或空格逐步讲解，Esc 退出">全屏演示</button>'
        f'<button type="button" class="md-button zb-btn" data-zb="zoom" aria-pressed="false">放大查看</button>'
        '<button type="button" class="md-button zb-btn zb-fit-btn" data-zb="fit" aria-pressed="false">适合宽度</button>'
        f'<a class="md-button zb-btn" href="{base}{config.POSTER_DIR}/{flow.id}.html" target="_blank" '
        f'rel="noopener" title="整幅图排在一张纸上，适合打印海报">打印海报</a>'
        f'<a class="md-button zb-btn" href="{svg_url}" target="_blank" rel="noopener" '
        f'title="矢量图，放大不失真">SVG 图</a>'
        f'<a class="md-button zb-btn" href="#text-{flow.id}">文字版</a>'
        + (
            '<button type="button" class="md-button zb-btn" data-zb="checklist" aria-pressed="false" hidden '
            f'title="{CHECKLIST_TITLES[flow.kind]}">对照自查</button>'
            if has_records(flow)
            else ""
        )
        + "</div>\n"
        f"{_overflow_style(flow.id, width)}\n"
        f'<p class="zb-scroll-hint">{SCROLL_HINT}</p>\n'
        f'<div class="zb-canvas" tabindex="0" style="--zb-natural:{width}px" '
        f'aria-label="{esc(flow.title)}，可横向滚动">\n{with_base(svg, base)}</div>\n'
        '<div class="zb-fade" aria-hidden="true" hidden></div>\n'
        f"{legend_html(flow)}"
        f"<figcaption>{esc(flow.title)}（{flow.kind_label}）。点击图中的框可跳到对应的文字说明。</figcaption>\n"
        f"</figure>\n"
    )


# ---- readable text -------------------------------------------------------------------------


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


def _check_links(flow: Flow, cites: dict, base: str) -> dict:
    """Links from the steps a checker's rules rest on to that checker."""
    links = {}
    for (flow_id, node_id), entries in cites.items():
        if flow_id != flow.id:
            continue
        items = []
        for name, description in entries:
            url = "#check" if flow.checker == name else base + config.page_url(f"checkers/{name}.md")
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


def text_md(flow: Flow, heading_level: int = 2, cites: dict | None = None, base: str = "") -> str:
    """The readable text of a flow: summary, groups or stages, steps with notes, basis, notes, errata.

    `cites` maps (flow, node) to the checkers whose rules rest on that node; those nodes link to them.
    """
    h = "#" * heading_level
    links = _check_links(flow, cites or {}, base)
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


# ---- whole pages ---------------------------------------------------------------------------


# Search ranking: a diagram's own page leads for its topic; pages that list other pages' titles come after.
FLOW_PAGE_BOOST = 1.5
LIST_PAGE_BOOST = 0.3


def _front_matter(title: str, description: str, hide_toc: bool = False, search_boost: float | None = None) -> str:
    hide = ["hide:", "  - toc"] if hide_toc else []
    boost = ["search:", f"  boost: {search_boost}"] if search_boost is not None else []
    # themes print these without escaping (nav, <meta>): give them HTML-escaped text
    return "\n".join(
        [
            "---",
            f"title: {_yaml_str(esc(title))}",
            f"description: {_yaml_str(esc(description))}",
            "render_macros: false",
            *hide,
            *boost,
            "---",
            "",
        ]
    )


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _series_nav(site: Site, flow: Flow) -> str:
    if not flow.series:
        return ""
    series = next(s for s in site.series if s.id == flow.series)
    prev_flow, next_flow = site.series_neighbours(flow)
    src = flow_src(flow.id)
    links = [
        f'<a href="{page_link(src, series_src(series.id))}">系列：{esc(series.title)}</a>'
        f"（第 {series.flows.index(flow) + 1} / {len(series.flows)} 篇）"
    ]
    if prev_flow:
        links.append(
            f'<a rel="prev" href="{page_link(src, flow_src(prev_flow.id))}">← 上一篇：{esc(prev_flow.title)}</a>'
        )
    if next_flow:
        links.append(
            f'<a rel="next" href="{page_link(src, flow_src(next_flow.id))}">下一篇：{esc(next_flow.title)} →</a>'
        )
    return (
        '<nav class="zb-series" aria-label="系列导航">'
        + " ".join(f"<span>{link}</span>" for link in links)
        + "</nav>\n"
    )


def flow_page(site: Site, flow: Flow, svg: str, checker_html: str = "", cites: dict | None = None, extras=None) -> str:
    """`extras(flow, base)` -> (HTML after the diagram, figure attributes), e.g. the downloads."""
    src = flow_src(flow.id)
    base = base_for(src)
    after, attrs = extras(flow, base) if extras else ("", None)
    category = next(c.title for c in site.categories if c.id == flow.category)
    parts = [
        _front_matter(flow.title, flow.summary, hide_toc=True, search_boost=FLOW_PAGE_BOOST),
        f"# {md_inline(flow.title)}",
        "",
        f'<p class="zb-meta"><span class="zb-kind">{flow.kind_label}</span> · '
        f'<a href="{page_link(src, "flows/index.md")}">{esc(category)}</a> · 原图标题：{esc(flow.source)}</p>',
        "",
        f'<p class="zb-summary">{esc(flow.summary)}</p>',
        "",
    ]
    nav = _series_nav(site, flow)
    if nav:
        parts += [nav]
    parts += [
        diagram_html(flow, svg, base, cites, attrs),
        after,
        "## 文字版 {#text}",
        "",
        text_md(flow, 2, cites, base),
    ]
    if checker_html:
        parts += ["## 自查 {#check}", "", checker_html, ""]
    if nav:
        # the same links again at the end, named apart (two landmarks must not share a name)
        parts += [nav.replace('aria-label="系列导航"', 'aria-label="系列导航（页末）"', 1)]
    return "\n".join(parts)


def index_page(site: Site) -> str:
    src = "flows/index.md"
    total = len(site.flows)
    kinds = {k: sum(1 for f in site.flows if f.kind == k) for k in ("structure", "flowchart")}
    out = [
        _front_matter("全部图解", "党支部工作规范的全部结构图和流程图。", search_boost=LIST_PAGE_BOOST),
        "# 全部图解",
        "",
        f'<p class="zb-summary">共 {total} 幅：结构图 {kinds["structure"]} 幅，流程图 {kinds["flowchart"]} 幅。'
        "每幅图都有同一内容的文字版，可搜索、可打印。</p>",
        "",
    ]
    for cat, flows in site.by_category():
        if not flows:
            continue
        out += [f"## {md_inline(cat.title)} {{#{cat.id}}}", ""]
        items = "".join(
            f'<li><a href="{page_link(src, flow_src(f.id))}">{esc(f.title)}</a>'
            f'<span class="zb-index-kind">{f.kind_label}</span>'
            f'<span class="zb-index-line">{esc(f.summary)}</span></li>'
            for f in flows
        )
        out += [f'<ul class="zb-index">{items}</ul>', ""]
    if site.series:
        out += ["## 系列 {#series}", ""]
        out += [
            "<ul>"
            + "".join(
                f'<li><a href="{page_link(src, series_src(s.id))}">{esc(s.title)}</a>'
                f"（{len(s.flows)} 幅）：{esc(s.summary)}</li>"
                for s in site.series
            )
            + "</ul>",
            "",
        ]
    return "\n".join(out)


def series_page(site: Site, series: Series) -> str:
    src = series_src(series.id)
    out = [
        _front_matter(series.title, series.summary, search_boost=LIST_PAGE_BOOST),
        f"# {md_inline(series.title)}",
        "",
        f'<p class="zb-summary">{esc(series.summary)}</p>',
        "",
        '<ol class="zb-series-list">'
        + "".join(
            f'<li><a href="{page_link(src, flow_src(f.id))}">{esc(f.title)}</a><p>{esc(f.summary)}</p></li>'
            for f in series.flows
        )
        + "</ol>",
        "",
    ]
    return "\n".join(out)


def site_pages(
    site: Site, svgs: dict[str, str], checker_html=None, cites: dict | None = None, extras=None
) -> dict[str, str]:
    """Every generated page, keyed by its path under docs/. `checker_html(name, base)` embeds checkers;
    `cites` ((flow, node) -> checkers) makes the steps a checker rests on link to it; `extras`: see
    flow_page."""
    pages = {"flows/index.md": index_page(site)}
    for flow in site.flows:
        widget = checker_html(flow.checker, base_for(flow_src(flow.id))) if flow.checker and checker_html else ""
        pages[flow_src(flow.id)] = flow_page(site, flow, svgs[flow.id], widget, cites, extras)
    for series in site.series:
        pages[series_src(series.id)] = series_page(site, series)
    return pages


def _part_title(title: str) -> str:
    """'支部委员会换届选举工作流程图（换届准备阶段）' -> '换届准备阶段'; other titles unchanged."""
    m = re.search(r"（([^（）]+)）$", title)
    return m.group(1) if m else title


def nav(site: Site) -> list:
    """Navigation entries for the generated pages: the index, one section per category, the series."""
    entries: list = [{"全部图解": "flows/index.md"}]
    series_title = {s.id: s.title for s in site.series}
    for cat, flows in site.by_category():
        if not flows:
            continue
        items: list = []
        for flow in flows:
            if not flow.series:
                items.append({esc(flow.title): flow_src(flow.id)})
                continue
            # a series is one sub-section; its parts are named by what tells them apart
            key = esc(series_title[flow.series])
            section = next((i for i in items if key in i and isinstance(i[key], list)), None)
            if section is None:
                section = {key: []}
                items.append(section)
            section[key].append({esc(_part_title(flow.title)): flow_src(flow.id)})
        entries.append({esc(cat.title): items})
    if site.series:
        entries.append({"系列": [{esc(s.title): series_src(s.id)} for s in site.series]})
    return entries
