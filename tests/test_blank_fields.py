"""A blank is never a violation, in every checker.

Every checker in ``checkers.REGISTRY`` is run on each of its test vectors (``tests/vectors``) that
is not "invalid"; then each of its declared inputs (``INPUTS``) given in that case is blanked in
turn. The blanked result must have no more "fail" findings than the full one (a step not entered
is "未填写，未检查", or "到期应办：…" as a warning), and no "fail" finding may say that something
was not entered. An input whose blank the form declares to mean today (an ``as_of`` or a rules
``date``: "不填为今天"), or a choice with a default (its select always holds an option), is a
value, not a blank, and is left out.

Seen to fail on: the 发展党员 checker reporting an approval date not entered, six months after the
支部大会, as 不符合 ("还没有填写审批日期，已超过六个月"); the meeting checker reporting a vote as
未通过 when the written 赞成 were not entered.
"""

from __future__ import annotations

import importlib
import json
import pathlib
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from test_vectors import CASES  # noqa: E402

import checkers  # noqa: E402

BLANK_WORDS = ("未填写", "没有填写", "还没有填", "没填")
TODAY_WORDS = ("不填为今天", "不填则按今天")


def _means_today(spec: dict) -> bool:
    return any(word in (spec.get("help") or "") for word in TODAY_WORDS)


def _always_chosen(spec: dict) -> bool:
    """A choice with a default cannot be left blank in the form (its select always holds an option):
    a blank there means the default, a value like any other (a ledger's 本年截至检查日期)."""
    return spec.get("type") == "choice" and bool(spec.get("default"))


def _fails(result: dict) -> list[str]:
    return [item["message"] for item in result["findings"] if item["level"] == "fail"]


def _cases(name: str) -> list[dict]:
    return [case for case in CASES if case["checker"] == name]


@pytest.mark.parametrize("name", checkers.REGISTRY)
def test_no_checker_reports_a_blank_as_a_failure(name):
    module = importlib.import_module(f"checkers.{name}")
    specs = {spec["name"]: spec for spec in module.INPUTS}
    walked = 0
    for case in _cases(name):
        data = json.loads(json.dumps(case["input"]))
        full = module.check(data)
        if full["verdict"] == "invalid":
            continue
        for field, spec in specs.items():
            if field not in data or _means_today(spec) or _always_chosen(spec):
                continue
            blanked = module.check(dict(data, **{field: ""}))
            walked += 1
            if blanked["verdict"] == "invalid":
                continue  # a required input: the form asks for it, it is not judged
            where = f"{case['id']}, {field} left blank"
            assert len(_fails(blanked)) <= len(_fails(full)), f"{where}: new 不符合 {_fails(blanked)}"
            for message in _fails(blanked):
                assert not any(word in message for word in BLANK_WORDS), f"{where}: {message}"
    assert walked, f"{name}: no vector gives any input to blank"


def test_every_input_of_every_checker_is_walked():
    """Each declared input (other than a 'today' date) is given in at least one vector, so the walk above blanks it."""
    missing = []
    for name in checkers.REGISTRY:
        module = importlib.import_module(f"checkers.{name}")
        given = set().union(*(case["input"] for case in _cases(name)))
        missing += [f"{name}.{spec['name']}" for spec in module.INPUTS if spec["name"] not in given]
    assert not missing, f"inputs no vector gives (add a vector so that blanking them is tested): {missing}"
