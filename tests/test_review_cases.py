"""Cases a review of the rules data against the regulations found answered wrongly or too
briefly, one test per case, named for it; and the citations the review settled.

The readable vectors for the same cases are in tests/vectors/*.yml (run in CPython and Pyodide)."""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout's checkers/, not a stale editable-install mapping

from checkers import _rules, branch, development, dues, election  # noqa: E402


def at(result, node=None, article=None):
    return [
        item
        for item in result["findings"]
        if (node is None or item["rule"].get("node") == node)
        and (article is None or item["rule"].get("article") == article)
    ]


def levels(result):
    return [item["level"] for item in result["findings"]]


# ---- a village with exactly 50 members -----------------------------------------------------


def test_village_with_exactly_50_members_stays_one_branch_by_the_rural_regulation():
    """农村基层组织工作条例第五条: a 党总支 where the village has more than 50 members (超过50人);
    the 机关 条例's "50人以上" includes 50. The boundary follows the regulation that fits the unit."""
    village = branch.check({"full": 45, "probationary": 5, "unit": "village"})
    assert village["higher_form"] is None and village["verdict"] == "pass" and village["term_years"] == 5
    (item,) = [i for i in village["findings"] if "农村基层组织工作条例" in i["message"]]
    assert item["rule"]["regulation"] == "《中国共产党农村基层组织工作条例》" and item["rule"]["article"] == "第五条"
    assert "超过50人" in item["message"] and "50人以上" not in item["message"]

    more = branch.check({"full": 46, "probationary": 5, "unit": "village"})
    assert more["higher_form"] == "党总支"
    assert [i["rule"]["regulation"] for i in at(more, article="第五条") if i["level"] == "warn"] == [
        "《中国共产党农村基层组织工作条例》"
    ]

    organ = branch.check({"full": 45, "probationary": 5, "unit": "organ"})
    assert organ["higher_form"] == "党总支"
    assert any(i["rule"]["regulation"] == "《中国共产党党和国家机关基层组织工作条例》" for i in organ["findings"])


def test_village_or_community_at_50_without_the_unit_kind_says_what_a_village_would_do():
    result = branch.check({"full": 45, "probationary": 5, "village": "yes"})
    (item,) = [i for i in result["findings"] if i["level"] == "warn"]
    assert "如果是村" in item["message"] and "超过50人" in item["message"]


# ---- a 预备期 that has ended with no 转正 discussion ---------------------------------------


def test_probation_ended_without_a_full_membership_discussion_says_it_is_overdue():
    result = development.check({"accepted_on": "2023-03-01", "approved_on": "2023-04-01", "as_of": "2024-06-01"})
    assert result["verdict"] == "warn"
    (item,) = at(result, node="full-membership-meeting")
    assert item["level"] == "warn" and item["rule"]["flow"] == "member-recruitment"
    assert item["rule"]["article"] == "第三十二条"
    assert "2024年3月1日期满" in item["message"] and "已经到期" in item["message"]
    assert "党支部应当及时讨论其能否转为正式党员" in item["message"]
    assert "支部大会" in item["fix"]


def test_probation_ending_today_says_the_discussion_is_due():
    result = development.check({"accepted_on": "2023-03-01", "approved_on": "2023-04-01", "as_of": "2024-03-01"})
    (item,) = at(result, node="full-membership-meeting")
    assert item["level"] == "warn" and "今天" in item["message"]
    before = development.check({"accepted_on": "2023-03-01", "approved_on": "2023-04-01", "as_of": "2024-02-29"})
    assert before["verdict"] == "pass" and at(before, node="full-membership-meeting") == []


def test_full_membership_meeting_after_the_end_passes_and_before_it_fails():
    held = {"accepted_on": "2023-03-01", "approved_on": "2023-04-01", "as_of": "2024-06-01"}
    after = development.check(dict(held, full_meeting_on="2024-03-05"))
    assert after["verdict"] == "pass" and after["next_node"] == "full-membership-approval"
    assert at(after, node="full-membership-meeting", article="第三十三条")[0]["level"] == "pass"
    early = development.check(dict(held, full_meeting_on="2024-02-05"))
    assert early["verdict"] == "fail" and at(early, article="第三十三条")[0]["fix"]


# ---- a 支部委员会 larger than the rule -----------------------------------------------------


def test_committee_of_more_than_seven_warns_citing_article_20():
    result = election.check({"entitled": 40, "present": 38, "seats": 8, "candidates": 10})
    assert result["verdict"] == "warn"
    (item,) = at(result, article="第二十条")
    assert item["level"] == "warn" and item["rule"]["regulation"] == "《中国共产党支部工作条例（试行）》"
    assert "一般不超过7人" in item["message"] and "应选8人" in item["message"]
    assert "7人" in result["summary"] or "一般不超过" in result["summary"]
    seven = election.check({"entitled": 40, "present": 38, "seats": 7, "candidates": 9})
    assert seven["verdict"] == "pass" and at(seven, article="第二十条") == []
    # before the 支部工作条例 (2018-10-28) there is no such rule in the data: no warning
    old = election.check({"entitled": 40, "present": 38, "seats": 8, "candidates": 10, "date": "2015-06-01"})
    assert old["verdict"] == "pass"


# ---- "一般" limits: a warning, by a field in the data --------------------------------------


def test_training_short_of_the_general_minimum_is_a_warning_not_a_failure():
    short = development.check({"candidate_on": "2024-06-01", "training_days": 2})
    (item,) = at(short, node="intensive-training")
    assert item["level"] == "warn" and short["verdict"] == "warn" and item["rule"]["article"] == "第十七条"
    assert (
        at(development.check({"candidate_on": "2024-06-01", "training_hours": 23}), node="intensive-training")[0][
            "level"
        ]
        == "warn"
    )
    none = development.check({"candidate_on": "2024-06-01", "training_days": 0, "training_hours": 0})
    assert none["verdict"] == "fail" and "未经培训" in at(none, node="intensive-training")[0]["message"]


def test_general_limits_are_warnings_by_the_strength_field(tmp_path, monkeypatch):
    """The treatment of 一般 is read from the data (``strength``) by shared code: drop the field
    and the same shortfall becomes a failure, with no code change."""
    assert _rules.breach_level({"strength": {"days": "一般"}}, "days") == "warn"
    assert _rules.breach_level({"strength": {"days": "一般"}}, "hours") == "fail"
    assert _rules.breach_level({}, "days") == "fail"
    assert branch.check({"full": 2, "units": 7})["verdict"] == "warn"
    assert dues.check({"category": "salaried", "income": "5100", "months": 7})["verdict"] == "warn"

    shutil.copytree(ROOT / "checkers" / "rules", tmp_path / "rules")
    path = tmp_path / "rules" / "development.toml"
    text = path.read_text("utf-8")
    line = '  strength = { days = "一般", hours = "一般" }   # 一般不少于: a shortfall is a warning\n'
    assert text.count(line) == 1
    path.write_text(text.replace(line, ""), "utf-8")
    monkeypatch.setenv(_rules.ENV_DIR, str(tmp_path / "rules"))
    assert development.check({"candidate_on": "2024-06-01", "training_days": 2})["verdict"] == "fail"


def test_every_strength_names_a_limit_of_its_value_and_says_yiban():
    for path in sorted((ROOT / "checkers" / "rules").glob("*.toml")):
        for key, table in _rules.parameters(_rules.load(path.stem)).items():
            for value in table["values"]:
                for limit, word in (value.get("strength") or {}).items():
                    assert limit in value, (path.name, key, limit)
                    assert word == _rules.GENERAL, (path.name, key, limit, word)
                    assert "一般" in value.get("text", "一般"), (path.name, key)


# ---- a unit with no members -----------------------------------------------------------------


def test_unit_with_no_members_has_nothing_to_set_up():
    result = branch.check({"full": 0, "probationary": 0})
    assert (result["form"], result["committee"], result["term_years"], result["higher_form"]) == (None,) * 4
    assert result["verdict"] == "pass" and "不需要成立" in result["summary"]
    assert "联合党支部" not in result["summary"]
    (item,) = result["findings"]
    assert "没有党员" in item["message"] and "不需要参加联合党支部" in item["message"]
    assert branch.check({"full": 0})["form"] is None
    assert branch.check({"full": 0, "temporary": "yes"})["form"] is None


def test_unit_with_only_probationary_members_joins_a_joint_branch():
    result = branch.check({"full": 0, "probationary": 2})
    assert result["form"] == "联合党支部" and "预备党员2人" in result["summary"]
    (item,) = [i for i in result["findings"] if "只有预备党员" in i["message"]]
    assert item["rule"]["article"] == "第四条"
    assert "只计正式党员" in item["message"] and "编入联合党支部" in item["message"] and "转正后" in item["message"]
    later = branch.check({"full": 2, "probationary": 1})
    assert any("转正后，正式党员共3人" in i["message"] for i in later["findings"])


# ---- the citations the review settled ------------------------------------------------------


def _value(name, key, index=-1):
    return _rules.load(name)[key]["values"][index]


def test_settled_citations_are_in_the_data_with_their_wording():
    talk = _value("development", "talk")
    assert talk["article"] == "第七条" and talk["text"].endswith("了解基本情况。")
    assert _value("development", "activist")["article"] == "第八条"
    assert _value("development", "extension")["article"] == "第三十二条"
    full = _value("development", "full_membership")
    assert full["article"] == "第三十二条" and "党支部应当及时讨论其能否转为正式党员" in full["text"]
    assert _value("development", "conversion_meeting")["article"] == "第三十三条"
    committee = _value("branch", "committee")
    assert committee["article"] == "第二十条" and "一般不超过7人" in committee["text"]
    assert _value("election", "candidates")["article"] == "第十三条"
    village = _value("branch", "higher_village")
    assert village["article"] == "第五条" and "超过50人" in village["text"]


def test_unconfirmed_citations_stay_marked():
    assert _value("development", "approval")["article"] == "条款未核实"
    for key in ("quorum", "ballots", "threshold"):
        assert _value("election", key)["article"] == "条款未核实", key
