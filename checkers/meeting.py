"""会议是否有效、表决是否通过 — the meeting checker.

Rules come from ``checkers/rules/meeting.toml`` (dated; the meeting's ``date`` picks them, default
today). Three kinds of meeting:

- ``general`` 支部党员大会: 半数以上 of ``expected`` present (2 × present ≥ expected); passed when
  赞成 is more than half of ``expected`` (2 × yes > expected);
- ``committee`` 支部委员会会议: 半数以上 of the members present; passed as the site's setting says
  (more than half of the members: the 条例 sets no number, the page says so);
- ``admission`` 接收预备党员或预备党员转正的支部大会: present more than half of ``expected``
  (2 × present > expected); passed when 赞成 plus ``written_yes`` (written 赞成 of members who
  could not attend) is more than half of ``expected``.

Exactly half, where the regulations word the boundary two ways ("半数以上" and "超过半数"), gives a
finding that quotes both; the result follows the wording of the rule for that kind of meeting.

Computed values: ``quorum_ok`` (bool), ``min_present`` (int), ``passed`` (bool, or None without
``yes``), ``min_yes`` (int), ``counted_yes`` (int or None), ``verdict_label`` (the verdict in
words: whether the meeting is valid and the vote passed), ``rules_from`` (YYYY-MM-DD).
``present`` above ``expected``, ``yes`` above ``present`` and ``written_yes`` above the absent
members are invalid.
"""

from typing import Any

from checkers import _dates, _inputs, _rules
from checkers._types import FieldError, Finding, InputSpec, Result, RuleRef

TITLE = "会议是否有效、表决是否通过"
FLOW = "sanhui-general-meeting"
RULES = "meeting"

_COUNT_MAX = 100000  # form sanity bound (not a rule)

KINDS = [
    ("general", "支部党员大会"),
    ("committee", "支部委员会会议"),
    ("admission", "接收预备党员或预备党员转正的支部大会"),
]

INPUTS: list[InputSpec] = [
    {
        "name": "kind",
        "label": "会议类型",
        "type": "choice",
        "required": True,
        "options": [{"value": value, "label": label} for value, label in KINDS],
        "default": "general",
    },
    {
        "name": "expected",
        "label": "应到会有表决权的人数",
        "type": "integer",
        "required": True,
        "min": 1,
        "max": _COUNT_MAX,
        "help": "支部党员大会填有表决权的党员人数（预备党员没有表决权）；支部委员会会议填委员人数；"
        "接收预备党员或转正的支部大会填有表决权的正式党员人数。",
    },
    {
        "name": "present",
        "label": "实到会有表决权的人数",
        "type": "integer",
        "required": True,
        "min": 0,
        "max": _COUNT_MAX,
    },
    {
        "name": "yes",
        "label": "到会赞成人数",
        "type": "integer",
        "min": 0,
        "max": _COUNT_MAX,
        "help": "不填则只检查到会人数。",
    },
    {
        "name": "written_yes",
        "label": "会前书面表示赞成的人数",
        "type": "integer",
        "min": 0,
        "max": _COUNT_MAX,
        "help": "只用于接收预备党员或预备党员转正：因故不能到会的有表决权的正式党员，在会前正式向党支部提出书面意见表示赞成的人数。",
    },
    {
        "name": "date",
        "label": "会议日期",
        "type": "date",
        "help": "按会议日期适用当时的规定；不填则按今天。",
    },
]

OUTPUTS = ["quorum_ok", "min_present", "passed", "min_yes", "counted_yes", "verdict_label", "rules_from"]


class MeetingResult(Result, total=False):
    """The result of ``check()``: the contract's keys and this checker's own values (module docstring)."""

    quorum_ok: bool | None
    min_present: int | None
    passed: bool | None
    min_yes: int | None
    counted_yes: int | None
    rules_from: str | None


_LABEL = dict(KINDS)

# The kind preselected where the widget is embedded on a flow page (the form's default elsewhere).
PAGE_DEFAULTS = {"sanhui-committee-meeting": {"kind": "committee"}}


def check(data: object) -> MeetingResult:
    """Whether one meeting is quorate and its vote passed; never raises on user input."""
    result: MeetingResult = _inputs.run(_check, data, OUTPUTS)
    return result


def fewest(base: int, rule: dict[str, Any]) -> int:
    """The fewest whole n with n/base > num/den (strict) or ≥ (not strict), in integers."""
    num, den = int(rule["numerator"]), int(rule["denominator"])
    if rule["strict"]:
        return base * num // den + 1
    return -(-base * num // den)


def _exact(count: int, base: int, rule: dict[str, Any]) -> bool:
    """``count`` is exactly the fraction of ``base`` (the boundary worded two ways)."""
    return count * int(rule["denominator"]) == base * int(rule["numerator"])


def _contradictions(values: dict[str, Any]) -> list[FieldError]:
    errors = []
    expected, present = values.get("expected"), values.get("present")
    yes, written = values.get("yes"), values.get("written_yes")
    if expected is not None and present is not None and present > expected:
        errors.append(
            _inputs.field_error("present", "实到会人数（%d）不能多于应到会人数（%d），请核对" % (present, expected))
        )
    elif present is not None and yes is not None and yes > present:
        errors.append(_inputs.field_error("yes", "到会赞成人数（%d）不能多于实到会人数（%d），请核对" % (yes, present)))
    if (
        values.get("kind") == "admission"
        and written is not None
        and expected is not None
        and present is not None
        and present <= expected
        and written > expected - present
    ):
        errors.append(
            _inputs.field_error(
                "written_yes",
                "书面表示赞成的人数（%d）不能多于没有到会的人数（%d），请核对" % (written, expected - present),
            )
        )
    return errors


def _check(data: object) -> MeetingResult:
    values, errors = _inputs.read_inputs(data, INPUTS)
    rules = _rules.load(RULES)
    kind = values.get("kind")
    day = values.get("date") or _rules.today()
    if kind is not None and not errors:
        # Policy "refuse": the quorum and the majority are those of the meeting's day; before the
        # site's rules for this kind of meeting the answer would rest on a rule it does not hold.
        found = _rules.lookup(rules[kind + "_quorum"], day, before_first="refuse")
        if found.value is None:
            errors.append(
                _inputs.field_error(
                    "date", "本站收录的%s的规定从%s起，请检查日期" % (_LABEL[kind], _dates.text(found.first))
                )
            )
    if not errors:
        errors = _contradictions(values)
    if errors:
        refused: MeetingResult = _inputs.invalid(errors, OUTPUTS)
        return refused

    kind = str(values["kind"])  # a required input: given, once there are no errors
    expected, present = int(values["expected"]), int(values["present"])
    # Policy "fault": days before the quorum rule were refused above, and each kind's majority
    # rule starts on the same day as its quorum rule (tests/test_rules.py checks that).
    quorum_found = _rules.lookup(rules[kind + "_quorum"], day, before_first="fault")
    pass_found = _rules.lookup(rules[kind + "_pass"], day, before_first="fault")
    quorum, quorum_ref = quorum_found.value, quorum_found.rule
    passing, pass_ref = pass_found.value, pass_found.rule
    findings: list[Finding] = []

    min_present = fewest(expected, quorum)
    quorum_ok = present >= min_present
    exact = _exact(present, expected, quorum)
    who = "委员" if kind == "committee" else "有表决权的人"
    if quorum_ok and exact:
        findings.append(
            _inputs.finding(
                "warn",
                "到会%d人，正好是应到会%d人的一半。%s" % (present, expected, quorum["exact_note"]),
                quorum_ref,
                "稳妥起见，请向上级党组织确认；或再有1名%s到会后再表决" % who,
            )
        )
    elif quorum_ok:
        findings.append(
            _inputs.finding(
                "pass",
                "到会%d人，达到%d人（%s），会议可以进行。" % (present, min_present, quorum["text"].rstrip("。")),
                quorum_ref,
            )
        )
    else:
        note = quorum["exact_note"] if exact else quorum["text"]
        findings.append(
            _inputs.finding(
                "fail",
                "到会%d人，不足%d人，会议不能进行表决。%s" % (present, min_present, note),
                quorum_ref,
                "还需%d名%s到会；否则另行召开" % (min_present - present, who),
            )
        )
    if kind == "committee":
        findings.append(_inputs.finding("info", passing["text"], pass_ref))

    out: dict[str, Any] = {
        "quorum_ok": quorum_ok,
        "min_present": min_present,
        "min_yes": fewest(expected, passing),
        "passed": None,
        "counted_yes": None,
        "rules_from": quorum["from"].isoformat(),
    }
    _vote(values, kind, expected, quorum_ok, passing, pass_ref, out, findings)
    out["verdict_label"] = _label(out)
    verdict = _inputs.verdict_of(findings, [])
    result: MeetingResult = _inputs.result(verdict, _summary(out, kind), findings, [], out)
    return result


def _vote(
    values: dict[str, Any],
    kind: str,
    expected: int,
    quorum_ok: bool,
    passing: dict[str, Any],
    ref: RuleRef,
    out: dict[str, Any],
    findings: list[Finding],
) -> None:
    yes, written = values.get("yes"), values.get("written_yes")
    counts_written = bool(passing.get("written_counts"))
    if written and not counts_written:
        findings.append(
            _inputs.finding(
                "info",
                "会前书面表示赞成的%d人没有计入：书面意见只在讨论接收预备党员或预备党员转正的支部大会上统计在票数内。"
                % written,
                ref,
            )
        )
    if yes is None:
        return
    counted = yes + ((written or 0) if counts_written else 0)
    out["counted_yes"] = counted
    need = out["min_yes"]
    words = "赞成%d人" % yes
    if counts_written and written:
        words = "到会赞成%d人，加会前书面赞成%d人，共%d人" % (yes, written, counted)
    if not quorum_ok:
        out["passed"] = False
        findings.append(
            _inputs.finding(
                "fail", "到会人数不足，这次表决无效。", ref, "到会人数达到%d人后重新表决" % out["min_present"]
            )
        )
        return
    out["passed"] = counted >= need
    if out["passed"]:
        findings.append(
            _inputs.finding(
                "pass",
                "%s，超过应到会%d人的半数（至少%d人），表决通过。" % (words, expected, need),
                ref,
            )
        )
        return
    if counts_written and written is None and yes + (expected - values["present"]) >= need:
        # The written 赞成 were not entered and could carry it: a blank is not a failed vote.
        out["passed"] = None
        findings.append(
            _inputs.finding(
                "warn",
                "到会赞成%d人，不足应到会%d人的半数以上（至少需%d人）；会前书面表示赞成的人数未填写，未计入，未检查是否通过。"
                % (yes, expected, need),
                ref,
                "有会前书面意见表示赞成的，填写其人数后再检查；没有的，填0",
            )
        )
        return
    half = (
        " 正好一半不是“超过半数”。"
        if counted * int(passing["denominator"]) == expected * int(passing["numerator"])
        else ""
    )
    findings.append(
        _inputs.finding(
            "fail",
            "%s，没有超过应到会%d人的半数（至少需%d人），未通过。%s基数是应到会人数，不是实到会人数。"
            % (words, expected, need, half.strip()),
            ref,
            "未通过的决议不能生效；需要再次讨论的，另行召开会议表决",
        )
    )


def _label(out: dict[str, Any]) -> str:
    if not out["quorum_ok"]:
        return "到会人数不足，会议无效"
    if out["passed"] is None:
        return "到会人数符合规定"
    return "会议有效，表决通过" if out["passed"] else "会议有效，表决未通过"


def _summary(out: dict[str, Any], kind: str) -> str:
    name = _LABEL[kind]
    if not out["quorum_ok"]:
        return "%s到会人数不足%d人，不能进行表决。" % (name, out["min_present"])
    if out["passed"] is None:
        return "%s到会人数符合规定（至少%d人）；表决时赞成至少需%d人。" % (name, out["min_present"], out["min_yes"])
    if out["passed"]:
        return "%s有效，赞成%d人，达到%d人，表决通过。" % (name, out["counted_yes"], out["min_yes"])
    return "%s有效，但赞成%d人，不足%d人，表决未通过。" % (name, out["counted_yes"], out["min_yes"])
