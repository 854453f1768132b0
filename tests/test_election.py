"""checkers.election: the issue's examples, and the fixes and citations each finding gives.

Its vectors (tests/vectors/election.yml) run in test_rules.py with every checker's."""

import datetime
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout's checkers/, not a stale editable-install mapping

from checkers import _rules, election  # noqa: E402


def fixes(result):
    return [item["fix"] for item in result["findings"] if item.get("fix")]


def nodes(result, level):
    return [item["rule"]["node"] for item in result["findings"] if item["level"] == level]


# ---- the examples table of the issue ----


def test_quorum_met():
    result = election.check({"entitled": "10", "present": "8"})
    assert (result["verdict"], result["quorum_ok"], result["min_present"]) == ("pass", True, 8)


def test_quorum_short_by_one_says_so():
    result = election.check({"entitled": "10", "present": "7"})
    assert result["verdict"] == "fail" and result["quorum_ok"] is False
    assert fixes(result) == ["还需1名有选举权的党员到会；否则另行召开党员大会"]
    assert nodes(result, "fail") == ["quorum"]


def test_candidates():
    assert election.check({"entitled": 30, "present": 30, "seats": 5, "candidates": 6})["candidates_ok"] is True
    result = election.check({"entitled": 30, "present": 30, "seats": 7, "candidates": 8})
    assert result["candidates_ok"] is False and result["min_candidates"] == 9
    assert fixes(result) == ["候选人至少应为9人（还差1人）"]
    assert nodes(result, "fail") == ["adopt-rules"]


def test_more_ballots_returned_than_issued_means_a_new_election():
    result = election.check({"entitled": 30, "present": 30, "issued": 30, "returned": 31})
    assert result["ballots_ok"] is False and result["verdict"] == "fail"
    assert fixes(result) == ["重新进行选举"]
    assert "重新选举" in result["summary"]
    assert nodes(result, "fail") == ["ballots-check"]


def test_exactly_half_of_entitled_is_not_elected():
    result = election.check({"entitled": 20, "present": 18, "seats": 1, "votes": [{"name": "张三", "yes": "10"}]})
    assert result["threshold"] == 11 and result["elected"] == [] and result["unfilled"] == 1
    assert any("另行选举" in fix for fix in fixes(result))


# ---- dates pick the rules ----


def test_without_a_date_today_s_rules_apply(monkeypatch):
    assert election.check({"entitled": 10, "present": 8})["rules_from"] == "2020-07-13"
    monkeypatch.setattr(_rules, "today", lambda: datetime.date(2019, 1, 1))
    result = election.check({"entitled": 10, "present": 8})
    assert result["rules_from"] == "1990-06-27" and result["quorum_ok"] is False


def test_1990_exactly_four_fifths_cites_the_tolerance_and_warns():
    result = election.check({"entitled": 10, "present": 8, "date": "2019-06-01"})
    assert result["verdict"] == "warn"
    (item,) = result["findings"]
    assert item["level"] == "warn" and "正好为应到会人数的五分之四" in item["message"]
    assert item["rule"]["regulation"] == "中共中央组织部有关答复"
    assert item["rule"]["node"] == "quorum"
    assert "暂行条例" in result["summary"]


def test_1990_threshold_counts_those_present():
    base = {"entitled": 20, "present": 18, "seats": 1, "votes": [{"name": "张三", "yes": 10}]}
    assert election.check(dict(base, date="2020-07-12"))["elected"] == ["张三"]
    assert election.check(dict(base, date="2020-07-13"))["elected"] == []


# ---- who is elected ----


def test_tie_at_the_last_seat_asks_for_a_new_vote_among_the_tied():
    result = election.check(
        {
            "entitled": 22,
            "present": 22,
            "seats": 2,
            "votes": [{"name": "张三", "yes": 15}, {"name": "李四", "yes": 13}, {"name": "王五", "yes": 13}],
        }
    )
    assert result["tied"] == ["李四", "王五"] and result["elected"] == ["张三"]
    assert fixes(result) == ["就票数相等的李四、王五再次投票，得票多的当选"]
    assert "再次投票" in result["summary"]


def test_too_few_over_half_never_filled_from_below_the_threshold():
    result = election.check(
        {
            "entitled": 20,
            "present": 20,
            "seats": 3,
            "votes": [{"name": "张三", "yes": 15}, {"name": "李四", "yes": 10}, {"name": "王五", "yes": 9}],
        }
    )
    assert result["elected"] == ["张三"] and result["unfilled"] == 2
    (fix,) = fixes(result)
    assert fix.startswith("对不足的2个名额另行选举") and "不得在得票未超过半数的人中按得票多少补足" in fix
    assert "shortfall" not in str(result)  # ids of the data never leak into the text


def test_nobody_over_half_without_seats():
    result = election.check({"entitled": 20, "present": 20, "votes": [{"name": "张三", "yes": 5}]})
    assert result["verdict"] == "warn" and result["elected"] == []
    assert "没有人当选" in result["summary"]


# ---- invalid input says what to correct ----


@pytest.mark.parametrize(
    "data,field",
    [
        ({"present": 8}, "entitled"),
        ({"entitled": 10}, "present"),
        ({"entitled": 10, "present": 11}, "present"),
        ({"entitled": "ten", "present": 8}, "entitled"),
        ({"entitled": 10, "present": 8, "date": "2020-13-01"}, "date"),
        ({"entitled": 10, "present": 8, "date": "1989-01-01"}, "date"),
        ({"entitled": 10, "present": 8, "votes": [{"name": "张三", "yes": "-1"}]}, "votes"),
        ({"entitled": 10, "present": 8, "votes": [{"name": "", "yes": "1"}]}, "votes"),
        # impossible counts: no meeting can produce them
        ({"entitled": 10, "present": 8, "returned": 100, "votes": [{"name": "甲", "yes": 90}]}, "returned"),
        ({"entitled": 10, "present": 8, "returned": 9}, "returned"),
        ({"entitled": 10, "present": 8, "votes": [{"name": "甲", "yes": 9}]}, "votes"),
        ({"entitled": 10, "present": 8, "returned": 6, "votes": [{"name": "甲", "yes": 7}]}, "votes"),
        (
            {
                "entitled": 10,
                "present": 8,
                "seats": 1,
                "returned": 8,
                "votes": [{"name": "甲", "yes": 8}, {"name": "乙", "yes": 7}],
            },
            "votes",
        ),
        # hostile input is a message on its field, never the internal error
        ({"entitled": "1,0", "present": 8}, "entitled"),
        ({"entitled": "10", "present": ",8"}, "present"),
        ({"entitled": 10, "present": 8, "votes": "[" * 1000 + "]" * 1000}, "votes"),
        ({"entitled": 10, "present": 8, "date": datetime.datetime(2024, 3, 1, 10, 30)}, "date"),
    ],
)
def test_invalid_names_the_field(data, field):
    result = election.check(data)
    assert result["verdict"] == "invalid"
    assert field in [error["field"] for error in result["errors"]], result["errors"]
    assert all(result[key] is None for key in election.OUTPUTS)


def test_sum_of_votes_bounded_by_ballots_times_seats():
    """Two seats: 8 ballots carry at most 16 赞成; 16 is possible, 17 is not."""
    base = {"entitled": 10, "present": 8, "seats": 2, "candidates": 3, "returned": 8}
    ok = election.check(dict(base, votes=[{"name": "甲", "yes": 8}, {"name": "乙", "yes": 8}]))
    assert ok["verdict"] == "pass" and ok["elected"] == ["甲", "乙"]
    votes = [{"name": "甲", "yes": 8}, {"name": "乙", "yes": 8}, {"name": "丙", "yes": 1}]
    bad = election.check(dict(base, votes=votes))
    assert bad["verdict"] == "invalid"
    assert "17" in bad["errors"][0]["message"] and "16" in bad["errors"][0]["message"]


def test_more_returned_than_issued_is_still_the_regulation_s_fail_not_an_input_error():
    """The regulation's own answer to surplus ballots: more returned than issued → a new election."""
    result = election.check({"entitled": 10, "present": 8, "issued": 8, "returned": 9})
    assert result["verdict"] == "fail" and result["ballots_ok"] is False


def test_integer_fields_accept_only_proper_thousands_grouping():
    assert election.check({"entitled": "1,000", "present": "1,000"})["min_present"] == 800
    for text in ("1,0", "10,00", "1,0000", "1,,000", ",100", "100,"):
        result = election.check({"entitled": text, "present": 1})
        assert [error["field"] for error in result["errors"]] == ["entitled"], (text, result["errors"])


def test_votes_may_arrive_as_json_text():
    result = election.check({"entitled": 10, "present": 10, "seats": 1, "votes": '[{"name": "张三", "yes": "6"}]'})
    assert result["elected"] == ["张三"]
