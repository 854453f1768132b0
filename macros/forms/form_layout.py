"""One layout of a blank form for both files: A4 geometry, its rows of cells, and its header and footer text.

The PDF and the .docx are drawn from the same rows, so they carry the same words in the same order."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from macros.flows.model import Flow
from macros.forms.form_model import Form, FormField

MM = 72 / 25.4
PAGE = (210 * MM, 297 * MM)  # A4 portrait, in points
MARGIN = 15 * MM  # room for the printer and for punching holes
TABLE_W = PAGE[0] - 2 * MARGIN
LABEL_W = 90.0  # the label column: LABEL_CHARS characters of FONT with padding
LABEL_CHARS = 8
BLANK_W = TABLE_W - LABEL_W  # a full-width blank
HALF_W = (TABLE_W - 2 * LABEL_W) / 2  # a half field's blank
LINE = 24.0  # one writing line: 8.5 mm, room for handwriting
FONT, HINT_FONT, TITLE_FONT, NOTE_FONT = 10.5, 8.0, 18.0, 8.5
TITLE_H = 30.0
NOTE_LEAD = 12.0  # one line of the notes under the title and of the footer
GAP = 6.0
BLANK_MARK = "＿＿＿"  # where a count is written (a fullwidth low line prints as a rule)
SIGN_UNITS = 2  # a signature row is two lines tall
ROOM = PAGE[1] - 2 * MARGIN  # the height a form may take


@dataclass(frozen=True)
class Cell:
    role: str  # "label", "blank" (lines to write on), "tally" (counts to fill), "sign" (one blank per signer)
    text: str = ""  # the label, or the tally's printed text
    width: float = 0.0
    lines: int = 1  # writing lines of a blank
    hint: str = ""
    parts: tuple[str, ...] = ()  # a sign cell's signers, each printed as "主持人："


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    units: int  # height in writing lines


@dataclass(frozen=True)
class Sheet:
    """Everything printed on one form, in reading order."""

    title: str
    notes: tuple[str, ...]  # under the title
    rows: tuple[Row, ...]
    footer: str


def text_width(text: str, size: float) -> float:
    """Printed width estimate: East Asian wide characters 1 em, others about half."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.55 for c in text)


def wrap(text: str, width: float, size: float) -> list[str]:
    """`text` cut into lines no wider than `width` (by characters: Chinese has no spaces to break at)."""
    lines, line = [], ""
    for ch in text:
        if line and text_width(line + ch, size) > width:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


def tally_text(field: FormField) -> str:
    return "　".join(f"{part}{BLANK_MARK}{field.unit}" for part in field.parts)


def _field_cells(field: FormField, width: float) -> tuple[Cell, ...]:
    label = Cell("label", field.label, LABEL_W)
    if field.kind == "tally":
        return label, Cell("tally", tally_text(field), width, 1, field.hint)
    if field.kind == "sign":
        return label, Cell("sign", "", width, SIGN_UNITS, field.hint, field.parts)
    return label, Cell("blank", "", width, field.lines if field.kind == "box" else 1, field.hint)


def field_units(field: FormField) -> int:
    return SIGN_UNITS if field.kind == "sign" else field.lines if field.kind == "box" else 1


def rows(form: Form) -> list[Row]:
    """The form's rows: two half fields in a row share it, every other field has a row of its own."""
    out: list[Row] = []
    fields = list(form.fields)
    i = 0
    while i < len(fields):
        field = fields[i]
        if field.half and i + 1 < len(fields) and fields[i + 1].half:
            cells = _field_cells(field, HALF_W) + _field_cells(fields[i + 1], HALF_W)
            out.append(Row(cells, 1))
            i += 2
            continue
        out.append(Row(_field_cells(field, BLANK_W), field_units(field)))
        i += 1
    return out


def _basis(flow: Flow) -> str:
    return "；".join(b.title + (b.articles or "") for b in flow.basis)


def sheet(form: Form, flow: Flow, date: str, fill: bool = True) -> Sheet:
    """The printed words around the rows: title, where the fields come from, that the form is blank.

    `fill`: the largest box gets the lines the page has left, so every form uses its whole sheet."""
    notes = (
        f"依据：{_basis(flow)}",
        f"各栏按本站“{flow.title}”的步骤编排。这是空白表格，由党支部填写、保存；本站不生成、不保存任何填写内容。",
    )
    page = Sheet(form.title, notes, tuple(rows(form)), f"支部规范图解 · 空白会议记录表 · {date}")
    spare = int((ROOM - height(page)) // LINE)
    boxes = [r for r in page.rows if len(r.cells) == 2 and r.cells[1].role == "blank"]
    if not fill or spare <= 0 or not boxes:
        return page
    big = max(boxes, key=lambda r: r.cells[1].lines)  # the first of the largest
    grown = Row((big.cells[0], replace(big.cells[1], lines=big.cells[1].lines + spare)), big.units + spare)
    return replace(page, rows=tuple(grown if r is big else r for r in page.rows))


def note_lines(text: str) -> list[str]:
    return wrap(text, TABLE_W, NOTE_FONT)


def height(page: Sheet) -> float:
    """The printed height of the form, in points (PAGE less MARGINs must hold it)."""
    notes = sum(len(note_lines(n)) for n in page.notes) * NOTE_LEAD
    return TITLE_H + notes + GAP + sum(r.units for r in page.rows) * LINE + GAP + NOTE_LEAD
