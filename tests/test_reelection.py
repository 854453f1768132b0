"""The 换届日历 checker's term rules before the 支部工作条例 (2018-10-28).

中办《关于党的基层组织任期的意见》(in force 2018-07-12) 一 already set 3 years, 5 for 村、社区; a term
elected between the two dates gets its term end. Before the 意见, the 党章 gave a range and the
higher organisation chose the length within it: the answer names that rule and gives the range
of possible term ends (a warning to take the length from that decision), never "invalid".
The cases the widget shows are also vectors (tests/vectors/reelection.yml); these say why.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkers import _rules, reelection  # noqa: E402


def test_term_elected_between_opinion_and_regulation_gets_term_end():
    for elected, village, years, ends in (
        ("2018-07-12", "no", 3, "2021-07-12"),
        ("2018-10-27", "no", 3, "2021-10-27"),
        ("2018-09-01", "yes", 5, "2023-09-01"),
    ):
        result = reelection.check({"elected_on": elected, "village": village, "as_of": "2019-01-01"})
        assert result["verdict"] == "pass", result
        assert (result["term_years"], result["term_ends"]) == (years, ends)
        rule = result["findings"][0]["rule"]
        assert rule["regulation"] == "中共中央办公厅《关于党的基层组织任期的意见》" and rule["article"] == "一"


def test_term_before_2018_says_which_rule_applied():
    result = reelection.check({"elected_on": "2018-03-01", "as_of": "2019-01-01"})
    assert result["verdict"] == "warn", result
    assert result["errors"] == []
    assert (result["term_years"], result["term_ends"]) == (None, None)
    assert result["term_years_range"] == [3, 5]
    assert result["term_ends_range"] == ["2021-03-01", "2023-03-01"]
    first = result["findings"][0]
    assert first["level"] == "warn"
    assert first["rule"]["regulation"].startswith("《中国共产党章程》") and first["rule"]["article"] == "第三十一条"
    assert "三年至五年" in first["message"] and "上级党组织" in first["message"]
    assert "2021年3月1日至2023年3月1日" in result["summary"]
    dates = [event["date"] for event in result["calendar"]]
    assert dates == ["2021-03-01", "2023-03-01"]

    older = reelection.check({"elected_on": "2015-06-30", "as_of": "2016-01-01"})
    assert older["verdict"] == "warn" and older["term_years_range"] == [2, 3], older
    assert older["findings"][0]["rule"]["article"] == "第三十条"


def test_term_rules_before_the_earliest_one_are_refused_on_the_election_date():
    table = _rules.load("reelection")["term"]
    first = min(value["from"] for value in table["values"])
    result = reelection.check({"elected_on": first.replace(day=first.day - 1).isoformat()})
    assert result["verdict"] == "invalid"
    assert [error["field"] for error in result["errors"]] == ["elected_on"]
