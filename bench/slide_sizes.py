"""Benchmark: how large a step slide draws the diagram, read back from a built site's .pptx files.

Usage: .venv/bin/python bench/slide_sizes.py SITE [--preview DIR]   (prints figures; not a test)

For every flowchart's deck in SITE/assets/exports: each step slide's picture as a share of the slide,
and the diagram's smallest label when the slide is projected 1920 px wide — found from the highlighted
box's pixels against that box's size in the diagram's SVG (SITE/assets/diagrams), so the figures do not
trust how the slides were made (tests/slide_measure.py). --preview writes, per deck, its first step
slide drawn as a PNG (the picture where it sits, the text boxes outlined) to look at without an office suite.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE.parent))

from pptx import Presentation  # noqa: E402
from slide_measure import PROJECTED_PX, measure, svg_boxes  # noqa: E402

from macros.exports.export_render import box_ids  # noqa: E402
from macros.site.build import load_valid_site  # noqa: E402


def preview(slide, deck, path: Path) -> None:
    """The slide at 1920 px wide: the picture where it sits, each text box's outline and first line."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    scale = PROJECTED_PX / deck.slide_width
    page = Image.new("RGB", (PROJECTED_PX, round(deck.slide_height * scale)), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 28)
    for shape in slide.shapes:
        box = [round(v * scale) for v in (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)]
        if shape.shape_type == 13:
            picture = (
                Image.open(io.BytesIO(shape.image.blob)).convert("RGBA").resize((box[2] - box[0], box[3] - box[1]))
            )
            page.paste(picture, box[:2], picture)  # the diagram's background is transparent: the slide shows through
        elif shape.has_text_frame:
            draw.rectangle(box, outline="#b0bec5")
            y = box[1] + 4
            for para in shape.text_frame.paragraphs:
                size = round((para.font.size.pt if para.font.size else 14) * 2)  # 2 px per pt at 1920 px
                draw.text((box[0] + 6, y), para.text[:60], fill="#263238", font=font.font_variant(size=size))
                y += round(size * 1.4)
    page.save(path)


def main() -> None:
    site = Path(sys.argv[1])
    out = Path(sys.argv[sys.argv.index("--preview") + 1]) if "--preview" in sys.argv else None
    flows = [f for f in load_valid_site(HERE.parent / "flows").flows if f.kind == "flowchart"]
    shares, smallest, rows = [], [], []
    for flow in flows:
        deck = Presentation(site / "assets" / "exports" / f"{flow.id}.pptx")
        boxes, smallest_pt = svg_boxes((site / "assets" / "diagrams" / f"{flow.id}.svg").read_text(encoding="utf-8"))
        found = [
            measure(slide, deck.slide_width, deck.slide_height, boxes[node_id], smallest_pt)
            for slide, node_id in zip(list(deck.slides)[1:], box_ids(flow))
        ]
        share = [m.share for m in found]
        px = [m.smallest_px for m in found if m.box_px]
        shares += share
        smallest += px
        rows.append((flow.id, len(found), min(share), max(share), min(px), len(px) < len(found)))
        if out:
            out.mkdir(parents=True, exist_ok=True)
            preview(list(deck.slides)[1], deck, out / f"slide-{flow.id}-1.png")
    print(f"{'flowchart':30} {'steps':>5} {'picture share':>15} {'smallest label':>15}")
    for flow_id, n, lo, hi, px, missing in rows:
        print(f"{flow_id:30} {n:5} {lo:6.0%} – {hi:4.0%} {px:12.1f} px" + ("  (a box not found)" if missing else ""))
    print(
        f"\n{len(shares)} step slides, {len(rows)} decks: picture {statistics.median(shares):.0%} of the slide "
        f"(median; {min(shares):.0%} – {max(shares):.0%}); smallest label at {PROJECTED_PX} px "
        f"{statistics.median(smallest):.1f} px (median; {min(smallest):.1f} – {max(smallest):.1f})"
    )


if __name__ == "__main__":
    main()
