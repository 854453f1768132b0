"""The 找错练习 pages: an index of the cases and one page per case (story, answers revealed one by one,
each linking its step in the diagram, the checker prefilled with the case's facts), and their nav."""

from __future__ import annotations

from urllib.parse import quote

from macros.cases.case_loader import DIFFICULTIES, Case
from macros.cases.case_pdf import CaseDownloads, case_url
from macros.cases.case_text import ASK, INTRO, answer_lines, checker_title, flow_title, paragraphs
from macros.flows.model import Site
from macros.settings import Settings
from macros.site.markup import base_for, esc, flow_src, md_inline, page_link
from macros.site.pages import front_matter

CASE_DIR = "cases"
INDEX_SRC = f"{CASE_DIR}/index.md"
# Search: a case retells a procedure with mistakes in it; the flow and checker pages answer questions.
# The index (every case's title) ranks like the other list pages; a case page is left out of the index,
# or its title (生日前一天的入党申请书) would outrank the flow that answers 入党申请书.
CASE_PAGE_BOOST = 0.3


def _unsearched(front: str) -> str:
    """Front matter with the page left out of the search index."""
    return front[: front.rindex("---")] + "search:\n  exclude: true\n---\n"


PRESENT_TITLE = "全屏演示：先只显示案例，再用方向键或空格逐条显示答案，Esc 退出"
PDF_LABELS = {
    "handout": ("学员讲义 PDF", "案例和答题横线，A4，发给学员"),
    "answers": ("答案 PDF", "答案和依据，A4，给培训老师"),
}
BOOKLET_LABELS = {"handout": "全部案例的学员讲义（一册）", "answers": "全部案例的答案（一册）"}


def case_src(case_id: str) -> str:
    return f"{CASE_DIR}/{case_id}.md"


def _query_text(value: object) -> str:
    """A case's input value (plain JSON: dates are ISO text already) as the form's text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace(":", "\\:").replace(",", "\\,")


def checker_query(inputs: dict[str, object]) -> str:
    """The checker page's query string for these inputs, as checker-url.mjs reads it (rows as
    "张三:12,李四:9", a cell's ":" "," "\\" escaped with "\\")."""
    parts = []
    for name, value in inputs.items():
        if isinstance(value, list):
            text = ",".join(
                ":".join(_cell(_query_text(v)) for v in (row.values() if isinstance(row, dict) else [row])).rstrip(":")
                for row in value
            )
        else:
            text = _query_text(value)
        parts.append(f"{quote(name, safe='')}={quote(text, safe=':,')}")
    return "?" + "&".join(parts) if parts else ""


def checker_href(case: Case, src: str, settings: Settings) -> str:
    return base_for(src, settings) + settings.page_url(f"checkers/{case.checker}.md") + checker_query(case.input or {})


def _downloads(case: Case, base: str, downloads: CaseDownloads | None) -> str:
    if not downloads or case.id not in downloads.files:
        return ""
    return "".join(
        f'<a class="md-button zb-btn" href="{base}{path}" download title="{PDF_LABELS[kind][1]}">{PDF_LABELS[kind][0]}</a>'
        for kind, path in downloads.files[case.id].items()
    )


def _answer(case: Case, site: Site, src: str, settings: Settings, index: int) -> str:
    error = case.errors[index - 1]
    head, (correct, article, seen) = answer_lines(case, site, index, error)
    step = page_link(src, flow_src(error.flow), settings, anchor=error.node)
    kind = "zb-case-seen-checker" if error.seen_by == "checker" else "zb-case-seen-none"
    return (
        f'<li id="answer-{index}" class="zb-case-error" data-present-step data-present-label="{esc(head)}" '
        f'data-flow="{esc(error.flow)}" data-node="{esc(error.node)}" data-seen-by="{error.seen_by}">'
        f'<p class="zb-case-step"><a href="{step}" title="在图中看这一步">{esc(head)}</a></p>'
        f"<p>{esc(correct)}</p>"
        f'<p class="zb-case-article">{esc(article)}</p>'
        f'<p class="zb-case-seen {kind}">{esc(seen)}</p></li>'
    )


def _description(case: Case) -> str:
    first = paragraphs(case.story)[0]
    return f"{INTRO}（{case.difficulty}）：" + (first if len(first) <= 60 else first[:60] + "……")


def _neighbours(case: Case, order: list[Case], src: str, settings: Settings) -> str:
    """上一个 / 下一个案例 (the cases are not in the sidebar: the index lists them)."""
    i = next(k for k, c in enumerate(order) if c.id == case.id)
    links = [
        f'<span><a href="{page_link(src, INDEX_SRC, settings)}">全部案例</a>（第 {i + 1} / {len(order)} 个）</span>'
    ]
    if i > 0:
        prev = order[i - 1]
        links.append(
            f'<span><a rel="prev" href="{page_link(src, case_src(prev.id), settings)}">← 上一个：{esc(prev.title)}</a></span>'
        )
    if i + 1 < len(order):
        nxt = order[i + 1]
        links.append(
            f'<span><a rel="next" href="{page_link(src, case_src(nxt.id), settings)}">下一个：{esc(nxt.title)} →</a></span>'
        )
    return '<nav class="zb-series" aria-label="案例导航">' + " ".join(links) + "</nav>"


def case_page(
    case: Case, site: Site, settings: Settings, downloads: CaseDownloads | None = None, order: list[Case] | None = None
) -> str:
    src = case_src(case.id)
    base = base_for(src, settings)
    url = case_url(settings.site_url, case)
    qr = downloads.qr.get(case.id) if downloads else None
    attrs = f' data-qr="{base}{qr}" data-url="{esc(url)}"' if qr and url else ""
    flows = "、".join(
        f'<a href="{page_link(src, flow_src(f), settings)}">{esc(flow_title(site, f))}</a>' for f in case.flows
    )
    story = "".join(f"<p>{esc(p)}</p>" for p in paragraphs(case.story))
    answers = "".join(_answer(case, site, src, settings, i) for i in range(1, len(case.errors) + 1))
    check = ""
    if case.checker:
        check = (
            f'<p class="zb-case-check"><a href="{esc(checker_href(case, src, settings))}" data-case-checker>'
            f"用“{esc(checker_title(case.checker))}”核对这个案例</a>：打开检查器，已填好案例里的日期和人数，"
            "检查器的结论应与上面标明“检查器能发现”的答案一致。</p>"
        )
    n = len(case.errors)
    ask = "" if "请找出" in case.story else f'<p class="zb-case-ask">{ASK}</p>'
    return "\n".join(
        [
            _unsearched(front_matter(case.title, _description(case), True)),
            f"# {md_inline(case.title)}",
            "",
            f'<p class="zb-meta"><a href="{page_link(src, INDEX_SRC, settings)}">{INTRO}</a> · '
            f"难度：{esc(case.difficulty)} · 涉及：{flows}</p>",
            "",
            f'<div class="zb-case" id="case" data-zb-presentable data-present-title="{INTRO}：{esc(case.title)}"{attrs}>'
            f'<div class="zb-toolbar" role="toolbar" aria-label="案例的操作">'
            f'<button type="button" class="md-button zb-btn" data-zb="present" title="{PRESENT_TITLE}">全屏演示</button>'
            f"{_downloads(case, base, downloads)}</div>"
            f'<div class="zb-case-content" data-present-content>'
            f'<section class="zb-case-story" aria-labelledby="story"><h2 id="story">案例</h2>{story}'
            f"{ask}</section>"
            f'<details class="zb-case-answers" data-case-answers data-search-exclude>'
            f"<summary>显示答案（共 {n} 处）</summary>"
            f'<ol class="zb-case-errors">{answers}</ol>'
            f'<p class="zb-case-reveal" hidden><span class="zb-case-count" aria-live="polite"></span> '
            f'<button type="button" class="md-button zb-btn" data-zb="reveal-next">显示下一处</button> '
            f'<button type="button" class="md-button zb-btn" data-zb="reveal-all">全部显示</button></p>'
            f"{check}</details></div></div>",
            "",
            _neighbours(case, order or [case], src, settings),
            "",
        ]
    )


def _order(cases: list[Case]) -> list[Case]:
    """Easy cases first (入门 · 进阶 · 提高), then by file name."""
    return sorted(cases, key=lambda c: (DIFFICULTIES.index(c.difficulty), c.id))


def index_page(cases: list[Case], site: Site, settings: Settings, downloads: CaseDownloads | None = None) -> str:
    src = INDEX_SRC
    base = base_for(src, settings)
    items = "".join(
        f'<li><a href="{page_link(src, case_src(c.id), settings)}">{esc(c.title)}</a>'
        f'<span class="zb-index-kind">{esc(c.difficulty)}</span>'
        f'<span class="zb-index-line">涉及：{esc("、".join(flow_title(site, f) for f in c.flows))}；'
        f"{len(c.errors)} 处问题</span></li>"
        for c in _order(cases)
    )
    booklets = ""
    if downloads and downloads.booklets:
        booklets = (
            "## 打印 {#print}\n\n<ul>"
            + "".join(
                f'<li><a href="{base}{path}" download>{BOOKLET_LABELS[kind]}</a>（PDF，A4）</li>'
                for kind, path in downloads.booklets.items()
            )
            + "</ul>\n\n每个案例的页面上也有它自己的学员讲义和答案。\n"
        )
    return "\n".join(
        [
            front_matter(
                INTRO,
                "党支部工作程序的找错案例：读案例，找出不合规定的地方，对照流程图和检查器核对答案。",
                False,
                CASE_PAGE_BOOST,
            ),
            f"# {INTRO}",
            "",
            f'<p class="zb-summary">{len(cases)} 个案例，每个讲一个党支部怎样办一件事，其中有一两处不合规定。'
            "先读案例、自己找，再点“显示答案”逐条核对：每条答案都链接到流程图中的那一步，写明依据；"
            "检查器能算出的，由检查器核对过（可以打开检查器，案例的数据已经填好）。</p>",
            "",
            "培训时：在案例页面点 **全屏演示**，先只显示案例，按 **→** 或 **空格** 逐条显示答案（与图解的全屏演示用法相同）；"
            "课前打印学员讲义（案例和答题横线）和另一份答案。",
            "",
            "## 案例 {#cases}",
            "",
            # the titles retell procedures (没转走的组织关系): kept out of search, like the case pages
            f'<ul class="zb-index" data-search-exclude>{items}</ul>',
            "",
            booklets,
        ]
    )


def case_pages(
    cases: list[Case], site: Site, settings: Settings, downloads: CaseDownloads | None = None
) -> dict[str, str]:
    """The section's pages, keyed by their path under docs/."""
    pages = {INDEX_SRC: index_page(cases, site, settings, downloads)}
    order = _order(cases)
    for case in cases:
        pages[case_src(case.id)] = case_page(case, site, settings, downloads, order)
    return pages


def case_nav(cases: list[Case]) -> list:
    """The 找错练习 entry of the nav: its index alone. The cases are listed there, not in the sidebar: a
    second nav section with an index page would give two navigation landmarks the same (empty) name."""
    return [{INTRO: INDEX_SRC}] if cases else []
