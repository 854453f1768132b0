"""The 发展党员 register's HTML skeleton: the runtime's attributes, its parts, its scripts (docs/checkers/register.md).

The page's modules (docs/assets/javascripts/register-*.mjs) fill the parts; the Python they run is
``checkers/_register.py`` and ``checkers/_register_csv.py`` through the checker runtime (its worker and
Pyodide), started from this element's attributes like a checker widget's. The material list and the CSV
header are rendered here from the same data the Python reads, so the page documents them without
JavaScript.
"""

from __future__ import annotations

import datetime
import html
import json

from checkers import _register, _register_csv
from macros.checker_page import checker_widget
from macros.settings import DEFAULTS, Settings

SCRIPT = "assets/javascripts/register-page.mjs"
MODULES = tuple(
    f"assets/javascripts/register-{name}.mjs" for name in ("page", "table", "edit", "upcoming", "csv", "print")
)
STYLE = "assets/stylesheets/register.css"


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def materials_table() -> str:
    """The materials of a file, in the procedure's order, each with its source (a Markdown table)."""
    rows = ["| 阶段 | 材料 | 来源 |", "|---|---|---|"]
    for item in _register.materials(datetime.date.today()):
        source = (
            "**《中国共产党发展党员工作细则》第三十七条**（列入档案）"
            if item["in_file"]
            else "流程图的步骤；各地清单不一"
        )
        rows.append("| 第%d阶段 | %s | %s |" % (item["stage"], item["label"], source))
    return "\n".join(rows)


def csv_header() -> str:
    """The CSV's columns, in order (a Markdown list)."""
    return "、".join("“%s”" % name for _field, name in _register_csv.header())


def render_register(base_url: str, settings: Settings = DEFAULTS) -> str:
    """The register's element: runtime attributes, status, toolbar, the parts the modules fill."""
    base = checker_widget._base(base_url)
    version = checker_widget._file_hash(*MODULES, "assets/javascripts/record-tables.mjs")
    css_v = checker_widget._file_hash(STYLE)
    fields = json.dumps([name for _field, name in _register_csv.header()], ensure_ascii=False)
    fields = fields.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return "".join(
        [
            f'<div class="zb-register" id="zb-register" data-search-exclude {checker_widget.runtime_attributes("_register", base_url, settings)}'
            f' data-horizon="{_register.HORIZON_DAYS}" data-rows-max="{_register.ROWS_MAX}">',
            f'<link rel="stylesheet" href="{_e(base + STYLE)}?v={css_v}">',
            f'<script type="module" src="{_e(base + SCRIPT)}?v={version}"></script>',
            '<p class="zb-register-privacy"><strong>只保存在这个浏览器里。</strong>姓名和日期保存在这台设备的这个浏览器中'
            "（与“我的自查记录”同一处），不会发送到任何服务器，本站也看不到。换设备、换浏览器或清除网站数据就看不到了："
            "<strong>“导出CSV”是唯一的备份</strong>，请定期导出并保存好文件。</p>",
            '<p class="zb-register-keep" role="status" aria-live="polite"></p>',
            '<div class="zbc-status zb-register-status" role="status" aria-live="polite" data-state="loading">'
            '<span class="zbc-status-text">正在载入检查程序……</span></div>',
            '<noscript><p class="zbc-status" data-state="failed">台账需要浏览器启用 JavaScript。</p></noscript>',
            '<div class="zb-register-tools" role="toolbar" aria-label="台账操作">'
            '<button type="button" class="md-button md-button--primary" data-act="add">添加一人</button>'
            '<button type="button" class="md-button" data-act="export">导出CSV</button>'
            '<button type="button" class="md-button" data-act="export-xlsx">导出Excel</button>'
            '<label class="md-button zb-register-file">导入CSV<input type="file" accept=".csv,text/csv" data-act="import"></label>'
            '<button type="button" class="md-button" data-act="print">打印台账</button>'
            "</div>",
            '<p class="zb-register-note" role="status" aria-live="polite"></p>',
            '<section class="zb-register-import" hidden aria-label="导入预览"></section>',
            '<section class="zb-register-edit" hidden aria-label="填写一人"></section>',
            '<p class="zb-register-summary"></p>',
            '<div class="zb-register-table" tabindex="0" role="region" aria-label="台账（按紧急程度排序）"></div>',
            '<h2 id="register-upcoming">今后的日期</h2>',
            '<div class="zb-register-upcoming"></div>',
            '<div class="zb-register-print" aria-hidden="true"></div>',
            f'<script type="application/json" class="zb-register-columns">{fields}</script>',
            "</div>",
        ]
    )
