"""Each case as print PDFs, cached by content hash: a handout (story and lines to write on), an answer sheet,
and the booklets of all handouts and of all answer sheets; with the case page's QR code when there is a site address."""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from macros import config
from macros.cases.case_loader import Case
from macros.cases.case_text import WRITE, answer_lines, meta_line, paragraphs
from macros.editions import script_variant
from macros.exports.export_render import run_dot
from macros.exports.print_pdf import A4, MARGIN, joined_pdf, pages_pdf, text_sheet
from macros.exports.qr import qr_pdf_ops, qr_svg
from macros.flows.model import Site
from macros.render.dot_writer import COLORS, quote
from macros.render.svg_render import dot_version
from macros.render.wrap import wrap

CASE_PDF_VERSION = "2"  # bump when the PDFs' content or layout changes meaning
CASE_EXPORT_DIR = "assets/exports/cases"
CASE_QR_DIR = "assets/qr/cases"
RULED_LINES = 14
TITLE_PT, TEXT_PT, SMALL_PT = 20, 13, 10
KINDS = ("handout", "answers")
BOOKLET_TITLES = {"handout": "找错练习（学员用）：全部案例", "answers": "找错练习答案：全部案例"}
SITE_NAME = "支部规范图解"


@dataclass
class CaseDownloads:
    """Site paths: each case's PDFs (case id -> kind -> path), the booklets (kind -> path), QR codes."""

    files: dict[str, dict[str, str]] = field(default_factory=dict)
    booklets: dict[str, str] = field(default_factory=dict)
    qr: dict[str, str] = field(default_factory=dict)


def case_url(site_url: str | None, case: Case) -> str | None:
    return f"{site_url.rstrip('/')}/cases/{case.id}/" if site_url else None


def file_name(stem: str, kind: str, script: str | None) -> str:
    """'dev-xiaoli-handout.pdf'; the Traditional edition's carry '-zh-Hant' before the kind."""
    return f"{stem}{'-' + script if script else ''}-{kind}.pdf"


def _dot_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _block(lines: list[tuple[str, int]]) -> str:
    """A Graphviz graph of left-aligned text lines, each (text, size in pt), wrapped to the A4 text width
    (a table row per line: a reader's line spacing, where <BR/> lines touch)."""
    width_pt = A4[0] - 2 * MARGIN
    rows = ""
    for text, size in lines:
        for piece in wrap(text, width_pt / size * 0.95) if text else [" "]:
            pad = max(2, size // 4)
            rows += f'<TR><TD ALIGN="LEFT" CELLPADDING="{pad}"><FONT POINT-SIZE="{size}">{_dot_html(piece)}</FONT></TD></TR>'
    return (
        f'digraph text {{ graph [margin=0, pad=0, bgcolor="transparent"]; '
        f'node [shape=plaintext, margin=0, fontname={quote(config.FONT_STACK)}, fontcolor="{COLORS["ink"]}"]; '
        f't [label=<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0">{rows}</TABLE>>]; }}\n'
    )


def handout_blocks(case: Case, site: Site, url: str | None) -> list[list[tuple[str, int]]]:
    story = [(p, TEXT_PT) for p in paragraphs(case.story)]
    return [[(case.title, TITLE_PT), (meta_line(case, site), SMALL_PT)], story, [(WRITE, TEXT_PT)], _foot(url)]


def answer_blocks(case: Case, site: Site, url: str | None) -> list[list[tuple[str, int]]]:
    blocks = [[(f"答案：{case.title}", TITLE_PT), (meta_line(case, site), SMALL_PT)]]
    for i, error in enumerate(case.errors, 1):
        head, lines = answer_lines(case, site, i, error)
        blocks.append([(head, TEXT_PT + 1), *((line, TEXT_PT - 1) for line in lines)])
    blocks.append(_foot(url))
    return blocks


def _foot(url: str | None) -> list[tuple[str, int]]:
    """The last block: printed at the foot of the sheet, beside the QR code."""
    return [(f"{SITE_NAME}" + (f" · {url}" if url else ""), SMALL_PT)]


def _converted(blocks: list[list[tuple[str, int]]], tr: Callable[[str], str]) -> list[list[tuple[str, int]]]:
    return [[(tr(text), size) for text, size in block] for block in blocks]


def _key(*parts: object) -> str:
    return hashlib.sha256(repr((CASE_PDF_VERSION, dot_version(), *parts)).encode()).hexdigest()[:32]


def _cached(cache_dir: Path, name: str, key: str, make: Callable[[], bytes]) -> Path:
    """The file made by `make`, kept under the cache by its key; made again only when the key changes."""
    folder = cache_dir / "cases"
    path = folder / f"{key}-{name}"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_bytes(make())
    tmp.replace(path)
    stale = re.compile(r"[0-9a-f]{32}-" + re.escape(name))
    for old in folder.iterdir():  # earlier versions of this file
        if old != path and stale.fullmatch(old.name):
            old.unlink(missing_ok=True)
    return path


def _sheet_pdf(blocks: list[list[tuple[str, int]]], ruled: int, url: str | None, meta: dict[str, str]) -> bytes:
    pdfs = [run_dot(_block(block), "-Tpdf", "-Gmargin=0") for block in blocks]
    qr_ops = (lambda x, y, size: qr_pdf_ops(url, x, y, size)) if url else None
    return pages_pdf([text_sheet(pdfs[:-1], ruled, qr_ops, footer=pdfs[-1])], meta)


def _booklet(parts: list[Path], meta: dict[str, str]) -> bytes:
    return joined_pdf([p.read_bytes() for p in parts], meta)


def case_export_files(
    cases: list[Case], site: Site, site_url: str | None, cache_dir: Path, script: str | None = None
) -> tuple[dict[str, Path | str], CaseDownloads]:
    """(site path -> cached file or text, the downloads' site paths); only changed cases are made again.

    `script` HANT: every text converted to 繁體 and the files named with '-zh-Hant'."""
    tr = script_variant.to_hant if script else (lambda s: s)
    assets: dict[str, Path | str] = {}
    downloads = CaseDownloads()
    made: dict[str, list[Path]] = {kind: [] for kind in KINDS}
    for case in cases:
        url = case_url(site_url, case)
        downloads.files[case.id] = {}
        for kind, blocks, ruled in (
            ("handout", handout_blocks(case, site, url), RULED_LINES),
            ("answers", answer_blocks(case, site, url), 0),
        ):
            text = _converted(blocks, tr)
            title = tr(("答案：" if kind == "answers" else "找错练习：") + case.title)
            meta = {"Title": title, "Author": tr(SITE_NAME)}
            name = file_name(case.id, kind, script)
            make = functools.partial(_sheet_pdf, text, ruled, url, meta)
            path = _cached(cache_dir, name, _key(text, ruled, url, meta), make)
            assets[f"{CASE_EXPORT_DIR}/{name}"] = path
            downloads.files[case.id][kind] = f"{CASE_EXPORT_DIR}/{name}"
            made[kind].append(path)
        if url:
            assets[f"{CASE_QR_DIR}/{case.id}.svg"] = qr_svg(url)
            downloads.qr[case.id] = f"{CASE_QR_DIR}/{case.id}.svg"
    for kind in KINDS:
        if not made[kind]:
            continue
        parts = made[kind]
        meta = {"Title": tr(BOOKLET_TITLES[kind]), "Author": tr(SITE_NAME)}
        name = file_name("cases-all", kind, script)
        key = _key([p.name for p in parts], meta)
        assets[f"{CASE_EXPORT_DIR}/{name}"] = _cached(cache_dir, name, key, functools.partial(_booklet, parts, meta))
        downloads.booklets[kind] = f"{CASE_EXPORT_DIR}/{name}"
    return assets, downloads
