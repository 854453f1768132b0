"""The rules data and the checker contract, for every checker in checkers.REGISTRY.

- every value in checkers/rules/*.toml has an effective-from date, a regulation and an article;
- every flow step the data (and so every finding) cites exists in flows/*.yml;
- no numeric rule literal in the checkers' code; standard library imports only;
- check() never raises, whatever it is given (random junk included), and its result has the
  contract's shape;
- changing a band in the data file changes both the calculator and the table on the page.
"""

import ast
import datetime
import importlib
import json
import random
import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout's checkers/, not a stale editable-install mapping

import checkers  # noqa: E402
from checkers import _rules, dues  # noqa: E402
from macros.checker_page import rules_tables  # noqa: E402

RULE_FILES = sorted((ROOT / "checkers" / "rules").glob("*.toml"))
MODULES = {name: importlib.import_module("checkers." + name) for name in checkers.REGISTRY}


def flow_nodes():
    """{flow id: set of node ids} over flows/*.yml (every mapping with an `id` below the root)."""
    out = {}
    for path in sorted((ROOT / "flows").glob("*.yml")):
        if path.name.startswith("_"):
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        ids = set()

        def walk(node, ids=ids):
            if isinstance(node, dict):
                if isinstance(node.get("id"), str):
                    ids.add(node["id"])
                for value in node.values():
                    walk(value, ids)
            elif isinstance(node, list):
                for value in node:
                    walk(value, ids)

        for key, value in data.items():
            if key not in ("id", "series", "basis", "notes"):
                walk(value)
        out[data["id"]] = ids
    return out


FLOWS = flow_nodes()


def vectors():
    for name in checkers.REGISTRY:
        path = ROOT / "tests" / "vectors" / (name + ".yml")
        for case in yaml.safe_load(path.read_text("utf-8")):
            yield pytest.param(name, case, id="%s: %s" % (name, case["name"]))


@pytest.mark.parametrize("name,case", list(vectors()))
def test_vector(name, case):
    """Each vector: the expected keys match the checker's output as ``test_vectors`` matches
    them (a subset: mappings by their listed keys, lists item by item); the shared runner
    repeats them in Pyodide."""
    from test_vectors import matches

    result = MODULES[name].check(case["input"])
    problems = matches(case["expected"], result)
    assert not problems, "\n".join(problems)


# ---- the data ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_value_is_dated_and_cited(path):
    rules = _rules.load(path.stem)
    parameters = _rules.parameters(rules)
    assert parameters, "no parameters in %s" % path.name
    for key, table in parameters.items():
        assert table.get("description"), key
        assert table["values"], key
        for value in table["values"]:
            where = "%s %s" % (key, value.get("from"))
            assert isinstance(value["from"], datetime.date), where
            assert value.get("regulation"), where
            assert value.get("article"), where + ': article missing (write "条款未核实" if unknown)'
            assert value.get("status"), where + ": say how certain the value is"
            note = value.get("note")
            assert note is None or (isinstance(note, str) and note.strip()), (
                where + ": 'note' is a sentence saying which source says what (or leave it out)"
            )


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_cited_flow_step_exists(path):
    for key, table in _rules.parameters(_rules.load(path.stem)).items():
        assert table.get("flow") in FLOWS, "%s cites unknown flow %r" % (key, table.get("flow"))
        assert table.get("node") in FLOWS[table["flow"]], "%s cites unknown node %s#%s" % (
            key,
            table["flow"],
            table.get("node"),
        )


@pytest.mark.parametrize("name", checkers.REGISTRY)
def test_every_finding_of_every_vector_cites_an_existing_step(name):
    cases = yaml.safe_load((ROOT / "tests" / "vectors" / (name + ".yml")).read_text("utf-8"))
    assert MODULES[name].FLOW in FLOWS
    seen = 0
    for case in cases:
        for item in MODULES[name].check(case["input"])["findings"]:
            rule = item["rule"]
            if "flow" in rule:
                assert rule["node"] in FLOWS[rule["flow"]], (case["name"], rule)
                seen += 1
    assert seen


def test_in_force_picks_the_latest_value_not_after_the_date():
    table = _rules.load("election")["quorum"]
    assert _rules.in_force(table, datetime.date(1990, 6, 26)) is None
    assert _rules.in_force(table, datetime.date(1990, 6, 27))["strict"] is True
    assert _rules.in_force(table, datetime.date(2020, 7, 12))["strict"] is True
    assert _rules.in_force(table, datetime.date(2020, 7, 13))["strict"] is False
    assert _rules.in_force(table, datetime.date(2099, 1, 1))["strict"] is False


def test_lookup_says_what_a_day_before_the_first_rule_means():
    table = _rules.load("election")["quorum"]
    before, first = datetime.date(1990, 6, 26), datetime.date(1990, 6, 27)
    found = _rules.lookup(table, first, before_first="refuse")
    assert found.value is not None and found.value["strict"] is True and not found.early
    assert found.rule["flow"] == table["flow"] and found.rule["article"] == found.value["article"]
    for policy in ("refuse", "skip"):
        missing = _rules.lookup(table, before, before_first=policy)
        assert (missing.value, missing.first, missing.early) == (None, first, True)
        assert "regulation" not in missing.rule and missing.rule["node"] == table["node"]
    stand_in = _rules.lookup(table, before, before_first="earliest")
    assert stand_in.value["from"] == first and stand_in.early
    with pytest.raises(LookupError):
        _rules.lookup(table, before, before_first="fault")
    assert _rules.in_force(table, before) is None and _rules.current(table, first) is found.value


def test_each_meeting_kind_majority_starts_with_its_quorum():
    """meeting.py refuses days before a kind's quorum rule, then reads its majority rule with the
    "fault" policy: the two must start on the same day."""
    rules = _rules.load("meeting")
    for key in rules:
        if key.endswith("_quorum"):
            starts = [min(v["from"] for v in rules[name]["values"]) for name in (key, key[: -len("_quorum")] + "_pass")]
            assert starts[0] == starts[1], key


def test_rules_numbers_are_decimal_never_float():
    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        else:
            assert not isinstance(node, float), node

    for path in RULE_FILES:
        walk(_rules.load(path.stem))


# ---- the code ----------------------------------------------------------------------------

ALLOWED_IMPORTS = {
    "base64",  # the register's CSV import: the file's bytes arrive as base64 in the JSON payload
    "binascii",  # base64's error
    "calendar",
    "checkers",
    "collections",
    "csv",  # the register's CSV import and export
    "datetime",
    "decimal",
    "hashlib",
    "importlib",
    "io",  # csv reads and writes through a StringIO
    "json",
    "os",
    "re",
    "tomllib",
    "typing",
    "unicodedata",
    "zipfile",  # the register's .xlsx (_register_xlsx.py) is a zip of XML parts
}


@pytest.mark.parametrize("path", sorted((ROOT / "checkers").glob("*.py")), ids=lambda p: p.name)
def test_standard_library_only(path):
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        for name in names:
            assert name.split(".")[0] in ALLOWED_IMPORTS, "%s imports %s" % (path.name, name)


# Numbers allowed in checker code: 0 and 1 (counting), 100 (percent → fraction). Form sanity
# bounds are named module constants starting with "_" (not rules).
ALLOWED_NUMBERS = {0, 1, 100}


@pytest.mark.parametrize("name", checkers.REGISTRY)
def test_no_rule_numbers_in_checker_code(name):
    path = ROOT / "checkers" / (name + ".py")
    tree = ast.parse(path.read_text("utf-8"))
    sanity = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and all(
            isinstance(target, ast.Name) and target.id.startswith("_") and target.id.isupper()
            for target in node.targets
        ):
            sanity.update(id(sub) for sub in ast.walk(node))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in sanity:
            value = node.value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                assert value in ALLOWED_NUMBERS, "%s:%d: number %r belongs in the rules data" % (
                    path.name,
                    node.lineno,
                    value,
                )


# ---- the contract ------------------------------------------------------------------------

NAME_RE = r"^[a-z][a-z0-9_]*$"
TYPES = {"integer", "money", "date", "choice", "boolean", "rows", "text"}


@pytest.mark.parametrize("name", checkers.REGISTRY)
def test_declared_inputs(name):
    module = MODULES[name]
    assert module.TITLE and module.FLOW
    json.dumps(module.INPUTS)
    import re

    for spec in module.INPUTS:
        assert re.match(NAME_RE, spec["name"]) and spec["label"] and spec["type"] in TYPES
        if spec["type"] == "choice":
            assert spec["options"]
        for column in spec.get("columns", []):
            assert column["type"] in TYPES - {"rows"}


def assert_contract(result, outputs):
    json.dumps(result, allow_nan=False)
    assert result["verdict"] in ("pass", "fail", "warn", "invalid")
    assert isinstance(result["summary"], str) and result["summary"]
    assert "内部错误" not in result["summary"], result
    assert bool(result["errors"]) == (result["verdict"] == "invalid")
    for error in result["errors"]:
        assert set(error) == {"field", "message"} and error["message"]
    for item in result["findings"]:
        assert item["level"] in ("pass", "fail", "warn", "info") and item["message"]
        rule = item["rule"]
        assert ("flow" in rule and "node" in rule) or ("regulation" in rule and "article" in rule)
        if item["level"] == "fail":
            assert item.get("fix"), item
    for key in outputs:
        assert key in result


JUNK = [
    None,
    "",
    " ",
    "abc",
    "-1",
    "-0",
    "0",
    "1e400",
    "1E5",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "５０００",
    "５０００．５",
    "1,000",
    "1,00",
    "12.345",
    "0x10",
    "1_000",
    "٣",
    "²",
    "½",
    "9" * 80,
    "9" * 5000,
    10**400,
    -(10**400),
    1e308,
    float("nan"),
    float("inf"),
    -0.0,
    0.1,
    3000.01,
    True,
    False,
    [],
    {},
    [1, 2],
    {"a": 1},
    [{"name": "x", "yes": "1"}],
    '[{"name":"张三","yes":"5"}]',
    "[",
    "2020-07-13",
    "2020-02-30",
    "99999-01-01",
    "0000-00-00",
    "\x00",
    "<script>",
    "张三",
    "yes",
    "salaried",
    "farmer",
]


@pytest.mark.parametrize("name", checkers.REGISTRY)
def test_check_never_raises_on_junk(name):
    module = MODULES[name]
    rng = random.Random(20240501)
    names = [spec["name"] for spec in module.INPUTS] + ["unknown"]
    for _ in range(3000):
        data = {key: rng.choice(JUNK) for key in names if rng.random() < 0.7}
        assert_contract(module.check(data), module.OUTPUTS)
    for junk in JUNK + [[{"name": junk, "yes": junk, "amount": junk, "counts": junk}] for junk in JUNK[:20]]:
        for key in names:
            assert_contract(module.check({key: junk}), module.OUTPUTS)
    for data in (None, [], "x", 5):
        assert module.check(data)["verdict"] == "invalid"


# Values that once gave the internal-error result (an empty field); by declared input type.
HOSTILE = {
    "integer": ["1,0", "1,0000", ",5", "9" * 64],
    "money": ["1" * 27, "9" * 64, "1" * 30 + ".5", "1,0"],
    "date": [datetime.datetime(2024, 3, 1, 10, 30), "2024-03-01T10:30"],
    "rows": ["[" * 1000 + "]" * 1000, "[" * 100000],
}


@pytest.mark.parametrize("name", checkers.REGISTRY)
def test_hostile_values_are_a_message_on_their_field(name):
    """Every checker, every declared input of a type in HOSTILE (and every such column of a
    ``rows`` input): the value is refused with a message on that field, never the internal
    error (whose field is empty). Planted defect: drop the RecursionError catch in
    ``_inputs.parse_rows`` and the rows case fails."""
    module = MODULES[name]
    for spec in module.INPUTS:
        cases = [(value, spec["name"]) for value in HOSTILE.get(spec["type"], [])]
        for column in spec.get("columns", []):
            for value in HOSTILE.get(column["type"], []):
                cases.append(([{c["name"]: "1" for c in spec["columns"]} | {column["name"]: value}], spec["name"]))
        for value, field in cases:
            result = module.check({spec["name"]: value})
            fields = [error["field"] for error in result["errors"]]
            assert result["verdict"] == "invalid" and "" not in fields and field in fields, (
                spec["name"],
                value,
                result,
            )


# ---- one data file, two views -------------------------------------------------------------


def test_changing_a_band_changes_the_calculator_and_the_table(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "checkers" / "rules", tmp_path / "rules")
    data = {"category": "salaried", "income": "5100", "date": "2024-01-01"}
    assert dues.check(data)["monthly"] == "76.50"
    before = rules_tables.dues_table_markdown()
    assert "| 5000元以上至10000元（含10000元） | 1.5% |" in before

    path = tmp_path / "rules" / "dues.toml"
    text = path.read_text("utf-8")
    old = "{ up_to = 10000, percent = 1.5 },"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "{ up_to = 10000, percent = 1.6 },"), "utf-8")
    monkeypatch.setenv(_rules.ENV_DIR, str(tmp_path / "rules"))

    result = dues.check(data)
    assert (result["monthly"], result["rate"]) == ("81.60", "1.6%")
    after = rules_tables.dues_table_markdown()
    assert "| 5000元以上至10000元（含10000元） | 1.6% |" in after
    assert "| 5000元以上至10000元（含10000元） | 1.5% |" not in after


def test_where_sources_disagree_the_page_says_so(tmp_path, monkeypatch):
    """Every ``note`` of the dues data is on the dues page, once, naming the entries it belongs to.

    Seen to fail with the notes not rendered, and with a new note on a rule the page shows."""
    rules = _rules.load(dues.RULES)
    notes = {v["note"] for t in _rules.parameters(rules).values() for v in t["values"] if v.get("note")}
    assert any("中组电明字〔2017〕5号" in n and "组电明字〔2017〕5号" in n for n in notes), notes
    table = rules_tables.dues_table_markdown()
    assert "**来源说法不一之处**" in table
    for note in notes:
        assert table.count(note) == 1, note
    assert "- 离退休干部、职工（2017年1月1日起）；交纳党费确有困难：2017年通知的文号" in table

    shutil.copytree(ROOT / "checkers" / "rules", tmp_path / "rules")
    path = tmp_path / "rules" / "dues.toml"
    text = path.read_text("utf-8")
    old = '  article = "第十三条"\n'
    assert text.count(old) == 1
    path.write_text(text.replace(old, old + '  note = "甲资料说六个月，乙资料说半年。"\n'), "utf-8")
    monkeypatch.setenv(_rules.ENV_DIR, str(tmp_path / "rules"))
    assert "- 连续不交纳党费：甲资料说六个月，乙资料说半年。" in rules_tables.dues_table_markdown()


def test_tables_cite_dates_and_articles():
    table = rules_tables.dues_table_markdown(on=datetime.date(2024, 1, 1))
    for text in (
        "2008年4月1日起",
        "1998年1月1日至2008年3月31日",
        "第二条",
        "第五条",
        "第六条",
        "四舍五入到分",
        "本站设定",
        "0.20元至1.00元",
    ):
        assert text in table, text
    rules = rules_tables.election_rules_markdown(on=datetime.date(2024, 1, 1))
    for text in (
        "2020年7月13日起",
        "1990年6月27日至2020年7月12日",
        "不少于应到会人数的五分之四",
        "超过应到会人数的五分之四",
        "条款未核实",
        "第十二条",
    ):
        assert text in rules, text
    # before 2020 the page shows only the rules then in force
    assert "2020年7月13日起" not in rules_tables.election_rules_markdown(on=datetime.date(2019, 1, 1))
