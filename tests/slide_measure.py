"""A step slide measured from the .pptx read back and the diagram's SVG: picture share, step box, smallest label.

Shared by tests/test_exports.py and bench/slide_sizes.py. Nothing here reads how the slides were made:
the scale of a step picture is found from its highlighted box (HIGHLIGHT-coloured pixels in the picture)
against that box's size in the SVG, so a wrong crop or zoom shows in the figures.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

PROJECTED_PX = 1920  # a slide projected this many pixels wide
HIGHLIGHT = (0xFF, 0x6F, 0x00)  # export_render.HIGHLIGHT: the step's outline, 4 pt wide
OUTLINE_PT = 4


@dataclass
class StepPicture:
    share: float  # the picture's area as a share of the slide
    box_px: tuple[int, int, int, int] | None  # the highlighted outline in the picture (left, top, right, bottom)
    size: tuple[int, int]  # the picture's pixels
    box_shown_in: float  # the step box's width on the slide, inches (0 if not found)
    smallest_px: float  # the diagram's smallest label when the slide is projected PROJECTED_PX wide


def svg_boxes(svg: str) -> tuple[dict[str, tuple[float, float]], float]:
    """node id -> its box's (width, height) in points, and the smallest label's font size (points)."""
    svg = svg.replace("&#45;", "-")  # dot's own output writes every - so; the site's pages do not
    boxes = {}
    starts = [m for m in re.finditer(r'<g id="dg-([^"]+)" class="node', svg)]
    for m, after in zip(starts, [*starts[1:], None]):
        body = svg[m.end() : after.start() if after else len(svg)]
        shape = re.search(r'<(?:path|polygon)[^>]* (?:d|points)="([^"]+)"', body)
        if shape:
            nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", shape.group(1))]
            xs, ys = nums[0::2], nums[1::2]
            boxes[m.group(1)] = (max(xs) - min(xs), max(ys) - min(ys))
    fonts = [float(v) for v in re.findall(r'font-size="([\d.]+)"', svg)]
    return boxes, min(fonts)


def _outline(png: bytes) -> tuple[int, int, int, int] | None:
    """The bounding box of the pixels within 40 of HIGHLIGHT in every channel (the step's outline)."""
    from PIL import Image, ImageChops

    bands = Image.open(io.BytesIO(png)).convert("RGB").split()
    masks = [band.point(lambda v, c=c: 255 if abs(v - c) <= 40 else 0) for band, c in zip(bands, HIGHLIGHT)]
    return ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2]).getbbox()


def measure(slide, slide_w_emu: int, slide_h_emu: int, box_pt: tuple[float, float], smallest_pt: float) -> StepPicture:
    """A step slide's one picture measured; `box_pt`: the step box's size in the SVG (points)."""
    picture = next(s for s in slide.shapes if s.shape_type == 13)
    png = picture.image.blob
    from PIL import Image

    size = Image.open(io.BytesIO(png)).size
    share = picture.width * picture.height / (slide_w_emu * slide_h_emu)
    box = _outline(png)
    if not box:
        return StepPicture(share, None, size, 0.0, 0.0)
    px_per_pt = (box[2] - box[0]) / (box_pt[0] + OUTLINE_PT)  # the outline is drawn centred on the box's edge
    emu_per_px = picture.width / size[0]
    shown_px_per_pt = px_per_pt * emu_per_px * PROJECTED_PX / slide_w_emu
    return StepPicture(share, box, size, box_pt[0] * px_per_pt * emu_per_px / 914400, smallest_pt * shown_px_per_pt)
