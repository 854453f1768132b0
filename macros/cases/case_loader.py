"""Load the training cases (``cases/<id>.yml``), check their shape, and prove each answer with its checker.

A case is a short story of how a branch did something, with planted procedural errors. Its keys:

- ``title``, ``story`` (Simplified Chinese), ``difficulty`` (入门 · 进阶 · 提高), ``flows`` (flow ids);
- ``checker`` and ``input``, where a checker covers the facts: the checker's inputs exactly as
  ``tests/vectors/*.yml`` give them (quote the key ``"yes"``: YAML 1.1 reads it as ``true``);
- ``errors``: each with ``flow`` and ``node`` (a node id in ``flows/<flow>.yml``), ``article``,
  ``correct`` (the right procedure) and ``seen_by``:
  ``checker`` — the checker reports it; ``none`` — no checker can see it, with ``why``.

How a planted error is matched to a finding: by the finding's ``rule`` flow and node. A
``seen_by: checker`` error is a ``fail`` finding unless it says ``level: warn`` (the "一般" limits
that checkers give as warnings). The ``fail`` findings must be exactly the planted errors of level
fail (no more, no fewer); each planted ``warn`` must be among the warnings (warnings also carry
reminders that are not errors); an ``invalid`` verdict is a problem with the checker's messages.
The build refuses a case whose answer its checker contradicts (``CaseError``).
"""

from __future__ import annotations

import collections
import datetime
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros import config

DIFFICULTIES = ("入门", "进阶", "提高")
SEEN_BY = ("checker", "none")
LEVELS = ("fail", "warn")
KEYS = {"title", "story", "difficulty", "flows", "checker", "input", "errors"}


class CaseError(ValueError):
    """Cases that cannot be published: one line per problem, each naming the case file."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Planted:
    """One planted error: the step it breaks, its article, the right procedure, who can see it."""

    flow: str
    node: str
    article: str
    correct: str
    seen_by: str  # checker | none
    why: str = ""  # seen_by none: why no checker can see it
    level: str = "fail"


@dataclass(frozen=True)
class Case:
    id: str  # the file's stem
    path: Path
    title: str
    story: str
    difficulty: str
    flows: tuple[str, ...]
    errors: tuple[Planted, ...]
    checker: str | None = None
    input: dict[str, Any] | None = None  # the checker's inputs, as plain JSON values


def plain(value: Any) -> Any:
    """YAML's dates as ISO text, recursively: the checkers take JSON values."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _node_ids(value: Any, out: set[str]) -> set[str]:
    """Every ``id`` of a mapping that has a ``label`` (nodes, groups, items, steps, root)."""
    if isinstance(value, dict):
        if "id" in value and "label" in value:
            out.add(str(value["id"]))
        for item in value.values():
            _node_ids(item, out)
    elif isinstance(value, list):
        for item in value:
            _node_ids(item, out)
    return out


class FlowNodes:
    """The node ids of each flow file in a folder, read once."""

    def __init__(self, flows_dir: Path):
        self.flows_dir = flows_dir
        self._known: dict[str, set[str] | None] = {}

    def __call__(self, flow_id: str) -> set[str] | None:
        if flow_id not in self._known:
            path = self.flows_dir / f"{flow_id}.yml"
            if "/" in flow_id or not path.is_file():
                self._known[flow_id] = None
            else:
                self._known[flow_id] = _node_ids(yaml.safe_load(path.read_text(encoding="utf-8")), set())
        return self._known[flow_id]


def _where(path: Path) -> str:
    try:
        return path.resolve().relative_to(config.ROOT).as_posix()
    except ValueError:
        return str(path)


def _checker_inputs(checker: str) -> set[str]:
    return {spec["name"] for spec in importlib.import_module(f"checkers.{checker}").INPUTS}


def read_case(path: Path, flow_nodes: FlowNodes) -> dict[str, Any]:
    """The case in ``path`` as a dict; CaseError naming the file and key of every problem."""
    where = _where(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CaseError([f"{where}: not valid YAML: {exc}"]) from None
    problems: list[str] = []

    def bad(key: str, message: str) -> None:
        problems.append(f"{where}: `{key}`: {message}")

    if not isinstance(doc, dict):
        raise CaseError([f"{where}: expected a mapping with title, story, difficulty, flows, errors"])
    for key in doc:
        if key not in KEYS:
            bad(str(key), f"unknown key; allowed: {', '.join(sorted(KEYS))}")
    for key in ("title", "story"):
        if not isinstance(doc.get(key), str) or not doc[key].strip():
            bad(key, "missing or empty; give Chinese text")
    if doc.get("difficulty") not in DIFFICULTIES:
        bad("difficulty", f"is {doc.get('difficulty')!r}; use one of {', '.join(DIFFICULTIES)}")
    flows = doc.get("flows")
    if not isinstance(flows, list) or not flows:
        bad("flows", "give a list of flow ids (flows/<id>.yml)")
    else:
        for flow in flows:
            if flow_nodes(str(flow)) is None:
                bad("flows", f"no flow {flow!r} (no flows/{flow}.yml)")
    checker = doc.get("checker")
    if checker is not None:
        from checkers import REGISTRY

        if checker not in REGISTRY:
            bad("checker", f"{checker!r} is not a checker; one of {', '.join(REGISTRY)}")
        elif not isinstance(doc.get("input"), dict):
            bad("input", "a case with a checker needs `input`: the checker's inputs as a mapping")
        else:
            names = _checker_inputs(checker)
            for key in doc["input"]:
                if key not in names:
                    bad(
                        f"input.{key}",
                        f'not an input of checker {checker!r} (quote "yes": YAML reads yes as true); '
                        f"inputs: {', '.join(sorted(names))}",
                    )
    elif "input" in doc:
        bad("input", "`input` without `checker`: name the checker that reads it")
    errors = doc.get("errors")
    if not isinstance(errors, list) or not errors:
        bad("errors", "give a list of planted errors")
        errors = []
    for i, error in enumerate(errors):
        key = f"errors[{i}]"
        if not isinstance(error, dict):
            bad(key, "expected a mapping with flow, node, article, correct, seen_by")
            continue
        for name in ("flow", "node", "article", "correct", "seen_by"):
            if not isinstance(error.get(name), str) or not error[name].strip():
                bad(f"{key}.{name}", "missing or empty")
        nodes = flow_nodes(str(error.get("flow")))
        if nodes is None:
            bad(f"{key}.flow", f"no flow {error.get('flow')!r} (no flows/{error.get('flow')}.yml)")
        elif error.get("node") not in nodes:
            bad(f"{key}.node", f"{error.get('node')!r} is not a node of flow {error['flow']!r}")
        if isinstance(flows, list) and error.get("flow") not in flows:
            bad(f"{key}.flow", f"{error.get('flow')!r} is not listed in the case's `flows`")
        seen = error.get("seen_by")
        if seen not in SEEN_BY:
            bad(f"{key}.seen_by", f"is {seen!r}; use `checker` or `none`")
        if seen == "none" and not str(error.get("why") or "").strip():
            bad(f"{key}.why", "`seen_by: none` needs `why` (why no checker can see it)")
        if seen == "checker" and checker is None:
            bad(f"{key}.seen_by", "`seen_by: checker` but the case names no `checker`")
        if error.get("level", "fail") not in LEVELS:
            bad(f"{key}.level", f"is {error.get('level')!r}; use fail (default) or warn")
    if problems:
        raise CaseError(problems)
    return doc


def answer_problems(doc: dict[str, Any]) -> list[str]:
    """What is wrong with a case's answer against its checker's result ([] when proved)."""
    checker = importlib.import_module(f"checkers.{doc['checker']}")
    result = checker.check(plain(doc["input"]))
    if result["verdict"] == "invalid":
        return [
            "the checker says the input is invalid: "
            + "; ".join(f"{e['field']}: {e['message']}" for e in result["errors"])
        ]

    def key(flow: object, node: object) -> str:
        return f"{flow}#{node}"

    found = {
        level: collections.Counter(
            key(f["rule"].get("flow"), f["rule"].get("node")) for f in result["findings"] if f["level"] == level
        )
        for level in LEVELS
    }
    planted = {
        level: collections.Counter(
            key(e["flow"], e["node"])
            for e in doc["errors"]
            if e["seen_by"] == "checker" and e.get("level", "fail") == level
        )
        for level in LEVELS
    }
    problems = []
    extra = found["fail"] - planted["fail"]
    missing = planted["fail"] - found["fail"]
    if extra:
        messages = [
            f["message"]
            for f in result["findings"]
            if f["level"] == "fail" and key(f["rule"].get("flow"), f["rule"].get("node")) in extra
        ]
        problems.append(
            "the checker finds errors the case does not plant: "
            + ", ".join(sorted(extra.elements()))
            + " — "
            + " / ".join(messages)
        )
    if missing:
        problems.append(
            "planted errors the checker does not report as 'fail': " + ", ".join(sorted(missing.elements()))
        )
    missing_warn = planted["warn"] - found["warn"]
    if missing_warn:
        problems.append(
            "planted warnings the checker does not report as 'warn': " + ", ".join(sorted(missing_warn.elements()))
        )
    return problems


def to_case(path: Path, doc: dict[str, Any]) -> Case:
    errors = tuple(
        Planted(
            flow=e["flow"],
            node=e["node"],
            article=e["article"].strip(),
            correct=e["correct"].strip(),
            seen_by=e["seen_by"],
            why=str(e.get("why") or "").strip(),
            level=e.get("level", "fail"),
        )
        for e in doc["errors"]
    )
    return Case(
        id=path.stem,
        path=path,
        title=doc["title"].strip(),
        story=doc["story"].strip(),
        difficulty=doc["difficulty"],
        flows=tuple(str(f) for f in doc["flows"]),
        errors=errors,
        checker=doc.get("checker"),
        input=plain(doc["input"]) if doc.get("checker") else None,
    )


def load_cases(cases_dir: Path, flows_dir: Path) -> list[Case]:
    """Every case in the folder, in file-name order, each shape-checked and its answer proved by its checker.

    CaseError lists every problem of every case, each line naming its file, so a case whose answer the
    checker contradicts is never published."""
    flow_nodes = FlowNodes(flows_dir)
    cases: list[Case] = []
    problems: list[str] = []
    for path in sorted(cases_dir.glob("*.yml")) if cases_dir.is_dir() else []:
        try:
            doc = read_case(path, flow_nodes)
        except CaseError as exc:
            problems += exc.problems
            continue
        if doc.get("checker"):
            problems += [
                f"{_where(path)}: the answer is not what checker {doc['checker']!r} finds: {p}"
                for p in answer_problems(doc)
            ]
        cases.append(to_case(path, doc))
    if problems:
        raise CaseError(problems)
    return cases
