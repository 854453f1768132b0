"""Read and check flows/_forms.yml: every problem with its line, what is wrong and how to fix it."""

from __future__ import annotations

import re
from pathlib import Path

from macros.flows.flow_loader import FlowError
from macros.flows.model import Flow, Site
from macros.flows.yaml_source import Mapping, Problem, Sequence, YamlError, load
from macros.forms import form_layout as lay
from macros.forms.form_model import KINDS, Form, FormField

FORMS_FILE = "_forms.yml"  # in the flows folder: the forms name flows and their steps
SLUG = re.compile(r"^[a-z][a-z0-9-]{0,47}$")
MAX_LINES = 12
MAX_PARTS = 4
WRITING_ROOM = 60.0  # points left to write in after a hint or a signer's name
FIELD_KEYS = {"label", "kind", "lines", "half", "parts", "unit", "hint", "from"}


class _Check:
    """Collects problems for one file, each at the line of what it is about."""

    def __init__(self, shown: str):
        self.shown, self.problems = shown, []  # type: list[Problem]

    def add(self, pos: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.shown, pos[0], pos[1], message))


def _at(container, key) -> tuple[int, int]:
    """Where a mapping's value or a list's item stands (the container itself if unknown)."""
    if isinstance(container, Mapping) and key in container.value_pos:
        return container.value_pos[key]
    if isinstance(container, Sequence) and isinstance(key, int) and key < len(container.item_pos):
        return container.item_pos[key]
    return getattr(container, "pos", (1, 1))


def _text(check: _Check, raw: Mapping, key: str, where: str, required: bool = True) -> str:
    value = raw.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        check.add(_at(raw, key), f"{where}: '{key}' must be non-empty text")
        return ""
    return value.strip()


def _texts(check: _Check, raw: Mapping, key: str, where: str, example: str) -> tuple[str, ...]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        check.add(_at(raw, key), f"{where}: '{key}' must be a list of non-empty texts, e.g. {example}")
        return ()
    return tuple(v.strip() for v in value)


def _fits(check: _Check, pos, where: str, text: str, size: float, room: float, fix: str) -> None:
    if lay.text_width(text, size) > room:
        check.add(pos, f"{where}: '{text}' is too wide for its place on an A4 form; {fix}")


def _field(check: _Check, raw, where: str, pos, flow: Flow | None) -> FormField | None:
    """One field mapping (common, or a form's own when `flow` is given: then 'from' is required)."""
    if not isinstance(raw, Mapping):
        check.add(pos, f"{where}: a field must be a mapping with label and kind (or a common field's id)")
        return None
    for key in sorted(set(raw) - FIELD_KEYS):
        check.add(raw.key_pos[key], f"{where}: unknown key '{key}'; a field takes {', '.join(sorted(FIELD_KEYS))}")
    label, kind = _text(check, raw, "label", where), raw.get("kind")
    if kind not in KINDS:
        check.add(_at(raw, "kind"), f"{where}: 'kind' is {kind!r}; use one of {', '.join(KINDS)}")
        return None
    lines, half, parts, unit = 1, False, (), ""
    if kind == "box":
        lines = raw.get("lines")
        if not isinstance(lines, int) or isinstance(lines, bool) or not 2 <= lines <= MAX_LINES:
            check.add(_at(raw, "lines"), f"{where}: a box needs 'lines', a whole number from 2 to {MAX_LINES}")
            lines = 2
    elif "lines" in raw:
        check.add(raw.key_pos["lines"], f"{where}: 'lines' is for kind box; remove it or make the field a box")
    if "half" in raw:
        half = raw["half"] is True
        if kind != "line" or not isinstance(raw["half"], bool):
            check.add(raw.key_pos["half"], f"{where}: 'half' is true or false, and only for kind line")
    if kind in ("tally", "sign"):
        parts = _texts(check, raw, "parts", where, "[主持人, 记录人]")
        if len(parts) > MAX_PARTS:
            check.add(_at(raw, "parts"), f"{where}: at most {MAX_PARTS} parts fit in a row; split the field in two")
    elif "parts" in raw:
        check.add(raw.key_pos["parts"], f"{where}: 'parts' is for kinds tally and sign")
    if kind == "tally":
        unit = _text(check, raw, "unit", where)
    elif "unit" in raw:
        check.add(raw.key_pos["unit"], f"{where}: 'unit' is for kind tally")
    hint = _text(check, raw, "hint", where, required=False)
    sources: tuple[str, ...] = ()
    if flow is not None:
        sources = _texts(check, raw, "from", where, "[vote] (node ids of the form's flow)")
        missing = [s for s in sources if flow.node(s) is None]
        if missing:
            known = ", ".join(n.id for n in flow.nodes())
            check.add(
                _at(raw, "from"),
                f"{where}: 'from' names {', '.join(missing)}, not a step of flow '{flow.id}'; its node ids: {known}",
            )
    elif "from" in raw:
        check.add(raw.key_pos["from"], f"{where}: a common field has no 'from'; give 'from' where a form adds a field")
    field = FormField(label, kind, lines, half, parts, unit, hint, sources)
    _check_fit(check, raw, where, field)
    return field


def _check_fit(check: _Check, raw: Mapping, where: str, field: FormField) -> None:
    """Each text fits where the form prints it (the label column, the blank, a signer's share of the row)."""
    label_lines = field.lines if field.kind == "box" else 1
    if len(field.label) > lay.LABEL_CHARS * min(label_lines, 2):
        check.add(
            _at(raw, "label"),
            f"{where}: label '{field.label}' has {len(field.label)} characters; the label column holds "
            f"{lay.LABEL_CHARS} a line ({lay.LABEL_CHARS * 2} in a box); shorten it and put the rest in 'hint'",
        )
    width = lay.HALF_W if field.half else lay.BLANK_W
    fix = "shorten it"
    if field.kind == "tally":
        used = lay.text_width(lay.tally_text(field), lay.FONT) + 2 * lay.HINT_FONT
        _fits(check, _at(raw, "hint"), where, field.hint, lay.HINT_FONT, width - used, fix + " or drop a part")
        _fits(check, _at(raw, "parts"), where, lay.tally_text(field), lay.FONT, width, "shorten the parts")
    elif field.kind == "sign":
        for part in field.parts:
            share = width / max(1, len(field.parts)) - WRITING_ROOM
            _fits(check, _at(raw, "parts"), where, part + "：", lay.FONT, share, "shorten it or sign in two rows")
    else:
        _fits(check, _at(raw, "hint"), where, field.hint, lay.HINT_FONT, width - WRITING_ROOM, fix)


def _common(check: _Check, raw) -> dict[str, FormField]:
    if not isinstance(raw, Mapping):
        check.add(getattr(raw, "pos", (1, 1)), "'common' must map field ids to fields (label, kind, …)")
        return {}
    out = {}
    for key, value in raw.items():
        field = _field(check, value, f"common field '{key}'", _at(raw, key), None)
        if field:
            out[key] = field
    return out


def _form(check: _Check, raw, pos, common: dict[str, FormField], site: Site, seen: set[str]) -> Form | None:
    if not isinstance(raw, Mapping):
        check.add(pos, "a form must be a mapping with id, title, flow, step and fields")
        return None
    for key in sorted(set(raw) - {"id", "title", "flow", "step", "fields"}):
        check.add(raw.key_pos[key], f"unknown key '{key}' in a form; a form takes id, title, flow, step, fields")
    form_id = raw.get("id")
    if not isinstance(form_id, str) or not SLUG.match(form_id):
        check.add(_at(raw, "id"), f"form id {form_id!r} must be a slug (a-z, 0-9, -; starts with a letter)")
        return None
    where = f"form '{form_id}'"
    if form_id in seen:
        check.add(_at(raw, "id"), f"{where}: id used by an earlier form; each form needs its own id")
    seen.add(form_id)
    title = _text(check, raw, "title", where)
    _fits(check, _at(raw, "title"), where, title, lay.TITLE_FONT, lay.TABLE_W, "shorten the title")
    flow_id = raw.get("flow")
    flow = site.flow(flow_id) if isinstance(flow_id, str) else None
    if flow is None:
        known = ", ".join(f.id for f in site.flows)
        check.add(_at(raw, "flow"), f"{where}: 'flow' is {flow_id!r}, not a flow of this site; one of: {known}")
        return None
    step = _text(check, raw, "step", where)
    if step and flow.node(step) is None:
        check.add(_at(raw, "step"), f"{where}: 'step' {step!r} is not a node of flow '{flow.id}'")
    fields = _fields(check, raw, where, common, flow)
    return Form(form_id, title, flow.id, step, tuple(fields)) if fields else None


def _fields(check: _Check, raw: Mapping, where: str, common: dict[str, FormField], flow: Flow) -> list[FormField]:
    items = raw.get("fields")
    if not isinstance(items, Sequence) or not items:
        check.add(_at(raw, "fields"), f"{where}: 'fields' must be a list of common field ids or fields")
        return []
    fields: list[FormField] = []
    for i, item in enumerate(items):
        shown = f"{where}, field {i + 1}"
        if isinstance(item, str):
            if item not in common:
                check.add(_at(items, i), f"{shown}: no common field '{item}'; common ids: {', '.join(common)}")
            else:
                fields.append(common[item])
            continue
        field = _field(check, item, shown, _at(items, i), flow)
        if field:
            fields.append(field)
    _check_form(check, raw, where, fields, flow)
    return fields


def _check_form(check: _Check, raw: Mapping, where: str, fields: list[FormField], flow: Flow) -> None:
    """Half fields come in pairs, the form has its own fields and a signature row, and it fits on A4."""
    pos = _at(raw, "fields")
    i = 0
    while i < len(fields):
        if fields[i].half:
            if i + 1 >= len(fields) or not fields[i + 1].half:
                check.add(pos, f"{where}: half field '{fields[i].label}' needs a half field right after it")
                i += 1
                continue
            i += 2
            continue
        i += 1
    if not any(f.sources for f in fields):
        check.add(pos, f"{where}: no field of its own; add the fields this meeting needs, each with 'from' (its steps)")
    if not any(f.kind == "sign" for f in fields):
        check.add(pos, f"{where}: no signature row; add the common field 'signature' or a field of kind sign")
    used = lay.height(lay.sheet(Form("", "", flow.id, "", tuple(fields)), flow, "0000-00-00", fill=False))
    if used > lay.ROOM:
        over = int((used - lay.ROOM) // lay.LINE) + 1
        check.add(pos, f"{where}: does not fit on one A4 page; take {over} line(s) from its boxes")


def load_forms(flows_dir: Path, site: Site) -> list[Form]:
    """The forms in `flows_dir`/_forms.yml (none if there is no such file), or FlowError with every problem."""
    path = flows_dir / FORMS_FILE
    if not path.is_file():
        return []
    shown = f"{flows_dir.name}/{FORMS_FILE}"
    check = _Check(shown)
    try:
        raw = load(path, shown, check.problems)
    except YamlError as exc:
        raise FlowError([*check.problems, exc.problem]) from None
    if not isinstance(raw, Mapping):
        raise FlowError([Problem(shown, 1, 1, "the file must be a mapping with 'common' and 'forms'")])
    for key in sorted(set(raw) - {"common", "forms"}):
        check.add(raw.key_pos[key], f"unknown key '{key}'; the file has 'common' and 'forms'")
    common = _common(check, raw.get("common", Mapping()))
    items = raw.get("forms")
    forms: list[Form] = []
    if not isinstance(items, Sequence) or not items:
        check.add(_at(raw, "forms"), "'forms' must be a list of forms (id, title, flow, step, fields)")
    else:
        seen: set[str] = set()
        for i, item in enumerate(items):
            form = _form(check, item, _at(items, i), common, site, seen)
            if form:
                forms.append(form)
    if check.problems:
        raise FlowError(check.problems)
    return forms
