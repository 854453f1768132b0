"""Find-the-error training cases (``cases/<id>.yml``): their shape, and their answers proved by the checkers.

A case's keys, and how its planted errors are matched to the checker's findings, are in the build's
loader, ``macros/cases/case_loader.py`` (the build refuses a case whose answer the checker contradicts).

Seen to fail: with the planted error ``political-review`` removed from ``cases/dev-xiaoli.yml``,
``test_case_answer_is_proved[dev-xiaoli]`` failed with "the checker finds errors the case does not
plant: member-recruitment#political-review"; with a checker error planted on ``apply`` in
``cases/dev-talk-late.yml`` it failed with "planted errors the checker does not report as 'fail':
member-recruitment#apply"; with ``node: candidate`` changed to ``candidat`` the
shape test failed naming the file, the key and the flow; with ``"yes"`` unquoted in a meeting case
the shape test failed naming the key ``True``.
"""

from __future__ import annotations

import pathlib
import shutil
import sys

import pytest
import yaml

REPO = pathlib.Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from macros.cases.case_loader import CaseError, FlowNodes, answer_problems, load_cases, read_case  # noqa: E402

CASE_DIR = REPO / "cases"
FLOW_DIR = REPO / "flows"
FLOW_NODES = FlowNodes(FLOW_DIR)


def load_case(path):
    """The case in ``path`` as a dict (the build's loader); CaseError naming the file and key on a bad case."""
    return read_case(path, FLOW_NODES)


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


def test_bad_case_messages_name_file_and_key(tmp_path):
    """A bad case gives a message naming the file and the key, not a traceback."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "title: t\nstory: s\ndifficulty: 入门\nflows: [election-procedure]\nchecker: meeting\n"
        "input: {kind: general, expected: 10, present: 8, yes: 5}\n"
        "errors:\n  - {flow: election-procedure, node: quorom, article: a, correct: c, seen_by: none}\n",
        encoding="utf-8",
    )
    with pytest.raises(CaseError) as info:
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


def test_build_refuses_a_contradicted_case(tmp_path):
    """The build's loader (``load_cases``, called by every build) refuses a case whose answer the checker
    contradicts, naming the case file. Seen to fail with the answer check left out of ``load_cases``."""
    shutil.copy(CASE_DIR / "dev-xiaoli.yml", tmp_path / "dev-xiaoli.yml")
    assert [c.id for c in load_cases(tmp_path, FLOW_DIR)] == ["dev-xiaoli"]
    text = (tmp_path / "dev-xiaoli.yml").read_text(encoding="utf-8")
    cut = text.index("  - flow: member-recruitment\n    node: political-review")
    end = text.index("  - flow:", cut + 1)
    (tmp_path / "dev-xiaoli.yml").write_text(text[:cut] + text[end:], encoding="utf-8")
    with pytest.raises(CaseError) as info:
        load_cases(tmp_path, FLOW_DIR)
    assert "dev-xiaoli.yml: the answer is not what checker 'development' finds" in str(info.value)
    assert "member-recruitment#political-review" in str(info.value)
