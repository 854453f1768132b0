"""The 下载与打印 block of a flow page: links to the flow's exports, and its QR code or why there is none."""

from __future__ import annotations

from macros.exports.exports import Downloads
from macros.site.markup import esc

LINKS = [
    ("svg", "SVG 矢量图", "放大不失真，可交给印刷"),
    ("png", "PNG 图片", "2 倍清晰度，适合插入幻灯片"),
    ("png_a4", "PNG 打印图", "300 dpi，按 A4 纸排好"),
    ("pdf", "A4 PDF", "矢量，排在一张 A4 纸上，带标题、原图、依据和日期"),
    ("poster", "A3 海报 PDF", "整幅图排满一张 A3 纸，带标题、依据和日期"),
    ("tiles", "4 张 A4 拼贴 PDF", "同一海报分到 4 张 A4 上，剪开对齐后粘贴成大图"),
    ("pptx", "幻灯片 PPTX", "标题页加每一步一页，可直接放进课件（PowerPoint、WPS 均可打开）"),
]


def downloads_html(downloads: Downloads, base: str, script: str | None = None) -> str:
    """The block, in Simplified (the Traditional edition converts its pages, and `script` says its files
    are named with "-zh-Hant")."""
    items = "".join(
        f'<li><a href="{base}{downloads.files[kind]}" download>{label}</a>：{esc(note)}</li>'
        for kind, label, note in LINKS
        if kind in downloads.files
    )
    named = f"，繁体字版的文件名带 <code>-{script}</code>，和简体字版的文件放在一起也不会重名" if script else ""
    if "qr" in downloads.files:
        qr = (
            f'<p class="zb-qr"><img src="{base}{downloads.files["qr"]}" width="120" height="120" '
            f'alt="本页网址的二维码">扫码在手机上打开本页；全屏演示时按 Q 显示。</p>'
        )
    else:
        qr = f'<p class="zb-qr-missing">{esc(downloads.no_qr)}</p>'
    return (
        '<details class="zb-downloads"><summary>下载与打印：图片、PDF、海报、幻灯片</summary>'
        f'<ul>{items}</ul>{qr}<p class="zb-downloads-note">文件都以本图的编号命名{named}，随网站一起生成，不需要联网。</p>'
        "</details>\n"
    )
