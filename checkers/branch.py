"""党支部怎么设置 — the branch set-up checker.

Rules come from ``checkers/rules/branch.toml`` (the term of office from ``reelection.toml``),
applied as in force today. Inputs: ``full`` (正式党员, required), ``probationary`` (预备党员),
``units`` (units a joint branch covers), ``temporary`` (a body for a temporary task), ``months``
(how long the task lasts), ``village`` (村、社区), ``unit`` (the kind of unit: 党和国家机关, 国有企业,
村, 社区 or other; it picks the sector 条例 for 党总支 and 基层党委).

Computed values (besides ``verdict``, ``summary``, ``findings``, ``errors``):

- ``form``: "党支部", "联合党支部" (正式党员 fewer than 3; with 预备党员 only, they are placed in one)
  or "临时党支部" (with what it may not do), or None when a 临时党支部 cannot be set up (fewer than
  3 正式党员) or when there are no members at all (nothing to set up);
- ``committee``: True with 7 or more 正式党员 (a 支部委员会 of 3–5, generally at most 7), False
  (a 书记, and a 副书记 if needed), None for a 临时党支部 (appointed by the approving body);
- ``term_years``: 5 for 村、社区, else 3; None for a 临时党支部 (no 换届);
- ``higher_form``: None, "党总支" (党员 50 and more; for a 村 more than 50, the 农村基层组织工作条例)
  or "基层党委" (100 and more), since a branch generally has no more than 50; at exactly 50 and
  100 the finding quotes both wordings;
- ``members``: 正式 + 预备; ``project_branch``: True when ``months`` is 6 or more (a project of
  that length should have a 党支部), None without ``months``.
"""

from typing import Any

from checkers import _inputs, _rules
from checkers._types import Finding, InputSpec, Result, RuleRef

TITLE = "党支部怎么设置"
FLOW = "branch-setup"
RULES = "branch"
VERDICT_LABELS = {"pass": "设置方式", "warn": "设置方式（有需要注意的地方）"}

_COUNT_MAX = 1000000  # form sanity bounds (not rules)
_MONTHS_MAX = 1200

INPUTS: list[InputSpec] = [
    {
        "name": "full",
        "label": "正式党员人数",
        "type": "integer",
        "required": True,
        "min": 0,
        "max": _COUNT_MAX,
        "help": "本单位（联合党支部填本单位）的正式党员人数，不含预备党员。",
    },
    {"name": "probationary", "label": "预备党员人数", "type": "integer", "min": 0, "max": _COUNT_MAX},
    {
        "name": "units",
        "label": "联合党支部覆盖的单位数",
        "type": "integer",
        "min": 1,
        "max": _COUNT_MAX,
        "help": "正式党员不足3人、与邻近单位联合成立党支部时填写，含本单位。",
    },
    {
        "name": "temporary",
        "label": "是否为执行临时任务而组建的机构",
        "type": "boolean",
        "default": "no",
        "help": "如临时工作专班、培训班、工程项目部，党员组织关系不转接。",
    },
    {
        "name": "months",
        "label": "任务持续多长时间（月）",
        "type": "integer",
        "min": 1,
        "max": _MONTHS_MAX,
        "help": "工程、工作项目或临时任务预计持续的月数。",
    },
    {"name": "village", "label": "是否村、社区党支部", "type": "boolean", "default": "no"},
    {
        "name": "unit",
        "label": "单位类型",
        "type": "choice",
        "options": [
            {"value": "organ", "label": "党和国家机关"},
            {"value": "enterprise", "label": "国有企业"},
            {"value": "village", "label": "村"},
            {"value": "community", "label": "社区"},
            {"value": "other", "label": "其他"},
        ],
        "help": "党员较多、考虑设党总支或基层党委时选择：村按农村基层组织工作条例（党员“超过50人”），机关、国有企业按各自的条例（“50人以上”）。",
    },
]

OUTPUTS = ["form", "committee", "term_years", "higher_form", "members", "project_branch"]


class BranchResult(Result, total=False):
    """The result of ``check()``: the contract's keys and this checker's own values (module docstring)."""

    form: str | None
    committee: bool | None
    term_years: int | None
    higher_form: str | None
    members: int | None
    project_branch: bool | None


def check(data: object) -> BranchResult:
    """How a branch with these members is set up; never raises on user input."""
    result: BranchResult = _inputs.run(_check, data, OUTPUTS)
    return result


def _rule(rules: dict[str, Any], key: str) -> tuple[_rules.Value, RuleRef]:
    """The rule in force today. Policy "fault": the branch checker has no date input and asks
    about today, which the data always covers; no rule today is a fault in the data."""
    found = _rules.lookup(rules[key], _rules.today(), before_first="fault")
    return found.value, found.rule


def _check(data: object) -> BranchResult:
    values, errors = _inputs.read_inputs(data, INPUTS)
    if errors:
        refused: BranchResult = _inputs.invalid(errors, OUTPUTS)
        return refused
    rules = _rules.load(RULES)
    full: int = values["full"]
    members = full + (values.get("probationary") or 0)
    months: int | None = values.get("months")
    unit: str | None = values.get("unit")
    temporary = bool(values.get("temporary"))
    village = bool(values.get("village")) or unit in _FIVE_YEAR_UNITS
    findings: list[Finding] = []
    out: dict[str, Any] = {"members": members, "project_branch": None, "higher_form": None}
    if members == 0:
        return _nobody(rules, out)

    project, project_ref = _rule(rules, "project")
    if months is not None:
        out["project_branch"] = months >= int(project["months"])
        if out["project_branch"]:
            findings.append(_inputs.finding("info", "任务持续%d个月。%s" % (months, project["text"]), project_ref))

    if temporary:
        out.update(_temporary(full, months, rules, findings))
    else:
        out.update(_regular(full, values.get("units"), village, rules, findings))
        if full == 0:
            _probationary_only(members, rules, findings)
        elif full < int(_rule(rules, "branch")[0]["min_full"]) and members > full:
            _probationary_count(full, members, rules, findings)
    out["higher_form"] = _higher(members, unit, bool(values.get("village")), rules, findings)
    verdict = _inputs.verdict_of(findings, [])
    summary = _summary(out)
    if full == 0 and not temporary:
        summary = (
            "本单位没有正式党员，只有预备党员%d人：不能单独成立党支部，预备党员编入联合党支部（或上级党组织指定的党支部）。"
            % members
        )
    result: BranchResult = _inputs.result(verdict, summary, findings, [], out)
    return result


_FIVE_YEAR_UNITS = ("village", "community")  # unit kinds whose 支部委员会 serves 5 years (村、社区)


def _nobody(rules: dict[str, Any], out: dict[str, Any]) -> BranchResult:
    """No 正式党员 and no 预备党员: there is nobody to organise, so nothing to set up."""
    branch, branch_ref = _rule(rules, "branch")
    finding = _inputs.finding(
        "info",
        "正式党员和预备党员都是0人：本单位没有党员，不需要成立党支部，也不需要参加联合党支部。"
        "有了党员（调入或发展）以后，再按人数确定：正式党员%d人以上的成立党支部，不足%d人的与邻近单位成立联合党支部。"
        % (int(branch["min_full"]), int(branch["min_full"])),
        branch_ref,
    )
    out.update(form=None, committee=None, term_years=None)
    result: BranchResult = _inputs.result("pass", "本单位没有党员，不需要成立党组织。", [finding], [], out)
    return result


def _probationary_only(members: int, rules: dict[str, Any], findings: list[Finding]) -> None:
    """Only 预备党员: 第四条 counts 正式党员, so the unit is below 3 and its members join a 联合党支部."""
    branch, branch_ref = _rule(rules, "branch")
    least = int(branch["min_full"])
    findings.append(
        _inputs.finding(
            "info",
            "本单位没有正式党员，只有预备党员%d人。第四条“有正式党员%d人以上的，都应当成立党支部”只计正式党员，"
            "预备党员不计入，所以本单位属于正式党员不足%d人的单位，不能单独成立党支部；按第五条，与邻近单位成立联合党支部，"
            "预备党员编入联合党支部（或上级党组织指定的党支部）和党小组，在那里过组织生活、接受教育考察、讨论转正。"
            "预备党员转正后，正式党员达到%d人的，可以单独成立党支部。" % (members, least, least, least),
            branch_ref,
        )
    )


def _probationary_count(full: int, members: int, rules: dict[str, Any], findings: list[Finding]) -> None:
    """正式党员 below 3 with 预备党员 too: they do not count now; say what 转正 would change."""
    branch, branch_ref = _rule(rules, "branch")
    least = int(branch["min_full"])
    later = "达到%d人，届时可以单独成立党支部" % least if members >= least else "仍不足%d人" % least
    findings.append(
        _inputs.finding(
            "info",
            "预备党员%d人不计入“正式党员%d人以上”；都按期转正后，正式党员共%d人，%s。"
            % (members - full, least, members, later),
            branch_ref,
        )
    )


def _regular(
    full: int, units: int | None, village: bool, rules: dict[str, Any], findings: list[Finding]
) -> dict[str, Any]:
    branch, branch_ref = _rule(rules, "branch")
    joint, joint_ref = _rule(rules, "joint")
    least = int(branch["min_full"])
    if full >= least:
        form = "党支部"
        findings.append(
            _inputs.finding("pass", "正式党员%d人，达到%d人以上，应当成立党支部。" % (full, least), branch_ref)
        )
        if units is not None and units > 1:
            findings.append(
                _inputs.finding(
                    "info", "本单位正式党员已有%d人，应当单独成立党支部，不必与其他单位联合。" % full, joint_ref
                )
            )
    else:
        form = "联合党支部"
        _joint(full, units, joint, joint_ref, findings)
    committee, committee_ref = _rule(rules, "committee")
    has_committee = full >= int(committee["min_full"])
    if has_committee:
        findings.append(
            _inputs.finding(
                "pass",
                "正式党员%d人，达到%d人以上，应当设立党支部委员会：由%d至%d人组成，一般不超过%d人。"
                % (
                    full,
                    int(committee["min_full"]),
                    int(committee["min_size"]),
                    int(committee["usual_size"]),
                    int(committee["max_size"]),
                ),
                committee_ref,
            )
        )
    else:
        findings.append(
            _inputs.finding(
                "pass",
                "正式党员不足%d人，不设支部委员会：设1名书记，必要时可以设1名副书记。" % int(committee["min_full"]),
                committee_ref,
            )
        )
    term_table = _rules.load("reelection")["term"]
    term = _rules.current(term_table, _rules.today())
    years = int(term["village_years"] if village else term["years"])
    findings.append(
        _inputs.finding(
            "info",
            "%s委员会（或书记、副书记）每届任期%d年（%s）。"
            % ("村、社区党支部" if village else "党支部", years, term["text"].rstrip("。")),
            _inputs.rule_of(term_table, term),
        )
    )
    return {"form": form, "committee": has_committee, "term_years": years}


def _joint(full: int, units: int | None, joint: dict[str, Any], ref: RuleRef, findings: list[Finding]) -> None:
    most = int(joint["max_units"])
    findings.append(
        _inputs.finding("info", "正式党员%d人，不足3人，不能单独成立党支部。%s" % (full, joint["text"]), ref)
    )
    if units is None:
        return
    if units == 1:
        findings.append(
            _inputs.finding("info", "联合党支部覆盖两个以上单位；请填写一起联合的单位数（含本单位）。", ref)
        )
    elif units <= most:
        findings.append(_inputs.finding("pass", "联合党支部覆盖%d个单位，不超过%d个。" % (units, most), ref))
    else:
        findings.append(
            _inputs.finding(
                _rules.breach_level(joint, "max_units"),
                "联合党支部覆盖%d个单位，超过了一般不超过%d个的要求。" % (units, most),
                ref,
                "按地域相邻、行业相近、规模适当、便于管理的原则，分成几个联合党支部，每个一般不超过%d个单位" % most,
            )
        )


def _temporary(full: int, months: int | None, rules: dict[str, Any], findings: list[Finding]) -> dict[str, Any]:
    rule, ref = _rule(rules, "temporary")
    least, longest = int(rule["min_full"]), int(rule["max_months"])
    if full < least:
        findings.append(
            _inputs.finding(
                "fail",
                "正式党员%d人，不足%d名，不能建立临时党支部（来源文件：只要有正式党员%d名以上的，可建立临时党支部）。"
                % (full, least, least),
                ref,
                "正式党员达到%d名后再申请建立；在此之前由党员所在的党组织管理" % least,
            )
        )
        return {"form": None, "committee": None, "term_years": None}
    findings.append(_inputs.finding("pass", "可以经上级党组织批准，建立临时党支部。%s" % rule["text"], ref))
    if months is not None and months > longest:
        findings.append(
            _inputs.finding(
                "warn",
                "任务持续%d个月，超过两年（来源文件：执行某项临时任务（时间在两年以内）而临时组建的机构，可建立临时党支部）。"
                % months,
                ref,
                "与上级党组织商定：符合条件、党员组织关系转入的，成立正式的党支部",
            )
        )
    return {"form": "临时党支部", "committee": None, "term_years": None}


def _higher(
    members: int, unit: str | None, village: bool, rules: dict[str, Any], findings: list[Finding]
) -> str | None:
    """党总支 or 基层党委 when the members are many, by the sector 条例 that fits the unit: the
    农村基层组织工作条例 for a 村 ("超过50人": 50 itself is one 党支部), otherwise the 机关 and
    国有企业 条例 ("50人以上")."""
    branch, branch_ref = _rule(rules, "branch")
    higher, higher_ref = _rule(rules, "higher_village" if unit == "village" else "higher")
    cap, total, big = int(branch["max_members"]), int(higher["general_branch"]), int(higher["committee"])
    over = bool(higher.get("general_branch_over"))  # "超过50人" excludes 50; "50人以上" includes it
    if members == total and over:
        findings.append(
            _inputs.finding(
                "info",
                higher["exact_50"] + "本检查按一个党支部；确因工作需要设党总支的，报上级党组织批准。",
                higher_ref,
            )
        )
        return None
    if members < total:
        return None
    sector = ""
    if unit not in ("organ", "enterprise", "village"):
        sector = "（以上是%s的规定，国有企业基层组织工作条例相同；其他领域以上级党组织的规定为准。）" % _rules.cite(
            higher
        )
    if members == total and village and unit is None:
        village_rule = _rule(rules, "higher_village")[0]
        sector += (
            "如果是村：%s第五条写的是党员人数“超过%d人”的村可以成立党总支，正好%d人的村设一个党支部；请在“单位类型”中选择“村”。"
            % (
                village_rule["regulation"],
                int(village_rule["general_branch"]),
                total,
            )
        )
    if members >= big:
        if members == big:
            note = higher["exact_100"] + "本检查按“100人以上”给出基层党委；设立党总支也符合规定，请与上级党组织商定。"
        else:
            note = "党员%d人，达到%d人以上，可以设立党的基层委员会。" % (members, big)
        findings.append(
            _inputs.finding(
                "warn",
                note + "基层党委下设党总支、党支部；党支部党员人数一般不超过%d人。" % cap + sector,
                higher_ref,
                "报上级党组织批准设立基层党委，按党员的工作单位或地域分设党支部",
            )
        )
        return "基层党委"
    if members == total:
        note = higher["exact_50"] + "本检查按“50人以上”给出党总支；仍设一个党支部也符合规定。"
    else:
        note = "党员%d人，超过党支部一般不超过%d人的要求（%s）。" % (members, cap, _rules.cite(branch))
    level = _rules.breach_level(branch, "max_members") if members > cap else "warn"
    findings.append(
        _inputs.finding(
            level,
            note + "%s可以设立党总支，下设若干党支部。%s" % (_general_branch_words(higher), sector),
            higher_ref,
            "报上级党组织批准设立党总支，或把党员分设为几个党支部",
        )
    )
    return "党总支"


def _general_branch_words(higher: dict[str, Any]) -> str:
    total, big = int(higher["general_branch"]), int(higher["committee"])
    if higher.get("general_branch_over"):
        return "党员人数超过%d人的村，" % total
    return "党员%d人以上、%d人以下的，" % (total, big)


def _summary(out: dict[str, Any]) -> str:
    form = out["form"]
    if form is None:
        return "正式党员不足，不能建立临时党支部。"
    if form == "临时党支部":
        text = "可以建立临时党支部（书记、委员由上级党组织指定，不发展党员、不处分党员、不收党费、不换届）"
    else:
        text = "应当成立%s，%s" % (form, "设立支部委员会" if out["committee"] else "设1名书记，必要时设1名副书记")
        text += "，每届任期%d年" % out["term_years"]
    if out["higher_form"]:
        text += "；党员%d人，可以设立%s" % (out["members"], out["higher_form"])
    return text + "。"
