"""Where dot put each node and how large its smallest label is, from its JSON output (graph points, y up)."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
    """A rectangle in the graph's points: x0, y0 bottom left, x1, y1 top right (dot's coordinates)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def union(self, other: Rect) -> Rect:
        return Rect(min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1))

    def contains(self, other: Rect) -> bool:
        return self.x0 <= other.x0 and self.y0 <= other.y0 and other.x1 <= self.x1 and other.y1 <= self.y1


@dataclass(frozen=True)
class Geometry:
    """The drawing's bounding box, each node's box by node name, and the smallest label's font size (pt)."""

    bb: Rect
    nodes: dict[str, Rect]
    smallest_pt: float


def _rect(text: str) -> Rect:
    x0, y0, x1, y1 = (float(v) for v in text.split(","))
    return Rect(x0, y0, x1, y1)


def geometry(dot_json: bytes) -> Geometry:
    """`dot -Tjson` output read: node boxes from their centre and size (inches), label sizes from the
    draw operations of every node, cluster and edge label (op "F" sets the font and its size)."""
    graph = json.loads(dot_json)
    nodes: dict[str, Rect] = {}
    sizes: list[float] = []
    for item in [*graph.get("objects", []), *graph.get("edges", [])]:
        for key in ("_ldraw_", "_hldraw_", "_tldraw_"):  # labels, head and tail labels
            sizes += [op["size"] for op in item.get(key, []) if op.get("op") == "F"]
        if "pos" in item and "width" in item and "height" in item:  # a node (edges have pos too, not width)
            x, y = (float(v) for v in item["pos"].split(","))
            w, h = float(item["width"]) * 72 / 2, float(item["height"]) * 72 / 2
            nodes[item["name"]] = Rect(x - w, y - h, x + w, y + h)
    return Geometry(_rect(graph["bb"]), nodes, min(sizes) if sizes else float(graph.get("fontsize", 14)))
