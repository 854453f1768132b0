"""QR codes of page addresses, made at build time with segno (no network): SVG, PNG, PDF drawing."""

from __future__ import annotations

import io

import segno


def _code(url: str):
    return segno.make_qr(url, error="m")


def qr_svg(url: str) -> str:
    """A standalone SVG (black on white, 4-module quiet zone), scaled by the page."""
    buf = io.BytesIO()
    _code(url).save(buf, kind="svg", scale=10, border=4, xmldecl=True, svgclass=None, lineclass=None)
    return buf.getvalue().decode("utf-8")


def qr_png(url: str, scale: int = 10) -> bytes:
    buf = io.BytesIO()
    _code(url).save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()


def qr_pdf_ops(url: str, x: float, y: float, size: float) -> str:
    """PDF drawing operators for the code as filled squares in a `size`-point square at (x, y)."""
    code = _code(url)
    rows = [list(row) for row in code.matrix]
    n = len(rows)
    quiet = 4
    cell = size / (n + 2 * quiet)
    ops = [f"q 1 g {x:.2f} {y:.2f} {size:.2f} {size:.2f} re f 0 g"]
    for r, row in enumerate(rows):
        for c, dark in enumerate(row):
            if dark & 1:
                px = x + (c + quiet) * cell
                py = y + size - (r + quiet + 1) * cell
                ops.append(f"{px:.2f} {py:.2f} {cell:.3f} {cell:.3f} re")
    ops.append("f Q")
    return "\n".join(ops)
