"""年度组织生活计划 — a branch's year of meetings, month by month, from the rule data.

How often each meeting is held comes from the ``frequency_*`` tables of
``checkers/rules/meeting.toml`` (支部工作条例 第十一条至第十九条), the term of the 支部委员会 from
``checkers/rules/reelection.toml``, and in which month an activity goes, where the regulation
leaves it open, from ``checkers/rules/planner.toml`` (each month with its source: a regulation,
usual practice with its reference, or the site's suggestion, shown as 建议).

Computed values (besides ``verdict``, ``summary``, ``findings``, ``errors``):

- ``plan``: the month-by-month table, ``{"caption", "columns", "rows", "notes"}``; each row is a
  month (``label``) with one list of items per column; an item is ``{"text", "when", "date",
  "flow", "node", "basis", "suggested"}`` (``date`` YYYY-MM-DD when the day is fixed, else None;
  ``suggested`` when the rule gives only a frequency and the month is a suggestion);
- ``term_ends``: the day the 支部委员会's term ends (YYYY-MM-DD), when the last election is given
  and the rule of its day fixed the term; otherwise None;
- ``ics``: the plan as an iCalendar file with recurring events (RRULE) and reminders (VALARM)
  ``alarm_days`` before each; DTSTAMP is the first day of the planned year, so the same inputs
  give the same file; ``share_text``: the plan as text to copy; ``calendar`` is empty (the table
  shows the dates).
"""

import calendar
import datetime
import json
from typing import Any, TypedDict

from checkers import _agenda, _dates, _ical, _inputs, _rules
from checkers import reelection as _reelection
from checkers._types import CalendarEntry, FieldError, Finding, InputSpec, Result, RuleRef

TITLE = "年度组织生活计划"
FLOW = "theme-party-day"
RULES = "planner"
VERDICT_LABELS = {"pass": "计划已生成", "warn": "计划已生成，请注意提示"}
SUBMIT_LABEL = "生成"

_MONTHS_IN_YEAR = 12  # calendar fact (not a rule)
_PERIOD_MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}  # calendar facts (not rules)
_GROUPS_MAX = 100  # form sanity bound (not a rule)
_ALARM_MAX = 14  # form sanity bound (not a rule): the .ics reminder, days ahead
_ALARM_DEFAULT = 3  # form default (not a rule)
_DUES_DEFAULT = 5  # form default (not a rule): the day of the month dues are collected
_DAY_MAX = 31  # calendar fact: the largest day of a month
_NTH = {"1": 1, "2": 2, "3": 3, "4": 4, "last": -1}  # the n-th weekday of a month (-1: the last)
_NTH_TEXT = {"1": "第一个", "2": "第二个", "3": "第三个", "4": "第四个", "last": "最后一个"}
_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]  # datetime.weekday() order
_WEEKDAY_TEXT = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
_ICAL_DAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_VILLAGE_UNITS = ("village", "community")  # 村、社区: the 5-year term (reelection rules)

INPUTS: list[InputSpec] = [
    {
        "name": "year",
        "label": "计划年度",
        "type": "integer",
        "required": True,
        "min": _inputs.EARLIEST_YEAR,
        "max": _inputs.LATEST_YEAR,
        "help": "如 2027。",
    },
    {
        "name": "unit",
        "label": "单位类型",
        "type": "choice",
        "default": "organ",
        "options": [
            {"value": "organ", "label": "机关"},
            {"value": "enterprise", "label": "企事业单位"},
            {"value": "village", "label": "村"},
            {"value": "community", "label": "社区"},
            {"value": "school", "label": "学校"},
            {"value": "other", "label": "其他"},
        ],
        "help": "村、社区党支部委员会每届任期5年，其他党支部一般3年；会议次数各类单位相同。",
    },
    {
        "name": "groups",
        "label": "党小组个数",
        "type": "integer",
        "min": 0,
        "max": _GROUPS_MAX,
        "default": "0",
        "help": "没有划分党小组的填0，计划中不列党小组会。",
    },
    {
        "name": "theme_mode",
        "label": "主题党日的固定日",
        "type": "choice",
        "default": "weekday",
        "options": [
            {"value": "weekday", "label": "每月第几个星期几"},
            {"value": "monthday", "label": "每月几号"},
        ],
    },
    {
        "name": "theme_nth",
        "label": "主题党日：第几个",
        "type": "choice",
        "default": "2",
        "options": [{"value": key, "label": text} for key, text in _NTH_TEXT.items()],
        "help": "选“每月第几个星期几”时填，如每月第二个周五。",
    },
    {
        "name": "theme_weekday",
        "label": "主题党日：星期几",
        "type": "choice",
        "default": "fri",
        "options": [{"value": key, "label": text} for key, text in zip(_WEEKDAYS, _WEEKDAY_TEXT, strict=True)],
    },
    {
        "name": "theme_day",
        "label": "主题党日：每月几号",
        "type": "integer",
        "min": 1,
        "max": _DAY_MAX,
        "help": "选“每月几号”时填；小月没有这一天的，放在月末。",
    },
    {
        "name": "dues_day",
        "label": "每月收缴党费的日期（几号）",
        "type": "integer",
        "min": 1,
        "max": _DAY_MAX,
        "default": str(_DUES_DEFAULT),
        "help": "小月没有这一天的，放在月末。",
    },
    {
        "name": "lecture",
        "label": "党课的次数（按上级党组织的规定）",
        "type": "choice",
        "default": "quarter",
        "options": [
            {"value": "quarter", "label": "每季度1次"},
            {"value": "half_year", "label": "每半年1次"},
            {"value": "year", "label": "每年1次"},
            {"value": "month", "label": "每月1次"},
            {"value": "none", "label": "上级未规定，不列入"},
        ],
        "help": "支部工作条例没有规定党支部讲党课的次数，由上级党组织规定。",
    },
    {
        "name": "elected_on",
        "label": "上次换届选举的日期",
        "type": "date",
        "help": "本届支部委员会选举产生的日期；填了就按换届的规则算出任期届满日。",
    },
    {
        "name": "alarm_days",
        "label": "日历提前几天提醒",
        "type": "integer",
        "min": 0,
        "max": _ALARM_MAX,
        "default": str(_ALARM_DEFAULT),
        "help": "下载的日历文件中，每项活动提前几天提醒。",
    },
]

OUTPUTS = ["plan", "term_ends", "calendar", "ics", "share_text"]


class PlanItem(TypedDict):
    """One activity in one month of the plan."""

    text: str
    when: str  # 中文: "1月9日（第二个周五）", "本月内"
    date: str | None
    flow: str
    node: str
    basis: str  # regulation and article
    suggested: bool


class PlanRow(TypedDict):
    label: str  # "1月"
    cells: list[list[PlanItem]]


class Plan(TypedDict):
    caption: str
    columns: list[str]
    rows: list[PlanRow]
    notes: list[str]


class PlannerValues(TypedDict, total=False):
    plan: Plan | None
    term_ends: str | None


class PlannerResult(Result, PlannerValues, total=False):
    """The result of ``check()``: the contract's keys and this checker's own values."""


COLUMNS = ["支部党员大会", "支委会", "党小组会", "主题党日", "党课", "收缴党费", "年度工作"]
_GENERAL, _COMMITTEE, _GROUP, _THEME, _LECTURE, _DUES, _YEARLY = range(len(COLUMNS))


def check(data: object) -> PlannerResult:
    """The plan of one branch's year; never raises on user input."""
    result: PlannerResult = _inputs.run(_check, data, OUTPUTS)
    return result


class _Activity:
    """What the plan needs of one rule: its table, the value in force and the citation."""

    def __init__(self, table: _rules.Table, value: _rules.Value) -> None:
        self.table, self.value = table, value
        self.rule: RuleRef = _rules.ref(table, value)
        self.basis = _rules.cite(value)


def _applied(table: _rules.Table, on: datetime.date) -> _Activity:
    # Policy "fault": the year was refused above when it starts before the frequency rules; the
    # placement and dues rules start no later than those.
    return _Activity(table, _rules.lookup(table, on, before_first="fault").value)


def _errors(values: dict[str, Any], meeting: _rules.Rules, reelection: _rules.Rules) -> list[FieldError]:
    errors: list[FieldError] = _inputs.year_errors(values, INPUTS)
    year = values["year"]
    # Policy "refuse" on the first day of the year: the whole plan rests on the frequency rules.
    first = _rules.lookup(meeting["frequency_general_meeting"], datetime.date(year, 1, 1), before_first="refuse")
    if first.value is None:
        errors.append(
            _inputs.field_error(
                "year",
                "本站收录的会议次数规定（支部工作条例）从%s起施行，请填%d年或以后的年度"
                % (_dates.text(first.first), first.first.year + 1),
            )
        )
    mode = values.get("theme_mode") or "weekday"
    if mode == "monthday" and values.get("theme_day") is None:
        errors.append(_inputs.field_error("theme_day", "选了“每月几号”开展主题党日，请填几号（1至31）"))
    elected = values.get("elected_on")
    if elected is not None:
        if elected.year > year:
            errors.append(
                _inputs.field_error("elected_on", "上次换届的日期（%s）晚于计划年度，请核对" % _dates.text(elected))
            )
        unknown = _reelection.unknown_term_error(reelection, elected)
        if unknown is not None:
            errors.append(unknown)
    return errors


def _month_day(year: int, month: int, day: int) -> datetime.date:
    """``day`` of the month, or the month's last day when the month is shorter."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _nth_weekday(year: int, month: int, nth: int, weekday: int) -> datetime.date:
    days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday]]
    return datetime.date(year, month, days[nth - 1] if nth > 0 else days[nth])


def _monthday_rule(day: int, year: int) -> str:
    """BYMONTHDAY for ``day``, clamped to the month's end like ``_month_day`` (RFC 5545 §3.3.10:
    a BYMONTHDAY a month lacks is skipped, so a late day takes the last of the days up to it)."""
    shortest = min(calendar.monthrange(year, month)[1] for month in range(1, _MONTHS_IN_YEAR + 1))
    if day <= shortest:
        return "BYMONTHDAY=%d" % day
    return "BYMONTHDAY=%s;BYSETPOS=-1" % ",".join(str(d) for d in range(shortest, day + 1))


def _item(activity: _Activity, text: str, when: str, day: datetime.date | None, suggested: bool) -> PlanItem:
    return {
        "text": text,
        "when": when,
        "date": day.isoformat() if day else None,
        "flow": str(activity.table["flow"]),
        "node": str(activity.table["node"]),
        "basis": activity.basis,
        "suggested": suggested,
    }


def _frequency_text(value: _rules.Value) -> str:
    per = {"month": "每月", "quarter": "每季度", "year": "每年"}[str(value["per"])]
    floor = "至少" if value.get("at_least") else ""
    general = "一般" if _rules.is_general(value, "times") else ""
    return "%s%s%s%d次" % (general, per, floor, int(value["times"]))


class _Builder:
    """Collects the plan's cells, its .ics events and its findings."""

    def __init__(self, year: int, alarm_days: int) -> None:
        self.year, self.alarm_days = year, alarm_days
        self.cells: list[list[list[PlanItem]]] = [[[] for _ in COLUMNS] for _ in range(_MONTHS_IN_YEAR)]
        self.events: list[CalendarEntry] = []
        self.findings: list[Finding] = []

    def add(self, column: int, month: int, item: PlanItem) -> None:
        self.cells[month - 1][column].append(item)

    def event(self, day: datetime.date, title: str, activity: _Activity, rrule: str | None = None) -> None:
        description = "%s\n依据：%s\n%s" % (title, activity.basis, str(activity.value["text"]))
        entry: CalendarEntry = {"date": day.isoformat(), "title": title, "description": description}
        if rrule:
            entry["rrule"] = rrule
        entry["alarm_days"] = self.alarm_days
        self.events.append(entry)

    def info(self, message: str, activity: _Activity, level: str = "info", fix: str | None = None) -> None:
        self.findings.append(_inputs.finding(level, message, activity.rule, fix))


def _monthly(b: _Builder, column: int, activity: _Activity, text: str, label: str) -> None:
    """A meeting held every month with no fixed day: "本月内" in each month, one recurring event on
    each month's first day (a reminder that it is due this month)."""
    for month in range(1, _MONTHS_IN_YEAR + 1):
        b.add(column, month, _item(activity, text, "本月内", None, False))
    b.event(datetime.date(b.year, 1, 1), "本月召开" + label, activity, "FREQ=MONTHLY;COUNT=%d" % _MONTHS_IN_YEAR)
    b.info(
        "%s：%s（%s）。计划每月列一次，日期由支部确定。" % (label, _frequency_text(activity.value), activity.basis),
        activity,
    )


def _periodic(b: _Builder, column: int, activity: _Activity, place: _Activity, per: str, label: str) -> None:
    """A meeting held once per period: in the placement's month of each period, as a suggestion."""
    step = _PERIOD_MONTHS[per]
    offset = int(place.value["month_of_period"]) - 1
    months = list(range(1 + offset, _MONTHS_IN_YEAR + 1, step))
    for month in months:
        b.add(column, month, _item(activity, label, "本月内", None, bool(place.value.get("suggested"))))
    rule = "FREQ=MONTHLY;INTERVAL=%d;COUNT=%d" % (step, len(months)) if len(months) > 1 else None
    b.event(datetime.date(b.year, months[0], 1), "本月召开%s（建议月份）" % label, activity, rule)


def _yearly(b: _Builder, column: int, activity: _Activity, place: _Activity, label: str) -> None:
    for month in place.value["months"]:
        b.add(column, int(month), _item(place, label, "本月内", None, bool(place.value.get("suggested"))))
        b.event(datetime.date(b.year, int(month), 1), "本月%s（建议月份）" % label, place)
    months = "、".join("%d月" % int(month) for month in place.value["months"])
    frequency = "" if activity.value.get("no_frequency") else _frequency_text(activity.value)
    b.info(
        "%s：%s（%s）。计划放在%s（建议）：%s。" % (label, frequency, activity.basis, months, place.value["reason"]),
        place,
    )


def _check(data: object) -> PlannerResult:
    values, errors = _inputs.read_inputs(data, INPUTS)
    meeting, reelection, placing = _rules.load("meeting"), _rules.load("reelection"), _rules.load(RULES)
    if not errors:
        errors = _errors(values, meeting, reelection)
    if errors:
        refused: PlannerResult = _inputs.invalid(errors, OUTPUTS)
        return refused

    year: int = values["year"]
    start = datetime.date(year, 1, 1)
    alarm = values.get("alarm_days")
    b = _Builder(year, _ALARM_DEFAULT if alarm is None else int(alarm))

    def rule(rules: _rules.Rules, key: str) -> _Activity:
        return _applied(rules[key], start)

    # 支部党员大会: a quarter each (第十一条); the month within the quarter is a suggestion.
    general = rule(meeting, "frequency_general_meeting")
    place_general = rule(placing, "place_general_meeting")
    _periodic(b, _GENERAL, general, place_general, str(general.value["per"]), "支部党员大会")
    b.info(
        "支部党员大会：%s（%s）。计划放在每季度第%d个月（建议）：%s。"
        % (
            _frequency_text(general.value),
            general.basis,
            int(place_general.value["month_of_period"]),
            place_general.value["reason"],
        ),
        general,
    )
    _monthly(b, _COMMITTEE, rule(meeting, "frequency_committee_meeting"), "支委会", "支部委员会会议")
    groups = int(values.get("groups") or 0)
    if groups:
        _monthly(b, _GROUP, rule(meeting, "frequency_group_meeting"), "党小组会", "党小组会")

    # 主题党日: the branch's fixed day each month (第十六条).
    theme = rule(meeting, "frequency_theme_day")
    if (values.get("theme_mode") or "weekday") == "monthday":
        day = int(values["theme_day"])
        dates = [_month_day(year, month, day) for month in range(1, _MONTHS_IN_YEAR + 1)]
        fixed = "每月%d日" % day
        rrule = "FREQ=MONTHLY;%s;COUNT=%d" % (_monthday_rule(day, year), _MONTHS_IN_YEAR)
    else:
        nth_key, weekday_key = values.get("theme_nth") or "2", values.get("theme_weekday") or "fri"
        weekday = _WEEKDAYS.index(weekday_key)
        dates = [_nth_weekday(year, month, _NTH[nth_key], weekday) for month in range(1, _MONTHS_IN_YEAR + 1)]
        fixed = "每月%s%s" % (_NTH_TEXT[nth_key], _WEEKDAY_TEXT[weekday])
        rrule = "FREQ=MONTHLY;BYDAY=%d%s;COUNT=%d" % (_NTH[nth_key], _ICAL_DAY[weekday], _MONTHS_IN_YEAR)
    for day_ in dates:
        b.add(_THEME, day_.month, _item(theme, "主题党日", "%d月%d日" % (day_.month, day_.day), day_, False))
    b.event(dates[0], "主题党日（%s）" % fixed, theme, rrule)
    b.info("主题党日：每月相对固定1天开展（%s）；本支部定为%s。" % (theme.basis, fixed), theme)

    # 党课: the frequency the superior sets (the 条例 sets none for a branch).
    lecture = rule(meeting, "frequency_party_lecture")
    per = values.get("lecture") or "quarter"
    if per == "none":
        b.info("党课：%s 计划中没有列入，请按上级党组织的安排。" % str(lecture.value["text"]), lecture)
    else:
        place_lecture = rule(placing, "place_party_lecture")
        _periodic(b, _LECTURE, lecture, place_lecture, per, "党课")
        b.info("党课（%s）：%s。" % (lecture.basis, place_lecture.value["reason"]), lecture)

    # 党费: every month on the branch's day.
    dues = rule(placing, "dues_monthly")
    dues_day = int(values.get("dues_day") or _DUES_DEFAULT)
    for month in range(1, _MONTHS_IN_YEAR + 1):
        day_ = _month_day(year, month, dues_day)
        b.add(_DUES, month, _item(dues, "收缴党费", "%d月%d日" % (month, day_.day), day_, False))
    b.event(
        _month_day(year, 1, dues_day),
        "收缴党费（每月%d日）" % dues_day,
        dues,
        "FREQ=MONTHLY;%s;COUNT=%d" % (_monthday_rule(dues_day, year), _MONTHS_IN_YEAR),
    )
    b.info("党费：按月交纳（%s）；本支部每月%d日收缴，小月没有这一天的放在月末。" % (dues.basis, dues_day), dues)

    # The yearly items: 谈心谈话 before the 组织生活会, then 组织生活会 and 民主评议 (suggested months).
    _yearly(b, _YEARLY, rule(meeting, "frequency_heart_talks"), rule(placing, "place_heart_talks"), "谈心谈话")
    _yearly(
        b,
        _YEARLY,
        rule(meeting, "frequency_organisational_life"),
        rule(placing, "place_organisational_life"),
        "组织生活会",
    )
    _yearly(b, _YEARLY, rule(meeting, "frequency_appraisal"), rule(placing, "place_appraisal"), "民主评议党员")

    term_ends = _term(b, values, reelection)

    plan: Plan = {
        "caption": "%d年度组织生活计划" % year,
        "columns": COLUMNS,
        "rows": [{"label": "%d月" % (index + 1), "cells": cells} for index, cells in enumerate(b.cells)],
        "notes": [
            "标“建议”的，是规定只给出次数（或季度）时本计划建议的月份，可按实际调整。",
            "每项注明依据的规定和条款，点击可查看怎样开好这项会议。",
            "“一般每月（季度）1次”的会议，根据需要可以随时增开。",
        ]
        + (["党小组会：%d个党小组各自召开。" % groups] if groups else []),
    }
    keyed = {key: (v.isoformat() if isinstance(v, datetime.date) else v) for key, v in sorted(values.items())}
    key = RULES + json.dumps(keyed, ensure_ascii=False, sort_keys=True, default=str)
    stamp = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    ics = _ical.calendar_text(b.events, stamp, plan["caption"], key)
    verdict = _inputs.verdict_of(b.findings, [])
    summary = "%d年共%d项活动，按月排在下表；标“建议”的月份可按实际调整。" % (
        year,
        sum(len(cell) for row in b.cells for cell in row),
    )
    if verdict == "warn":
        summary += "请看下面的提示。"
    result: PlannerResult = {"verdict": verdict, "summary": summary, "findings": b.findings, "errors": []}
    out: PlannerValues = {"plan": plan, "term_ends": term_ends}
    return {**result, **out, "calendar": [], "ics": ics, "share_text": _share_text(plan)}


def _term(b: _Builder, values: dict[str, Any], reelection: _rules.Rules) -> str | None:
    """The 换届 in the plan: the term's end (reelection rules) when it falls in or before the year."""
    elected: datetime.date | None = values.get("elected_on")
    if elected is None:
        return None
    found = _rules.lookup(reelection["term"], elected, before_first="fault")  # refused above
    term = _Activity(reelection["term"], found.value)
    if "years" not in term.value:  # the rule of the day gave a range: the superior chose the length
        low, high = int(term.value["min_years"]), int(term.value["max_years"])
        b.info(
            "本届支部委员会%s选举产生，当时的规定（%s）任期%d至%d年，具体年数由上级党组织确定，计划中没有列入换届。"
            % (_dates.text(elected), term.basis, low, high),
            term,
            "warn",
            "按上级党组织确定的任期年数算出届满日，列入计划",
        )
        return None
    village = (values.get("unit") or "organ") in _VILLAGE_UNITS
    years = int(term.value["village_years"] if village else term.value["years"])
    ends = _dates.add_years(elected, years)
    # Policy "earliest": the reminder step is held from 2018; earlier term ends use its earliest entry.
    reminder = _Activity(
        reelection["reminder"], _rules.lookup(reelection["reminder"], ends, before_first="earliest").value
    )
    remind_on = _dates.add_months(ends, -int(reminder.value["months"]))
    first_day = datetime.date(b.year, 1, 1)
    if ends < first_day:
        b.add(_YEARLY, 1, _item(term, "换届（任期已届满）", "尽快", None, False))
        b.info(
            "本届支部委员会任期%d年，已于%s届满，应尽快换届（%s）。" % (years, _dates.text(ends), term.basis),
            term,
            "warn",
            "向上级党委请示，尽快召开党员大会进行换届选举；已批准延期的，按批复的日期列入计划",
        )
    elif ends.year == b.year:
        b.add(_YEARLY, ends.month, _item(term, "任期届满，按期换届", "%d月%d日" % (ends.month, ends.day), ends, False))
        b.event(ends, "本届支部委员会任期届满，按期换届", term)
        b.info("本届支部委员会任期%d年，%s届满，本年要换届（%s）。" % (years, _dates.text(ends), term.basis), term)
    else:
        b.info("本届支部委员会任期%d年，%s届满，本年不换届（%s）。" % (years, _dates.text(ends), term.basis), term)
    if remind_on.year == b.year and ends >= first_day:
        b.add(
            _YEARLY,
            remind_on.month,
            _item(reminder, "做好换届准备", "%d月%d日前后" % (remind_on.month, remind_on.day), remind_on, False),
        )
        b.event(remind_on, "做好换届准备（任期届满前%d个月）" % int(reminder.value["months"]), reminder)
    return ends.isoformat()


def _share_text(plan: Plan) -> str:
    lines = [plan["caption"]]
    for row in plan["rows"]:
        parts = []
        for cell in row["cells"]:
            for item in cell:
                when = "（%s）" % item["when"] if item["date"] else ""
                parts.append(item["text"] + when + ("（建议）" if item["suggested"] else ""))
        lines.append("%s：%s" % (row["label"], "；".join(parts) if parts else "—"))
    bases: list[str] = []
    for row in plan["rows"]:
        for cell in row["cells"]:
            for item in cell:
                if item["basis"] not in bases:
                    bases.append(item["basis"])
    lines.append("依据：" + "；".join(bases))
    lines += plan["notes"]
    lines.append(_agenda.FOOTER)
    return "\n".join(lines)
