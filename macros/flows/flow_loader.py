"""Load one flow file, or _index.yml, into the model, reporting every problem with its file position.

One piece although long (about 450 lines): the field specs, the reader that checks a mapping against
them, and the loaders of each kind of flow are one job, validating a flow file against its schema, and
share the reader's state (the file shown in messages, the problems found). Loading the whole folder and
the checks across files are ``site_loader.py``."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from checkers import REGISTRY as CHECKERS
from macros import config
from macros.flows.model import Basis, Category, Edge, Erratum, Flow, Node, Series
from macros.flows.yaml_source import Mapping, Problem, Sequence, YamlError, load

SLUG = re.compile(r"^[a-z][a-z0-9-]{0,47}$")
TEXT, SLUG_T, INT, NOTES, LIST, MAP = "text", "slug", "integer", "text or list of texts", "list", "mapping"
BOOL = "true or false"
# Text drawn in the diagram: like TEXT and NOTES, with a length Graphviz can draw and a reader can read.
LABEL, DIAGRAM_NOTES = "diagram text", "diagram notes"

NODE_FIELDS = {
    "id": (SLUG_T, True),
    "label": (LABEL, True),
    "note": (DIAGRAM_NOTES, False),
    "editorial_note": (DIAGRAM_NOTES, False),
    "number": (INT, False),
    "errata": (LIST, False),
    "supplement": (MAP, False),
}
FLOW_FIELDS = {
    "id": (SLUG_T, True),
    "title": (TEXT, True),
    "kind": (("structure", "flowchart"), True),
    "category": (SLUG_T, True),
    "source": (TEXT, True),
    "summary": (TEXT, True),
    "series": (MAP, False),
    "layout": (("TB", "LR", "columns"), False),
    "checker": (SLUG_T, False),
    "basis": (LIST, True),
    "notes": (NOTES, False),
    "self_check": (BOOL, False),
    "root": (MAP, False),
    "goal": (MAP, False),
    "groups": (LIST, False),
    "stages": (LIST, False),
    "steps": (LIST, False),
}
KIND_KEYS = {"structure": {"root", "goal", "groups"}, "flowchart": {"stages", "steps"}}
STEP_FIELDS = {
    **NODE_FIELDS,
    "shape": (("step", "decision", "start", "end"), False),
    "next": ("id, list of ids or list of {to, label}", False),
}
STAGE_FIELDS = {"id": (SLUG_T, True), "label": (LABEL, True), "note": (DIAGRAM_NOTES, False), "steps": (LIST, True)}
ITEM_FIELDS = {**NODE_FIELDS, "items": (LIST, False)}
GROUP_FIELDS = {**ITEM_FIELDS, "self_check": (BOOL, False)}
BASIS_FIELDS = {"title": (TEXT, True), "year": (INT, False), "articles": (TEXT, False), "note": (TEXT, False)}
ERRATUM_FIELDS = {"original": (TEXT, True), "reason": (TEXT, True)}
SERIES_REF_FIELDS = {"id": (SLUG_T, True), "order": (INT, True)}
EDGE_FIELDS = {"to": (SLUG_T, True), "label": (LABEL, False), "editorial": (BOOL, False)}


class FlowError(Exception):
    """Raised with every problem found, so a build can stop with all messages at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Reader:
    """Type-checks mappings against a field spec and collects problems for one file."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path, self.problems = path, problems

    def problem(self, pos, message: str) -> None:
        self.problems.append(Problem(self.path, pos[0], pos[1], message))

    def fields(self, value, pos, where: str, spec: dict) -> dict | None:
        if not isinstance(value, Mapping):
            self.problem(pos, f"{where} must be a mapping (key: value lines), not {_describe(value)}")
            return None
        out = {}
        for key in value:
            if key not in spec:
                hint = difflib.get_close_matches(key, spec, n=1)
                allowed = f"did you mean '{hint[0]}'?" if hint else "allowed: " + ", ".join(spec)
                self.problem(value.key_pos[key], f"unknown key '{key}' in {where}; {allowed}")
                continue
            checked = self.check(value[key], value.value_pos[key], f"'{key}' in {where}", spec[key][0])
            if checked is not None:
                out[key] = checked
        for key, (_, required) in spec.items():
            if required and key not in value:
                self.problem(value.pos, f"{where} is missing required key '{key}'")
        return out

    def check(self, value, pos, what: str, kind):
        if isinstance(kind, tuple):
            if value in kind:
                return value
            self.problem(pos, f"{what} must be one of {', '.join(kind)}, not {value!r}")
        elif kind == TEXT:
            if isinstance(value, str) and value.strip():
                return value.strip()
            if isinstance(value, str) or value is None:
                self.problem(pos, f"{what} is empty; write the text")
            else:
                self.problem(pos, f"{what} must be text, not {_describe(value)}; put it in quotes")
        elif kind == LABEL:
            text = self.check(value, pos, what, TEXT)
            if text is not None and len(text) > config.MAX_LABEL_CHARS:
                self.problem(
                    pos,
                    f"{what} is {len(text)} characters; a diagram box holds at most "
                    f"{config.MAX_LABEL_CHARS}: shorten it and put the detail in a note or in the flow's notes",
                )
            return text
        elif kind == DIAGRAM_NOTES:
            notes = self.check(value, pos, what, NOTES)
            total = sum(len(note) for note in notes or [])
            if total > config.MAX_NOTES_CHARS:
                self.problem(
                    pos,
                    f"{what}: the notes add up to {total} characters; a diagram note holds at most "
                    f"{config.MAX_NOTES_CHARS}: shorten them and put the detail in the flow's notes",
                )
            return notes
        elif kind == SLUG_T:
            if isinstance(value, str) and SLUG.match(value):
                return value
            self.problem(
                pos,
                f"{what} must be a slug (lowercase a-z, 0-9 and '-', starting with a "
                f"letter, at most 48 characters), not {value!r}",
            )
        elif kind == INT:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            self.problem(pos, f"{what} must be a whole number, not {_describe(value)}")
        elif kind == NOTES:
            if isinstance(value, str) and value.strip():
                return [value.strip()]
            if isinstance(value, Sequence) and value:
                texts = [self.check(v, p, what, TEXT) for v, p in zip(value, value.item_pos)]
                return [t for t in texts if t is not None]
            self.problem(pos, f"{what} must be text or a list of texts, not {_describe(value)}")
        elif kind == BOOL:
            if isinstance(value, bool):
                return value
            self.problem(pos, f"{what} must be true or false, not {_describe(value)}")
        elif kind == LIST:
            if isinstance(value, Sequence):
                return value
            self.problem(pos, f"{what} must be a list (lines starting with '- '), not {_describe(value)}")
        elif kind == MAP:
            if isinstance(value, Mapping):
                return value
            self.problem(pos, f"{what} must be a mapping, not {_describe(value)}")
        else:  # the free-form 'next' is checked where edges are built
            return value
        return None


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no value {value}"
    if isinstance(value, (Mapping, dict)):
        return "a mapping"
    if isinstance(value, (Sequence, list)):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return repr(value) if not isinstance(value, str) else f"the text {value!r}"


def _items(reader: _Reader, seq, kind: str):
    """Yield (item, pos) of a sequence (a plain default list yields nothing)."""
    yield from zip(seq, getattr(seq, "item_pos", []))


def _node(reader: _Reader, value, pos, where: str, role: str, spec=NODE_FIELDS) -> tuple[Node | None, dict]:
    f = reader.fields(value, pos, where, spec)
    if f is None or "id" not in f:
        return None, f or {}
    # a node with a bad label keeps its place, so edges to it don't cascade into more errors
    node = Node(
        id=f["id"],
        label=f.get("label", ""),
        role=role,
        line=pos[0],
        number=f.get("number"),
        notes=f.get("note", []),
        editorial_notes=f.get("editorial_note", []),
    )
    for item, ipos in _items(reader, f.get("errata", []), "erratum"):
        e = reader.fields(item, ipos, f"erratum of '{node.id}'", ERRATUM_FIELDS)
        if e and "original" in e and "reason" in e:
            node.errata.append(Erratum(e["original"], e["reason"]))
    if "supplement" in f:
        s = reader.fields(
            f["supplement"], value.value_pos["supplement"], f"supplement of '{node.id}'", {"cite": (TEXT, True)}
        )
        if s and "cite" in s:
            node.supplement = s["cite"]
    return node, f


def _items_tree(reader: _Reader, seq, parent: str) -> list[Node]:
    nodes = []
    for item, pos in _items(reader, seq, "item"):
        node, f = _node(reader, item, pos, f"an item under '{parent}'", "item", ITEM_FIELDS)
        if node is None:
            continue
        node.children = _items_tree(reader, f.get("items", []), node.id)
        nodes.append(node)
    return nodes


def _edges(reader: _Reader, step: Node, raw, pos) -> list[Edge] | None:
    """Parse a step's `next`: an id, or a list of ids and {to, label} mappings. None = not given."""
    if isinstance(raw, str):
        raw_list, positions = [raw], [pos]
    elif isinstance(raw, Sequence):
        raw_list, positions = list(raw), raw.item_pos
    else:
        reader.problem(pos, f"'next' of '{step.id}' must be a step id or a list, not {_describe(raw)}")
        return []
    edges = []
    for item, ipos in zip(raw_list, positions):
        if isinstance(item, Mapping):
            e = reader.fields(item, ipos, f"an edge of '{step.id}'", EDGE_FIELDS)
            if e and "to" in e:
                edges.append((Edge(step.id, e["to"], e.get("label", ""), editorial=e.get("editorial", False)), ipos))
        else:
            target = reader.check(item, ipos, f"'next' of '{step.id}'", SLUG_T)
            if target:
                edges.append((Edge(step.id, target), ipos))
    return edges


def load_flow(path: Path, display: str | None = None) -> tuple[Flow | None, list[Problem]]:
    """Read and validate one flow file. Returns the flow (None if unusable) and every problem."""
    shown = display or str(path)
    problems: list[Problem] = []
    try:
        data = load(path, shown, problems)
    except YamlError as exc:
        return None, problems + [exc.problem]
    r = _Reader(shown, problems)
    f = r.fields(data, getattr(data, "pos", (1, 1)), "the flow", FLOW_FIELDS)
    if f is None:
        return None, problems
    kind = f.get("kind")
    if kind is None:  # wrong or missing: still check the body, as the kind its keys suggest
        kind = (
            "structure"
            if set(data) & KIND_KEYS["structure"]
            else ("flowchart" if set(data) & KIND_KEYS["flowchart"] else None)
        )
    if kind:
        for key in sorted(set(f) & (KIND_KEYS["structure"] | KIND_KEYS["flowchart"]) - KIND_KEYS[kind]):
            r.problem(
                data.key_pos[key],
                f"'{key}' belongs to the other kind of diagram; a {kind} uses {' / '.join(sorted(KIND_KEYS[kind]))}",
            )
    if "id" in f and f["id"] != path.stem:
        r.problem(
            data.value_pos["id"],
            f"id '{f['id']}' must equal the file name '{path.stem}'; rename the file or change the id",
        )
    flow = Flow(
        id=f.get("id", path.stem),
        title=f.get("title", ""),
        kind=kind or "flowchart",
        category=f.get("category", ""),
        source=f.get("source", ""),
        summary=f.get("summary", ""),
        path=shown,
        layout=f.get("layout", "LR" if kind == "structure" else "TB"),
        checker=f.get("checker"),
        notes=f.get("notes", []),
        self_check=f.get("self_check", True),
    )
    if "checker" in f and f["checker"] not in CHECKERS:
        r.problem(
            data.value_pos["checker"],
            f"checker '{f['checker']}' does not exist; known checkers: {', '.join(CHECKERS)} (checkers/<name>.py)",
        )
    if "series" in f:
        s = r.fields(f["series"], data.value_pos["series"], "'series'", SERIES_REF_FIELDS)
        if s:
            flow.series, flow.series_order = s.get("id"), s.get("order")
    for item, pos in _items(r, f.get("basis", []), "basis"):
        b = r.fields(item, pos, "a basis entry", BASIS_FIELDS)
        if b and "title" in b:
            flow.basis.append(Basis(b["title"], b.get("year"), b.get("articles", ""), b.get("note", "")))
    if "basis" in f and not f["basis"]:
        r.problem(data.value_pos["basis"], "'basis' needs at least one regulation")
    if kind == "structure":
        _load_structure(r, data, f, flow)
    elif kind == "flowchart":
        _load_flowchart(r, data, f, flow)
    _check_ids(r, flow)
    return flow, problems


def _load_structure(r: _Reader, data, f: dict, flow: Flow) -> None:
    if "root" not in f:
        r.problem(data.pos, "a structure diagram needs 'root' (the centre of the diagram)")
    else:
        flow.root, _ = _node(r, f["root"], data.value_pos["root"], "'root'", "root")
    if "goal" in f:
        flow.goal, _ = _node(r, f["goal"], data.value_pos["goal"], "'goal'", "goal")
    if "groups" not in f:
        r.problem(data.pos, "a structure diagram needs 'groups' (at least one)")
        return
    for item, pos in _items(r, f["groups"], "group"):
        node, g = _node(r, item, pos, "a group", "group", GROUP_FIELDS)
        if node:
            node.children = _items_tree(r, g.get("items", []), node.id)
            node.self_check = g.get("self_check", True)
            flow.groups.append(node)
    if not f["groups"]:
        r.problem(data.value_pos["groups"], "'groups' is empty; add at least one group")


def _load_flowchart(r: _Reader, data, f: dict, flow: Flow) -> None:
    if ("stages" in f) == ("steps" in f):
        r.problem(data.pos, "a flowchart needs exactly one of 'stages' (with steps inside) or 'steps'")
        return
    raw_edges: dict[str, tuple] = {}
    if "stages" in f:
        stage_list = []
        for item, pos in _items(r, f["stages"], "stage"):
            s = r.fields(item, pos, "a stage", STAGE_FIELDS)
            if s and "id" in s and "label" in s:
                stage = Node(id=s["id"], label=s["label"], role="stage", line=pos[0], notes=s.get("note", []))
                stage_list.append((stage, s.get("steps", Sequence())))
    else:
        implicit = Node(id="", label="", role="stage")
        stage_list = [(implicit, f["steps"])]
    for stage, steps in stage_list:
        for item, pos in _items(r, steps, "step"):
            node, s = _node(r, item, pos, f"a step of stage '{stage.id or flow.id}'", "step", STEP_FIELDS)
            if node is None:
                continue
            node.shape = s.get("shape", "step")
            if "next" in item:
                raw_edges[node.id] = (item["next"], item.value_pos["next"])
            stage.children.append(node)
        if not stage.children and stage.id:
            r.problem((stage.line, 1), f"stage '{stage.id}' has no steps")
        flow.stages.append(stage)
    _link_steps(r, flow, raw_edges)
    if flow.layout == "columns" and (len(flow.stages) < 2 or not stage_list[0][0].id):
        r.problem(data.value_pos.get("layout", data.pos), "layout 'columns' needs at least two stages")


def _link_steps(r: _Reader, flow: Flow, raw_edges: dict) -> None:
    steps = flow.steps()
    order = {s.id: i for i, s in enumerate(steps)}
    broken = False
    for i, step in enumerate(steps):
        given = 0
        if step.id in raw_edges:
            for edge, pos in _edges(r, step, *raw_edges[step.id]):
                given += 1
                if edge.target not in order:
                    broken = True
                    close = difflib.get_close_matches(edge.target, order, n=1)
                    hint = f"; did you mean '{close[0]}'?" if close else ""
                    r.problem(pos, f"'{step.id}' leads to '{edge.target}', which is not a step of this flow{hint}")
                    continue
                edge.back = order[edge.target] <= i
                step.next.append(edge)
        elif step.shape != "end" and i + 1 < len(steps):
            step.next.append(Edge(step.id, steps[i + 1].id))
        if step.shape == "decision" and step.id in raw_edges:
            if given < 2 or any(not e.label for e in step.next):
                r.problem(
                    (step.line, 1),
                    f"decision '{step.id}' needs at least two edges in 'next', "
                    "each with a label (the answer that leads there)",
                )
        elif step.shape == "decision":
            r.problem((step.line, 1), f"decision '{step.id}' needs 'next' with its labelled branches")
    if not steps or broken:  # with a broken edge, reachability would only repeat that error
        return
    reached, todo = {steps[0].id}, [steps[0]]
    by_id = {s.id: s for s in steps}
    while todo:
        for edge in todo.pop().next:
            if edge.target not in reached:
                reached.add(edge.target)
                todo.append(by_id[edge.target])
    for step in steps:
        if step.id not in reached:
            r.problem(
                (step.line, 1),
                f"step '{step.id}' cannot be reached from the first step '{steps[0].id}'; add it to some step's 'next'",
            )


def _check_ids(r: _Reader, flow: Flow) -> None:
    seen: dict[str, int] = {}
    for node in flow.nodes():
        if node is None or not node.id:
            continue
        if node.id in seen:
            r.problem(
                (node.line, 1),
                f"duplicate id '{node.id}' (first on line {seen[node.id]}); ids must be unique within a flow",
            )
        else:
            seen[node.id] = node.line


def load_index(path: Path, display: str | None = None) -> tuple[list[Category], list[Series], list[Problem]]:
    shown = display or str(path)
    problems: list[Problem] = []
    try:
        data = load(path, shown, problems)
    except YamlError as exc:
        return [], [], problems + [exc.problem]
    r = _Reader(shown, problems)
    f = (
        r.fields(data, getattr(data, "pos", (1, 1)), "the index", {"categories": (LIST, True), "series": (LIST, False)})
        or {}
    )
    cats, series = [], []
    for item, pos in _items(r, f.get("categories", []), "category"):
        c = r.fields(item, pos, "a category", {"id": (SLUG_T, True), "title": (TEXT, True)})
        if c and len(c) == 2:
            cats.append(Category(c["id"], c["title"]))
    for item, pos in _items(r, f.get("series", []), "series"):
        s = r.fields(item, pos, "a series", {"id": (SLUG_T, True), "title": (TEXT, True), "summary": (TEXT, False)})
        if s and "id" in s and "title" in s:
            series.append(Series(s["id"], s["title"], s.get("summary", "")))
    return cats, series, problems
