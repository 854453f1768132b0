"""A blank form as an A4 PDF: the sheet drawn as one Graphviz HTML table (ruled boxes), placed with pypdf."""

from __future__ import annotations

import html
import io

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from macros import config
from macros.exports.export_render import run_dot
from macros.forms import form_layout as lay

INK, MUTED, RULE = "#212121", "#616161", "#9e9e9e"  # dark enough to read when printed in grey


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _font(text: str, size: float, color: str = INK, bold: bool = False) -> str:
    inner = f"<B>{_esc(text)}</B>" if bold else _esc(text)
    return f'<FONT POINT-SIZE="{size:g}" COLOR="{color}">{inner}</FONT>'


def _td(content: str, width: float, height: float, extra: str = "") -> str:
    return f'<TD FIXEDSIZE="TRUE" WIDTH="{width:.0f}" HEIGHT="{height:.0f}"{extra}>{content}</TD>'


def _label(cell: lay.Cell, units: int, sides: str) -> str:
    text = "<BR/>".join(_esc(line) for line in lay.wrap(cell.text, lay.LABEL_CHARS * lay.FONT, lay.FONT))
    content = f'<FONT POINT-SIZE="{lay.FONT:g}" COLOR="{INK}">{text}</FONT>'
    return _td(content, cell.width, units * lay.LINE, f' SIDES="{sides}"')


def _hint(cell: lay.Cell) -> str:
    return _font(cell.hint, lay.HINT_FONT, MUTED) if cell.hint else " "


def _blank(cell: lay.Cell, span: int, sides: str) -> str:
    """A box of ruled writing lines, its hint on the first."""
    ruled = []
    for i in range(cell.lines):
        content = _hint(cell) if i == 0 else " "
        last = i == cell.lines - 1
        rule = ' BORDER="0"' if last else f' SIDES="B" COLOR="{RULE}"'
        attrs = rule + ' ALIGN="LEFT" VALIGN="TOP"'
        ruled.append(f"<TR>{_td(content, cell.width - 2, lay.LINE, attrs)}</TR>")
    inner = f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3">{"".join(ruled)}</TABLE>'
    return f'<TD COLSPAN="{span}" CELLPADDING="0" SIDES="{sides}">{inner}</TD>'


def _tally(cell: lay.Cell, span: int, sides: str) -> str:
    text = _font(cell.text, lay.FONT) + (" " + _font(cell.hint, lay.HINT_FONT, MUTED) if cell.hint else "")
    # +2: a blank's nested table is as wide as its cell plus the nested cells' rules
    return _td(text, cell.width + 2, lay.LINE, f' COLSPAN="{span}" ALIGN="LEFT" CELLPADDING="4" SIDES="{sides}"')


def _sign(cell: lay.Cell, span: int, sides: str) -> str:
    """Each signer's name, then a rule to sign on; a narrow strip under them keeps the rules off the border."""
    gap, below = 12.0, 8.0
    share = (cell.width - 2 - gap * len(cell.parts)) / len(cell.parts)  # a gap after each, the last one's too
    high = cell.lines * lay.LINE - below
    tds = []
    for part in cell.parts:
        name = f"{part}："
        width = lay.text_width(name, lay.FONT) + 6
        tds.append(_td(_font(name, lay.FONT), width, high, ' BORDER="0" ALIGN="LEFT" VALIGN="BOTTOM"'))
        tds.append(_td(" ", share - width, high, f' SIDES="B" COLOR="{INK}"'))
        tds.append(_td(" ", gap, high, ' BORDER="0"'))
    strip = _td(" ", cell.width - 2, below, f' BORDER="0" COLSPAN="{len(tds)}"')
    inner = (
        '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="2">'
        f"<TR>{''.join(tds)}</TR><TR>{strip}</TR></TABLE>"
    )
    return f'<TD COLSPAN="{span}" CELLPADDING="0" SIDES="{sides}">{inner}</TD>'


def _row(row: lay.Row, first: bool) -> str:
    """One row; each cell draws its right and bottom rule (the first row its top, the first cell its left),
    so neighbouring cells share one rule instead of drawing two."""
    cells = []
    for i, cell in enumerate(row.cells):
        span = 1 if cell.width in (lay.LABEL_W, lay.HALF_W) else 3
        sides = ("L" if i == 0 else "") + ("T" if first else "") + "RB"
        if cell.role == "label":
            cells.append(_label(cell, row.units, sides))
        elif cell.role == "tally":
            cells.append(_tally(cell, span, sides))
        elif cell.role == "sign":
            cells.append(_sign(cell, span, sides))
        else:
            cells.append(_blank(cell, span, sides))
    return f"<TR>{''.join(cells)}</TR>"


def _line(content: str, height: float, align: str = "LEFT") -> str:
    attrs = f' ALIGN="{align}"'
    return f"<TR>{_td(content, lay.TABLE_W, height, attrs)}</TR>"


def form_dot(sheet: lay.Sheet) -> str:
    """The whole sheet as one Graphviz node: title, notes, the ruled table, the footer."""
    parts = [_line(_font(sheet.title, lay.TITLE_FONT, bold=True), lay.TITLE_H, "CENTER")]
    for note in sheet.notes:
        parts += [_line(_font(line, lay.NOTE_FONT, MUTED), lay.NOTE_LEAD) for line in lay.note_lines(note)]
    parts.append(_line(" ", lay.GAP))
    grid = "".join(_row(r, i == 0) for i, r in enumerate(sheet.rows))
    table = f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="0" COLOR="{INK}">{grid}</TABLE>'
    parts.append(f"<TR><TD>{table}</TD></TR>")
    parts.append(_line(" ", lay.GAP))
    parts.append(_line(_font(sheet.footer, lay.NOTE_FONT, MUTED), lay.NOTE_LEAD, "RIGHT"))
    label = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{"".join(parts)}</TABLE>'
    return (
        "digraph form {\n  graph [margin=0 pad=0];\n"
        f'  node [shape=plaintext margin=0 fontname="{config.FONT_STACK}"];\n'
        f"  sheet [label=<{label}>];\n}}\n"
    )


def form_pdf(sheet: lay.Sheet, meta: dict[str, str]) -> bytes:
    """One A4 portrait page: the sheet at full size from the top-left margin; `meta` fixed (no build time)."""
    drawn = PdfReader(io.BytesIO(run_dot(form_dot(sheet), "-Tpdf"))).pages[0]
    page = PageObject.create_blank_page(width=lay.PAGE[0], height=lay.PAGE[1])
    top = lay.PAGE[1] - lay.MARGIN - float(drawn.mediabox.height)
    page.merge_transformed_page(drawn, Transformation().translate(lay.MARGIN, top))
    writer = PdfWriter()
    writer.add_page(page)
    writer.add_metadata({f"/{k}": v for k, v in meta.items()})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
