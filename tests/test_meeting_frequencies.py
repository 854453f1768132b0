"""The meeting frequencies in checkers/rules/meeting.toml (``frequency_*``, kind = "frequency"):
each has its count, period, regulation, article and wording; a branch's 党课 is recorded as having
no national frequency. The planner and the meeting page read them from this one place."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout's checkers/, not a stale editable-install mapping

from checkers import _rules  # noqa: E402

PERIODS = {"month", "quarter", "year"}
REGULATION = "《中国共产党支部工作条例（试行）》"

# (key, times, per, article, words the text must hold, worded 一般)
EXPECTED = [
    ("frequency_general_meeting", 1, "quarter", "第十一条", "一般每季度召开1次", True),
    ("frequency_committee_meeting", 1, "month", "第十二条", "一般每月召开1次", True),
    ("frequency_group_meeting", 1, "month", "第十三条", "一般每月召开1次", True),
    ("frequency_theme_day", 1, "month", "第十六条", "每月相对固定1天开展主题党日", False),
    ("frequency_organisational_life", 1, "year", "第十七条", "每年至少召开1次组织生活会", False),
    ("frequency_appraisal", 1, "year", "第十九条（条款来源不一）", "一般每年开展1次民主评议党员", True),
    ("frequency_heart_talks", 1, "year", "第十八条（条款来源不一）", "每年谈心谈话一般不少于1次", True),
]


def frequencies():
    rules = _rules.load("meeting")
    return {key: table for key, table in _rules.parameters(rules).items() if table.get("kind") == "frequency"}


def test_every_frequency_has_the_shape():
    tables = frequencies()
    assert set(tables) == {row[0] for row in EXPECTED} | {"frequency_party_lecture"}
    for key, table in tables.items():
        assert table["description"] and table["flow"] and table["node"], key
        for value in table["values"]:
            assert value["regulation"] and value["article"] and value["text"] and value["status"], key
            if value.get("no_frequency"):
                assert "times" not in value and "per" not in value, key
                assert value.get("note"), key + ": say what local rules say instead"
            else:
                assert isinstance(value["times"], int) and value["times"] >= 1, key
                assert value["per"] in PERIODS, key
                assert isinstance(value.get("at_least", False), bool), key


def test_the_frequencies_and_their_articles():
    tables = frequencies()
    for key, times, per, article, words, general in EXPECTED:
        value = _rules.current(tables[key], _rules.today())
        assert (value["times"], value["per"], value["article"]) == (times, per, article), key
        assert value["regulation"] == REGULATION and words in value["text"], key
        assert _rules.is_general(value, "times") is general, key
    assert _rules.current(tables["frequency_organisational_life"], _rules.today())["at_least"] is True


def test_party_lecture_has_no_national_frequency():
    value = _rules.current(frequencies()["frequency_party_lecture"], _rules.today())
    assert value["no_frequency"] is True
    assert "没有规定党支部" in value["text"] and "不是全国统一的次数" in value["note"]


def test_frequency_tables_do_not_link_steps_to_the_meeting_checker():
    """A step is linked (自查) to a checker only for rules that checker checks; the meeting checker
    does not check how often meetings are held, so no step links to it for a frequency table.

    Planted defect it failed on: citations() without its kind = "frequency" filter (every
    frequency table's step linked 自查：…的次数 to the meeting page, and that text moved the
    search result for 党员大会 to the wrong section)."""
    from macros.checker_page.checker_citations import citations

    cites = citations()
    tables = _rules.parameters(_rules.load("meeting"))
    frequency = [t for t in tables.values() if t.get("kind") == "frequency"]
    assert frequency
    for table in frequency:
        entry = ("meeting", table["description"])
        assert entry not in cites.get((table["flow"], table["node"]), []), table["description"]
