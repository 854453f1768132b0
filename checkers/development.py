"""发展党员时间节点 — the 发展党员 timeline checker.

Rules come from ``checkers/rules/development.toml`` (dated): each check applies the rule in force
on the date of the event it checks; before a rule's earliest date the check is skipped with a note.
Every input is optional; each check runs when its dates are given. ``on`` is the day the check is
made (default today): it decides whether a deadline without a recorded date has passed.

Checks: 年满十八岁 on ``applied``; the talk within one month of ``applied``; at least one year from
``activist_on`` to ``candidate_on``; training generally at least 3 days or 24 学时 (short of it: a
warning, the limit being "一般"; none at all: a failure); approval within 3 months of
``accepted_on`` (later: a warning), never beyond 6 (a failure); an extension of 6 to 12 months,
once (anything else is invalid); once the 预备期 has ended (approval given), the 支部大会 on 转正
(``full_meeting_on``): due or overdue without its date (a warning), never before the end (a
failure). Dates out of order are invalid.

Computed values (besides ``verdict``, ``summary``, ``findings``, ``errors``):

- ``stage`` (1–5, the stage of flows/member-recruitment.yml the file has reached, or None),
  ``next_step`` (words), ``next_node`` (its node id), ``next_earliest`` and ``next_latest``
  (YYYY-MM-DD or None);
- ``probation_ends``: ``accepted_on`` + 1 year + ``extended_months`` (one calendar step);
- ``party_standing_from``: 党龄 counts from the end of the 预备期 (= ``probation_ends``, if the
  member becomes a full member on time);
- ``calendar``, ``ics``, ``share_text``: the pending dates as events, an .ics file and text to copy
  (checkers/_agenda.py).
"""

import datetime
from typing import Any

from checkers import _agenda, _dates, _inputs, _rules
from checkers._types import FieldError, Finding, InputSpec, Result, RuleRef

TITLE = "发展党员时间节点"
FLOW = "member-recruitment"
RULES = "development"
VERDICT_LABELS = {"pass": "所填日期符合规定"}

_COUNT_MAX = 1000  # form sanity bounds (not rules)
# The stages of flows/member-recruitment.yml (stage-1 … stage-5), not rules.
_STAGE_APPLY = 1
_STAGE_ACTIVIST = 2
_STAGE_CANDIDATE = 3
_STAGE_ADMISSION = 4
_STAGE_PROBATION = 5

INPUTS: list[InputSpec] = [
    {
        "name": "person",
        "label": "入党申请人（可不填）",
        "type": "text",
        "help": "只用于日程和复制的文字中，便于区分几位申请人；不会发送到任何地方。",
    },
    {"name": "born", "label": "出生日期", "type": "date"},
    {"name": "applied", "label": "递交入党申请书的日期", "type": "date", "step": "apply"},
    {"name": "talked_on", "label": "党支部派人谈话的日期", "type": "date", "step": "talk"},
    {"name": "activist_on", "label": "推荐和确定积极分子的日期", "type": "date", "step": "activist"},
    {"name": "candidate_on", "label": "确定发展对象的日期", "type": "date", "step": "candidate"},
    {
        "name": "political_review_on",
        "label": "进行政治审查：形成结论的日期",
        "type": "date",
        "step": "political-review",
        "help": "政治审查结论性材料的日期。",
    },
    {
        "name": "inquiry_on",
        "label": "政治审查的函调材料回复的日期（有函调的）",
        "type": "date",
        "help": "没有函调或外调的不填。",
    },
    {"name": "training_from", "label": "开展集中培训：开始的日期", "type": "date"},
    {"name": "training_to", "label": "开展集中培训：结束的日期", "type": "date", "step": "intensive-training"},
    {
        "name": "training_days",
        "label": "集中培训天数",
        "type": "integer",
        "min": 0,
        "max": _COUNT_MAX,
        "help": "发展对象短期集中培训的天数；按学时计算的，填下一栏。",
    },
    {"name": "training_hours", "label": "集中培训学时", "type": "integer", "min": 0, "max": _COUNT_MAX},
    {
        "name": "publicity_from",
        "label": "拟接收预备党员公示：开始的日期",
        "type": "date",
        "help": "上级党委预审以后、支部大会讨论以前的公示。",
    },
    {"name": "publicity_to", "label": "拟接收预备党员公示：结束的日期", "type": "date", "step": "pre-review"},
    {"name": "accepted_on", "label": "支部大会讨论接收预备党员的日期", "type": "date", "step": "admission-meeting"},
    {
        "name": "admission_approved_on",
        "label": "上级党委审批接收预备党员的日期",
        "type": "date",
        "step": "admission-approval",
    },
    {
        "name": "conversion_applied_on",
        "label": "提出转正申请的日期",
        "type": "date",
        "step": "full-membership-application",
    },
    {
        "name": "full_meeting_on",
        "label": "支部大会讨论转正的日期",
        "type": "date",
        "step": "full-membership-meeting",
        "help": "预备期满后支部大会讨论能否转为正式党员的日期；还没有讨论的不填。",
    },
    {
        "name": "extended_months",
        "label": "延长预备期（月）",
        "type": "integer",
        "min": 0,
        "max": _COUNT_MAX,
        "help": "没有延长的不填。延长预备期只能一次，不少于6个月、不超过12个月。",
    },
    {
        "name": "conversion_approved_on",
        "label": "上级党委审批转正的日期",
        "type": "date",
        "step": "full-membership-approval",
    },
    {
        "name": "as_of",
        "label": "检查日期",
        "type": "date",
        "help": "按这一天判断期限是否已过；不填为今天。",
    },
]

# Older names of a URL parameter → the field it meant (links shared before the fields were split).
# "上级党委审批的日期" was checked against the 3/6-month limit of the approval accepting the 预备党员.
ALIASES = {"approved_on": "admission_approved_on"}

OUTPUTS = [
    "stage",
    "complete",
    "next_step",
    "next_node",
    "next_earliest",
    "next_latest",
    "probation_ends",
    "party_standing_from",
    "calendar",
    "ics",
    "share_text",
]


class DevelopmentResult(Result, total=False):
    """The result of ``check()``: the contract's keys and this checker's own values (module docstring)."""

    stage: int | None
    complete: bool | None
    next_step: str | None
    next_node: str | None
    next_earliest: str | None
    next_latest: str | None
    probation_ends: str | None
    party_standing_from: str | None


# The dates of a file in the order the steps happen (flows/member-recruitment.yml); one out of
# this order is a typing slip (invalid). Steps whose order is what the regulation checks (政审,
# 培训, 公示 before the 支部大会) are not here: they are findings.
ORDER = [
    "born",
    "applied",
    "talked_on",
    "activist_on",
    "candidate_on",
    "accepted_on",
    "admission_approved_on",
    "conversion_applied_on",
    "full_meeting_on",
    "conversion_approved_on",
]
# The dated steps in the order of the procedure: a blank one before the last step given is
# "未填写，未检查" (it happened; its date was not entered), never a failure.
STEPS = [
    "applied",
    "talked_on",
    "activist_on",
    "candidate_on",
    "political_review_on",
    "training_to",
    "publicity_to",
    "accepted_on",
    "admission_approved_on",
    "conversion_applied_on",
    "full_meeting_on",
    "conversion_approved_on",
]
# Pairs of one step's start and end (start after end is a typing slip).
_SPANS = [("training_from", "training_to"), ("publicity_from", "publicity_to")]

_SPEC = {spec["name"]: spec for spec in INPUTS}


def check(data: object) -> DevelopmentResult:
    """The verdict for one 发展党员 file; never raises on user input."""
    result: DevelopmentResult = _inputs.run(_check, _aliased(data), OUTPUTS)
    return result


def _aliased(data: object) -> object:
    """``data`` with an old parameter name (``ALIASES``) read as the field it meant, unless that field is given."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for old, new in ALIASES.items():
        if old in out:
            value = out.pop(old)
            if out.get(new) in (None, ""):
                out[new] = value
    return out


def _label(name: str) -> str:
    return str(_SPEC[name]["label"]).replace("的日期", "")


def _ref(rules: dict[str, Any], key: str, day: datetime.date | None = None) -> RuleRef:
    """The ``rule`` of a finding about ``key`` (the entry in force on ``day``, else its flow step)."""
    table = rules[key]
    if day is not None:
        found = _rules.lookup(table, day, before_first="skip")
        if found.value is not None:
            return found.rule
    return _inputs.rule_ref(FLOW, table.get("node"))


def _order_errors(values: dict[str, Any], on: datetime.date) -> list[FieldError]:
    """Dates out of order (each against the latest earlier date given) or impossible."""
    errors = _inputs.year_errors(values, INPUTS)
    if errors:
        return errors
    born = values.get("born")
    if born is not None and born > on:
        errors.append(_inputs.field_error("born", "出生日期（%s）晚于检查日期，请核对" % _dates.text(born)))
    previous: str | None = None
    for name in ORDER:
        day = values.get(name)
        if day is None:
            continue
        if previous is not None and (day < values[previous] or (previous == "born" and day == values[previous])):
            errors.append(
                _inputs.field_error(
                    name,
                    "%s（%s）早于%s（%s），先后顺序不对，请核对"
                    % (_label(name), _dates.text(day), _label(previous), _dates.text(values[previous])),
                )
            )
        previous = name
    for start, end in _SPANS:
        if values.get(start) is not None and values.get(end) is not None and values[end] < values[start]:
            errors.append(
                _inputs.field_error(
                    end,
                    "%s（%s）早于%s（%s），请核对"
                    % (_label(end), _dates.text(values[end]), _label(start), _dates.text(values[start])),
                )
            )
    return errors


def _rule(
    rules: dict[str, Any], key: str, day: datetime.date, findings: list[Finding] | None = None
) -> tuple[_rules.Value | None, RuleRef]:
    """The entry of ``key`` in force on ``day`` and the finding's ``rule``.

    Policy "skip": each step of the development process is checked on its own date, and a step
    dated before the site's rules is left out (with ``findings``, an "info" note says so) while
    the later steps are still checked."""
    table = rules[key]
    found = _rules.lookup(table, day, before_first="skip")
    if found.value is not None or findings is None:
        return found.value, found.rule
    findings.append(
        _inputs.finding(
            "info",
            "%s的日期（%s）早于本站收录的规定（%s起），这一项没有检查。"
            % (table["description"], _dates.text(day), _dates.text(found.first)),
            found.rule,
        )
    )
    return None, found.rule


def _extension_error(values: dict[str, Any], rules: dict[str, Any], on: datetime.date) -> list[FieldError]:
    months = values.get("extended_months")
    if not months:
        return []
    value = _rules.in_force(rules["extension"], values.get("accepted_on") or on)
    if value is None:
        return []
    low, high = int(value["min_months"]), int(value["max_months"])
    if low <= months <= high:
        return []
    return [
        _inputs.field_error(
            "extended_months",
            "延长预备期%d个月不符合规定：%s（%s）。请填%d至%d之间的月数"
            % (months, value["text"], _rules.cite(value), low, high),
        )
    ]


def _later(values: dict[str, Any], name: str) -> bool:
    """Whether a step after ``name`` (in ``STEPS``) has its date: then ``name`` has happened."""
    return any(values.get(step) is not None for step in STEPS[STEPS.index(name) + 1 :])


def _check(data: object) -> DevelopmentResult:
    values, errors = _inputs.read_inputs(data, INPUTS)
    on = values.get("as_of") or _rules.today()
    rules = _rules.load(RULES)
    if not errors:
        errors += _order_errors(values, on)
        errors += _extension_error(values, rules, on)
    if errors:
        refused: DevelopmentResult = _inputs.invalid(errors, OUTPUTS)
        return refused

    findings: list[Finding] = []
    events: list[Any] = []
    facts = [(_label(name), values[name]) for name in STEPS if values.get(name) is not None]
    _age(values, rules, findings, events)
    _talk(values, rules, on, findings, events)
    _observation(values, rules, findings, events)
    _political_review(values, rules, findings)
    _training(values, rules, findings)
    _publicity(values, rules, findings)
    _approval(values, rules, on, findings, events)
    out = _probation(values, rules, on, findings, events)
    _full_membership(values, rules, on, out["probation_ends"], findings)
    _conversion_approval(values, rules, on, out["probation_ends"], findings, events)
    _blanks(values, rules, findings)
    out.update(_next(values, rules, out["probation_ends"]))
    if out["probation_ends"] is not None:
        facts.append(("预备期满", datetime.date.fromisoformat(out["probation_ends"])))
    if not [name for name in ORDER if values.get(name) is not None]:
        findings.append(
            _inputs.finding("info", "请至少填写一个日期（例如递交入党申请书的日期）。", _inputs.rule_ref(FLOW, "apply"))
        )
    # A calendar holds what is still to come: nothing for a finished file, no day already past.
    events = [] if out["complete"] else [item for item in events if item["date"] >= on.isoformat()]
    person = values.get("person")
    heading = "发展党员时间节点" + ("（%s）" % person if person else "")
    out.update(_agenda.agenda(RULES, heading, facts, events, on, {"person": person}))
    verdict = _inputs.verdict_of(findings, [])
    result: DevelopmentResult = _inputs.result(verdict, _summary(verdict, out, findings), findings, [], out)
    return result


def _blanks(values: dict[str, Any], rules: dict[str, Any], findings: list[Finding]) -> None:
    """A step with no date before the last step given happened without its date being entered:
    "未填写，未检查" (info), never a failure. The checks that already said so are not repeated."""
    said = (
        {"training_to"}
        if values.get("training_days") is not None or values.get("training_hours") is not None
        else set()
    )
    for name in STEPS:
        if name in said or values.get(name) is not None or not _later(values, name):
            continue
        node = _SPEC[name].get("step")
        step = _label(name).split("：")[0]
        findings.append(_inputs.finding("info", "%s：未填写，未检查。" % step, _inputs.rule_ref(FLOW, node)))


def _age(values: dict[str, Any], rules: dict[str, Any], findings: list[Finding], events: list[Any]) -> None:
    born, applied = values.get("born"), values.get("applied")
    if born is None or (applied is None and any(values.get(name) for name in ORDER[ORDER.index("talked_on") :])):
        return  # no birth date, or no application date to check it against
    day = applied or born
    value, ref = _rule(rules, "age", day, findings)
    if value is None:
        return
    years = int(value["years"])
    adult = _dates.add_years(born, years)
    if applied is None:
        findings.append(
            _inputs.finding("info", "%s年满%d岁，从这一天起可以申请入党。" % (_dates.text(adult), years), ref)
        )
        events.append(_agenda.event(adult, "年满%d岁，可以递交入党申请书" % years, value["text"]))
        return
    if applied >= adult:
        level, fix = "pass", None
        text = "递交入党申请书时已年满%d岁（%s满%d岁）。" % (years, _dates.text(adult), years)
    else:
        level, fix = "fail", "年满%d岁（%s）以后重新递交入党申请书" % (years, _dates.text(adult))
        text = "递交入党申请书时（%s）未满%d岁：%s才年满%d岁。" % (
            _dates.text(applied),
            years,
            _dates.text(adult),
            years,
        )
    findings.append(_inputs.finding(level, text, ref, fix))


def _talk(
    values: dict[str, Any], rules: dict[str, Any], on: datetime.date, findings: list[Finding], events: list[Any]
) -> None:
    applied, talked = values.get("applied"), values.get("talked_on")
    if applied is None:
        return
    value, ref = _rule(rules, "talk", applied, findings)
    if value is None:
        return
    deadline = _dates.add_months(applied, int(value["months"]))
    until = _dates.text(deadline)
    if talked is None and _later(values, "talked_on"):
        return  # the talk took place; its date is not given (_blanks says so)
    if talked is None:
        events.append(_agenda.event(deadline, "与入党申请人谈话的最后期限（收到申请书后一个月内）", value["text"]))
    if talked is not None and talked <= deadline:
        level, text, fix = "pass", "%s谈话，在收到申请书后一个月内（不晚于%s）。" % (_dates.text(talked), until), None
    elif talked is not None:
        level, text = "fail", "谈话（%s）晚于收到申请书后一个月（最迟%s）。" % (_dates.text(talked), until)
        fix = "在档案中说明未按时谈话的原因；今后收到入党申请书后一个月内派人谈话"
    elif on > deadline:
        level, text = (
            "warn",
            "到期应办：党支部派人谈话，应在%s以前（收到申请书后一个月内），这一天已过；没有填写谈话日期。" % until,
        )
        fix = "已谈话的，填写谈话日期；还没有谈话的，尽快派人谈话并说明原因"
    else:
        level, text, fix = "info", "应在%s以前派人同入党申请人谈话。" % until, None
    findings.append(_inputs.finding(level, text, ref, fix))


def _observation(values: dict[str, Any], rules: dict[str, Any], findings: list[Finding], events: list[Any]) -> None:
    activist, candidate = values.get("activist_on"), values.get("candidate_on")
    if activist is None:
        return
    day = candidate or activist
    value, ref = _rule(rules, "observation", day, findings)
    if value is None:
        return
    years = int(value["years"])
    earliest = _dates.add_years(activist, years)
    first = _dates.text(earliest)
    if candidate is None:
        events.append(_agenda.event(earliest, "入党积极分子培养考察满%d年，最早可列为发展对象" % years, value["text"]))
        level, text, fix = "info", "列为积极分子满%d年，最早%s可以列为发展对象。" % (years, first), None
    elif candidate >= earliest:
        level, fix = "pass", None
        text = "从列为积极分子到列为发展对象，经过了%d年以上的培养考察（最早%s）。" % (years, first)
    else:
        level, fix = "fail", "培养考察满%d年（%s以后）再由支部委员会讨论列为发展对象" % (years, first)
        text = "列为发展对象（%s）时，列为积极分子还不满%d年（满%d年是%s）。" % (
            _dates.text(candidate),
            years,
            years,
            first,
        )
    findings.append(_inputs.finding(level, text, ref, fix))


def _training(values: dict[str, Any], rules: dict[str, Any], findings: list[Finding]) -> None:
    days, hours = values.get("training_days"), values.get("training_hours")
    ended, meeting = values.get("training_to"), values.get("accepted_on")
    day = values.get("candidate_on") or ended or meeting or _rules.today()
    value, ref = _rule(rules, "training", day)
    if value is None:
        return
    if ended is not None and meeting is not None:
        if ended <= meeting:
            level, fix = "pass", None
            text = "集中培训%s结束，在支部大会讨论接收预备党员（%s）以前。" % (_dates.text(ended), _dates.text(meeting))
        else:
            level = "fail"
            text = (
                "集中培训到%s才结束，晚于支部大会讨论接收预备党员（%s）：未经培训的，除个别特殊情况外，不能发展入党。"
                % (
                    _dates.text(ended),
                    _dates.text(meeting),
                )
            )
            fix = "向上级党委报告；属个别特殊情况的，在档案中说明"
        findings.append(_inputs.finding(level, text, ref, fix))
    need_days, need_hours = int(value["days"]), int(value["hours"])
    if days is None and hours is None:
        if values.get("candidate_on") is not None:
            findings.append(
                _inputs.finding(
                    "info",
                    "发展对象要参加短期集中培训，一般不少于%d天（或不少于%d个学时）；填写培训天数或学时可检查。"
                    % (need_days, need_hours),
                    ref,
                )
            )
        return
    done = []
    if days is not None:
        done.append("%d天" % days)
    if hours is not None:
        done.append("%d个学时" % hours)
    if (days is not None and days >= need_days) or (hours is not None and hours >= need_hours):
        findings.append(
            _inputs.finding(
                "pass",
                "集中培训%s，达到一般不少于%d天（或%d个学时）的要求。" % ("、".join(done), need_days, need_hours),
                ref,
            )
        )
    elif not days and not hours:
        findings.append(
            _inputs.finding(
                "fail",
                "没有参加集中培训（%s）。未经培训的，除个别特殊情况外，不能发展入党。" % "、".join(done),
                ref,
                "参加短期集中培训（一般不少于%d天或%d个学时）后再提交支部大会讨论；属个别特殊情况的，在档案中说明"
                % (need_days, need_hours),
            )
        )
    else:
        level = _rules.breach_level(value, "days" if days is not None else "hours")
        findings.append(
            _inputs.finding(
                level,
                "集中培训%s，不足一般不少于%d天（或%d个学时）的要求。“一般不少于”允许特殊情况，请说明原因。"
                % ("、".join(done), need_days, need_hours),
                ref,
                "补足培训（%d天或%d个学时）后再提交支部大会讨论；属特殊情况的，在档案中说明" % (need_days, need_hours),
            )
        )


def _political_review(values: dict[str, Any], rules: dict[str, Any], findings: list[Finding]) -> None:
    """The 政审 concluded before the 支部大会 discussion, and after the 函调 came back (where there was one)."""
    review, inquiry, meeting = values.get("political_review_on"), values.get("inquiry_on"), values.get("accepted_on")
    if review is None:
        if inquiry is not None:
            findings.append(
                _inputs.finding(
                    "info", "%s：未填写，未检查。" % _label("political_review_on"), _ref(rules, "political_review")
                )
            )
        return
    value, ref = _rule(rules, "political_review", review, findings)
    if value is None:
        return
    if inquiry is not None and inquiry > review:
        findings.append(
            _inputs.finding(
                "fail",
                "政治审查的结论（%s）早于函调材料回复（%s）：结论应在审查（包括函调）的基础上形成。"
                % (_dates.text(review), _dates.text(inquiry)),
                ref,
                "函调材料回复以后重新形成政治审查结论；已据此接收的，向上级党委报告",
            )
        )
    elif inquiry is not None:
        findings.append(
            _inputs.finding(
                "pass",
                "政治审查结论（%s）在函调材料回复（%s）以后形成。" % (_dates.text(review), _dates.text(inquiry)),
                ref,
            )
        )
    if meeting is None:
        return
    if review <= meeting:
        findings.append(
            _inputs.finding(
                "pass",
                "政治审查结论（%s）在支部大会讨论接收预备党员（%s）以前形成。"
                % (_dates.text(review), _dates.text(meeting)),
                ref,
            )
        )
    else:
        findings.append(
            _inputs.finding(
                "fail",
                "政治审查结论（%s）晚于支部大会讨论接收预备党员（%s）：未经政治审查的，不能发展入党。"
                % (_dates.text(review), _dates.text(meeting)),
                ref,
                "向上级党委报告；按上级党组织的意见补正政治审查，必要时重新履行接收手续",
            )
        )


def _publicity(values: dict[str, Any], rules: dict[str, Any], findings: list[Finding]) -> None:
    """The 拟接收 公示 over before the 支部大会 discussion."""
    start, end, meeting = values.get("publicity_from"), values.get("publicity_to"), values.get("accepted_on")
    day = end or start
    if day is None or meeting is None:
        return
    value, ref = _rule(rules, "publicity", day, findings)
    if value is None:
        return
    if end is not None and end < meeting:
        level, text, fix = (
            "pass",
            "拟接收预备党员公示%s结束，在支部大会讨论（%s）以前。" % (_dates.text(end), _dates.text(meeting)),
            None,
        )
    elif end is None and start is not None and start < meeting:
        level, fix = "pass", None
        text = (
            "拟接收预备党员公示%s开始，在支部大会讨论（%s）以前（没有填写结束的日期，未检查公示是否在会前结束）。"
            % (
                _dates.text(start),
                _dates.text(meeting),
            )
        )
    else:
        level = "fail"
        text = "拟接收预备党员公示（%s）没有在支部大会讨论接收预备党员（%s）以前结束：公示应在讨论以前。" % (
            _dates.text(day),
            _dates.text(meeting),
        )
        fix = "向上级党委报告；按上级党组织的意见补正，必要时公示以后重新提交支部大会讨论"
    findings.append(_inputs.finding(level, text, ref, fix))


def _approval(
    values: dict[str, Any], rules: dict[str, Any], on: datetime.date, findings: list[Finding], events: list[Any]
) -> None:
    """The approval accepting the 预备党员: within 3 months of the 支部大会 (later: a warning), never
    beyond 6 (a failure). Not entered: its window while it lasts, "到期应办" once the 3 months are
    over, and nothing of its own when a later step is given (it happened; _blanks says so)."""
    accepted, approved = values.get("accepted_on"), values.get("admission_approved_on")
    if accepted is None or (approved is None and _later(values, "admission_approved_on")):
        return
    value, ref = _rule(rules, "approval", accepted, findings)
    if value is None:
        return
    normal = _dates.add_months(accepted, int(value["months"]))
    latest = _dates.add_months(accepted, int(value["max_months"]))
    if approved is None:
        events.append(_agenda.event(normal, "上级党委审批接收预备党员的期限（三个月内）", value["text"]))
        events.append(_agenda.event(latest, "特殊情况下审批的最后期限（不得超过六个月）", value["text"]))
        if on <= normal:
            text = (
                "支部大会%s讨论接收预备党员，上级党委应在%s以前审批（三个月内）；特殊情况可适当延长，但不得晚于%s。"
                % (
                    _dates.text(accepted),
                    _dates.text(normal),
                    _dates.text(latest),
                )
            )
            findings.append(_inputs.finding("info", text, ref))
            return
        text = (
            "到期应办：上级党委审批接收预备党员，应在%s以前（三个月内），特殊情况不得晚于%s；到检查日期（%s）没有填写审批的日期。"
            % (
                _dates.text(normal),
                _dates.text(latest),
                _dates.text(on),
            )
        )
        overdue = "已经审批的，填写审批的日期；还没有审批的，向上级党委报告" + (
            "，说明延长审批的特殊情况" if on <= latest else "；超过六个月的，按上级党组织的意见处理"
        )
        findings.append(_inputs.finding("warn", text, ref, overdue))
        return
    word = "上级党委%s审批接收预备党员" % _dates.text(approved)
    if approved <= normal:
        level, text, fix = "pass", "在三个月内（不晚于%s）。" % _dates.text(normal), None
    elif approved <= latest:
        level = "warn"
        text = "已超过三个月（%s），但未超过六个月（%s）：只有遇特殊情况才可适当延长审批时间。" % (
            _dates.text(normal),
            _dates.text(latest),
        )
        fix = "在档案中说明延长审批的特殊情况"
    else:
        level = "fail"
        text = "已超过六个月（最迟%s），超过了审批时间的上限。" % _dates.text(latest)
        fix = "向上级党委报告；超过六个月的，按上级党组织的意见重新履行接收手续"
    findings.append(_inputs.finding(level, "%s，%s" % (word, text), ref, fix))


def _probation(
    values: dict[str, Any], rules: dict[str, Any], on: datetime.date, findings: list[Finding], events: list[Any]
) -> dict[str, Any]:
    accepted = values.get("accepted_on")
    out: dict[str, Any] = {"probation_ends": None, "party_standing_from": None}
    if accepted is None:
        return out
    value, ref = _rule(rules, "probation", accepted, findings)
    if value is None:
        return out
    extended = values.get("extended_months") or 0
    months = int(value["years"]) * _dates.MONTHS_A_YEAR + extended
    ends = _dates.add_months(accepted, months)
    standing, standing_ref = _rule(rules, "standing", ends)
    out["probation_ends"] = ends.isoformat()
    out["party_standing_from"] = ends.isoformat()
    length = "一年" + ("，延长%d个月" % extended if extended else "")
    findings.append(
        _inputs.finding(
            "info",
            "预备期从支部大会通过之日（%s）算起，为%s，到%s期满。" % (_dates.text(accepted), length, _dates.text(ends)),
            ref,
        )
    )
    if standing is not None:
        findings.append(
            _inputs.finding(
                "info",
                "按期转为正式党员的，党龄从%s算起（%s）。" % (_dates.text(ends), standing["text"].rstrip("。")),
                standing_ref,
            )
        )
    events.append(_agenda.event(ends, "预备期满，党支部及时讨论能否转为正式党员", str(value["text"])))
    return out


def _full_membership(
    values: dict[str, Any],
    rules: dict[str, Any],
    on: datetime.date,
    probation_ends: str | None,
    findings: list[Finding],
) -> None:
    """After the 预备期: the 支部大会 on 转正 is due at its end (细则第三十二条: 及时讨论); without its
    date once the end has passed by ``on``, a warning with the date and the step."""
    meeting: datetime.date | None = values.get("full_meeting_on")
    if probation_ends is None or (meeting is None and _later(values, "full_meeting_on")):
        return  # no 预备期, or the 转正 was approved without the meeting's date entered (_blanks)
    ends = datetime.date.fromisoformat(probation_ends)
    value, ref = _rule(rules, "full_membership", ends, findings)
    if value is None:
        return
    if meeting is not None:
        held, held_ref = _rule(rules, "conversion_meeting", meeting)
        if meeting < ends:
            findings.append(
                _inputs.finding(
                    "fail",
                    "支部大会讨论转正（%s）早于预备期满（%s）。预备期满，党支部才讨论其能否转为正式党员。"
                    % (_dates.text(meeting), _dates.text(ends)),
                    held_ref,
                    "预备期满（%s）以后重新召开支部大会讨论，并报上级党委审批" % _dates.text(ends),
                )
            )
        elif held is not None:
            findings.append(
                _inputs.finding(
                    "pass",
                    "预备期%s期满，支部大会%s讨论了能否转为正式党员（%s）。"
                    % (_dates.text(ends), _dates.text(meeting), held["text"].rstrip("。")),
                    held_ref,
                )
            )
        return
    if on < ends:
        return  # the 预备期 finding already says when it ends; the event is in the calendar
    when = "今天（%s）" % _dates.text(ends) if on == ends else "已于%s" % _dates.text(ends)
    findings.append(
        _inputs.finding(
            "warn",
            "到期应办：支部大会讨论转正。预备期%s期满，没有填写支部大会讨论转正的日期：讨论%s。%s"
            % (
                when,
                "今天到期" if on == ends else "已经到期（到检查日期%s已过%d天）" % (_dates.text(on), (on - ends).days),
                value["text"],
            ),
            ref,
            "已经讨论的，填写支部大会讨论转正的日期；还没有讨论的，及时召开支部大会讨论能否转为正式党员（转正、延长预备期或取消预备党员资格），报上级党委审批",
        )
    )


def _conversion_approval(
    values: dict[str, Any],
    rules: dict[str, Any],
    on: datetime.date,
    probation_ends: str | None,
    findings: list[Finding],
    events: list[Any],
) -> None:
    """The approval of the 转正: not before the 预备期 ends; within the time limit after the 支部大会
    on 转正; not entered: its window, or "到期应办" once the limit has passed."""
    meeting: datetime.date | None = values.get("full_meeting_on")
    approved: datetime.date | None = values.get("conversion_approved_on")
    ends = datetime.date.fromisoformat(probation_ends) if probation_ends else None
    if approved is not None and ends is not None and approved < ends:
        value, ref = _rule(rules, "full_membership", ends, findings)
        if value is not None:
            findings.append(
                _inputs.finding(
                    "fail",
                    "上级党委审批转正（%s）早于预备期满（%s）：预备期满，党支部才讨论其能否转为正式党员，转正不能提前。"
                    % (_dates.text(approved), _dates.text(ends)),
                    ref,
                    "向上级党委报告；转正时间自预备期满之日（%s）算起，按上级党组织的意见补正手续" % _dates.text(ends),
                )
            )
    if meeting is None:
        return
    value, ref = _rule(rules, "conversion_approval", meeting, findings)
    if value is None:
        return
    deadline = _dates.add_months(meeting, int(value["months"]))
    if approved is not None and approved <= deadline:
        findings.append(
            _inputs.finding(
                "pass",
                "上级党委%s审批转正，在支部大会讨论转正（%s）后三个月内（不晚于%s）。"
                % (_dates.text(approved), _dates.text(meeting), _dates.text(deadline)),
                ref,
            )
        )
    elif approved is not None:
        findings.append(
            _inputs.finding(
                _rules.breach_level(value, "months"),
                "上级党委%s审批转正，超过了支部大会讨论转正（%s）后三个月（最迟%s）。"
                % (_dates.text(approved), _dates.text(meeting), _dates.text(deadline)),
                ref,
                "在档案中说明延迟审批的原因",
            )
        )
    elif on <= deadline:
        events.append(_agenda.event(deadline, "上级党委审批转正的期限（三个月内）", value["text"]))
        findings.append(
            _inputs.finding(
                "info",
                "支部大会%s讨论了转正，上级党委应在%s以前审批。" % (_dates.text(meeting), _dates.text(deadline)),
                ref,
            )
        )
    else:
        findings.append(
            _inputs.finding(
                "warn",
                "到期应办：上级党委审批转正，应在%s以前（支部大会讨论转正后三个月内），这一天已过；没有填写审批转正的日期。"
                % _dates.text(deadline),
                ref,
                "已经审批的，填写审批转正的日期；还没有审批的，向上级党委报告",
            )
        )


def _next(values: dict[str, Any], rules: dict[str, Any], probation_ends: str | None) -> dict[str, Any]:
    """The stage reached and the next step with its earliest and latest date; for a file whose 转正
    is approved, ``complete`` and no next step."""

    def pack(stage: int | None, step: str | None, node: str | None, earliest: Any, latest: Any) -> dict[str, Any]:
        return {
            "stage": stage,
            "complete": step is None,
            "next_step": step,
            "next_node": node,
            "next_earliest": _dates.iso(earliest),
            "next_latest": _dates.iso(latest),
        }

    accepted: datetime.date | None = values.get("accepted_on")
    candidate: datetime.date | None = values.get("candidate_on")
    activist: datetime.date | None = values.get("activist_on")
    talked: datetime.date | None = values.get("talked_on")
    applied: datetime.date | None = values.get("applied")
    born: datetime.date | None = values.get("born")
    if values.get("conversion_approved_on"):
        return pack(_STAGE_PROBATION, None, None, None, None)
    if values.get("full_meeting_on"):
        value = _rules.in_force(rules["conversion_approval"], values["full_meeting_on"])
        latest = _dates.add_months(values["full_meeting_on"], int(value["months"])) if value else None
        return pack(_STAGE_PROBATION, "上级党委审批转正", "full-membership-approval", values["full_meeting_on"], latest)
    if values.get("admission_approved_on") or values.get("conversion_applied_on"):
        ends = datetime.date.fromisoformat(probation_ends) if probation_ends else None
        return pack(_STAGE_PROBATION, "预备期满，支部大会讨论能否转为正式党员", "full-membership-meeting", ends, None)
    if accepted:
        value = _rules.in_force(rules["approval"], accepted)
        latest = _dates.add_months(accepted, int(value["months"])) if value else None
        return pack(_STAGE_ADMISSION, "上级党委审批接收预备党员", "admission-approval", accepted, latest)
    if candidate or values.get("political_review_on") or values.get("publicity_to") or values.get("training_to"):
        step = "政治审查、集中培训、支部委员会审查和上级党委预审、公示后，支部大会讨论接收预备党员"
        return pack(_STAGE_CANDIDATE, step, "admission-meeting", candidate, None)
    if activist:
        value = _rules.in_force(rules["observation"], activist)
        earliest = _dates.add_years(activist, int(value["years"])) if value else activist
        return pack(_STAGE_ACTIVIST, "支部委员会讨论，确定发展对象", "candidate", earliest, None)
    if talked:
        return pack(_STAGE_APPLY, "推荐和确定积极分子", "activist", talked, None)
    if applied:
        value = _rules.in_force(rules["talk"], applied)
        latest = _dates.add_months(applied, int(value["months"])) if value else None
        return pack(_STAGE_APPLY, "党支部派人谈话", "talk", applied, latest)
    if born:
        value = _rules.in_force(rules["age"], born)
        adult = _dates.add_years(born, int(value["years"])) if value else None
        return pack(None, "递交入党申请书", "apply", adult, None)
    return pack(None, "递交入党申请书", "apply", None, None)


def _summary(verdict: str, out: dict[str, Any], findings: list[Finding]) -> str:
    fails = sum(1 for item in findings if item["level"] == "fail")
    warns = sum(1 for item in findings if item["level"] == "warn")
    if out["complete"]:
        step = (
            "五个阶段已全部办完（上级党委已审批转正），党龄从%s算起" % _dates.iso_text(out["party_standing_from"])
            if out["party_standing_from"]
            else "五个阶段已全部办完（上级党委已审批转正）"
        )
        where = ""
    else:
        where = "第%d阶段，" % out["stage"] if out["stage"] else ""
        step = "下一步：%s" % out["next_step"]
        if out["next_earliest"] and out["next_latest"]:
            step += "（%s至%s）" % (
                _dates.iso_text(out["next_earliest"]),
                _dates.iso_text(out["next_latest"]),
            )
        elif out["next_earliest"]:
            step += "（最早%s）" % _dates.iso_text(out["next_earliest"])
    if verdict == "fail":
        return "有%d项不符合规定的时间。%s%s。" % (fails, where, step)
    if verdict == "warn":
        return "有%d项需要注意。%s%s。" % (warns, where, step)
    return "%s%s。" % (where, step)
