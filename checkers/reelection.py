"""换届日历 — when the 支部委员会's term ends and when the 换届 steps are due.

Rules come from ``checkers/rules/reelection.toml`` (dated): the term in force on ``elected_on``,
the extension/advance rule in force when the term ends, the request rule in force on the day of
the meeting. ``as_of`` is the day the check is made (default today): it decides whether the term
is over or the request is late.

Computed values (besides ``verdict``, ``summary``, ``findings``, ``errors``), dates as YYYY-MM-DD:

- ``term_years`` (3, or 5 for 村、社区) and ``term_ends`` (``elected_on`` + term, same calendar day);
- ``term_years_range`` and ``term_ends_range``: for a term elected under a rule that set a range
  (the 党章 before the 2018 意见: ``[2, 3]`` or ``[3, 5]`` years, the length chosen by the higher
  organisation), the range and the soonest and last possible term ends; then ``term_years``,
  ``term_ends``, ``reminder_on`` and ``latest_with_extension`` are None and the verdict is
  "warn" (take the length from the higher organisation's decision). Otherwise both are None;
- ``reminder_on``: the upper level's reminder, 6 months before ``term_ends``;
- ``latest_with_extension``: one year after ``term_ends`` (延期一般不超过1年, with approval);
- ``request_by``: the 换届选举请示, 60 days before ``meeting_on`` (the source document's rule);
  without ``meeting_on``, 60 days before ``term_ends`` (for a meeting on the day the term ends);
- ``calendar``, ``ics``, ``share_text``: the dates as events, an .ics file and text to copy.

``meeting_on`` on or before ``elected_on`` is invalid, and so is an ``elected_on`` before the
earliest term rule the site holds (policy "refuse": ``checkers/_rules.py``).
"""

import datetime
from typing import Any, TypedDict

from checkers import _agenda, _dates, _inputs, _rules
from checkers._types import FieldError, Finding, InputSpec, Result, RuleRef

TITLE = "换届日历"
FLOW = "election-prep"
RULES = "reelection"
VERDICT_LABELS = {"pass": "换届时间符合规定"}

INPUTS: list[InputSpec] = [
    {
        "name": "elected_on",
        "label": "本届支部委员会选举产生的日期",
        "type": "date",
        "required": True,
        "help": "上次换届选举党员大会的日期。任期从选举产生之日起算。",
    },
    {
        "name": "village",
        "label": "是否村、社区党支部",
        "type": "boolean",
        "default": "no",
        "help": "村、社区党支部委员会每届任期5年，其他党支部一般3年。",
    },
    {
        "name": "meeting_on",
        "label": "计划召开换届选举党员大会的日期",
        "type": "date",
        "help": "还没有定的不填，可先看任期届满日和各项时间。",
    },
    {
        "name": "as_of",
        "label": "检查日期",
        "type": "date",
        "help": "按这一天判断任期是否已满、请示是否来得及；不填为今天。",
    },
]

OUTPUTS = [
    "term_years",
    "term_ends",
    "reminder_on",
    "latest_with_extension",
    "request_by",
    "term_years_range",
    "term_ends_range",
    "calendar",
    "ics",
    "share_text",
]


class ReelectionValues(TypedDict, total=False):
    """This checker's own computed values (module docstring); the results are built as literals of
    ``ReelectionResult`` from them, so mypy checks every key and its type."""

    term_years: int | None
    term_ends: str | None
    reminder_on: str | None
    latest_with_extension: str | None
    request_by: str | None
    term_years_range: list[int] | None
    term_ends_range: list[str] | None


class ReelectionResult(Result, ReelectionValues, total=False):
    """The result of ``check()``: the contract's keys and this checker's own values."""


def check(data: object) -> ReelectionResult:
    """The 换届 calendar of one branch; never raises on user input."""
    result: ReelectionResult = _inputs.run(_check, data, OUTPUTS)
    return result


def _errors(values: dict[str, Any], rules: _rules.Rules) -> list[FieldError]:
    errors = _inputs.year_errors(values, INPUTS)
    if errors:
        return errors
    elected, meeting = values["elected_on"], values.get("meeting_on")
    if meeting is not None and meeting <= elected:
        errors.append(
            _inputs.field_error(
                "meeting_on",
                "换届选举党员大会的日期（%s）不能早于或等于本届选举产生的日期（%s），请核对"
                % (_dates.text(meeting), _dates.text(elected)),
            )
        )
    unknown = unknown_term_error(rules, elected)
    if unknown is not None:
        errors.append(unknown)
    return errors


def unknown_term_error(rules: _rules.Rules, elected: datetime.date) -> FieldError | None:
    """The ``elected_on`` message when the branch was elected before every term rule the site holds.

    Policy "refuse" for the term: a calendar (this checker's, or the planner's 换届) rests on it, and
    before the earliest term rule the site holds, any term end would be a guess."""
    term = _rules.lookup(rules["term"], elected, before_first="refuse")
    if term.value is not None:
        return None
    return _inputs.field_error(
        "elected_on",
        "本站收录的任期规定从%s起；此前选举产生的支部委员会，任期按当时的规定计算，请向上级党组织确认"
        % _dates.text(term.first),
    )


def _rule(rules: _rules.Rules, key: str, day: datetime.date) -> tuple[_rules.Value, RuleRef]:
    """The reminder, request or extension rule for ``day``.

    Policy "earliest": these are the steps of a 换届 that the site holds from their own dates (the
    2018 条例, the source document, the 2020 选举条例) while the term rules reach further back; for
    an earlier day the earliest entry stands in, and its ``status`` records what the older text
    said (the 2018 意见 and the 1990 条例 already set the one-year limit on extension)."""
    found = _rules.lookup(rules[key], day, before_first="earliest")
    return found.value, found.rule


def _check(data: object) -> ReelectionResult:
    values, errors = _inputs.read_inputs(data, INPUTS)
    rules = _rules.load(RULES)
    if not errors:
        errors = _errors(values, rules)
    if errors:
        refused: ReelectionResult = _inputs.invalid(errors, OUTPUTS)
        return refused

    elected: datetime.date = values["elected_on"]
    meeting: datetime.date | None = values.get("meeting_on")
    on: datetime.date = values.get("as_of") or _rules.today()
    village = bool(values.get("village"))
    findings: list[Finding] = []

    term_found = _rules.lookup(rules["term"], elected, before_first="fault")  # refused above
    term, term_ref = term_found.value, term_found.rule
    if "years" not in term:  # the rule of the day gave a range; the higher organisation chose
        return _ranged(elected, meeting, on, term_found, rules, findings)
    years = int(term["village_years"] if village else term["years"])
    ends = _dates.add_years(elected, years)
    extension, extension_ref = _rule(rules, "extension", ends)
    latest = _dates.add_years(ends, int(extension["years"]))
    reminder, reminder_ref = _rule(rules, "reminder", ends)
    remind_on = _dates.add_months(ends, -int(reminder["months"]))
    request, request_ref = _rule(rules, "request", meeting or ends)
    request_by = _dates.add_days(meeting or ends, -int(request["days"]))

    kind = "村、社区党支部" if village else "党支部"
    findings.append(
        _inputs.finding(
            "info",
            "%s委员会每届任期%d年：%s选举产生，%s任期届满。" % (kind, years, _dates.text(elected), _dates.text(ends)),
            term_ref,
        )
    )
    findings.append(
        _inputs.finding(
            "info",
            "上级党组织一般在%s前后（届满前%d个月）提醒做好换届准备。"
            % (_dates.text(remind_on), int(reminder["months"])),
            reminder_ref,
        )
    )
    if meeting is None:
        _unplanned(on, ends, latest, request_by, int(request["days"]), request_ref, extension, extension_ref, findings)
    else:
        _planned(on, meeting, ends, latest, extension, extension_ref, findings)
        _request(on, meeting, request_by, int(request["days"]), request_ref, findings)

    events = [
        _agenda.event(
            remind_on, "上级党组织提醒换届准备（任期届满前%d个月）" % int(reminder["months"]), reminder["text"]
        ),
        _agenda.event(
            request_by, "换届选举请示最迟报送上级党委（党员大会前%d天）" % int(request["days"]), request["text"]
        ),
        _agenda.event(ends, "本届支部委员会任期届满，按期换届", term["text"]),
        _agenda.event(latest, "延期换届的最后期限（届满后一般不超过1年，须经批准）", extension["text"]),
    ]
    if meeting is not None:
        events.append(_agenda.event(meeting, "换届选举党员大会", ""))
    facts = [("本届选举产生", elected), ("任期届满", ends)]
    out: ReelectionValues = {
        "term_years": years,
        "term_ends": ends.isoformat(),
        "reminder_on": remind_on.isoformat(),
        "latest_with_extension": latest.isoformat(),
        "request_by": request_by.isoformat(),
        "term_years_range": None,
        "term_ends_range": None,
    }
    agenda = _agenda.agenda(RULES, "支部委员会换届日历", facts, events, on, {"elected_on": elected.isoformat()})
    verdict = _inputs.verdict_of(findings, [])
    summary = _summary(verdict, ends, request_by, meeting, findings)
    result: ReelectionResult = {"verdict": verdict, "summary": summary, "findings": findings, "errors": []}
    return {**result, **out, **agenda}


def _ranged(
    elected: datetime.date,
    meeting: datetime.date | None,
    on: datetime.date,
    term: _rules.Applied,
    rules: _rules.Rules,
    findings: list[Finding],
) -> ReelectionResult:
    """A term elected under a rule that set a range (the 党章 before the 2018 意见): the term's
    length was the higher organisation's decision within it, so the answer is the range of
    possible term ends and the rule that applied, with a warning to take the length from that
    decision; never a refusal."""
    low, high = int(term.value["min_years"]), int(term.value["max_years"])
    soonest, last = _dates.add_years(elected, low), _dates.add_years(elected, high)
    extension, extension_ref = _rule(rules, "extension", last)
    limit = int(extension["years"])
    findings.append(
        _inputs.finding(
            "warn",
            "%s选举产生时适用%s：“%s”本届任期的年数由上级党组织在%d至%d年之间确定，任期在%s至%s之间届满。"
            % (
                _dates.text(elected),
                _rules.cite(term.value),
                term.value["text"],
                low,
                high,
                _dates.text(soonest),
                _dates.text(last),
            ),
            term.rule,
            "按上级党组织确定的任期年数计算届满日（见当时换届请示的批复）",
        )
    )
    now = _rules.lookup(rules["term"], on, before_first="skip")
    if now.value is not None and now.value is not term.value and "years" in now.value:
        findings.append(
            _inputs.finding(
                "info",
                "现行规定：%s（%s）。本届任期届满后的换届按现行规定执行。"
                % (now.value["text"].rstrip("。"), _rules.cite(now.value)),
                now.rule,
            )
        )
    if on > _dates.add_years(last, limit):
        findings.append(
            _inputs.finding(
                _rules.breach_level(extension, "years"),
                "按最长%d年计，任期也已于%s届满，到%s已超过延期换届一般不超过%d年的期限。"
                % (high, _dates.text(last), _dates.text(on), limit),
                extension_ref,
                "立即向上级党委报告，尽快召开党员大会进行换届选举",
            )
        )
    elif on > last:
        findings.append(
            _inputs.finding(
                "warn",
                "按最长%d年计，任期也已于%s届满。延期换届须报上级党组织批准，一般不超过%d年。"
                % (high, _dates.text(last), limit),
                extension_ref,
                "尽快确定换届选举党员大会的日期并向上级党委请示；已批准延期的，保存好批复",
            )
        )
    request_by = None
    events = [
        _agenda.event(soonest, "按任期%d年计，本届支部委员会任期届满" % low, term.value["text"]),
        _agenda.event(last, "按任期%d年计，本届支部委员会任期届满" % high, term.value["text"]),
    ]
    if meeting is not None:
        if soonest <= meeting <= last:
            findings.append(
                _inputs.finding(
                    "info",
                    "换届日期（%s）在按当时规定可能的届满日之间；是否按期换届，以上级党组织确定的任期为准。"
                    % _dates.text(meeting),
                    term.rule,
                )
            )
        else:
            findings.append(
                _inputs.finding(
                    "warn",
                    "换届日期（%s）不在按当时规定可能的届满日（%s至%s）之间，属于提前或延期换届，须报上级党组织批准。"
                    % (_dates.text(meeting), _dates.text(soonest), _dates.text(last)),
                    extension_ref,
                    "按上级党组织确定的任期核对换届日期；提前或延期的，报上级党组织批准",
                )
            )
        request, request_ref = _rule(rules, "request", meeting)
        days = int(request["days"])
        request_by = _dates.add_days(meeting, -days)
        _request(on, meeting, request_by, days, request_ref, findings)
        events.append(
            _agenda.event(request_by, "换届选举请示最迟报送上级党委（党员大会前%d天）" % days, request["text"])
        )
        events.append(_agenda.event(meeting, "换届选举党员大会", ""))
    facts = [("本届选举产生", elected), ("任期最早届满", soonest), ("任期最迟届满", last)]
    out: ReelectionValues = {
        "term_years": None,
        "term_ends": None,
        "reminder_on": None,
        "latest_with_extension": None,
        "request_by": request_by.isoformat() if request_by else None,
        "term_years_range": [low, high],
        "term_ends_range": [soonest.isoformat(), last.isoformat()],
    }
    agenda = _agenda.agenda(RULES, "支部委员会换届日历", facts, events, on, {"elected_on": elected.isoformat()})
    verdict = _inputs.verdict_of(findings, [])
    failed = next((item["message"] for item in findings if item["level"] == "fail"), None)
    summary = failed or "任期按当时的规定为%d至%d年，由上级党组织确定：在%s至%s之间届满。" % (
        low,
        high,
        _dates.text(soonest),
        _dates.text(last),
    )
    result: ReelectionResult = {"verdict": verdict, "summary": summary, "findings": findings, "errors": []}
    return {**result, **out, **agenda}


def _unplanned(
    on: datetime.date,
    ends: datetime.date,
    latest: datetime.date,
    request_by: datetime.date,
    days: int,
    request_ref: RuleRef,
    extension: dict[str, Any],
    extension_ref: RuleRef,
    findings: list[Finding],
) -> None:
    """No meeting date yet: is the term over, and when must the request go for an on-time 换届?"""
    when, until, by = _dates.text(ends), _dates.text(latest), _dates.text(request_by)
    if on > latest:
        level, ref = _rules.breach_level(extension, "years"), extension_ref
        text = "任期已于%s届满，到%s已超过一年，超过了延期换届一般不超过1年的期限。" % (when, _dates.text(on))
        fix = "立即向上级党委报告，尽快召开党员大会进行换届选举"
    elif on > ends:
        level, ref = "warn", extension_ref
        text = "任期已于%s届满，尚未填写换届日期。延期换届须报上级党组织批准，最迟一般不超过%s。" % (when, until)
        fix = "尽快确定换届选举党员大会的日期并向上级党委请示；已批准延期的，保存好批复"
    elif on > request_by:
        level, ref = "warn", request_ref
        text = (
            "如果在任期届满当天（%s）召开党员大会，请示应在%s以前报送（党员大会前%d天），现在已经来不及按期换届。"
            % (when, by, days)
        )
        fix = "尽快向上级党委请示；需要延期的，报上级党组织批准"
    else:
        level, ref, fix = "info", request_ref, None
        text = "按期在%s换届的，换届选举请示最迟在%s报送上级党委（党员大会前%d天）。" % (when, by, days)
    findings.append(_inputs.finding(level, text, ref, fix))


def _planned(
    on: datetime.date,
    meeting: datetime.date,
    ends: datetime.date,
    latest: datetime.date,
    extension: dict[str, Any],
    extension_ref: RuleRef,
    findings: list[Finding],
) -> None:
    """A meeting date is given: on time, early, late, or beyond the one-year limit?"""
    limit = int(extension["years"])
    earliest = _dates.add_years(ends, -limit)
    held, when = _dates.text(meeting), _dates.text(ends)
    until, since = _dates.text(latest), _dates.text(earliest)
    if meeting == ends:
        level, text, fix = "pass", "在任期届满当天（%s）换届，按期换届。" % when, None
    elif ends < meeting <= latest:
        level, late = "warn", (meeting - ends).days
        text = (
            "换届日期（%s）晚于任期届满日（%s）%d天，属于延期换届：须报上级党组织批准，延长一般不超过%d年（最迟%s）。"
        )
        text %= (held, when, late, limit, until)
        fix = "报上级党组织批准延期；或把换届日期提前到%s" % when
    elif meeting > latest:
        level = _rules.breach_level(extension, "years")
        text = "换届日期（%s）比任期届满日（%s）晚了一年以上，超过了延期一般不超过%d年的期限（最迟%s）。"
        text %= (held, when, limit, until)
        fix = "把换届日期提前到%s以前，并报上级党组织批准延期" % until
    elif meeting >= earliest:
        level, early = "warn", (ends - meeting).days
        text = "换届日期（%s）早于任期届满日（%s）%d天，属于提前换届：须报上级党组织批准，提前一般不超过%d年。"
        text %= (held, when, early, limit)
        fix = "报上级党组织批准提前换届；或改在%s换届" % when
    else:
        level = _rules.breach_level(extension, "years")
        text = "换届日期（%s）比任期届满日（%s）早了一年以上，超过了提前一般不超过%d年的期限（最早%s）。"
        text %= (held, when, limit, since)
        fix = "把换届日期定在%s以后，并报上级党组织批准提前换届" % since
    findings.append(_inputs.finding(level, text, extension_ref, fix))
    if meeting < on:
        findings.append(
            _inputs.finding("info", "换届日期在检查日期（%s）以前，按已召开处理。" % _dates.text(on), extension_ref)
        )


def _request(
    on: datetime.date,
    meeting: datetime.date,
    request_by: datetime.date,
    days: int,
    ref: RuleRef,
    findings: list[Finding],
) -> None:
    if meeting < on:
        return
    if on > request_by:
        findings.append(
            _inputs.finding(
                "warn",
                "换届选举请示应在%s以前报送上级党委（党员大会前%d天），到%s已经晚了。"
                % (_dates.text(request_by), days, _dates.text(on)),
                ref,
                "已报送的，不必理会；还没有报送的，尽快报送，或把党员大会推迟到报送后%d天以后" % days,
            )
        )
    else:
        findings.append(
            _inputs.finding(
                "info", "换届选举请示最迟在%s报送上级党委（党员大会前%d天）。" % (_dates.text(request_by), days), ref
            )
        )


def _summary(
    verdict: str,
    term_ends: datetime.date,
    request_by: datetime.date,
    meeting: datetime.date | None,
    findings: list[Finding],
) -> str:
    ends, by = _dates.text(term_ends), _dates.text(request_by)
    first = next((item["message"] for item in findings if item["level"] in ("fail", "warn")), "")
    if verdict in ("fail", "warn"):
        return first
    if meeting is None:
        return "任期%s届满；换届选举请示最迟%s报送。" % (ends, by)
    return "按期换届：任期%s届满，换届选举请示最迟%s报送。" % (ends, by)
