"""The 发展党员 register (checkers/_register.py) and its CSV file (checkers/_register_csv.py).

Each person's answer is the 发展党员 checker's own (every case of tests/vectors/development.yml, as a
register row); the .ics parses with the icalendar library; the materials list is the rules data with
its source; the CSV import gives row messages and changes nothing, and export → import is exact.
The cases shared with Pyodide are in tests/vectors/register.yml and register_csv.yml.
"""

import base64
import datetime
import pathlib
import random
import sys

import icalendar
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkers import _register, _register_csv, _rules, development  # noqa: E402

DEV_CASES = yaml.safe_load((ROOT / "tests" / "vectors" / "development.yml").read_text("utf-8"))
AS_OF = "2026-12-06"


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _row_cases():
    """Development vectors whose inputs a register row holds (no old aliases)."""
    out = []
    for case in DEV_CASES:
        data = _plain(case["input"])
        if set(data) - set(_register.DATE_FIELDS) - {"as_of", "person"}:
            continue
        out.append(case)
    return out


ROW_CASES = _row_cases()


@pytest.mark.parametrize("case", ROW_CASES, ids=[c["name"] for c in ROW_CASES])
def test_each_person_gets_the_development_checkers_answer(case):
    data = _plain(case["input"])
    as_of = data.pop("as_of", AS_OF)
    row = {"id": "r", "label": "某甲", **{k: v for k, v in data.items() if k != "person"}}
    register = _register.check({"as_of": as_of, "people": [row]})
    person = register["people"][0]
    own = development.check({**row, "person": "某甲", "as_of": as_of})
    own = {k: v for k, v in own.items() if k not in ("calendar", "ics", "share_text")}
    own.pop("id", None)
    own.pop("label", None)
    assert person["development"] == own
    assert person["stage"] == own["stage"] and person["next_step"] == own["next_step"]
    if own["verdict"] == "invalid":
        assert person["verdict"] == "invalid"


def test_enough_development_cases_are_compared():
    assert len(ROW_CASES) > len(DEV_CASES) // 2


def _mixed(n, seed=7):
    """n rows at every stage, some with mistakes (for sorting, the CSV and the benchmark)."""
    rng = random.Random(seed)
    rows = []
    base = datetime.date(2022, 1, 10)
    for i in range(n):
        start = base + datetime.timedelta(days=rng.randrange(0, 1500))
        steps = rng.randrange(1, 8)
        row = {"id": "p%04d" % i, "label": "申请人%03d" % i, "applied": start.isoformat()}
        if steps > 1:
            row["talked_on"] = (start + datetime.timedelta(days=rng.randrange(5, 40))).isoformat()
        if steps > 2:
            row["activist_on"] = (start + datetime.timedelta(days=60)).isoformat()
            row["reports"] = ";".join((start + datetime.timedelta(days=60 + 91 * k)).isoformat() for k in range(1, 4))
        if steps > 3:
            row["candidate_on"] = (start + datetime.timedelta(days=60 + rng.randrange(330, 420))).isoformat()
        if steps > 4:
            row["accepted_on"] = (start + datetime.timedelta(days=500)).isoformat()
            row["m_political_review"] = (start + datetime.timedelta(days=rng.randrange(470, 510))).isoformat()
            row["m_application_form"] = "有"
        if steps > 5:
            row["admission_approved_on"] = (start + datetime.timedelta(days=540)).isoformat()
        rows.append(row)
    return rows


def test_order_is_by_urgency():
    result = _register.check({"as_of": AS_OF, "people": _mixed(60)})
    ranks = [result["people"][i]["rank"] for i in result["order"]]
    assert ranks == sorted(ranks)
    assert sorted(result["order"]) == list(range(60))
    assert len(set(ranks)) > 2  # the sample covers several ranks


def test_the_90_days_are_within_the_horizon_and_sorted():
    result = _register.check({"as_of": AS_OF, "people": _mixed(80)})
    dates = [item["date"] for item in result["upcoming"]]
    assert dates == sorted(dates) and dates
    end = (datetime.date.fromisoformat(AS_OF) + datetime.timedelta(days=_register.HORIZON_DAYS)).isoformat()
    assert all(AS_OF <= day <= end for day in dates)


def test_the_ics_parses_with_reminders():
    result = _register.check({"as_of": AS_OF, "people": _mixed(80)})
    calendar = icalendar.Calendar.from_ical(result["ics"])
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == len(result["upcoming"])
    for event, item in zip(events, result["upcoming"]):
        assert event.decoded("DTSTART") == datetime.date.fromisoformat(item["date"])
        assert item["label"] in str(event.get("SUMMARY"))
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and alarms[0].decoded("TRIGGER") == -datetime.timedelta(days=7)
    assert result["share_text"].count("\n· ") == len(result["upcoming"])


def test_materials_come_from_the_rules_data_with_their_source():
    items = _register.materials(datetime.date(2026, 1, 1))
    in_file = {item["label"] for item in items if item["in_file"]}
    # 细则第三十七条: 入党志愿书、入党申请书、政治审查材料、转正申请书、培养教育考察材料 (the last
    # covers the 积极分子's and the 预备党员's: two materials of the register)
    assert in_file == {
        "入党志愿书",
        "入党申请书",
        "政治审查材料",
        "转正申请书",
        "培养教育考察材料（含思想汇报）",
        "预备党员考察材料",
    }
    for item in items:
        assert item["source"] and item["rule"]["flow"] == "member-recruitment" and item["rule"]["node"]
        assert ("第三十七条" in item["source"]) == item["in_file"]
    rules = _rules.load(_register.RULES)
    levels = {key: table["values"][0]["level"] for key, table in rules.items() if key.startswith("material_")}
    assert set(levels.values()) == {"fail", "warn"}
    assert [key for key, level in levels.items() if level == "fail"] == [
        "material_political_review",
        "material_inquiry",
    ]
    stages = [item["stage"] for item in items]
    assert stages == sorted(stages)  # the procedure's order


def test_a_register_too_long_or_not_a_list_is_refused_with_a_message():
    rows = [{"label": "x"}] * (_register.ROWS_MAX + 1)
    result = _register.check({"as_of": AS_OF, "people": rows})
    assert result["verdict"] == "invalid" and str(_register.ROWS_MAX) in result["errors"][0]["message"]
    for junk in (None, 3, "x", {"people": "x"}, {"people": [3, None]}, {"as_of": "2026-02-30", "people": []}):
        out = _register.check(junk)
        assert out["verdict"] in ("invalid", "pass", "warn")
        assert "内部错误" not in out["summary"]


# ---- the CSV file ------------------------------------------------------------------------------


def _import(text=None, raw=None):
    if raw is not None:
        return _register_csv.check({"action": "import", "base64": base64.b64encode(raw).decode()})
    return _register_csv.check({"action": "import", "text": text})


def test_export_then_import_round_trips_exactly():
    rows = _mixed(120)
    rows[0]["label"] = "=SUM(A1)"
    rows[1]["label"] = '-王, "小"\n二'
    rows[2]["label"] = "'引号"
    rows[3]["label"] = "@李"
    rows[4]["m_application"] = "有"
    text = _register_csv.export(rows)
    assert text.startswith("\ufeff") and "\r\n" in text
    again = _import(text)
    assert again["verdict"] == "pass", again["messages"]
    assert again["people"] == [_register_csv.normalise(row) for row in rows]
    assert _register_csv.export(again["people"]) == text
    # Through bytes, as the page sends the file.
    assert _import(raw=text.encode("utf-8"))["people"] == again["people"]


def test_formula_cells_are_written_as_text():
    labels = ["=1+1", "+86", "-2", "@x"]
    text = _register_csv.export([{"id": str(i), "label": label} for i, label in enumerate(labels)])
    lines = text.split("\r\n")[1:5]
    assert [line.split(",")[1] for line in lines] == ["'" + label for label in labels]


def test_header_is_documented_in_chinese_and_complete():
    names = [name for _field, name in _register_csv.header()]
    assert names[:2] == ["编号", "姓名或代号"] and len(set(names)) == len(names)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in name) for name in names)
    assert [field for field, _name in _register_csv.header()] == _register.fields()


def test_bad_rows_give_row_messages_and_good_rows_are_kept():
    good = _register_csv.export(_mixed(3))
    lines = good.split("\r\n")
    width = len(lines[0].split(","))
    bad_date = "x1,小错," + "2024-13-01" + "," * (width - 3)
    formula = "x2,=cmd|' /C calc'!A0" + "," * (width - 2)
    short = "x3,少列"
    text = "\r\n".join(lines[:2] + [bad_date, formula, short] + lines[2:])
    out = _import(text)
    assert out["verdict"] == "warn"
    assert [m["line"] for m in out["messages"]] == [3, 4, 5]
    assert "2024-13-01" in out["messages"][0]["message"]
    assert "公式" in out["messages"][1]["message"]
    assert "少了" in out["messages"][2]["message"]
    assert [row["id"] for row in out["people"]] == ["p0000", "p0001", "p0002"]


@pytest.mark.parametrize(
    "raw, words",
    [
        (b"", "空"),
        ("\ufeff".encode("utf-8"), "空"),
        ("姓名或代号\r\n".encode(), "只有表头"),
        ("名字,日期\r\n小李,2024-01-01\r\n".encode(), "姓名或代号"),
        ("姓名或代号\r\n张三\r\n".encode("gbk"), "UTF-8"),
        (("姓名或代号\r\n" + "某\r\n" * 10000).encode("utf-8"), "上限1000行"),
        (b"x" * (_register_csv.BYTES_MAX + 1), "MB"),
    ],
    ids=["empty", "bom-only", "header-only", "no-label-column", "gbk", "10000-rows", "too-large"],
)
def test_files_that_cannot_be_imported_say_why(raw, words):
    out = _import(raw=raw)
    assert out["verdict"] == "invalid" and out["people"] is None
    assert words in out["errors"][0]["message"], out["errors"]


def test_the_ten_thousand_row_file_is_counted():
    out = _import(raw=("姓名或代号\r\n" + "某\r\n" * 10000).encode("utf-8"))
    assert "10000行" in out["errors"][0]["message"] and "超过10000" not in out["errors"][0]["message"]


def test_unknown_and_missing_columns_are_noted():
    out = _import("姓名或代号,备注\r\n张三,好\r\n")
    assert out["verdict"] == "pass"
    assert any("备注" in note for note in out["notes"])
    assert any("递交入党申请书的日期" in note for note in out["notes"])


def test_rules_file_is_the_registers():
    assert _rules.parameters(_rules.load(_register.RULES))
