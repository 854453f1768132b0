"""能否进行选举 / 选举是否有效 / 谁当选 — the election checker.

Rules come from ``checkers/rules/election.toml`` (dated; the 2020 条例 from 2020-07-13, the 1990
暂行条例 before). The ``date`` input picks the rules; without it, today's.

Computed values (besides ``verdict``, ``summary``, ``findings``, ``errors``):

- ``quorum_ok`` (bool) and ``min_present`` (int): whether enough members with the vote attend,
  and the fewest that would do (2020: 5 × present ≥ 4 × entitled; 1990: strictly more than 4/5 —
  exactly 4/5 under the 1990 rules gives a warning citing the 中组部 answer, not a pass).
- ``candidates_ok`` (bool or None) and ``min_candidates`` (int or None): 委员 candidates at least
  20% more than seats, rounded up (100 × candidates ≥ 120 × seats). More seats than the 支部委员会
  generally has (支部工作条例第二十条: 一般不超过7人, read from ``branch.toml``, the same data as
  the branch checker) gives a warning.
- ``ballots_ok`` (bool or None): returned ≤ issued.
- ``threshold`` (int): the fewest 赞成票 that can elect (2020: more than half of 应到会;
  1990: of 实到会).
- ``elected`` (names, by votes), ``tied`` (names to vote on again for the last seats),
  ``unfilled`` (seats left for 另行选举) — or None when no ``votes`` were given.
- ``rules_from`` (YYYY-MM-DD) and ``basis`` (the regulation applied).

Only ``entitled`` and ``present`` are required; every other check runs when its inputs are given.
"""

from typing import Any

from checkers import _dates, _inputs, _rules
from checkers._types import Finding, Result, RuleRef

Values = dict[str, Any]  # parsed inputs by name
Row = dict[str, Any]  # one parsed row of `votes`

TITLE = "能否进行选举 / 选举是否有效 / 谁当选"
FLOW = "election-procedure"
RULES = "election"

_COUNT_MAX = 100000  # form sanity bound (not a rule): no 党员大会 is larger

INPUTS: list[_inputs.Spec] = [
    {
        "name": "entitled",
        "label": "应到会有选举权的党员人数",
        "type": "integer",
        "required": True,
        "min": 1,
        "max": _COUNT_MAX,
        "help": "正式党员人数，减去经上级党组织同意并经党员大会通过、不计入应到会人数的党员。预备党员和留党察看期间的党员没有选举权。",
    },
    {
        "name": "present",
        "label": "实到会有选举权的党员人数",
        "type": "integer",
        "required": True,
        "min": 0,
        "max": _COUNT_MAX,
        "help": "进行选举时实际到会、有选举权的党员人数。党内选举不能委托他人代为投票。",
    },
    {
        "name": "seats",
        "label": "应选人数",
        "type": "integer",
        "min": 1,
        "max": _COUNT_MAX,
        "help": "本次应选出的支部委员会委员人数。书记、副书记由支部委员会等额选举，不在此列。",
    },
    {
        "name": "candidates",
        "label": "候选人人数",
        "type": "integer",
        "min": 1,
        "max": _COUNT_MAX,
        "help": "正式候选人人数（委员实行差额选举）。",
    },
    {"name": "issued", "label": "发出选票数", "type": "integer", "min": 0, "max": _COUNT_MAX},
    {"name": "returned", "label": "收回选票数", "type": "integer", "min": 0, "max": _COUNT_MAX},
    {
        "name": "votes",
        "label": "各候选人得票",
        "type": "rows",
        "help": "每位被选举人一行：姓名和赞成票数（含另选他人所得的赞成票）。",
        "columns": [
            {"name": "name", "label": "姓名", "type": "text", "required": True},
            {"name": "yes", "label": "赞成票", "type": "integer", "required": True, "min": 0, "max": _COUNT_MAX},
        ],
    },
    {
        "name": "date",
        "label": "选举日期",
        "type": "date",
        "help": "按选举日期适用当时的规定；不填则按今天适用现行规定。",
    },
]

OUTPUTS = [
    "quorum_ok",
    "min_present",
    "candidates_ok",
    "min_candidates",
    "ballots_ok",
    "threshold",
    "elected",
    "tied",
    "unfilled",
    "rules_from",
    "basis",
]


class ElectionResult(Result, total=False):
    """The result of ``check()``: the contract's keys and this checker's own values (module docstring)."""

    quorum_ok: bool | None
    min_present: int | None
    candidates_ok: bool | None
    min_candidates: int | None
    ballots_ok: bool | None
    threshold: int | None
    elected: list[str] | None
    tied: list[str] | None
    unfilled: int | None
    rules_from: str | None
    basis: str | None


def check(data: object) -> ElectionResult:
    """The verdict for one election; never raises on user input."""
    return _inputs.run(_check, data, OUTPUTS)


def _check(data: object) -> ElectionResult:
    values, votes, errors = _inputs.read_form(data, INPUTS, "votes")
    rules = _rules.load(RULES)
    day = values.get("date") or _rules.today()
    if values.get("date") and day < _rules.earliest(rules):
        errors.append(
            _inputs.field_error("date", "本站收录的选举规定从%s起，请检查日期" % _dates.text(_rules.earliest(rules)))
        )
    errors += _contradictions(values, votes)
    if errors:
        return _inputs.invalid(errors, OUTPUTS)

    rule = {key: _rules.current(table, day) for key, table in _rules.parameters(rules).items()}
    ref = {key: _inputs.rule_of(rules[key], value) for key, value in rule.items()}
    findings: list[Finding] = []
    out: dict[str, Any] = {
        "rules_from": rule["regulations"]["from"].isoformat(),
        "basis": rule["regulations"]["regulation"],
    }

    out.update(_quorum(values, rule["quorum"], ref["quorum"], rules["quorum"], findings))
    tolerated = out.pop("_tolerated")
    out.update(_candidates(values, rule["candidates"], ref["candidates"], findings))
    large = _committee_size(values, day, findings)
    out.update(_ballots(values, ref["ballots"], findings))
    base = values[rule["threshold"]["base"]]
    threshold = _fewest_over(base, rule["threshold"])
    out["threshold"] = threshold
    out.update(_winners(values, votes, threshold, rule["threshold"], ref, findings))

    verdict = _inputs.verdict_of(findings, [])
    summary = _summary(out, tolerated)
    if large and verdict == "warn" and summary == _SUMMARY_OK:
        summary = "到会人数符合规定，可以进行选举；应选人数多于支部委员会一般不超过的人数，请注意。"
    return _inputs.result(verdict, summary, findings, [], out)


def _contradictions(values: Values, votes: list[Row]) -> list[_inputs.FieldError]:
    errors: list[_inputs.FieldError] = []
    entitled, present = values.get("entitled"), values.get("present")
    if entitled is not None and present is not None and present > entitled:
        errors.append(
            _inputs.field_error("present", "实到会人数（%d）不能多于应到会人数（%d），请核对" % (present, entitled))
        )
    seats = values.get("seats")
    if seats is not None and entitled is not None and seats > entitled:
        errors.append(_inputs.field_error("seats", "应选人数不能多于应到会有选举权的党员人数"))
    names = [row["name"] for row in votes]
    if len(set(names)) != len(names):
        errors.append(_inputs.field_error("votes", "各候选人得票中有重名，请区分（如加注单位）"))
    return errors + _impossible_counts(values, votes)


def _impossible_counts(values: Values, votes: list[Row]) -> list[_inputs.FieldError]:
    """Counts no meeting can produce: more ballots back than voters, more 赞成 than ballots.

    Each voter present casts one ballot; each ballot says 赞成 to at most ``seats`` people.
    Surplus ballots against the ballots issued are not refused here: the regulation itself
    answers them (the election is void, ``_ballots``)."""
    errors = []
    present, issued, returned, seats = (values.get(key) for key in ("present", "issued", "returned", "seats"))
    surplus_issued = issued is not None and returned is not None and returned > issued
    if present is not None and returned is not None and returned > present and not surplus_issued:
        errors.append(
            _inputs.field_error(
                "returned",
                "收回的选票（%d张）多于实到会有选举权的人数（%d人），请核对；如果确实收回的选票多于发出的选票，"
                "请同时填写“发出选票数”" % (returned, present),
            )
        )
        return errors
    ballots, word = (returned, "收回的选票") if returned is not None else (present, "实到会人数")
    if ballots is None:
        return errors
    for row in votes:
        if row["yes"] is not None and row["yes"] > ballots:
            errors.append(
                _inputs.field_error(
                    "votes", "%s的赞成票（%d）多于%s（%d），请核对" % (row["name"], row["yes"], word, ballots)
                )
            )
    total = sum(row["yes"] for row in votes if row["yes"] is not None)
    if seats is not None and not errors and total > ballots * seats:
        errors.append(
            _inputs.field_error(
                "votes",
                "赞成票合计%d票，多于%s（%d）乘应选人数（%d）的%d票：每张选票最多对%d人投赞成票，请核对"
                % (total, word, ballots, seats, ballots * seats, seats),
            )
        )
    return errors


def _plain(text: str) -> str:
    """A quoted rule inside a sentence, without its closing full stop."""
    return text.rstrip("。")


def _fewest_over(base: int, fraction: _rules.Value) -> int:
    """The fewest whole n with n/base > num/den (strict) or ≥ (not strict), in integers."""
    num, den = int(fraction["numerator"]), int(fraction["denominator"])
    if fraction["strict"]:
        return base * num // den + 1
    return -(-base * num // den)


def _quorum(
    values: Values, rule: _rules.Value, ref: RuleRef, table: dict[str, Any], findings: list[Finding]
) -> dict[str, Any]:
    entitled, present = values["entitled"], values["present"]
    num, den = int(rule["numerator"]), int(rule["denominator"])
    minimum = _fewest_over(entitled, rule)
    ok = present >= minimum
    tolerated = not ok and bool(rule.get("exact_tolerated")) and present * den == entitled * num
    if ok:
        findings.append(
            _inputs.finding(
                "pass",
                "有选举权的到会人数%d人，达到规定的%d人，会议有效（%s）。" % (present, minimum, _plain(rule["text"])),
                ref,
            )
        )
    elif tolerated:
        findings.append(
            _inputs.finding(
                "warn",
                "到会%d人正好是应到会人数的五分之四。%s要求“超过”五分之四；%s：%s请向上级党组织确认。"
                % (present, rule["regulation"], rule["tolerance_regulation"], rule["tolerance_text"]),
                _inputs.rule_ref(
                    table.get("flow"), table.get("node"), rule["tolerance_regulation"], rule["tolerance_article"]
                ),
                "稳妥起见，再有%d名有选举权的党员到会后进行选举" % (minimum - present),
            )
        )
    else:
        findings.append(
            _inputs.finding(
                "fail",
                "有选举权的到会人数%d人，不足规定的%d人，会议无效，不能进行选举（%s）。"
                % (present, minimum, _plain(rule["text"])),
                ref,
                "还需%d名有选举权的党员到会；否则另行召开党员大会" % (minimum - present),
            )
        )
    return {"quorum_ok": ok, "min_present": minimum, "_tolerated": tolerated}


def _candidates(values: Values, rule: _rules.Value, ref: RuleRef, findings: list[Finding]) -> dict[str, Any]:
    seats, candidates = values.get("seats"), values.get("candidates")
    if seats is None:
        return {"candidates_ok": None, "min_candidates": None}
    hundred = 100
    margin = int(rule["margin_percent"])
    minimum = -(-seats * (hundred + margin) // hundred)  # 进一法: round up
    if candidates is None:
        findings.append(
            _inputs.finding(
                "info",
                "应选%d人，委员候选人至少应为%d人（%s；%s）。"
                % (seats, minimum, _plain(rule["text"]), _plain(rule["rounding"])),
                ref,
            )
        )
        return {"candidates_ok": None, "min_candidates": minimum}
    ok = candidates >= minimum
    if ok:
        findings.append(
            _inputs.finding(
                "pass", "应选%d人，候选人%d人，差额符合规定（至少%d人）。" % (seats, candidates, minimum), ref
            )
        )
    else:
        findings.append(
            _inputs.finding(
                "fail",
                "应选%d人，候选人只有%d人，达不到差额要求（%s；%s）。"
                % (seats, candidates, _plain(rule["text"]), _plain(rule["rounding"])),
                ref,
                "候选人至少应为%d人（还差%d人）" % (minimum, minimum - candidates),
            )
        )
    return {"candidates_ok": ok, "min_candidates": minimum}


def _committee_size(values: Values, day: Any, findings: list[Finding]) -> bool:
    """应选人数 is the number of 支部委员会 members: more than the 支部工作条例 allows generally
    ("一般不超过7人", in force from 2018-10-28; earlier elections are not checked) is a warning."""
    seats = values.get("seats")
    table = _rules.load("branch")["committee"]
    rule = _rules.in_force(table, day)
    if seats is None or rule is None or seats <= int(rule["max_size"]):
        return False
    most = int(rule["max_size"])
    findings.append(
        _inputs.finding(
            _rules.breach_level(rule, "max_size"),
            "应选%d人，多于支部委员会一般不超过%d人的规定（%s：党支部委员会由%d至%d人组成，一般不超过%d人）。"
            % (seats, most, _rules.cite(rule), int(rule["min_size"]), int(rule["usual_size"]), most),
            _inputs.rule_ref(FLOW, "adopt-rules", rule["regulation"], rule["article"]),
            "支部委员会一般不超过%d人；委员职数以上级党组织对换届请示的批复为准" % most,
        )
    )
    return True


def _ballots(values: Values, ref: RuleRef, findings: list[Finding]) -> dict[str, Any]:
    issued, returned, present = values.get("issued"), values.get("returned"), values["present"]
    if issued is not None and issued > present:
        findings.append(
            _inputs.finding(
                "warn",
                "发出选票%d张，多于实到会有选举权的%d人，请核对发票情况。" % (issued, present),
                ref,
                "选票应只发给到会的有选举权的党员",
            )
        )
    if issued is None or returned is None:
        return {"ballots_ok": None}
    ok = returned <= issued
    if ok:
        findings.append(
            _inputs.finding(
                "pass", "发出选票%d张，收回%d张，收回的等于或少于发出的，选举有效。" % (issued, returned), ref
            )
        )
    else:
        findings.append(
            _inputs.finding(
                "fail", "收回选票%d张，多于发出的%d张，选举无效。" % (returned, issued), ref, "重新进行选举"
            )
        )
    return {"ballots_ok": ok}


def _winners(
    values: Values,
    votes: list[Row],
    threshold: int,
    rule: _rules.Value,
    ref: dict[str, RuleRef],
    findings: list[Finding],
) -> dict[str, Any]:
    if not votes:
        return {"elected": None, "tied": None, "unfilled": None}
    seats = values.get("seats")
    base_word = "应到会" if rule["base"] == "entitled" else "实到会"
    over = sorted((row for row in votes if row["yes"] >= threshold), key=lambda row: -row["yes"])
    under = [row["name"] for row in votes if row["yes"] < threshold]
    tied = []
    if seats is None or len(over) <= seats:
        elected = over
    else:
        cut = over[seats - 1]["yes"]
        elected = [row for row in over if row["yes"] > cut]
        level = [row for row in over if row["yes"] == cut]
        if len(elected) + len(level) <= seats:
            elected += level
        else:
            tied = level
    names = [row["name"] for row in elected]
    unfilled = 0 if seats is None else max(0, seats - len(over))
    findings.append(
        _inputs.finding("info", "当选至少需要%d票赞成票（%s）。" % (threshold, _plain(rule["text"])), ref["threshold"])
    )
    if names:
        findings.append(
            _inputs.finding(
                "pass",
                "当选：%s。" % "、".join("%s（%d票）" % (row["name"], row["yes"]) for row in elected),
                ref["excess"],
            )
        )
    if under:
        findings.append(
            _inputs.finding(
                "info",
                "%s的赞成票未超过%s有选举权人数的半数，不能当选。" % ("、".join(under), base_word),
                ref["threshold"],
            )
        )
    if tied and seats is not None:  # a tie is only at the last of the seats
        left = seats - len(elected)
        findings.append(
            _inputs.finding(
                "warn",
                "%s得票相等（各%d票），无法确定最后%d个名额的当选人。"
                % ("、".join(row["name"] for row in tied), tied[0]["yes"], left),
                ref["excess"],
                "就票数相等的%s再次投票，得票多的当选" % "、".join(row["name"] for row in tied),
            )
        )
    if unfilled and seats is not None:  # unfilled is 0 without seats
        findings.append(
            _inputs.finding(
                "warn",
                "赞成票超过半数的只有%d人，少于应选的%d人，差%d个名额。" % (len(over), seats, unfilled),
                ref["shortfall"],
                "对不足的%d个名额另行选举，不得在得票未超过半数的人中按得票多少补足；如果接近应选名额，"
                "经半数以上选举人同意，也可以减少名额，不再选举" % unfilled,
            )
        )
    if seats is None and over:
        findings.append(
            _inputs.finding("info", "未填应选人数，无法判断赞成票过半数的人是否多于应选名额。", ref["excess"])
        )
    if seats is None and not over:
        findings.append(
            _inputs.finding(
                "warn",
                "没有被选举人的赞成票超过%s有选举权人数的半数，无人当选。" % base_word,
                ref["shortfall"],
                "另行选举，不得在得票未超过半数的人中按得票多少确定当选人",
            )
        )
    return {"elected": names, "tied": [row["name"] for row in tied], "unfilled": unfilled}


def _summary(out: dict[str, Any], tolerated: bool) -> str:
    if out["quorum_ok"] is False and not tolerated:
        return "到会人数不足，会议无效，不能进行选举。"
    if out["ballots_ok"] is False:
        return "收回的选票多于发出的选票，选举无效，应重新选举。"
    if out["candidates_ok"] is False:
        return "候选人人数达不到差额要求。"
    if tolerated:
        return "到会人数正好为应到会人数的五分之四，按当时的暂行条例须向上级党组织确认会议是否有效。"
    if out["tied"]:
        return "最后的名额出现票数相等，须就票数相等的人再次投票。"
    if out["unfilled"]:
        return "当选人数不足应选名额，须对不足的名额另行选举。"
    if out["elected"] == []:
        return "没有人当选，须另行选举。"
    if out["elected"] is not None:
        return "选举有效，当选%d人。" % len(out["elected"])
    return _SUMMARY_OK


_SUMMARY_OK = "到会人数符合规定，可以进行选举。"
