"""Every flow's downloads, cached by content hash: SVG, PNG (2×, A4 300 dpi), PDF, A3 poster, A4 tiles, pptx.

The core takes the site's public address, the date and the script (简体, or 繁體 for the Traditional
edition) as plain values (no MkDocs here).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from macros import config
from macros.editions import script_variant
from macros.exports.dot_geometry import geometry
from macros.exports.export_render import box_ids, highlighted, linked, run_dot, text_block, with_dpi, with_header
from macros.exports.print_pdf import A4, MARGIN, a4_pdf, poster_page, poster_pdf, tiles_pdf
from macros.exports.qr import qr_pdf_ops, qr_png, qr_svg
from macros.exports.slides import WIDE, Step, build_pptx, step_window
from macros.flows.model import Flow
from macros.render.dot_writer import EDITORIAL_BRANCH_MARK, EDITORIAL_NOTE_PREFIX, flow_to_dot
from macros.render.svg_render import dot_version
from macros.settings import DEFAULTS

EXPORT_VERSION = "6"  # bump when any export's content or layout changes meaning
EXPORT_DIR = "assets/exports"
QR_DIR = "assets/qr"
SLIDES_DPI = 144  # step pictures: one pixel per pixel of a slide projected 1920 px wide (13.33 in)
A4_DPI = 300
NO_QR = "未生成二维码：本站构建时没有设置网站地址，所以海报和幻灯片上没有本页的二维码（网站管理员在 mkdocs.yml 中设置 site_url 后重新构建即可）。"
TILE_LABELS = ["左上", "右上", "左下", "右下"]


@dataclass
class Downloads:
    """What a flow page links to: site paths of the files, and why there is no QR code (if so)."""

    files: dict[str, str]  # kind -> site path, e.g. "png" -> "assets/exports/x.png"
    no_qr: str = ""


def content_date(path: str | Path | None = None, source_date_epoch: str | None = None) -> str:
    """The date printed on downloads: the date of the last commit that changed `path` (a flow file),
    else `source_date_epoch` (Settings.source_date_epoch: SOURCE_DATE_EPOCH at the edge), else today. Stable across rebuilds and commits that leave the flow alone,
    so cached downloads stay valid until the flow changes."""
    found = ""
    if path:
        try:
            proc = subprocess.run(
                ["git", "log", "-1", "--format=%cs", "--", str(Path(path).resolve())],
                cwd=config.ROOT,
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
            found = proc.stdout.strip() if proc.returncode == 0 else ""
        except (OSError, subprocess.SubprocessError):
            found = ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", found):
        return found
    epoch = source_date_epoch or ""
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


def page_url(site_url: str | None, flow: Flow) -> str | None:
    return f"{site_url.rstrip('/')}/{config.FLOW_PAGE_DIR}/{flow.id}/" if site_url else None


def _stem(flow: Flow, script: str | None) -> str:
    """The flow id, with "-zh-Hant" after it in the Traditional edition (file names and cache folders)."""
    return flow.id + (f"-{script}" if script else "")


def file_names(flow: Flow, script: str | None = None) -> dict[str, str]:
    """kind -> file name under assets/exports/, named after the flow id; the Traditional edition's carry
    "-zh-Hant" after it, so a trainer's download folder can hold both scripts' files side by side."""
    stem = _stem(flow, script)
    names = {
        "svg": f"{stem}.svg",
        "png": f"{stem}.png",
        "png_a4": f"{stem}-a4-300dpi.png",
        "pdf": f"{stem}-a4.pdf",
        "poster": f"{stem}-poster-a3.pdf",
        "tiles": f"{stem}-tiles-4xa4.pdf",
    }
    if flow.kind == "flowchart":
        names["pptx"] = f"{stem}.pptx"
    return names


def _basis(flow: Flow) -> str:
    return "；".join(b.title + (f" {b.articles}" if b.articles else "") for b in flow.basis)


def header_lines(flow: Flow, date: str, url: str | None) -> list[str]:
    lines = [f"{flow.title}（{flow.kind_label}）", f"原图：{flow.source}", f"依据：{_basis(flow)}"]
    lines.append(f"支部规范图解 · {date}" + (f" · {url}" if url else ""))
    return lines


def _a4_png(dot: str, wide: bool) -> bytes:
    """Fitted to A4 less 10 mm margins at 300 dpi (landscape for wide diagrams)."""
    w, h = (A4[0] - 2 * MARGIN) / 72, (A4[1] - 2 * MARGIN) / 72
    size = f"{max(w, h):.3f},{min(w, h):.3f}!" if wide else f"{w:.3f},{h:.3f}!"
    return with_dpi(run_dot(dot, "-Tpng", f"-Gdpi={A4_DPI}", f"-Gsize={size}", "-Gpad=0"), A4_DPI)


def _step_pngs(dot: str, flow: Flow) -> tuple[list[bytes], bool]:
    """(Per box, the part of the diagram around it (slides.step_window), that box highlighted. One dot
    process each: dot lays out a graph differently after other graphs in the same run, and the same
    input must give the same bytes. The highlight changes colours and line widths only, so the plain
    graph's layout says where each box is), and whether the diagram is wide (its text below the pictures)."""
    shape = geometry(run_dot(dot, "-Tjson"))
    wide = shape.bb.width / shape.bb.height > WIDE
    pngs = []
    for k, node_id in enumerate(box_ids(flow), 1):
        part, zoom = step_window(shape, [node_id, f"{node_id}--note", f"{node_id}--ednote"], wide)
        centre = f"{(part.x0 + part.x1) / 2:.2f},{(part.y0 + part.y1) / 2:.2f}"
        view = f"-Gviewport={part.width * zoom:.2f},{part.height * zoom:.2f},{zoom:.4f},{centre}"
        pngs.append(run_dot(highlighted(dot, flow, k), "-Tpng", f"-Gdpi={SLIDES_DPI}", view))
    return pngs, wide


def _step_text(flow: Flow, node_id: str) -> list[str]:
    node = flow.node(node_id)
    lines = [node.display_label, *node.notes, *(EDITORIAL_NOTE_PREFIX + n for n in node.editorial_notes)]
    for edge in node.next:
        target = flow.node(edge.target)
        lead = f"{edge.label}：" if edge.label else ""
        mark = EDITORIAL_BRANCH_MARK if edge.editorial else ""
        lines.append(f"{lead}{'返回' if edge.back else '转到'} {target.display_label}{mark}")
    if node.supplement:
        lines.append(f"补充内容，依据：{node.supplement}")
    return lines


def _same(text: str) -> str:
    return text


def render_flow(flow: Flow, site_url: str | None, date: str, out: Path, script: str | None = None) -> None:
    """Write every download of one flow into `out` (a fresh folder).

    `script` HANT: `flow` is the converted one (script_variant.convert_model), and every text the
    downloads add (headers, tile labels, slide texts, the deck's own words) is converted too."""
    tr = script_variant.to_hant if script else _same
    url = page_url(site_url, flow)
    lines = [tr(line) for line in header_lines(flow, date, url)]
    # The boxes link to the public site (directory URLs, as DEFAULTS lays pages out); the labels are
    # converted already, this catches the marks.
    plain = tr(linked(flow_to_dot(flow), site_url))
    labelled = with_header(plain, lines)
    names = file_names(flow, script)
    meta = {"Title": f"{flow.title}（{flow.kind_label}）", "Subject": f"原图：{flow.source}；依据：{_basis(flow)}"}
    meta |= {"Author": "支部规范图解", "Keywords": date, "CreationDate": "D:" + date.replace("-", "") + "000000Z"}
    meta = {k: tr(v) for k, v in meta.items()}

    svg = run_dot(labelled, "-Tsvg").decode("utf-8")
    (out / names["svg"]).write_text(svg, encoding="utf-8")
    m = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    natural = (float(m.group(1)), float(m.group(2)))
    (out / names["png"]).write_bytes(with_dpi(run_dot(labelled, "-Tpng", "-Gdpi=192"), 192))
    (out / names["png_a4"]).write_bytes(_a4_png(labelled, natural[0] > natural[1]))
    (out / names["pdf"]).write_bytes(a4_pdf(run_dot(labelled, "-Tpdf", "-Gmargin=0"), meta))

    header = run_dot(text_block(lines), "-Tpdf", "-Gmargin=0")
    qr_ops = (lambda x, y, size: qr_pdf_ops(url, x, y, size)) if url else None
    poster, _ = poster_page(run_dot(plain, "-Tpdf", "-Gmargin=0"), header, qr_ops)
    (out / names["poster"]).write_bytes(poster_pdf(poster, meta))
    labels = [
        run_dot(
            text_block([tr(f"第 {i + 1} 张（共 4 张，{pos}）"), tr("沿虚线剪开，与相邻一张的虚线对齐后粘贴")], 11, 8),
            "-Tpdf",
        )
        for i, pos in enumerate(TILE_LABELS)
    ]
    (out / names["tiles"]).write_bytes(tiles_pdf(poster, labels, meta))

    if url:
        (out / "qr.svg").write_text(qr_svg(url), encoding="utf-8")
    if "pptx" in names:
        ids = box_ids(flow)
        pngs, wide = _step_pngs(plain, flow)
        steps = [
            Step(
                tr(f"第 {k + 1} / {len(ids)} 步：{flow.node(i).display_label}"),
                [tr(t) for t in _step_text(flow, i)],
                png,
            )
            for k, (i, png) in enumerate(zip(ids, pngs))
        ]
        deck = build_pptx(
            lines[0], lines[1:], qr_png(url) if url else None, "" if url else tr(NO_QR), steps, date, wide
        )
        if script:  # the deck's own words (author, the QR code's caption) are in its XML
            deck = script_variant.convert_zip(deck, (".xml",))
        (out / names["pptx"]).write_bytes(deck)


def _key(flow: Flow, site_url: str | None, date: str, script: str | None) -> str:
    """The hash of everything a flow's downloads are made from (its converted text, for the 繁體 ones)."""
    parts = [EXPORT_VERSION, dot_version(), flow_to_dot(flow), site_url or "", date, script or ""]
    parts += [repr((n.id, n.display_label, n.notes, n.supplement, [vars(e) for e in n.next])) for n in flow.nodes()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def cached_folder(parent: Path, stem: str, key: str, render: Callable[[Path], None]) -> Path:
    """`parent`/<stem>-<key>, made by `render(folder)` unless there from an earlier build; the stem's
    earlier versions removed. Stems are lower-case ids (and "-zh-Hant"): no stem ends in another's hash."""
    folder = parent / f"{stem}-{key}"
    if (folder / ".done").exists():
        return folder
    tmp = folder.with_name(folder.name + f".{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    render(tmp)
    (tmp / ".done").write_text("", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.replace(folder)
    stale = re.compile(re.escape(stem) + r"-[0-9a-f]{32}")
    for old in folder.parent.iterdir():
        if old != folder and stale.fullmatch(old.name):
            shutil.rmtree(old, ignore_errors=True)
    return folder


def _cached(flow: Flow, site_url: str | None, date: str, cache_dir: Path, script: str | None) -> Path:
    return cached_folder(
        cache_dir / "exports",
        _stem(flow, script),
        _key(flow, site_url, date, script),
        lambda out: render_flow(flow, site_url, date, out, script),
    )


def export_files(
    flows: list[Flow],
    site_url: str | None,
    date: str | None = None,
    cache_dir: Path = DEFAULTS.cache_dir,
    script: str | None = None,
    source_date_epoch: str | None = None,
) -> tuple[dict[str, Path], dict[str, Downloads]]:
    """(site path -> cached file, flow id -> its downloads); renders only flows whose inputs changed.

    `date`: printed on every download; None: each flow's content_date() (`source_date_epoch` for a flow
    without a commit). `script`: None (简体) or
    script_variant.HANT: every download made from the converted flow, named with "-zh-Hant"."""
    if script and script != script_variant.HANT:
        raise ValueError(f"script={script!r}: downloads are made in 简体 (None) or {script_variant.HANT!r}")
    made = [script_variant.convert_model(f) for f in flows] if script else flows
    workers = max(1, min(len(flows), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        folders = list(
            pool.map(
                lambda f: _cached(f, site_url, date or content_date(f.path, source_date_epoch), cache_dir, script), made
            )
        )
    assets: dict[str, Path] = {}
    downloads: dict[str, Downloads] = {}
    for flow, folder in zip(flows, folders):
        files = {}
        for kind, name in file_names(flow, script).items():
            assets[f"{EXPORT_DIR}/{name}"] = folder / name
            files[kind] = f"{EXPORT_DIR}/{name}"
        if site_url:
            assets[f"{QR_DIR}/{flow.id}.svg"] = folder / "qr.svg"
            files["qr"] = f"{QR_DIR}/{flow.id}.svg"
        downloads[flow.id] = Downloads(files, "" if site_url else NO_QR)
    return assets, downloads
