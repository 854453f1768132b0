"""A blank form as a .docx (python-docx): one plain table on A4, East Asian fonts named so Word and WPS agree."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.run import Run

from macros.exports.slides import _stable_zip as stable_zip  # the decks' fixed-date zip, shared
from macros.forms import form_layout as lay

BODY_FONT, HINT_FONT_NAME = "宋体", "仿宋"  # what a branch's office has; WPS shows them by these names
LATIN_FONT = "Times New Roman"
MUTED = RGBColor(0x61, 0x61, 0x61)
LANGS = {None: "zh-CN", "zh-Hant": "zh-TW"}
SIGN_BLANK = {1: 30, 2: 12, 3: 7, 4: 4}  # ideographic spaces after each signer's name: the row's width shared


def _fonts(run_or_style_rpr, east_asia: str) -> None:
    """Name the font for every script on a run's (or style's) properties: w:eastAsia is what WPS reads
    for Chinese text; without it WPS falls back to its own default."""
    fonts = run_or_style_rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_or_style_rpr.insert(0, fonts)
    for attr, name in (("w:ascii", LATIN_FONT), ("w:hAnsi", LATIN_FONT), ("w:eastAsia", east_asia)):
        fonts.set(qn(attr), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # a theme font wins over a name
        fonts.attrib.pop(qn(theme), None)


def _run(paragraph, text: str, size: float, font: str = BODY_FONT, bold: bool = False, muted: bool = False) -> Run:
    run = paragraph.add_run(text)
    run.font.size, run.font.bold = Pt(size), bold
    if muted:
        run.font.color.rgb = MUTED
    _fonts(run._r.get_or_add_rPr(), font)
    return run


def _para(cell_or_doc, align=WD_ALIGN_PARAGRAPH.LEFT):
    para = cell_or_doc.paragraphs[0] if getattr(cell_or_doc, "_tc", None) is not None else cell_or_doc.add_paragraph()
    para.alignment = align
    para.paragraph_format.space_before = para.paragraph_format.space_after = Pt(0)
    return para


def _width(cell, points: float) -> None:
    cell.width = Pt(points)


def _fill(cells, cell: lay.Cell, units: int) -> None:
    """Write one layout cell into its (merged) table cells."""
    target = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
    _width(target, cell.width)
    if cell.role == "label":
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _run(_para(target, WD_ALIGN_PARAGRAPH.CENTER), cell.text, lay.FONT)
        return
    target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    para = _para(target)
    if cell.role == "tally":
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _run(para, cell.text, lay.FONT)
        if cell.hint:
            _run(para, " " + cell.hint, lay.HINT_FONT, HINT_FONT_NAME, muted=True)
    elif cell.role == "sign":  # each signer's name, then an underlined blank to sign on
        for i, part in enumerate(cell.parts):
            _run(para, ("　　" if i else "") + f"{part}：", lay.FONT)
            _run(para, "　" * SIGN_BLANK[len(cell.parts)], lay.FONT).font.underline = True
    elif cell.hint:
        _run(para, cell.hint, lay.HINT_FONT, HINT_FONT_NAME, muted=True)


def _grid(doc, rows: tuple[lay.Row, ...]) -> None:
    widths = [lay.LABEL_W, lay.HALF_W, lay.LABEL_W, lay.HALF_W]
    table = doc.add_table(rows=len(rows), cols=4)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, width in zip(table.columns, widths):
        col.width = Pt(width)
    for row, tr in zip(rows, table.rows):
        tr.height = Pt(row.units * lay.LINE)
        tr.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST  # grows while a branch types into it
        col = 0
        for cell in row.cells:
            span = 1 if cell.width in (lay.LABEL_W, lay.HALF_W) else 3
            _fill([tr.cells[i] for i in range(col, col + span)], cell, row.units)
            col += span


def form_docx(sheet: lay.Sheet, date: str, script: str | None = None) -> bytes:
    """The .docx of one form; `date` (YYYY-MM-DD) dates the file, so a rebuild gives the same bytes."""
    day = dt.date.fromisoformat(date)
    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by, props.revision = sheet.title, "支部规范图解", "", 1
    props.created = props.modified = props.last_printed = dt.datetime(day.year, day.month, day.day)
    props.comments = sheet.notes[-1]
    doc.styles["Normal"].font.size = Pt(lay.FONT)
    styles = doc.styles.element
    # Every style names its fonts (the template's name theme fonts, which WPS replaces with its own).
    for fonts in list(styles.iter(qn("w:rFonts"))):
        _fonts(fonts.getparent(), BODY_FONT)
    defaults = styles.find(qn("w:docDefaults"))
    for rpr in [
        doc.styles["Normal"].element.get_or_add_rPr(),
        *(defaults.iter(qn("w:rPr")) if defaults is not None else []),
    ]:
        _fonts(rpr, BODY_FONT)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:eastAsia"), LANGS.get(script, "zh-CN"))  # line breaking and proofing as Chinese
    section = doc.sections[0]
    section.page_width, section.page_height = Pt(lay.PAGE[0]), Pt(lay.PAGE[1])
    section.top_margin = section.bottom_margin = Pt(lay.MARGIN)
    section.left_margin = section.right_margin = Pt(lay.MARGIN)
    _run(_para(doc, WD_ALIGN_PARAGRAPH.CENTER), sheet.title, lay.TITLE_FONT, bold=True)
    for note in sheet.notes:
        _run(_para(doc), note, lay.NOTE_FONT, muted=True)
    _grid(doc, sheet.rows)
    _run(_para(doc, WD_ALIGN_PARAGRAPH.RIGHT), sheet.footer, lay.NOTE_FONT, muted=True)
    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), day)
