"""checkers.dues: the issue's examples, the base helper, and the notes on 补交, 连续未交 and
上缴中央 with their citations.

Its vectors (tests/vectors/dues.yml) run in test_rules.py with every checker's."""

import datetime
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout's checkers/, not a stale editable-install mapping

from checkers import _rules, dues  # noqa: E402


def monthly(income, category="salaried", **more):
    return dues.check(dict(category=category, income=income, **more))["monthly"]


# ---- the examples table of the issue ----


def test_examples_of_the_issue():
    assert monthly("5100") == "76.50"
    assert monthly("4900") == "49.00"
    assert [monthly(x) for x in ("3000", "3000.01", "5000", "5000.01", "10000", "10000.01")] == [
        "15.00",
        "30.00",
        "50.00",
        "75.00",
        "150.00",
        "200.00",
    ]
    assert [monthly(x, "retired") for x in ("5000", "5000.01")] == ["25.00", "50.00"]
    assert dues.check({"category": "student"})["monthly"] == "0.20"


def test_band_in_words_and_rate():
    result = dues.check({"category": "salaried", "income": "5100"})
    assert result["band"] == "5000元以上至10000元（含10000元）"
    assert (result["base"], result["rate"], result["total"]) == ("5100.00", "1.5%", "76.50")


# ---- dates pick the rules ----


def test_without_a_date_today_s_rules_apply(monkeypatch):
    assert monthly("3000") == "15.00"
    monkeypatch.setattr(_rules, "today", lambda: datetime.date(2008, 3, 31))
    assert monthly("3000") == "90.00"


def findings_at(result, node):
    return [item for item in result["findings"] if item["rule"].get("node") == node]


def test_retiree_base_follows_the_2017_notice():
    before = dues.check({"category": "retired", "income": "4000", "date": "2016-06-01"})
    after = dues.check({"category": "retired", "income": "4000", "date": "2017-06-01"})
    assert before["monthly"] == after["monthly"] == "20.00"
    assert "离退休费总额" in str(before["findings"]) and "不包括津补贴" in str(after["findings"])


# ---- 补交, 连续未交, 上缴中央 ----


def test_more_than_six_months_at_once_warns_citing_article_12():
    result = dues.check({"category": "salaried", "income": "5100", "months": "7"})
    (item,) = [item for item in result["findings"] if item["level"] == "warn"]
    assert item["rule"]["article"] == "第十二条" and item["rule"]["node"] == "back-payment-limit"
    assert "一般不超过6个月" in item["fix"]


def test_six_unpaid_months_warns_about_lapse_citing_article_13():
    result = dues.check({"category": "salaried", "income": "5100", "unpaid_months": "6"})
    (item,) = findings_at(result, "six-months-unpaid")
    assert item["level"] == "warn" and item["rule"]["article"] == "第十三条"
    assert "自行脱党" in item["message"] and "党支部" in item["fix"]
    assert (
        findings_at(dues.check({"category": "salaried", "income": "5100", "unpaid_months": 4}), "six-months-unpaid")
        == []
    )


def test_central_note_shows_only_for_a_voluntary_payment_of_1000_or_more():
    """第十一条 is about 自愿多交 党费: ordinary dues (even 1000元 a month, or 14 months at once)
    never show it; a voluntary extra of 1000元 or more does (the data's ``input`` names the field)."""
    assert findings_at(dues.check({"category": "salaried", "income": "50000"}), "large-payment") == []
    assert findings_at(dues.check({"category": "salaried", "income": "5100", "months": 14}), "large-payment") == []
    result = dues.check({"category": "salaried", "income": "5100", "voluntary": "1000"})
    (item,) = findings_at(result, "large-payment")
    assert item["level"] == "info" and item["rule"]["article"] == "第十一条"
    assert "自愿多交党费1000.00元" in item["message"] and "全部上缴中央" in item["message"]
    assert result["verdict"] == "pass" and result["monthly"] == "76.50"
    assert (
        findings_at(dues.check({"category": "salaried", "income": "5100", "voluntary": "999.99"}), "large-payment")
        == []
    )
    assert _rules.load("dues")["central"]["values"][0]["input"] == "voluntary"


# ---- the base helper ----


def test_base_from_salary_items_lists_what_was_left_out():
    result = dues.check(
        {
            "category": "salaried",
            "income_tax": "400",
            "items": [
                {"name": "岗位工资", "amount": "3000", "counts": "yes"},
                {"name": "薪级工资", "amount": "2500", "counts": "yes"},
                {"name": "住房公积金", "amount": "800", "counts": "no"},
                {"name": "艰苦边远地区津贴", "amount": "300", "counts": "no"},
            ],
        }
    )
    assert (result["base"], result["monthly"]) == ("5100.00", "76.50")
    text = str(result["findings"])
    assert "住房公积金 800.00元" in text and "艰苦边远地区津贴 300.00元" in text
    assert "减个人所得税400.00元" in text


# ---- farmers ----


def test_farmer_chooses_within_the_range():
    assert dues.check({"category": "farmer", "farmer_amount": "0.5"})["monthly"] == "0.50"
    result = dues.check({"category": "farmer", "farmer_amount": "2"})
    assert result["verdict"] == "invalid" and result["errors"][0]["field"] == "farmer_amount"


# ---- rounding is a setting in the data ----


def test_rounding_mode_is_read_from_the_data(tmp_path, monkeypatch):
    assert monthly("1001") == "5.01"  # 5.005, half up
    shutil.copytree(ROOT / "checkers" / "rules", tmp_path / "rules")
    path = tmp_path / "rules" / "dues.toml"
    path.write_text(path.read_text("utf-8").replace('"ROUND_HALF_UP"', '"ROUND_HALF_EVEN"'), "utf-8")
    monkeypatch.setenv(_rules.ENV_DIR, str(tmp_path / "rules"))
    assert monthly("1001") == "5.00"


# ---- invalid input says what to correct ----


@pytest.mark.parametrize(
    "data,field",
    [
        ({"income": "5100"}, "category"),
        ({"category": "salaried"}, "income"),
        ({"category": "salaried", "income": "-5"}, "income"),
        ({"category": "salaried", "income": "1e400"}, "income"),
        ({"category": "salaried", "income": "12.345"}, "income"),
        ({"category": "salaried", "income": "5100", "months": "0"}, "months"),
        ({"category": "retired", "income": "3000", "date": "2000-01-01"}, "date"),
        ({"category": "salaried", "income": "1", "items": [{"name": "x", "amount": "2"}]}, "income"),
        # not a plausible income for a member paying by a percentage
        ({"category": "salaried", "income": "0"}, "income"),
        ({"category": "retired", "income": "0.00"}, "income"),
        ({"category": "salaried", "items": [{"name": "x", "amount": "0"}]}, "items"),
        ({"category": "salaried", "items": [{"name": "x", "amount": "100"}], "income_tax": "100"}, "income_tax"),
        # salary items that add up beyond the bound on income
        ({"category": "salaried", "items": [{"name": "x", "amount": "9999999"}] * 3}, "items"),
        # hostile input is a message on its field, never the internal error
        ({"category": "salaried", "income": "1" * 27}, "income"),
        ({"category": "salaried", "income": "9" * 64}, "income"),
        ({"category": "salaried", "income": "1" * 30 + ".5"}, "income"),
        ({"category": "salaried", "items": [{"name": "x", "amount": "1" * 40}]}, "items"),
        ({"category": "salaried", "income": "5000", "date": datetime.datetime(2024, 3, 1, 8, 0)}, "date"),
        ({"category": "salaried", "income": "5000", "items": "[" * 1000 + "]" * 1000}, "items"),
        ({"category": "salaried", "income": "5000", "months": "1,2"}, "months"),
    ],
)
def test_invalid_names_the_field(data, field):
    result = dues.check(data)
    assert result["verdict"] == "invalid"
    assert field in [error["field"] for error in result["errors"]], result["errors"]
    assert all(result[key] is None for key in dues.OUTPUTS)
