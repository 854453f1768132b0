"""Links to the blank record forms: the block on a flow page, and the list on the planner page."""

from __future__ import annotations

from macros.forms.form_files import FormFiles
from macros.site.markup import esc

BLANK_NOTE = "只是空白表格：填写的内容由党支部自己保存，本站不生成、不保存任何填写的记录。"


def _links(entry: FormFiles, base: str) -> str:
    pdf, docx = (base + entry.files[kind] for kind in ("pdf", "docx"))
    return f'<a href="{pdf}" download>PDF</a> · <a href="{docx}" download>Word 文档（.docx）</a>'


def forms_html(entries: list[FormFiles], base: str) -> str:
    """The block after a flow's downloads: its meetings' blank forms, or nothing."""
    if not entries:
        return ""
    items = "".join(f"<li>{esc(e.form.title)}（空白）：{_links(e, base)}</li>" for e in entries)
    return (
        '<div class="zb-forms"><p><strong>空白会议记录表</strong>：按本页流程的步骤编排的 A4 表格，'
        f"PDF 打印后手写，Word 文档（.docx）在 Word 或 WPS 中填写。{BLANK_NOTE}</p><ul>{items}</ul></div>\n"
    )


def forms_list_html(entries: list[FormFiles], base: str, flow_urls: dict[str, str], titles: dict[str, str]) -> str:
    """Every form, each with the flow that says how to hold its meeting (the planner page's list)."""
    if not entries:
        return "<p>本次构建没有生成记录表（记录表和其他下载文件一起由 <code>make build</code> 生成）。</p>\n"
    items = "".join(
        f"<li>{esc(e.form.title)}：{_links(e, base)}"
        f'（按<a href="{flow_urls[e.form.flow_id]}">{esc(titles[e.form.flow_id])}</a>的步骤编排）</li>'
        for e in entries
    )
    return f'<ul class="zb-forms">{items}</ul>\n<p>{BLANK_NOTE}</p>\n'
