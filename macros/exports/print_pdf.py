"""Print PDFs assembled with pypdf from Graphviz PDFs: the diagram on A4, an A3 poster (header,
diagram, QR code) and the same poster as 2×2 A4 tiles."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import DecodedStreamObject, NameObject

MM = 72 / 25.4
A3 = (297 * MM, 420 * MM)
A4 = (210 * MM, 297 * MM)
MARGIN = 10 * MM  # what office printers leave blank, about
BAND = 30 * MM  # the header band of the poster: title block on the left, QR code on the right
GAP = 4 * MM
OVERLAP = 20 * MM  # tiles share this much with their neighbour; the glue line runs through its middle


@dataclass
class Placed:
    """Where the diagram landed on the sheet, for checks and reports."""

    width: float
    height: float
    printable: tuple[float, float]


def _first_page(pdf: bytes) -> PageObject:
    return PdfReader(io.BytesIO(pdf)).pages[0]


def _size(page: PageObject) -> tuple[float, float]:
    return float(page.mediabox.width), float(page.mediabox.height)


def _draw(page: PageObject, ops: str) -> None:
    """Paint raw PDF operators (lines, squares; no text) over the page."""
    overlay = PageObject.create_blank_page(width=_size(page)[0], height=_size(page)[1])
    stream = DecodedStreamObject()
    stream.set_data(ops.encode("ascii"))
    overlay[NameObject("/Contents")] = stream
    page.merge_page(overlay)


def _place(sheet: PageObject, src: PageObject, x: float, y: float, scale: float) -> None:
    sheet.merge_transformed_page(src, Transformation().scale(scale).translate(x, y))


def _fit(box: tuple[float, float], item: tuple[float, float]) -> float:
    return min(box[0] / item[0], box[1] / item[1])


def poster_page(diagram_pdf: bytes, header_pdf: bytes, qr_ops) -> tuple[PageObject, Placed]:
    """An A3 sheet (landscape for wide diagrams): header band on top, the diagram as large as it fits.

    `qr_ops(x, y, size)` gives the drawing operators of the QR code, or is None (no site address).
    """
    diagram, header = _first_page(diagram_pdf), _first_page(header_pdf)
    dw, dh = _size(diagram)
    candidates = [A3, (A3[1], A3[0])]

    def room(sheet):
        return (sheet[0] - 2 * MARGIN, sheet[1] - 2 * MARGIN - BAND - GAP)

    sheet_size = max(candidates, key=lambda s: _fit(room(s), (dw, dh)))
    sw, sh = sheet_size
    area = room(sheet_size)
    scale = _fit(area, (dw, dh))
    sheet = PageObject.create_blank_page(width=sw, height=sh)
    x = MARGIN + (area[0] - dw * scale) / 2
    y = MARGIN + (area[1] - dh * scale) / 2
    _place(sheet, diagram, x, y, scale)
    qr_size = BAND if qr_ops else 0
    hw, hh = _size(header)
    hscale = min(1.0, _fit((sw - 2 * MARGIN - qr_size - GAP, BAND), (hw, hh)))
    _place(sheet, header, MARGIN, sh - MARGIN - (BAND + hh * hscale) / 2, hscale)
    if qr_ops:
        _draw(sheet, qr_ops(sw - MARGIN - qr_size, sh - MARGIN - qr_size, qr_size))
    return sheet, Placed(dw * scale, dh * scale, (sw - 2 * MARGIN, sh - 2 * MARGIN))


def _writer(pages: list[PageObject], meta: dict[str, str]) -> bytes:
    writer = PdfWriter()
    for page in pages:
        writer.add_page(page)
    writer.add_metadata({f"/{k}": v for k, v in meta.items()})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def a4_pdf(drawing_pdf: bytes, meta: dict[str, str]) -> bytes:
    """The drawing (title block included) as large as it fits on A4, portrait or landscape."""
    drawing = _first_page(drawing_pdf)
    dw, dh = _size(drawing)
    sheet_size = max([A4, (A4[1], A4[0])], key=lambda s: _fit((s[0] - 2 * MARGIN, s[1] - 2 * MARGIN), (dw, dh)))
    area = (sheet_size[0] - 2 * MARGIN, sheet_size[1] - 2 * MARGIN)
    scale = _fit(area, (dw, dh))
    sheet = PageObject.create_blank_page(width=sheet_size[0], height=sheet_size[1])
    _place(sheet, drawing, MARGIN + (area[0] - dw * scale) / 2, MARGIN + (area[1] - dh * scale) / 2, scale)
    return _writer([sheet], meta)


def poster_pdf(poster: PageObject, meta: dict[str, str]) -> bytes:
    return _writer([poster], meta)


def _tile_marks(tw: float, th: float, col: int, row: int) -> str:
    """Dashed glue lines through the overlaps this tile shares, and corner marks at its outer corners."""
    half = OVERLAP / 2
    ops = ["q 0.6 w 0.3 G [4 3] 0 d"]
    if col == 0:
        ops.append(f"{tw - half:.2f} 0 m {tw - half:.2f} {th:.2f} l S")
    else:
        ops.append(f"{half:.2f} 0 m {half:.2f} {th:.2f} l S")
    if row == 0:
        ops.append(f"0 {half:.2f} m {tw:.2f} {half:.2f} l S")
    else:
        ops.append(f"0 {th - half:.2f} m {tw:.2f} {th - half:.2f} l S")
    ops.append("Q")
    return "\n".join(ops)


def tiles_pdf(poster: PageObject, labels: list[bytes], meta: dict[str, str]) -> bytes:
    """The poster enlarged onto 2×2 A4 sheets (the poster's orientation) that overlap for gluing.

    `labels`: four small PDFs (one text block each) naming the sheet and how to glue it.
    """
    pw, ph = _size(poster)
    tw, th = A4 if ph >= pw else (A4[1], A4[0])
    canvas = (2 * tw - OVERLAP, 2 * th - OVERLAP)
    scale = _fit(canvas, (pw, ph))
    ox, oy = (canvas[0] - pw * scale) / 2, (canvas[1] - ph * scale) / 2
    pages = []
    for row in range(2):  # row 0 on top
        for col in range(2):
            x0 = col * (tw - OVERLAP)
            y0 = (1 - row) * (th - OVERLAP)
            tile = PageObject.create_blank_page(width=tw, height=th)
            _place(tile, poster, ox - x0, oy - y0, scale)
            _draw(tile, _tile_marks(tw, th, col, row))
            label = _first_page(labels[row * 2 + col])
            lw, lh = _size(label)
            lscale = min(1.0, _fit((tw / 2 - MARGIN, 6 * MM), (lw, lh)))
            lx = MARGIN / 2 if col == 0 else tw - MARGIN / 2 - lw * lscale
            ly = th - MARGIN / 2 - lh * lscale if row == 0 else MARGIN / 2
            _place(tile, label, lx, ly, lscale)
            pages.append(tile)
    return _writer(pages, meta)


RULE_GAP = 10 * MM  # handwriting lines on a text sheet
QR_CORNER = 25 * MM


def text_sheet(blocks: list[bytes], ruled_lines: int = 0, qr_ops=None, footer: bytes | None = None) -> PageObject:
    """An A4 portrait sheet: text blocks (one-page PDFs, e.g. Graphviz text) stacked from the top, all
    shrunk together if they would not fit, then up to `ruled_lines` lines to write on, the QR code
    (`qr_ops(x, y, size)`, or None) in the bottom right corner and `footer` (a text block) at the bottom left."""
    pages = [_first_page(b) for b in blocks]
    width = A4[0] - 2 * MARGIN
    foot = _first_page(footer) if footer else None
    foot_scale = min(1.0, (width - (QR_CORNER + GAP if qr_ops else 0)) / _size(foot)[0]) if foot else 1.0
    foot_room = _size(foot)[1] * foot_scale + GAP if foot else 0
    qr_room = max(QR_CORNER + GAP if qr_ops else 0, foot_room)
    heights = [_size(p)[1] * min(1.0, width / _size(p)[0]) for p in pages]
    room = A4[1] - 2 * MARGIN - qr_room
    total = sum(heights) + GAP * max(0, len(pages) - 1)
    shrink = min(1.0, room / total) if total else 1.0
    sheet = PageObject.create_blank_page(width=A4[0], height=A4[1])
    y = A4[1] - MARGIN
    for page, height in zip(pages, heights):
        scale = min(1.0, width / _size(page)[0]) * shrink
        y -= height * shrink
        _place(sheet, page, MARGIN, y, scale)
        y -= GAP
    ops = ["q 0.5 w 0.55 G"]
    line_y = y - RULE_GAP
    for _ in range(ruled_lines):
        if line_y < MARGIN + qr_room:
            break
        ops.append(f"{MARGIN:.2f} {line_y:.2f} m {A4[0] - MARGIN:.2f} {line_y:.2f} l S")
        line_y -= RULE_GAP
    ops.append("Q")
    if len(ops) > 2:
        _draw(sheet, "\n".join(ops))
    if qr_ops:
        _draw(sheet, qr_ops(A4[0] - MARGIN - QR_CORNER, MARGIN, QR_CORNER))
    if foot:
        _place(sheet, foot, MARGIN, MARGIN, foot_scale)
    return sheet


def pages_pdf(pages: list[PageObject], meta: dict[str, str]) -> bytes:
    """Sheets made here (text_sheet, poster_page) as one PDF with its metadata."""
    return _writer(pages, meta)


def joined_pdf(pdfs: list[bytes], meta: dict[str, str]) -> bytes:
    """Every page of several PDFs, in order, as one (a booklet)."""
    return _writer([page for pdf in pdfs for page in PdfReader(io.BytesIO(pdf)).pages], meta)
