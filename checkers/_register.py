"""发展党员工作台账 — the register: every applicant of a branch checked at once.

``check(data)`` takes ``{"as_of": "YYYY-MM-DD" (default today), "people": [row, …]}``. A row is flat
(the same fields in the browser's store, the CSV file and here): ``id`` (any short text the page
keeps to tell rows apart), ``label`` (a name or a code the secretary chooses), the dates and counts
of the 发展党员 checker (``checkers.development.INPUTS`` except ``person`` and ``as_of``), one field
``m_<material>`` per material of the file (its date, or ``"有"`` for present without a date; empty:
not ticked), and ``reports`` (the dates of the 思想汇报, separated by ``;``).

Each row is checked by ``checkers.development.check`` with its dates, ``person`` = its label and
``as_of`` = the register's: ``people[i]["development"]`` is that result (without its .ics text and
text to copy), unchanged. On top of it, the register checks the file's materials (rules data:
``checkers/rules/register.toml``, one table a material, from the flow's steps and 细则第三十七条):
a material dated before a step it follows or after a step it precedes (政审 after the 支部大会, a
函调 after the 政审 conclusion) is a finding; so are 思想汇报 gaps much longer than a quarter and two
reports a few days apart. A material not ticked is never a failure (local lists differ): it is listed.

Computed values: ``people`` (one entry a row, in the rows' order), ``order`` (row indexes by
urgency: invalid rows, then failures, then overdue steps, then the nearest deadline; finished files
last), ``upcoming`` (the dates of the next ``HORIZON_DAYS`` days across everyone), ``materials``
(the material list: id, label, stage, whether 细则第三十七条 names it, its citation) and ``counts``;
``calendar``, ``ics`` and ``share_text`` for the upcoming dates.
"""

import datetime
from typing import Any, TypedDict

from checkers import _agenda, _dates, _inputs, _rules, development
from checkers._types import CalendarEntry, FieldError, Finding, Result, RuleRef

TITLE = "发展党员工作台账"
FLOW = development.FLOW
RULES = "register"

HORIZON_DAYS = 90  # how far ahead the list of coming dates looks (the page's choice, not a rule)
ROWS_MAX = 1000  # people in one register (form sanity bound, not a rule): a university's is ~200
_ALARM_DAYS = 7  # the .ics reminder, this many days ahead (a setting, not a rule)
_REPORTS_MAX = 200  # 思想汇报 dates in one row (form sanity bound, not a rule)
_LABEL_MAX = 40  # characters of a label (form sanity bound, not a rule)
_ROWS_MAX_LOOKUPS = 100000  # memoised rule lookups kept (a memory bound, not a rule)

_LOCAL_SOURCE = "流程图的步骤；各地材料清单不一"
PRESENT = "有"  # a material ticked as present without a date
REPORT_SEPARATORS = ";；,，、 \n"  # between the dates of the 思想汇报 (the CSV cell uses ";")
MATERIAL_PREFIX = "m_"
# The development checker's fields a row carries (not the person, which is the label, nor as_of,
# which is the register's).
DATE_FIELDS = [spec["name"] for spec in development.INPUTS if spec["name"] not in ("person", "as_of")]

OUTPUTS = ["people", "order", "upcoming", "materials", "counts", "calendar", "ics", "share_text"]

# Keys of the development result not kept for each person: its dates to come are in the register's
# ``upcoming``, .ics and text to copy (a register of hundreds would carry them all twice).
_DROPPED = ("calendar", "ics", "share_text")
# Urgency ranks, most urgent first (the table's order).
_RANK_INVALID, _RANK_FAIL, _RANK_OVERDUE, _RANK_WARN, _RANK_OPEN, _RANK_DONE = range(6)


class Material(TypedDict):
    """One material of the file as the register lists it."""

    id: str
    field: str
    label: str
    stage: int
    in_file: bool
    source: str
    rule: RuleRef


class MaterialState(TypedDict):
    """One material of one person: ticked or not, its date, and whether the file should have it by now."""

    id: str
    present: bool
    date: str | None
    expected: bool


class Person(TypedDict):
    """One row's answer."""

    row: int
    id: str
    label: str
    verdict: str
    summary: str
    stage: int | None
    complete: bool | None
    next_step: str | None
    next_earliest: str | None
    next_latest: str | None
    overdue: bool
    fails: int
    warns: int
    rank: int
    development: dict[str, Any]
    materials: list[MaterialState]
    missing: list[str]
    findings: list[Finding]
    errors: list[FieldError]


class Upcoming(TypedDict):
    """One coming date: whose, what, and the row it belongs to."""

    date: str
    row: int
    label: str
    title: str
    description: str


class RegisterResult(Result, total=False):
    """The result of ``check()``: the contract's keys and the register's own values (module docstring)."""

    people: list[Person] | None
    order: list[int] | None
    upcoming: list[Upcoming] | None
    materials: list[Material] | None
    counts: dict[str, int] | None


def check(data: object) -> RegisterResult:
    """The register's answer; never raises on user input."""
    result: RegisterResult = _inputs.run(_check, data, OUTPUTS)
    return result


def materials(on: datetime.date) -> list[Material]:
    """The materials of a file in the procedure's order, each with its rule in force on ``on``."""
    rules = _rules.load(RULES)
    out: list[Material] = []
    for key, table in _rules.parameters(rules).items():
        if not key.startswith("material_"):
            continue
        # Policy "earliest": the order of the steps is the same in the 1990 细则（试行）(status).
        found = _rules.lookup(table, on, before_first="earliest")
        value = found.value
        ident = key[len("material_") :]
        out.append(
            {
                "id": ident,
                "field": MATERIAL_PREFIX + ident,
                "label": str(value["label"]),
                "stage": int(value["stage"]),
                "in_file": bool(value["in_file"]),
                "source": "%s%s" % (value["regulation"], value["article"]) if value["in_file"] else _LOCAL_SOURCE,
                "rule": found.rule,
            }
        )
    return out


def fields() -> list[str]:
    """Every field of a row, in the CSV's column order."""
    return ["id", "label"] + DATE_FIELDS + [item["field"] for item in materials(_rules.today())] + ["reports"]


def split_reports(raw: object) -> tuple[list[datetime.date], str | None]:
    """The 思想汇报 dates of a cell (sorted), or a message naming the first one that is not a date."""
    if raw is None or raw == "":
        return [], None
    if isinstance(raw, list):
        parts = [str(item) for item in raw]
    elif isinstance(raw, str):
        text = raw
        for sep in REPORT_SEPARATORS[1:]:
            text = text.replace(sep, REPORT_SEPARATORS[0])
        parts = [part for part in text.split(REPORT_SEPARATORS[0]) if part.strip()]
    else:
        return [], "思想汇报的日期请写成“2024-03-01;2024-06-01”这样，用分号隔开"
    if len(parts) > _REPORTS_MAX:
        return [], "思想汇报的日期超过%d个，请核对" % _REPORTS_MAX
    days: list[datetime.date] = []
    for part in parts:
        day, error = _inputs.parse_date(part.strip())
        if error or day is None:
            return [], "思想汇报的日期“%s”：%s" % (part.strip(), error or "不是日期")
        days.append(day)
    return sorted(days), None


def _check(data: object) -> RegisterResult:
    if not isinstance(data, dict):
        return _refuse("people", "台账的内容不对：应是一组人员")
    on, error = _inputs.parse_date(data.get("as_of")) if data.get("as_of") not in (None, "") else (_rules.today(), None)
    if error or on is None:
        return _refuse("as_of", "检查日期：%s" % (error or "请填写日期"))
    rows = data.get("people")
    if rows is None:
        rows = []
    if not isinstance(rows, list):
        return _refuse("people", "台账的内容不对：应是一组人员")
    if len(rows) > ROWS_MAX:
        return _refuse("people", "台账有%d人，超过了本页的上限%d人；请分成几个台账" % (len(rows), ROWS_MAX))
    items = materials(on)
    calendars: list[list[CalendarEntry]] = []
    people = [_person(index, row, on, items, calendars) for index, row in enumerate(rows)]
    order = sorted(range(len(people)), key=lambda i: _urgency(people[i]))
    upcoming = _upcoming(people, rows, on, calendars)
    findings: list[Finding] = []
    for person in people:
        every: list[Finding] = list(person["development"]["findings"]) + person["findings"]
        for item in every:
            if item["level"] in ("fail", "warn"):
                text = "%s：%s" % (person["label"], item["message"])
                findings.append(_inputs.finding(item["level"], text, item["rule"], item.get("fix")))
    counts = {
        "people": len(people),
        "invalid": sum(1 for p in people if p["verdict"] == "invalid"),
        "fail": sum(1 for p in people if p["verdict"] == "fail"),
        "overdue": sum(1 for p in people if p["overdue"]),
        "complete": sum(1 for p in people if p["complete"]),
        "upcoming": len(upcoming),
    }
    calendar: list[CalendarEntry] = [
        {"date": item["date"], "title": "%s：%s" % (item["label"], item["title"]), "description": item["description"]}
        for item in upcoming
    ]
    # UIDs from the title and date only (inputs {}): importing the .ics again updates rather than duplicates.
    agenda = _agenda.agenda(RULES, "发展党员工作台账：今后%d天" % HORIZON_DAYS, [], calendar, on, {}, _ALARM_DAYS)
    # A row the checker could not read makes the register "warn", not "invalid": the others stand.
    verdict = _inputs.verdict_of(findings, [])
    if counts["invalid"] and verdict == "pass":
        verdict = "warn"
    values: dict[str, Any] = {
        "people": people,
        "order": order,
        "upcoming": upcoming,
        "materials": items,
        "counts": counts,
        **agenda,
    }
    result: RegisterResult = _inputs.result(verdict, _summary(counts), findings, [], values)
    return result


def _refuse(field: str, message: str) -> RegisterResult:
    refused: RegisterResult = _inputs.invalid([_inputs.field_error(field, message)], OUTPUTS)
    return refused


def _summary(counts: dict[str, int]) -> str:
    if not counts["people"]:
        return "台账里还没有人。"
    parts = ["共%d人" % counts["people"]]
    if counts["invalid"]:
        parts.append("%d人的日期需要核对" % counts["invalid"])
    if counts["fail"]:
        parts.append("%d人有不符合规定的时间" % counts["fail"])
    if counts["overdue"]:
        parts.append("%d人有到期应办的事项" % counts["overdue"])
    parts.append("今后%d天有%d个日期" % (HORIZON_DAYS, counts["upcoming"]))
    return "，".join(parts) + "。"


def _label(row: dict[str, Any], index: int) -> str:
    raw = row.get("label")
    text = str(raw).strip() if isinstance(raw, (str, int)) else ""
    return text[:_LABEL_MAX] if text else "第%d行" % (index + 1)


def _person(
    index: int, raw: object, on: datetime.date, items: list[Material], calendars: list[list[CalendarEntry]]
) -> Person:
    """One row's answer; its dates to come (the 发展党员 checker's calendar) appended to ``calendars``."""
    row: dict[str, Any] = raw if isinstance(raw, dict) else {}
    label = _label(row, index)
    inputs = development_inputs(row, label, on)
    result = development.check(inputs)
    calendars.append(list(result.get("calendar") or []))
    kept = {key: value for key, value in result.items() if key not in _DROPPED}
    errors = list(result["errors"])
    if not isinstance(raw, dict):
        errors.append(_inputs.field_error("label", "这一行不是一个人员的记录"))
    states, missing, found, more_errors = _materials(row, result, on, items)
    errors += more_errors
    # ``findings`` holds the register's own (materials, 思想汇报); the checker's are in ``development``.
    every = list(result["findings"]) + found
    fails = sum(1 for item in every if item["level"] == "fail")
    warns = sum(1 for item in every if item["level"] == "warn")
    overdue = any(item["level"] == "warn" and item["message"].startswith("到期应办") for item in every)
    verdict = "invalid" if errors else _inputs.verdict_of(every, [])
    person: Person = {
        "row": index,
        "id": str(row.get("id") or ""),
        "label": label,
        "verdict": verdict,
        "summary": result["summary"] if not more_errors else "；".join(e["message"] for e in more_errors),
        "stage": result.get("stage"),
        "complete": result.get("complete"),
        "next_step": result.get("next_step"),
        "next_earliest": result.get("next_earliest"),
        "next_latest": result.get("next_latest"),
        "overdue": overdue,
        "fails": fails,
        "warns": warns,
        "rank": 0,
        "development": kept,
        "materials": states,
        "missing": missing,
        "findings": found,
        "errors": errors,
    }
    person["rank"] = _rank(person)
    return person


def development_inputs(row: dict[str, Any], label: str, on: datetime.date) -> dict[str, Any]:
    """What the 发展党员 checker is given for a row: its dates, its label as the person, the register's day."""
    inputs = {name: row[name] for name in DATE_FIELDS if row.get(name) not in (None, "")}
    inputs["person"] = label
    inputs["as_of"] = on.isoformat()
    return inputs


def _rank(person: Person) -> int:
    if person["verdict"] == "invalid":
        return _RANK_INVALID
    if person["fails"]:
        return _RANK_FAIL
    if person["overdue"]:
        return _RANK_OVERDUE
    if person["warns"]:
        return _RANK_WARN
    if person["complete"]:
        return _RANK_DONE
    return _RANK_OPEN


def _urgency(person: Person) -> tuple[int, str, str, int]:
    """Rank first; within a rank the nearest deadline (latest date of the next step, else its earliest)."""
    when = person["next_latest"] or person["next_earliest"] or "9999-12-31"
    return (person["rank"], when, person["label"], person["row"])


_PARSED: dict[str, datetime.date | None] = {}


def _date_of(row: dict[str, Any], field: str) -> datetime.date | None:
    """A row's date field as a date (None when blank, "有" or unreadable: those are said elsewhere).
    Parsed once per text: each row's dates are asked for by every material and step around them."""
    raw = row.get(field)
    if raw in (None, "", PRESENT) or not isinstance(raw, str):
        return None
    if raw not in _PARSED:
        if len(_PARSED) > _ROWS_MAX_LOOKUPS:
            _PARSED.clear()
        day, error = _inputs.parse_date(raw)
        _PARSED[raw] = None if error else day
    return _PARSED[raw]


def _field_label(field: str, items: list[Material]) -> str:
    for item in items:
        if item["field"] == field:
            return item["label"]
    for spec in development.INPUTS:
        if spec["name"] == field:
            return str(spec["label"]).replace("的日期", "")
    return field


def _materials(
    row: dict[str, Any], result: development.DevelopmentResult, on: datetime.date, items: list[Material]
) -> tuple[list[MaterialState], list[str], list[Finding], list[FieldError]]:
    """Each material ticked or due (its state), the labels of those the file should have by now but are not ticked,
    the findings on their dates (order of the procedure, 思想汇报) and the errors of unreadable cells."""
    rules = _rules.load(RULES)
    states: list[MaterialState] = []
    missing: list[str] = []
    findings: list[Finding] = []
    errors: list[FieldError] = []
    for item in items:
        raw = row.get(item["field"])
        day: datetime.date | None = None
        present = raw not in (None, "")
        if present and raw != PRESENT:
            day, error = _inputs.parse_date(raw)
            if error or day is None:
                errors.append(_inputs.field_error(item["field"], "%s的日期：%s" % (item["label"], error)))
                present = False
        value = _material_rule(rules, item["id"], day or on)
        due = value.get("due")
        expected = bool(due) and (_date_of(row, str(due)) is not None or _reached(row, str(due)))
        if present or expected:  # the others are neither ticked nor due: left out (a register of hundreds)
            states.append({"id": item["id"], "present": present, "date": _dates.iso(day), "expected": expected})
        if expected and not present:
            missing.append(item["label"])
        if day is not None:
            findings += _order(row, item, value, day, items)
    if errors:
        return states, missing, findings, errors
    reports, error = split_reports(row.get("reports"))
    if error:
        errors.append(_inputs.field_error("reports", error))
        return states, missing, findings, errors
    findings += _reports(reports, row, result, on, rules)
    if missing:
        findings.append(
            _inputs.finding(
                "info",
                "按所填的进度，档案中应有而没有勾选的材料：%s（各地材料清单不一，请按本地清单核对）。"
                % "、".join(missing),
                _inputs.rule_ref(FLOW, "archive"),
            )
        )
    return states, missing, findings, errors


_LOOKUPS: dict[tuple[str, datetime.date], tuple[dict[str, Any], dict[str, Any]]] = {}


def _material_rule(rules: dict[str, Any], ident: str, day: datetime.date) -> dict[str, Any]:
    """The material's rule in force on ``day`` (policy "earliest": the 1990 细则 had the same order), memoised
    for the loaded rules (a register of hundreds looks up the same few dates again and again)."""
    key = (ident, day)
    cached = _LOOKUPS.get(key)
    if cached is not None and cached[0] is rules:  # the same loaded file (a reload is a new dict)
        return cached[1]
    if len(_LOOKUPS) > _ROWS_MAX_LOOKUPS:
        _LOOKUPS.clear()
    value = _rules.lookup(rules["material_" + ident], day, before_first="earliest").value
    _LOOKUPS[key] = (rules, value)
    return value


def _reached(row: dict[str, Any], field: str) -> bool:
    """Whether a step after ``field`` has its date (then ``field``'s step has happened)."""
    if field not in development.STEPS:
        return False
    later = development.STEPS[development.STEPS.index(field) + 1 :]
    return any(_date_of(row, name) is not None for name in later)


def _order(
    row: dict[str, Any], item: Material, value: dict[str, Any], day: datetime.date, items: list[Material]
) -> list[Finding]:
    """A material dated before a step it follows (``not_before``) or after one it precedes (``not_after``)."""
    out: list[Finding] = []
    level = str(value["level"])  # the data's: "fail" where the 细则 makes the order a condition
    fix = "核对材料的日期；日期确实如此的，在档案中说明原因，按上级党组织的意见补正"
    # One finding a direction: the first step the date contradicts (a 函调 after the 政审 material
    # is after the 政审 conclusion too, most likely the same day).
    for field in value.get("not_before", []):
        other = _date_of(row, field)
        if other is not None and day < other:
            out.append(
                _inputs.finding(
                    level,
                    "%s（%s）早于%s（%s），与程序的先后不符。"
                    % (item["label"], _dates.text(day), _field_label(field, items), _dates.text(other)),
                    item["rule"],
                    fix,
                )
            )
            break
    for field in value.get("not_after", []):
        other = _date_of(row, field)
        if other is not None and day > other:
            out.append(
                _inputs.finding(
                    level,
                    "%s（%s）晚于%s（%s），与程序的先后不符：%s"
                    % (item["label"], _dates.text(day), _field_label(field, items), _dates.text(other), value["text"]),
                    item["rule"],
                    fix,
                )
            )
            break
    return out


def _reports(
    reports: list[datetime.date],
    row: dict[str, Any],
    result: development.DevelopmentResult,
    on: datetime.date,
    rules: dict[str, Any],
) -> list[Finding]:
    """思想汇报: a gap longer than a quarter and its slack, two reports closer than ``min_days``, and the
    last one long ago while the file is still open (from the 积极分子 date on)."""
    start = _date_of(row, "activist_on")
    if start is None or not reports:
        return []  # no 思想汇报 entered: a blank is not a violation
    found = _rules.lookup(rules["thought_reports"], start, before_first="earliest")
    value, ref = found.value, found.rule
    span = int(value["months"]) + int(value["slack_months"])
    close = int(value["min_days"])
    out: list[Finding] = []
    for before, after in zip(reports, reports[1:]):
        if (after - before).days < close:
            out.append(
                _inputs.finding(
                    _rules.breach_level(value, "min_days"),
                    "两份思想汇报（%s、%s）只相隔%d天，像是集中补写；思想汇报一般每季度一份。"
                    % (_dates.text(before), _dates.text(after), (after - before).days),
                    ref,
                    "思想汇报由本人按时书写；不要补写或代写",
                )
            )
    ends = result.get("complete") and _date_of(row, "conversion_approved_on")
    last = ends if isinstance(ends, datetime.date) else on
    points = [start] + [day for day in reports if start <= day <= last] + [last]
    for before, after in zip(points, points[1:]):
        if after > _dates.add_months(before, span):
            tail = after == last and after not in reports
            out.append(
                _inputs.finding(
                    _rules.breach_level(value, "months"),
                    "%s至%s没有思想汇报（超过%d个月）%s；%s"
                    % (
                        _dates.text(before),
                        _dates.text(after),
                        span,
                        "，到检查日期仍没有新的" if tail and not result.get("complete") else "",
                        value["text"],
                    ),
                    ref,
                    "提醒本人按时递交思想汇报；已递交的，填写其日期",
                )
            )
    return out


def _upcoming(
    people: list[Person], rows: list[object], on: datetime.date, calendars: list[list[CalendarEntry]]
) -> list[Upcoming]:
    """The dates of the next ``HORIZON_DAYS`` days across everyone: the 发展党员 checker's own calendar
    (谈话, 积极分子满一年, 审批, 预备期满 and 转正 discussion), the next 思想汇报, and the training of a
    发展对象 not yet trained (due before the 支部大会: listed today)."""
    end = on + datetime.timedelta(days=HORIZON_DAYS)
    rules = _rules.load(RULES)
    out: list[Upcoming] = []
    for person in people:
        if person["verdict"] == "invalid" or person["complete"]:
            continue
        row: dict[str, Any] = rows[person["row"]] if isinstance(rows[person["row"]], dict) else {}  # type: ignore[assignment]
        entries: list[CalendarEntry] = list(calendars[person["row"]])
        if person["development"].get("next_node") == "admission-meeting" and _date_of(row, "training_to") is None:
            entries.append(
                _agenda.event(
                    on,
                    "发展对象集中培训（支部大会讨论接收预备党员以前完成）",
                    "未经培训的，除个别特殊情况外，不能发展入党。",
                )
            )
        start = _date_of(row, "activist_on")
        reports, _error = split_reports(row.get("reports"))
        if start is not None and reports:
            value = _rules.lookup(rules["thought_reports"], start, before_first="earliest").value
            last = max([start] + reports)
            entries.append(
                _agenda.event(
                    max(on, _dates.add_months(last, int(value["months"]))),
                    "递交思想汇报（约每季度一份）",
                    str(value["text"]),
                )
            )
        for entry in entries:
            day = datetime.date.fromisoformat(entry["date"])
            if on <= day <= end:
                out.append(
                    {
                        "date": entry["date"],
                        "row": person["row"],
                        "label": person["label"],
                        "title": entry["title"],
                        "description": entry["description"],
                    }
                )
    out.sort(key=lambda item: (item["date"], item["label"], item["row"], item["title"]))
    return out
