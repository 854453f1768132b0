"""A .pptx per flowchart (python-pptx): a title slide, then one slide per step, its part of the diagram highlighted.

Plain text boxes and embedded PNG pictures only, so PowerPoint and WPS open it the same way. A step
slide shows the part of the diagram around its box, zoomed until the smallest label is as large as
the slide's own notes text (the whole diagram fitted to the slide left a long flowchart's labels at
3 pt, unreadable beyond the front row).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from macros.exports.dot_geometry import Geometry, Rect
from macros.exports.export_render import png_size

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
PAD = Inches(0.4)
INK = RGBColor(0x26, 0x32, 0x38)
MUTED = RGBColor(0x54, 0x6E, 0x7A)
TOP = Inches(1.05)  # a step slide's picture and text start under its title
NOTES_PT = 14  # a step slide's notes text; the diagram's smallest label is drawn at least this large
WIDE = 1.6  # a diagram wider than this (width / height) has its step text below it, else beside it


def picture_area(wide: bool) -> tuple[int, int]:
    """The room for the diagram on a step slide (EMU): the width above the text for a wide diagram,
    60 % of the width beside the text for a tall one."""
    if wide:
        return int(WIDTH - 2 * PAD), int(HEIGHT - TOP - Inches(1.9))
    return int((WIDTH - 2 * PAD) * 0.6), int(HEIGHT - TOP - PAD)


def step_window(shape: Geometry, focus: list[str], wide: bool) -> tuple[Rect, float]:
    """The part of the diagram a step slide shows (graph points) and its zoom (slide points per graph point).

    The zoom draws the smallest label at NOTES_PT, or more when the whole diagram fits larger; the part
    fills the picture area (less where the diagram ends), centred on the step's box with its notes
    (`focus`: node names, the box first) — on the box alone when box and notes do not fit together —
    and kept inside the diagram, so the boxes before and after it are seen around it."""
    area_w, area_h = (v / 12700 for v in picture_area(wide))  # EMU -> points
    bb = shape.bb
    zoom = max(NOTES_PT / shape.smallest_pt, min(area_w / bb.width, area_h / bb.height))
    w, h = min(area_w / zoom, bb.width), min(area_h / zoom, bb.height)
    boxes = [shape.nodes[name] for name in focus if name in shape.nodes]
    around = boxes[0]
    for box in boxes[1:]:
        around = around.union(box)
    if around.width > w or around.height > h:
        around = boxes[0]
    cx = min(max((around.x0 + around.x1) / 2, bb.x0 + w / 2), bb.x1 - w / 2)
    cy = min(max((around.y0 + around.y1) / 2, bb.y0 + h / 2), bb.y1 - h / 2)
    return Rect(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), zoom


@dataclass
class Step:
    title: str  # "第 3 / 25 步：…"
    text: list[str]  # the step's label, its notes, where it leads
    png: bytes  # the diagram with this step highlighted


def _text(slide, x, y, w, h, paragraphs: list[tuple[str, int, RGBColor]]) -> None:
    frame = slide.shapes.add_textbox(x, y, w, h).text_frame
    frame.word_wrap = True
    for i, (text, size, color) in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = text
        para.font.size = Pt(size)
        para.font.color.rgb = color
        para.font.name = "Microsoft YaHei"


def _picture(slide, png: bytes, x, y, w, h) -> None:
    pw, ph = png_size(png)
    scale = min(w / pw, h / ph)
    cw, ch = int(pw * scale), int(ph * scale)
    slide.shapes.add_picture(io.BytesIO(png), x + (w - cw) // 2, y + (h - ch) // 2, Emu(cw), Emu(ch))


def _stable_zip(data: bytes, day: dt.date) -> bytes:
    """The same package with every entry dated `day`, so the same input gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def build_pptx(
    title: str, meta: list[str], qr: bytes | None, no_qr_reason: str, steps: list[Step], date: str, wide: bool
) -> bytes:
    """The deck; `date` (YYYY-MM-DD) dates the file, so a rebuild gives the same bytes; `wide`: the step
    text goes below the pictures (a wide diagram), else beside them (picture_area)."""
    day = dt.date.fromisoformat(date)
    deck = Presentation()
    props = deck.core_properties
    props.title, props.author, props.revision = title, "支部规范图解", 1
    props.created = props.modified = props.last_printed = dt.datetime(day.year, day.month, day.day)
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    blank = deck.slide_layouts[6]
    first = deck.slides.add_slide(blank)
    text_w = WIDTH - 2 * PAD - (Inches(3) if qr else 0)
    _text(first, PAD, Inches(1.5), text_w, Inches(1.5), [(title, 36, INK)])
    _text(first, PAD, Inches(3.2), text_w, Inches(3), [(line, 16, MUTED) for line in meta])
    if qr:
        _picture(first, qr, WIDTH - PAD - Inches(2.8), Inches(1.5), Inches(2.8), Inches(2.8))
        _text(
            first, WIDTH - PAD - Inches(2.8), Inches(4.4), Inches(2.8), Inches(0.6), [("扫码在手机上打开", 14, MUTED)]
        )
    elif no_qr_reason:
        _text(first, PAD, Inches(6.4), text_w, Inches(0.6), [(no_qr_reason, 12, MUTED)])
    for step in steps:
        slide = deck.slides.add_slide(blank)
        _text(slide, PAD, Inches(0.25), WIDTH - 2 * PAD, Inches(0.7), [(step.title, 24, INK)])
        body = [(line, 16 if i == 0 else NOTES_PT, INK if i == 0 else MUTED) for i, line in enumerate(step.text)]
        pic_w, pic_h = picture_area(wide)
        _picture(slide, step.png, PAD, TOP, pic_w, pic_h)
        if wide:  # the text below the picture
            _text(slide, PAD, TOP + pic_h + Inches(0.1), WIDTH - 2 * PAD, Inches(1.7), body)
        else:  # the text beside it
            _text(
                slide, PAD + pic_w + Inches(0.3), TOP, WIDTH - 2 * PAD - pic_w - Inches(0.3), HEIGHT - TOP - PAD, body
            )
    buf = io.BytesIO()
    deck.save(buf)
    return _stable_zip(buf.getvalue(), day)
