"""Find-the-error training cases (``cases/<id>.yml``): their shape, and their answers proved by the checkers.

A case is a short story of how a branch did something, with planted procedural errors. Its keys:

- ``title``, ``story`` (Simplified Chinese), ``difficulty`` (入门 · 进阶 · 提高), ``flows`` (flow ids);
- ``checker`` and ``input``, where a checker covers the facts: the checker's inputs exactly as
  ``tests/vectors/*.yml`` give them (quote the key ``"yes"``: YAML 1.1 reads it as ``true``);
- ``errors``: each with ``flow`` and ``node`` (a node id in ``flows/<flow>.yml``), ``article``,
  ``correct`` (the right procedure) and ``seen_by``:
  ``checker`` — the checker reports it; ``none`` — no checker can see it, with ``why``.

How a planted error is matched to a finding: by the finding's ``rule`` flow and node. A
``seen_by: checker`` error is a ``fail`` finding unless it says ``level: warn`` (the "一般" limits
that checkers give as warnings, e.g. 党费 unpaid for 6 months, a late 换届).

- the multiset of (flow, node) of the checker's ``fail`` findings must equal exactly the planted
  ``seen_by: checker`` errors of level fail: no more (the story says something the case does not
  answer), no fewer (an answer the checker does not prove);
- each planted ``level: warn`` error must be among the ``warn`` findings (warnings also carry
  "到期应办" reminders that are not errors, so they are matched as a subset);
- a case whose checker answers ``invalid`` fails with the checker's field messages.

Seen to fail: with the planted error ``political-review`` removed from ``cases/dev-xiaoli.yml``,
``test_case_answer_is_proved[dev-xiaoli]`` failed with "the checker finds errors the case does not
plant: member-recruitment#political-review"; with a checker error planted on ``apply`` in
``cases/dev-talk-late.yml`` it failed with "planted errors the checker does not report as 'fail':
member-recruitment#apply"; with ``node: candidate`` changed to ``candidat`` the
shape test failed naming the file, the key and the flow; with ``"yes"`` unquoted in a meeting case
the shape test failed naming the key ``True``.
"""

from __future__ import annotations

import collections
import datetime
import importlib
import pathlib
import sys

import pytest
import yaml

REPO = pathlib.Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CASE_DIR = REPO / "cases"
FLOW_DIR = REPO / "flows"
DIFFICULTIES = ("入门", "进阶", "提高")
SEEN_BY = ("checker", "none")
LEVELS = ("fail", "warn")


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _node_ids(value, out):
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


_FLOW_NODES: dict[str, set[str]] = {}


def flow_nodes(flow_id):
    if flow_id not in _FLOW_NODES:
        path = FLOW_DIR / f"{flow_id}.yml"
        if not path.is_file():
            return None
        _FLOW_NODES[flow_id] = _node_ids(yaml.safe_load(path.read_text(encoding="utf-8")), set())
    return _FLOW_NODES[flow_id]


def load_case(path):
    """The case in ``path`` as a dict; raise AssertionError naming the file and key on a bad case."""
    where = path.relative_to(REPO)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise AssertionError(f"{where}: not valid YAML: {exc}") from None
    problems = []

    def bad(key, message):
        problems.append(f"{where}: `{key}`: {message}")

    if not isinstance(doc, dict):
        raise AssertionError(f"{where}: expected a mapping with title, story, difficulty, flows, errors")
    allowed = {"title", "story", "difficulty", "flows", "checker", "input", "errors"}
    for key in doc:
        if key not in allowed:
            bad(key, f"unknown key; allowed: {', '.join(sorted(allowed))}")
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
            names = {spec["name"] for spec in importlib.import_module(f"checkers.{checker}").INPUTS}
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
        for field in ("flow", "node", "article", "correct", "seen_by"):
            if not isinstance(error.get(field), str) or not error[field].strip():
                bad(f"{key}.{field}", "missing or empty")
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
        raise AssertionError("\n".join(problems))
    return doc


def answer_problems(doc):
    """What is wrong with a case's answer against its checker's result ([] when proved)."""
    checker = importlib.import_module(f"checkers.{doc['checker']}")
    result = checker.check(_plain(doc["input"]))
    if result["verdict"] == "invalid":
        return [
            "the checker says the input is invalid: "
            + "; ".join(f"{e['field']}: {e['message']}" for e in result["errors"])
        ]

    def key(flow, node):
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


CASE_PATHS = sorted(CASE_DIR.glob("*.yml"))


def test_enough_cases_across_areas():
    """At least 16 cases, and the areas covered. Fails when a case file is deleted below 16."""
    assert len(CASE_PATHS) >= 16, f"{len(CASE_PATHS)} cases in cases/; at least 16 are wanted"
    flows = {flow for path in CASE_PATHS for flow in load_case(path)["flows"]}
    for needed in (
        "member-recruitment",
        "election-procedure",
        "election-prep",
        "sanhui-general-meeting",
        "sanhui-committee-meeting",
        "dues-collection",
        "membership-transfer",
        "disciplinary-action",
        "democratic-appraisal",
    ):
        assert needed in flows, f"no case in cases/ uses flow {needed!r}"


@pytest.mark.parametrize("path", CASE_PATHS, ids=lambda p: p.stem)
def test_case_shape(path):
    load_case(path)


@pytest.mark.parametrize(
    "path",
    [p for p in CASE_PATHS if "checker" in (yaml.safe_load(p.read_text(encoding="utf-8")) or {})],
    ids=lambda p: p.stem,
)
def test_case_answer_is_proved(path):
    doc = load_case(path)
    problems = answer_problems(doc)
    assert not problems, f"{path.relative_to(REPO)}: " + "; ".join(problems)


def test_case_without_checker_plants_nothing_for_a_checker():
    """A case with no checker has only ``seen_by: none`` errors (checked in the shape test too)."""
    for path in CASE_PATHS:
        doc = load_case(path)
        if "checker" not in doc:
            assert all(e["seen_by"] == "none" for e in doc["errors"]), path


def test_bad_case_messages_name_file_and_key(tmp_path, monkeypatch):
    """A bad case gives a message naming the file and the key, not a traceback."""
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "title: t\nstory: s\ndifficulty: 入门\nflows: [election-procedure]\nchecker: meeting\n"
        "input: {kind: general, expected: 10, present: 8, yes: 5}\n"
        "errors:\n  - {flow: election-procedure, node: quorom, article: a, correct: c, seen_by: none}\n",
        encoding="utf-8",
    )
    with pytest.raises(AssertionError) as info:
        load_case(bad)
    text = str(info.value)
    assert "bad.yml: `input.True`" in text
    assert "bad.yml: `errors[0].node`: 'quorom' is not a node of flow 'election-procedure'" in text
    assert "bad.yml: `errors[0].why`" in text


def test_removed_planted_error_is_caught():
    """The answer check itself can fail: drop one planted checker error and it is reported as extra."""
    doc = load_case(CASE_DIR / "dev-xiaoli.yml")
    doc["errors"] = [e for e in doc["errors"] if e["node"] != "political-review"]
    problems = answer_problems(doc)
    assert problems and "member-recruitment#political-review" in problems[0]
