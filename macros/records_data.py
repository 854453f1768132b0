"""Build-time data for self-check records: each flowchart's steps, stages, basis, checker links and content hash."""

from __future__ import annotations

import hashlib
import json

from . import config
from .model import Flow, Site


def content_hash(flow: Flow) -> str:
    """A short hash of what a record refers to: the flow id, title, stages and steps (ids, numbers, labels)."""
    shape = {
        "id": flow.id,
        "title": flow.title,
        "stages": [
            [stage.id or "", stage.label or "", [[s.id, s.number, s.label] for s in stage.children]]
            for stage in flow.stages
        ],
    }
    text = json.dumps(shape, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _basis(flow: Flow) -> list[str]:
    return [
        f"{b.title}{f'（{b.year}年）' if b.year else ''}{f' {b.articles}' if b.articles else ''}" for b in flow.basis
    ]


def _checkers(flow: Flow, cites: dict) -> dict[str, list[dict]]:
    """Step id -> the checkers whose rules rest on it; hrefs are relative to the site root."""
    out: dict[str, list[dict]] = {}
    for (flow_id, node_id), entries in sorted(cites.items()):
        if flow_id != flow.id:
            continue
        for name, description in entries:
            href = f"{config.FLOW_PAGE_DIR}/{flow.id}/#check" if flow.checker == name else f"checkers/{name}/"
            item = {"checker": name, "title": description or "自查", "href": href}
            if item not in out.setdefault(node_id, []):
                out[node_id].append(item)
    return out


def flow_record_data(flow: Flow, cites: dict | None = None) -> dict:
    """What the self-check records need to know about one flowchart."""
    return {
        "id": flow.id,
        "title": flow.title,
        "url": f"{config.FLOW_PAGE_DIR}/{flow.id}/",
        "hash": content_hash(flow),
        "basis": _basis(flow),
        "stages": [
            {
                "id": stage.id or "",
                "label": stage.label or "",
                "steps": [[s.id, s.display_label] for s in stage.children],
            }
            for stage in flow.stages
        ],
        "checkers": _checkers(flow, cites or {}),
    }


def records_index(site: Site, cites: dict | None = None) -> str:
    """JSON of every flowchart's record data, keyed by flow id (for the 我的自查记录 page)."""
    data = {f.id: flow_record_data(f, cites) for f in site.flows if f.kind == "flowchart"}
    return json.dumps({"flows": data}, ensure_ascii=False, separators=(",", ":"))
