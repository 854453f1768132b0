"""The 发展党员 checker on the cases it is known by: the published training case, a file that is
finished, and the article each new check cites (the vectors in tests/vectors/development.yml
match results as subsets and cannot pin one finding of a list)."""

from __future__ import annotations

import pathlib
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from checkers import development  # noqa: E402

XIAO_LI = {
    "person": "小李",
    "born": "1998-08-01",
    "applied": "2020-03-10",
    "talked_on": "2020-03-25",
    "activist_on": "2020-05-06",
    "candidate_on": "2021-03-20",
    "accepted_on": "2021-06-28",
    "political_review_on": "2021-07-05",
    "training_days": "3",
    "conversion_approved_on": "2022-05-20",
    "as_of": "2026-12-06",
}


def _at(result, level):
    return [item for item in result["findings"] if item["level"] == level]


def test_training_case_xiao_li_gives_exactly_its_three_errors():
    """The published case 小李 is built around three errors; the checker reports exactly those as
    不符合 and nothing else. Seen to fail with the approval-date field meaning the admission (the
    转正 date entered there gave a wrong diagnosis) and with no field for the 政审 or the 转正."""
    result = development.check(XIAO_LI)
    fails = _at(result, "fail")
    assert result["verdict"] == "fail"
    assert [item["rule"]["node"] for item in fails] == ["candidate", "political-review", "full-membership-meeting"]
    assert [item["rule"]["article"] for item in fails] == ["第十三条", "第十六条（条款未核实）", "第三十二条"]
    assert "2021年3月20日" in fails[0]["message"] and "2021年5月6日" in fails[0]["message"]
    assert "2021年7月5日" in fails[1]["message"] and "2021年6月28日" in fails[1]["message"]
    assert "2022年5月20日" in fails[2]["message"] and "2022年6月28日" in fails[2]["message"]
    assert result["summary"].startswith("有3项不符合规定的时间。")
    assert not _at(result, "warn")


def test_a_blank_approval_in_the_training_case_is_not_checked_not_failed():
    """The approval accepting the 预备党员 was not entered: "未填写，未检查", not 不符合 (the old
    checker said "还没有填写审批日期，已超过六个月" as a failure)."""
    result = development.check(XIAO_LI)
    notes = [item["message"] for item in result["findings"] if item["rule"].get("node") == "admission-approval"]
    assert notes == ["上级党委审批接收预备党员：未填写，未检查。"]


def test_a_completed_case_shows_no_next_step_and_no_past_calendar():
    """A file whose 转正 is approved says it is complete: no 下一步, no calendar of past dates.
    Seen to fail when the summary said "下一步：上级党委审批" and offered 2021 deadlines."""
    for case in (
        XIAO_LI,
        dict(
            XIAO_LI,
            candidate_on="2021-05-10",
            political_review_on="2021-06-20",
            full_meeting_on="2022-07-01",
            conversion_approved_on="2022-08-01",
        ),
    ):
        result = development.check(case)
        assert result["complete"] is True
        assert result["next_step"] is None and result["next_node"] is None
        assert "下一步" not in result["summary"] and "已全部办完" in result["summary"]
        assert result["calendar"] == [] and result["ics"] is None
        assert "待办时间" not in result["share_text"]
    clean = development.check(
        dict(
            XIAO_LI,
            candidate_on="2021-05-10",
            political_review_on="2021-06-20",
            full_meeting_on="2022-07-01",
            conversion_approved_on="2022-08-01",
        )
    )
    assert clean["verdict"] == "pass"
    assert [item["level"] for item in clean["findings"]].count("pass") >= 6


def test_a_case_in_progress_shows_its_next_step_and_window():
    result = development.check({"accepted_on": "2024-01-15", "as_of": "2024-02-01"})
    assert result["complete"] is False
    assert result["next_node"] == "admission-approval"
    assert "下一步：上级党委审批接收预备党员（2024年1月15日至2024年4月15日）" in result["summary"]
    assert [entry["date"] for entry in result["calendar"]] == ["2024-04-15", "2024-07-15", "2025-01-15"]


def test_the_calendar_holds_no_day_already_past():
    result = development.check({"accepted_on": "2024-01-15", "as_of": "2024-05-01"})
    assert [entry["date"] for entry in result["calendar"]] == ["2024-07-15", "2025-01-15"]


@pytest.mark.parametrize(
    "data, node, article",
    [
        (
            {"political_review_on": "2023-09-02", "accepted_on": "2023-09-01"},
            "political-review",
            "第十六条（条款未核实）",
        ),
        (
            {"inquiry_on": "2023-08-10", "political_review_on": "2023-08-01"},
            "political-review",
            "第十六条（条款未核实）",
        ),
        ({"training_to": "2023-09-03", "accepted_on": "2023-09-02"}, "intensive-training", "第十七条"),
        ({"publicity_to": "2023-09-01", "accepted_on": "2023-09-01"}, "pre-review", "条款因地而异"),
        (
            {"accepted_on": "2023-03-01", "full_meeting_on": "2024-03-05", "conversion_approved_on": "2024-06-06"},
            "full-membership-approval",
            "条款未核实",
        ),
        (
            {"accepted_on": "2023-03-01", "conversion_approved_on": "2024-02-20"},
            "full-membership-meeting",
            "第三十二条",
        ),
        ({"accepted_on": "2023-03-01", "full_meeting_on": "2024-02-05"}, "full-membership-meeting", "第三十三条"),
    ],
)
def test_each_new_check_cites_its_step_and_article(data, node, article):
    fails = _at(development.check(dict(data, as_of="2026-12-06")), "fail")
    assert [(item["rule"]["node"], item["rule"]["article"]) for item in fails] == [(node, article)]


def test_old_links_keep_working():
    """``approved_on`` (the old "上级党委审批的日期") is read as the approval accepting the 预备党员."""
    old = development.check({"accepted_on": "2024-01-15", "approved_on": "2024-07-16", "as_of": "2024-08-01"})
    new = development.check({"accepted_on": "2024-01-15", "admission_approved_on": "2024-07-16", "as_of": "2024-08-01"})
    assert old == new and old["verdict"] == "fail"


def test_due_steps_not_entered_are_warnings_with_their_date():
    result = development.check({"accepted_on": "2024-01-15", "as_of": "2024-07-16"})
    warns = _at(result, "warn")
    assert result["verdict"] == "warn" and len(warns) == 1
    assert warns[0]["message"].startswith("到期应办：") and "2024年4月15日" in warns[0]["message"]


def test_every_dated_step_names_its_flow_step():
    """Each dated step is tied to a step of the 发展党员 flowchart by its id (the 对照自查 shares the
    date through it), and its label starts with that step's name as the flowchart writes it."""
    import yaml

    flow = yaml.safe_load((REPO / "flows" / "member-recruitment.yml").read_text("utf-8"))
    nodes = {step["id"]: step["label"] for stage in flow["stages"] for step in stage["steps"]}
    steps = [spec for spec in development.INPUTS if spec.get("step")]
    assert len(steps) >= 12
    for spec in steps:
        assert spec["step"] in nodes, spec
    named = {spec["name"]: nodes[spec["step"]] for spec in steps}
    for name in (
        "talked_on",
        "activist_on",
        "candidate_on",
        "political_review_on",
        "training_to",
        "conversion_applied_on",
    ):
        assert development._SPEC[name]["label"].startswith(named[name]), name
    assert "审批接收预备党员" in development._SPEC["admission_approved_on"]["label"]
    assert "审批转正" in development._SPEC["conversion_approved_on"]["label"]
