"""Write the generated pages (Markdown with escaped HTML): each flow's page with its diagram, the index, series, nav.

The readable text under each diagram is ``flow_text.py``; escaping and links between pages ``markup.py``."""

from __future__ import annotations

import json
import math
import re

from macros import config
from macros.flows.model import Flow, Series, Site
from macros.render.legend import legend_html
from macros.render.svg_render import with_base
from macros.settings import Settings
from macros.site.flow_text import text_md
from macros.site.markup import base_for, esc, flow_src, md_inline, page_link, series_src
from macros.site.records_data import flow_record_data, has_records

# ---- diagram -------------------------------------------------------------------------------


SCROLL_HINT = "图比屏幕宽，可左右滑动查看，或点“缩小看全图”。"
# One button sizes the drawing; it says what it will do (both labels are in the page, the style shows one)
SIZE_LABELS = ("缩小看全图", "放大看细节")
# 大字 (text-size.mjs): the drawing is scaled so that its smallest label is at least this size (body text)
LARGE_TEXT_PX = 20


def _natural_px(svg: str) -> int:
    m = re.search(r'<svg[^>]*\bwidth="([\d.]+)pt"', svg)
    return round(float(m.group(1)) * 4 / 3) if m else 800


def _smallest_font_px(svg: str) -> float:
    """The smallest label of the drawing, in px when drawn at its natural size (Graphviz writes pt)."""
    sizes = [float(v) for v in re.findall(r'<text[^>]*\bfont-size="([\d.]+)"', svg)]
    return min(sizes) * 4 / 3 if sizes else 14.0


def _large_px(svg: str, width: int) -> int:
    """The drawing's width with 大字 on: its smallest label at body text size (LARGE_TEXT_PX), never smaller."""
    return max(width, math.ceil(width * LARGE_TEXT_PX / _smallest_font_px(svg)))


def _overflow_style(flow_id: str, width: int) -> str:
    """From the first paint, show the scroll hint and 缩小看全图 when the diagram overflows its box.

    The diagram is drawn at least 3/4 of its natural width (zhibu.css); it overflows when that and
    the box's padding (2 × .5rem) exceed the figure's width less 2 px of border and 4 px of slack
    (diagram-fit.mjs's test). A container query on the figure decides it before any script runs,
    so nothing moves when diagram-fit.mjs runs (it then keeps the state as the reader zooms)."""
    f = f"#diagram-{flow_id}"
    return (
        f"<style>@container zb-figure (max-width: calc({width * 0.75:g}px + 1rem - 3px)) {{"
        f" {f}:not(.zb-fit) .zb-size-whole {{ display: inline; }} {f}:not(.zb-fit) .zb-size-detail {{ display: none; }}"
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
        f'<button type="button" class="md-button zb-btn" data-zb="size"><span class="zb-size-whole">{SIZE_LABELS[0]}</span>'
        f'<span class="zb-size-detail">{SIZE_LABELS[1]}</span></button>'
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
        f'<div class="zb-canvas" tabindex="0" style="--zb-natural:{width}px;--zb-large:{_large_px(svg, width)}px" '
        f'aria-label="{esc(flow.title)}，可横向滚动">\n{with_base(svg, base)}</div>\n'
        '<div class="zb-fade" aria-hidden="true" hidden></div>\n'
        f"{legend_html(flow)}"
        f"<figcaption>{esc(flow.title)}（{flow.kind_label}）。点击图中的框可跳到对应的文字说明。</figcaption>\n"
        f"</figure>\n"
    )


# ---- whole pages ---------------------------------------------------------------------------


# Search ranking: a diagram's own page leads for its topic; pages that list other pages' titles come after.
FLOW_PAGE_BOOST = 1.5
LIST_PAGE_BOOST = 0.3


def front_matter(title: str, description: str, hide_toc: bool = False, search_boost: float | None = None) -> str:
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


def _series_nav(site: Site, flow: Flow, settings: Settings) -> str:
    if not flow.series:
        return ""
    series = next(s for s in site.series if s.id == flow.series)
    prev_flow, next_flow = site.series_neighbours(flow)
    src = flow_src(flow.id)
    links = [
        f'<a href="{page_link(src, series_src(series.id), settings)}">系列：{esc(series.title)}</a>'
        f"（第 {series.flows.index(flow) + 1} / {len(series.flows)} 篇）"
    ]
    if prev_flow:
        links.append(
            f'<a rel="prev" href="{page_link(src, flow_src(prev_flow.id), settings)}">← 上一篇：{esc(prev_flow.title)}</a>'
        )
    if next_flow:
        links.append(
            f'<a rel="next" href="{page_link(src, flow_src(next_flow.id), settings)}">下一篇：{esc(next_flow.title)} →</a>'
        )
    return (
        '<nav class="zb-series" aria-label="系列导航">'
        + " ".join(f"<span>{link}</span>" for link in links)
        + "</nav>\n"
    )


def flow_page(
    site: Site,
    flow: Flow,
    svg: str,
    settings: Settings,
    checker_html: str = "",
    cites: dict | None = None,
    extras=None,
) -> str:
    """`extras(flow, base)` -> (HTML after the diagram, figure attributes), e.g. the downloads."""
    src = flow_src(flow.id)
    base = base_for(src, settings)
    after, attrs = extras(flow, base) if extras else ("", None)
    category = next(c.title for c in site.categories if c.id == flow.category)
    parts = [
        front_matter(flow.title, flow.summary, hide_toc=True, search_boost=FLOW_PAGE_BOOST),
        f"# {md_inline(flow.title)}",
        "",
        f'<p class="zb-meta"><span class="zb-kind">{flow.kind_label}</span> · '
        f'<a href="{page_link(src, "flows/index.md", settings)}">{esc(category)}</a> · 原图标题：{esc(flow.source)}</p>',
        "",
        f'<p class="zb-summary">{esc(flow.summary)}</p>',
        "",
    ]
    nav = _series_nav(site, flow, settings)
    if nav:
        parts += [nav]
    parts += [
        diagram_html(flow, svg, base, cites, attrs),
        after,
        "## 文字版 {#text}",
        "",
        text_md(flow, 2, cites, base, settings),
    ]
    if checker_html:
        parts += ["## 自查 {#check}", "", checker_html, ""]
    if nav:
        # the same links again at the end, named apart (two landmarks must not share a name)
        parts += [nav.replace('aria-label="系列导航"', 'aria-label="系列导航（页末）"', 1)]
    return "\n".join(parts)


def index_page(site: Site, settings: Settings) -> str:
    src = "flows/index.md"
    total = len(site.flows)
    kinds = {k: sum(1 for f in site.flows if f.kind == k) for k in ("structure", "flowchart")}
    out = [
        front_matter("全部图解", "党支部工作规范的全部结构图和流程图。", search_boost=LIST_PAGE_BOOST),
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
            f'<li><a href="{page_link(src, flow_src(f.id), settings)}">{esc(f.title)}</a>'
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
                f'<li><a href="{page_link(src, series_src(s.id), settings)}">{esc(s.title)}</a>'
                f"（{len(s.flows)} 幅）：{esc(s.summary)}</li>"
                for s in site.series
            )
            + "</ul>",
            "",
        ]
    return "\n".join(out)


def series_page(site: Site, series: Series, settings: Settings) -> str:
    src = series_src(series.id)
    out = [
        front_matter(series.title, series.summary, search_boost=LIST_PAGE_BOOST),
        f"# {md_inline(series.title)}",
        "",
        f'<p class="zb-summary">{esc(series.summary)}</p>',
        "",
        '<ol class="zb-series-list">'
        + "".join(
            f'<li><a href="{page_link(src, flow_src(f.id), settings)}">{esc(f.title)}</a><p>{esc(f.summary)}</p></li>'
            for f in series.flows
        )
        + "</ol>",
        "",
    ]
    return "\n".join(out)


def site_pages(
    site: Site, svgs: dict[str, str], settings: Settings, checker_html=None, cites: dict | None = None, extras=None
) -> dict[str, str]:
    """Every generated page, keyed by its path under docs/. `checker_html(name, base)` embeds checkers;
    `cites` ((flow, node) -> checkers) makes the steps a checker rests on link to it; `extras`: see
    flow_page."""
    pages = {"flows/index.md": index_page(site, settings)}
    for flow in site.flows:
        base = base_for(flow_src(flow.id), settings)
        widget = checker_html(flow.checker, base) if flow.checker and checker_html else ""
        pages[flow_src(flow.id)] = flow_page(site, flow, svgs[flow.id], settings, widget, cites, extras)
    for series in site.series:
        pages[series_src(series.id)] = series_page(site, series, settings)
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
