"""The poster page of a flow: the whole diagram, its title and basis, printed on one sheet."""

from __future__ import annotations

import re

from macros.flows.model import Flow
from macros.render.legend import legend_html
from macros.render.svg_render import with_base
from macros.site.markup import esc
from macros.theme.csp import with_policy


def poster_html(flow: Flow, svg: str) -> str:
    """A page of its own that prints the whole diagram on one sheet (landscape when it is wide)."""
    m = re.search(r'viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"', svg)
    wide = bool(m) and float(m.group(1)) > float(m.group(2))
    basis = "；".join(b.title + (f" {b.articles}" if b.articles else "") for b in flow.basis)
    return with_policy(f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="../images/favicon.png">
<title>{esc(flow.title)}（{flow.kind_label}）— 支部规范图解</title>
<style>
@page {{ size: A3 {"landscape" if wide else "portrait"}; margin: 12mm; }}
html, body {{ margin: 0; font-family: "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #263238; background: #fff; }}
main {{ display: flex; flex-direction: column; height: 100vh; box-sizing: border-box; padding: 12px; }}
h1 {{ font-size: 22px; margin: 0 0 4px; }}
.meta {{ font-size: 12px; color: #546e7a; margin: 0 0 8px; }}
.figure {{ flex: 1; min-height: 0; display: flex; align-items: center; justify-content: center; }}
.figure svg {{ max-width: 100%; max-height: 100%; width: auto; height: auto; }}
.hint {{ font-size: 12px; color: #546e7a; }}
.zb-editorial text {{ font-style: italic; }}
.zb-legend {{ font-size: 12px; margin-top: 6px; }}
.zb-legend p, .zb-legend ul {{ margin: 0; padding: 0; list-style: none; }}
.zb-legend li {{ display: flex; align-items: center; gap: 6px; }}
@media print {{ .hint {{ display: none; }} main {{ height: calc(100vh - 1px); padding: 0; }} }}
</style></head>
<body><main>
<h1>{esc(flow.title)}</h1>
<p class="meta">{flow.kind_label} · 原图：{esc(flow.source)} · 依据：{esc(basis)}</p>
<p class="hint">用浏览器的“打印”即可打印成海报（A3{"横向" if wide else "纵向"}；也可选 A4 或更大纸张）。</p>
<div class="figure">{with_base(svg, "../../")}</div>
{legend_html(flow)}</main></body></html>
""")
