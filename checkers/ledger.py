"""组织生活台账检查 — were the meetings of a period held as often as the rules say, and with quorum.

The secretary enters the dates on which each kind of meeting was held (``meetings`` rows: kind,
date, and 应到 / 实到 where the rules care). How often each kind is due comes from the
``frequency_*`` tables of ``checkers/rules/meeting.toml`` (``times`` per ``per``; a "一般" count
missed is a warning, a binding one a failure, through ``_rules.breach_level``); the quorum of a
支部党员大会 and of a 支委会 from its ``general_quorum`` / ``committee_quorum``.

The period is a year, one quarter of it, or the year so far (to ``as_of``, default today). A month,
quarter or year is judged when it has ended by ``as_of`` and lies inside the period; the month,
quarter or year under way is "due next" (an info finding with its last day). A date after
``as_of``, an impossible date, or a date outside the period is a message on the rows, never a
wrong answer.

Computed values: ``missing`` (how many due months / quarters / years had no meeting of a kind),
``no_quorum`` (how many meetings were held without quorum), ``held`` (meetings counted).
"""

import datetime
from typing import Any, TypedDict

from checkers import _dates, _inputs, _rules
from checkers._types import FieldError, Finding, InputSpec, Result

TITLE = "组织生活台账检查"
FLOW = "venues-records"
RULES = "meeting"
VERDICT_LABELS = {"pass": "台账齐全"}

_COUNT_MAX = 10000  # form sanity bound (not a rule)
_ROWS_MAX = 400  # form sanity bound (not a rule)
_MONTHS_IN_YEAR = 12  # calendar fact (not a rule)
_QUARTER_MONTHS = 3  # calendar fact (not a rule)
_QUARTERS = {"q1": 1, "q2": 2, "q3": 3, "q4": 4}  # the choice's quarters
_QUARTER_TEXT = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}

# Each kind: its label, its frequency table, its quorum table (or None), its flow step in the rules.
_KINDS: dict[str, tuple[str, str, str | None]] = {
    "general": ("支部党员大会", "frequency_general_meeting", "general_quorum"),
    "committee": ("支部委员会会议", "frequency_committee_meeting", "committee_quorum"),
    "group": ("党小组会", "frequency_group_meeting", None),
    "theme_day": ("主题党日", "frequency_theme_day", None),
    "lecture": ("党课", "frequency_party_lecture", None),
    "organisational_life": ("组织生活会", "frequency_organisational_life", None),
    "appraisal": ("民主评议党员", "frequency_appraisal", None),
    "heart_talks": ("谈心谈话", "frequency_heart_talks", None),
}

INPUTS: list[InputSpec] = [
    {
        "name": "year",
        "label": "检查年度",
        "type": "integer",
        "required": True,
        "min": _inputs.EARLIEST_YEAR,
        "max": _inputs.LATEST_YEAR,
        "help": "如 2026。",
    },
    {
        "name": "period",
        "label": "检查的时间段",
        "type": "choice",
        "default": "to_date",
        "options": [
            {"value": "to_date", "label": "本年截至检查日期"},
            {"value": "year", "label": "全年"},
            {"value": "q1", "label": "第一季度"},
            {"value": "q2", "label": "第二季度"},
            {"value": "q3", "label": "第三季度"},
            {"value": "q4", "label": "第四季度"},
        ],
    },
    {
        "name": "groups",
        "label": "党小组个数",
        "type": "integer",
        "min": 0,
        "max": _COUNT_MAX,
        "default": "0",
        "help": "没有划分党小组的填0，不检查党小组会。有党小组的，每月至少记一次党小组会（各小组分别核对）。",
    },
    {
        "name": "meetings",
        "label": "召开过的会议和活动",
        "type": "rows",
        "help": "每次一行：种类和日期；支部党员大会、支委会填应到、实到人数，可检查到会人数；备注可写改期等原因。",
        "columns": [
            {
                "name": "kind",
                "label": "种类",
                "type": "choice",
                "required": True,
                "options": [{"value": key, "label": label} for key, (label, _, _) in _KINDS.items()],
            },
            {"name": "held_on", "label": "日期", "type": "date", "required": True},
            {"name": "expected", "label": "应到", "type": "integer", "min": 0, "max": _COUNT_MAX},
            {"name": "present", "label": "实到", "type": "integer", "min": 0, "max": _COUNT_MAX},
            # Kept with the row in a saved ledger (e.g. why a meeting was moved); the check does not read it.
            {"name": "note", "label": "备注", "type": "text"},
        ],
    },
    {"name": "as_of", "label": "检查日期", "type": "date", "help": "按这一天判断哪些月份、季度已经过去；不填为今天。"},
]

OUTPUTS = ["missing", "no_quorum", "held"]


class LedgerValues(TypedDict, total=False):
    missing: int | None
    no_quorum: int | None
    held: int | None


class LedgerResult(Result, LedgerValues, total=False):
    """The result of ``check()``: the contract's keys and this checker's own values."""


def check(data: object) -> LedgerResult:
    """The ledger of one period; never raises on user input."""
    result: LedgerResult = _inputs.run(_check, data, OUTPUTS)
    return result


def _range(year: int, period: str, on: datetime.date) -> tuple[datetime.date, datetime.date, str]:
    """The period's first and last day and its name."""
    if period in _QUARTERS:
        quarter = _QUARTERS[period]
        first = datetime.date(year, (quarter - 1) * _QUARTER_MONTHS + 1, 1)
        last = _dates.add_days(_dates.add_months(first, _QUARTER_MONTHS), -1)
        return first, last, "%d年%s" % (year, _QUARTER_TEXT[quarter])
    first = datetime.date(year, 1, 1)
    last = datetime.date(year + 1, 1, 1) - datetime.timedelta(days=1)
    if period == "to_date":
        return first, min(last, on), "%d年1月1日至%s" % (year, _dates.text(min(last, on)))
    return first, last, "%d年全年" % year


def _units(per: str, year: int) -> list[tuple[datetime.date, datetime.date, str]]:
    """The months, quarters or the year of ``year``: (first day, last day, name)."""
    step = {"month": 1, "quarter": _QUARTER_MONTHS, "year": _MONTHS_IN_YEAR}[per]
    out = []
    for month in range(1, _MONTHS_IN_YEAR + 1, step):
        first = datetime.date(year, month, 1)
        last = _dates.add_days(_dates.add_months(first, step), -1)
        name = {
            "month": "%d月" % month,
            "quarter": _QUARTER_TEXT.get(month // _QUARTER_MONTHS + 1, ""),
            "year": "%d年" % year,
        }[per]
        out.append((first, last, name))
    return out


def _errors(values: dict[str, Any], rows: list[dict[str, Any]], rules: _rules.Rules) -> list[FieldError]:
    errors = _inputs.year_errors(values, INPUTS)
    year, on = values["year"], values.get("as_of") or _rules.today()
    # Policy "refuse": before the 条例 the site holds no frequency rule to check against.
    found = _rules.lookup(rules["frequency_general_meeting"], datetime.date(year, 1, 1), before_first="refuse")
    if found.value is None:
        errors.append(
            _inputs.field_error(
                "year",
                "本站收录的会议次数规定从%s起施行，请填%d年或以后的年度"
                % (_dates.text(found.first), found.first.year + 1),
            )
        )
        return errors
    first, last, name = _range(year, values.get("period") or "to_date", on)
    if on < datetime.date(year, 1, 1):
        errors.append(_inputs.field_error("as_of", "检查日期（%s）在检查年度开始之前，请核对" % _dates.text(on)))
        return errors
    if len(rows) > _ROWS_MAX:
        errors.append(_inputs.field_error("meetings", "最多填%d行" % _ROWS_MAX))
    for number, row in enumerate(rows, start=1):
        day, where = row["held_on"], "第 %d 行" % number
        if day > on:
            errors.append(
                _inputs.field_error(
                    "meetings",
                    "%s：日期（%s）在检查日期（%s）之后，还没有到，请核对" % (where, _dates.text(day), _dates.text(on)),
                )
            )
        elif not first <= day <= last:
            errors.append(
                _inputs.field_error(
                    "meetings",
                    "%s：日期（%s）不在检查的时间段（%s）内，请删去这一行或改选时间段"
                    % (where, _dates.text(day), name),
                )
            )
        expected, present = row.get("expected"), row.get("present")
        if (expected is None) != (present is None):
            errors.append(_inputs.field_error("meetings", "%s：应到和实到要一起填（或都不填）" % where))
        elif expected is not None and present is not None and present > expected:
            errors.append(
                _inputs.field_error("meetings", "%s：实到（%d）多于应到（%d），请核对" % (where, present, expected))
            )
    return errors


def _quorate(value: _rules.Value, expected: int, present: int) -> bool:
    left, right = present * int(value["denominator"]), expected * int(value["numerator"])
    return left > right if value.get("strict") else left >= right


def _check(data: object) -> LedgerResult:
    values, errors = _inputs.read_inputs(data, INPUTS)
    rules = _rules.load(RULES)
    spec = next(item for item in INPUTS if item["name"] == "meetings")
    rows, row_errors = _inputs.read_rows(values.get("meetings"), spec)
    errors += row_errors
    if not errors:
        errors = _errors(values, rows, rules)
    if errors:
        refused: LedgerResult = _inputs.invalid(errors, OUTPUTS)
        return refused

    year: int = values["year"]
    on: datetime.date = values.get("as_of") or _rules.today()
    first, last, period_name = _range(year, values.get("period") or "to_date", on)
    if not rows:
        # An empty ledger is not a year of missed meetings: nothing entered is nothing checked.
        empty = _inputs.finding(
            "warn",
            "召开过的会议和活动：未填写，未检查。请把%s召开过的各项会议逐行填上（种类和日期）。" % period_name,
            _inputs.rule_ref(FLOW, "records-org-life"),
        )
        blank: LedgerResult = {
            "verdict": "warn",
            "summary": "还没有填写台账，未检查。",
            "findings": [empty],
            "errors": [],
        }
        nothing: LedgerValues = {"missing": 0, "no_quorum": 0, "held": 0}
        return {**blank, **nothing}
    groups = int(values.get("groups") or 0)
    findings: list[Finding] = []
    missing = no_quorum = 0

    for kind, (label, table_key, quorum_key) in _KINDS.items():
        if kind == "group" and not groups:
            continue
        # Policy "fault": the year was refused above when it starts before the 条例.
        found = _rules.lookup(rules[table_key], first, before_first="fault")
        value, rule = found.value, found.rule
        days = sorted(row["held_on"] for row in rows if row["kind"] == kind)
        if value.get("no_frequency"):
            findings.append(
                _inputs.finding(
                    "info",
                    "%s：%s召开%d次。条例没有规定党支部的次数，按上级党组织的规定核对。"
                    % (label, period_name, len(days)),
                    rule,
                )
            )
            continue
        gaps, held_units, due = [], [], None
        for unit_first, unit_last, unit_name in _units(str(value["per"]), year):
            if unit_first < first or unit_last > last:
                if unit_first <= on <= unit_last and first <= on <= last and due is None:
                    due = (unit_first, unit_last, unit_name)
                continue
            count = sum(1 for day in days if unit_first <= day <= unit_last)
            if unit_last > on:
                if unit_first <= on and due is None:
                    due = (unit_first, unit_last, unit_name)
                continue
            if count < int(value["times"]):
                gaps.append(unit_name)
            else:
                held_units.append(unit_name)
        per_text = {"month": "每月", "quarter": "每季度", "year": "每年"}[str(value["per"])]
        if gaps:
            missing += len(gaps)
            findings.append(
                _inputs.finding(
                    _rules.breach_level(value, "times"),
                    "%s没有召开%s（%s%s%d次）。"
                    % (
                        "、".join(gaps),
                        label,
                        "一般" if _rules.is_general(value, "times") else "",
                        per_text,
                        int(value["times"]),
                    ),
                    rule,
                    "补开并如实记录；确因特殊情况未开的，在台账中写明原因",
                )
            )
        elif held_units:
            where = "" if value["per"] == "year" else "、".join(held_units) + ("都" if len(held_units) > 1 else "")
            findings.append(_inputs.finding("pass", "%s：%s已召开（共%d次）。" % (label, where, len(days)), rule))
        if due is not None:
            due_first, due_last, due_name = due
            count = sum(1 for day in days if due_first <= day <= due_last)
            if count < int(value["times"]):
                findings.append(
                    _inputs.finding(
                        "info", "%s：%s还没有召开，应在%s前召开。" % (label, due_name, _dates.text(due_last)), rule
                    )
                )
            elif not gaps and not held_units:
                findings.append(_inputs.finding("pass", "%s：%s已召开（共%d次）。" % (label, due_name, count), rule))
        if quorum_key:
            quorum = _rules.lookup(rules[quorum_key], first, before_first="fault")
            for row in rows:
                if row["kind"] != kind or row.get("expected") is None:
                    continue
                if not _quorate(quorum.value, int(row["expected"]), int(row["present"])):
                    no_quorum += 1
                    findings.append(
                        _inputs.finding(
                            "fail",
                            "%s的%s应到%d人、实到%d人，没有达到半数以上，不能进行表决。"
                            % (_dates.text(row["held_on"]), label, int(row["expected"]), int(row["present"])),
                            quorum.rule,
                            "到会人数不足时不作决定，另行召开",
                        )
                    )
    verdict = _inputs.verdict_of(findings, [])
    problems = (["%d处缺开" % missing] if missing else []) + (["%d次到会人数不足" % no_quorum] if no_quorum else [])
    if problems:
        summary = "%s的台账：有%s。" % (period_name, "、".join(problems))
    else:
        summary = "%s的台账：到期的各项会议都按规定召开了。" % period_name
    result: LedgerResult = {"verdict": verdict, "summary": summary, "findings": findings, "errors": []}
    out: LedgerValues = {"missing": missing, "no_quorum": no_quorum, "held": len(rows)}
    return {**result, **out}
