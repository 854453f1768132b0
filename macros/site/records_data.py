"""Build-time data for self-check records: each diagram's steps (flowchart) or items (structure), basis, checker links, hash."""

from __future__ import annotations

import hashlib
import json

from macros import config
from macros.flows.model import Flow, Node, Site


def leaves(group: Node) -> list[tuple[Node, str]]:
    """The items of a structure group a record marks: every item without sub-items, in reading order, each
    with its context (the labels of the items it sits under, joined by '：'; '' directly under the group)."""
    out: list[tuple[Node, str]] = []

    def walk(node: Node, path: list[str]) -> None:
        for child in node.children:
            if child.children:
                walk(child, [*path, child.display_label])
            else:
                out.append((child, "：".join(path)))

    walk(group, [])
    return out


def record_groups(flow: Flow) -> list[tuple[Node, list[tuple[Node, str]]]]:
    """A structure diagram's groups that have items, each with its leaves (heading-only groups and groups
    marked `self_check: false` are left out)."""
    return [(g, items) for g in flow.groups if g.self_check and (items := leaves(g))]


def has_records(flow: Flow) -> bool:
    """Whether the diagram offers self-check records: every flowchart, and every structure diagram that lists
    items to carry out (at least one group with items) — unless the flow file says `self_check: false`."""
    if not flow.self_check:
        return False
    return flow.kind == "flowchart" or bool(record_groups(flow))


def content_hash(flow: Flow) -> str:
    """A short hash of what a record refers to: the flow id, title and its stages and steps, or (structure)
    its groups and items with their context (ids, numbers, labels)."""
    shape: dict
    if flow.kind == "structure":
        shape = {
            "id": flow.id,
            "title": flow.title,
            "kind": "structure",
            "groups": [
                [g.id, g.label, [[n.id, n.number, n.label, context] for n, context in items]]
                for g, items in record_groups(flow)
            ],
        }
    else:  # the shape records were first made with: unchanged, so no existing record reads as 'changed'
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


def _marked(flow: Flow, node_id: str) -> list[str]:
    """The ids a record marks for a cited node: the node itself, or (structure) every item a cited group or
    heading item holds — a checker's rule on 支部委员会的设立 is offered on each of its items."""
    if flow.kind != "structure":
        return [node_id]
    node = flow.node(node_id)
    marked = {n.id for _, items in record_groups(flow) for n, _ in items}
    return [n.id for n in node.walk() if n.id in marked] if node else []


def _checkers(flow: Flow, cites: dict) -> dict[str, list[dict]]:
    """Step or item id -> the checkers whose rules rest on it; hrefs are relative to the site root."""
    out: dict[str, list[dict]] = {}
    for (flow_id, node_id), entries in sorted(cites.items()):
        if flow_id != flow.id:
            continue
        for name, description in entries:
            href = f"{config.FLOW_PAGE_DIR}/{flow.id}/#check" if flow.checker == name else f"checkers/{name}/"
            item = {"checker": name, "title": description or "自查", "href": href}
            for marked in _marked(flow, node_id):
                if item not in out.setdefault(marked, []):
                    out[marked].append(item)
    return out


def flow_record_data(flow: Flow, cites: dict | None = None) -> dict:
    """What the self-check records need to know about one diagram: a flowchart's stages of steps
    ([id, label]) or a structure diagram's groups of items ([id, label, context])."""
    data: dict = {
        "id": flow.id,
        "kind": flow.kind,
        "title": flow.title,
        "url": f"{config.FLOW_PAGE_DIR}/{flow.id}/",
        "hash": content_hash(flow),
        "basis": _basis(flow),
    }
    if flow.kind == "structure":
        data["groups"] = [
            {"id": g.id, "label": g.label, "items": [[n.id, n.display_label, context] for n, context in items]}
            for g, items in record_groups(flow)
        ]
    else:
        data["stages"] = [
            {
                "id": stage.id or "",
                "label": stage.label or "",
                "steps": [[s.id, s.display_label] for s in stage.children],
            }
            for stage in flow.stages
        ]
    data["checkers"] = _checkers(flow, cites or {})
    return data


def records_index(site: Site, cites: dict | None = None) -> str:
    """JSON of the record data of every diagram that has records, keyed by flow id (for the 我的自查记录 page
    and imports)."""
    data = {f.id: flow_record_data(f, cites) for f in site.flows if has_records(f)}
    return json.dumps({"flows": data}, ensure_ascii=False, separators=(",", ":"))
