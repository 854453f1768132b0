"""党费计算 — the dues calculator.

Rules come from ``checkers/rules/dues.toml`` (dated; the 2008 规定 from 2008-04-01 with the 2017
通知 for retirees; the 1998 bands before). The ``date`` input (the month paid for) picks the
rules; without it, today's. The same file feeds the dues table on the 党费 pages
(``macros/checker_page/rules_tables.py``).

Computed values (besides ``verdict``, ``summary``, ``findings``, ``errors``):

- ``base``: the monthly base in 元 ("5100.00"), typed in ``income`` or built from ``items``
  (items that count, minus ``income_tax``); None for the fixed-amount categories.
- ``rate``: the percent applied ("1.5%"), None for fixed amounts.
- ``band``: the band or rule in words ("5000元以上至10000元（含10000元）", "每月0.20元").
- ``monthly``: dues a month ("76.50"); ``total``: ``monthly`` × ``months``.
- ``rules_from`` (YYYY-MM-DD) and ``basis`` (regulation and article applied).

Decisions the data or the page makes visible:

- A scale is a band lookup (全额累进): the whole base × the rate of its band.
- Rounding: as ``[rounding]`` in the data says (四舍五入到分), applied to the monthly amount;
  ``total`` is the rounded monthly amount × months.
- 农民党员 choose an amount between the minimum and maximum in the data: the ``farmer_amount``
  input (default: the minimum); outside the range is invalid. ``income`` is not used for them.
- Full-width digits are accepted (input is NFKC-normalised).
- The 上缴中央 note (第十一条) is about a voluntary extra payment: it shows only when the input the
  data names (``input = "voluntary"``) is 1000元 or more, never for the dues owed, however large.
- Limits the data marks "一般" (``strength``; 补交 一般不得超过6个月) give a warning, not a failure.
"""

import datetime
import decimal
from typing import Any

from checkers import _dates, _inputs, _rules
from checkers._types import Finding, Result, RuleRef

Values = dict[str, Any]  # parsed inputs by name
Row = dict[str, Any]  # one parsed row of `items`
Money = decimal.Decimal

TITLE = "党费计算"
FLOW = "dues-collection"
RULES = "dues"
# A calculation: the widget says what it computed, not "符合规定".
VERDICT_LABELS = {"pass": "计算结果", "warn": "计算结果（另有需要注意的事项）"}

_MONEY_MAX = "9999999.99"  # form sanity bounds (not rules)
_MONTHS_MAX = 120
_NO_INCOME = (
    "按收入比例交纳党费的党员不会没有收入，请核对；没有收入的，请按实际情况选择党员类别"
    "（如“下岗失业”“依靠抚恤或救济生活”）；生活确有困难的，可以按规定申请少交或者免交。"
)
_UNPAID_MAX = 1200

CATEGORIES = [
    ("salaried", "按月领取工资（机关、事业单位、企业）"),
    ("annual", "实行年薪制"),
    ("self_employed", "不按月取得收入的个体经营者等"),
    ("retired", "离退休干部、职工"),
    ("farmer", "农民"),
    ("student", "学生"),
    ("unemployed", "下岗失业"),
    ("relief", "依靠抚恤或救济生活"),
    ("subsistence", "领取当地最低生活保障金"),
]


def _farmer_range() -> tuple[str, str]:
    """The farmer's range in force today, from the data: the form's bounds and help text."""
    rule = _rules.current(_rules.load(RULES)["category_farmer"], _rules.today())
    return _inputs.money_text(rule["minimum"]), _inputs.money_text(rule["maximum"])


_FARMER_MIN, _FARMER_MAX = _farmer_range()

INPUTS: list[_inputs.Spec] = [
    {
        "name": "category",
        "label": "党员类别",
        "type": "choice",
        "required": True,
        "options": [{"value": value, "label": label} for value, label in CATEGORIES],
        "default": "salaried",
    },
    {
        "name": "income",
        "label": "每月党费计算基数（元）",
        "type": "money",
        "min": 0,
        "max": _MONEY_MAX,
        "help": "税后数额：计入基数的工资项目之和减去个人所得税。住房公积金、通讯和交通等改革性补贴、"
        "艰苦边远地区津贴不计入。社会保险和住房公积金的个人缴费是否扣除，来源说法不一（见本页提示），"
        "请按上级党组织核定的口径填写。也可以在下面逐项填写。",
    },
    {
        "name": "items",
        "label": "按工资项目计算基数（可选）",
        "type": "rows",
        "help": "不直接填基数时，逐项填写工资条上的项目，并勾选是否计入基数。",
        "columns": [
            {"name": "name", "label": "项目", "type": "text"},
            {"name": "amount", "label": "金额（元）", "type": "money", "required": True, "min": 0, "max": _MONEY_MAX},
            {"name": "counts", "label": "计入基数", "type": "boolean", "default": "yes"},
        ],
    },
    {
        "name": "income_tax",
        "label": "个人所得税（元）",
        "type": "money",
        "min": 0,
        "max": _MONEY_MAX,
        "help": "按工资项目计算时填写：从计入基数的项目之和中扣除。",
    },
    {
        "name": "farmer_amount",
        "label": "农民党员自选的每月党费（元）",
        "type": "money",
        "min": _FARMER_MIN,
        "max": _FARMER_MAX,
        "help": "农民党员每月交纳%s元至%s元，由本人在此范围内选定；不填按%s元计算。"
        % (_FARMER_MIN, _FARMER_MAX, _FARMER_MIN),
    },
    {
        "name": "months",
        "label": "本次交纳几个月",
        "type": "integer",
        "min": 1,
        "max": _MONTHS_MAX,
        "default": "1",
        "help": "按季度交纳填3；补交或预交填月数。",
    },
    {"name": "unpaid_months", "label": "此前已连续几个月未交", "type": "integer", "min": 0, "max": _UNPAID_MAX},
    {
        "name": "voluntary",
        "label": "自愿多交的党费（元）",
        "type": "money",
        "min": 0,
        "max": _MONEY_MAX,
        "help": "在应交党费以外自愿多交的数额；没有的不填。不计入上面算出的应交党费。",
    },
    {
        "name": "date",
        "label": "所交党费的月份",
        "type": "date",
        "help": "按该月适用当时的规定；不填则按今天适用现行规定。",
    },
]

OUTPUTS = ["base", "rate", "band", "monthly", "total", "rules_from", "basis"]


class DuesResult(Result, total=False):
    """The result of ``check()``: the contract's keys and this checker's own values (module docstring)."""

    base: str | None
    rate: str | None
    band: str | None
    monthly: str | None
    total: str | None
    rules_from: str | None
    basis: str | None


_SPEC = {spec["name"]: spec for spec in INPUTS}
_LABEL = dict(CATEGORIES)


def check(data: object) -> DuesResult:
    """The dues for one member; never raises on user input."""
    return _inputs.run(_check, data, OUTPUTS)


def _check(data: object) -> DuesResult:
    values, items, errors = _inputs.read_form(data, INPUTS, "items")
    if errors:
        return _inputs.invalid(errors, OUTPUTS)
    rules = _rules.load(RULES)
    day = values.get("date") or _rules.today()
    category = values["category"]
    table = rules["category_" + category]
    # Policy "refuse": dues are computed for a month the user names; before the site's rules for
    # that category the amount would rest on a rule the site does not hold.
    found = _rules.lookup(table, day, before_first="refuse")
    rule, first = found.value, found.first
    if rule is None:
        return _inputs.invalid(
            [
                _inputs.field_error(
                    "date",
                    "本站收录的“%s”党员交纳党费的规定从%s起；更早的规定未收录，请检查日期"
                    % (_LABEL[category], _dates.text(first)),
                )
            ],
            OUTPUTS,
        )
    months = values.get("months") or int(_SPEC["months"]["default"])
    findings: list[Finding] = []
    out = {"rules_from": rule["from"].isoformat(), "basis": _rules.cite(rule)}
    ref = _inputs.rule_of(table, rule)

    if rule["method"] == "scale":
        base, base_errors = _base(values, items, findings, rule, ref)
        if base_errors or base is None:
            return _inputs.invalid(base_errors, OUTPUTS)
        scale_table = rules[rule["scale"]]
        scale = _rules.current(scale_table, day)
        band, percent, words = lookup(scale["bands"], base)
        monthly = _round(base * percent / 100, rules, day)
        out.update(base=_inputs.money_text(base), rate=percent_text(percent), band=words)
        findings.append(
            _inputs.finding(
                "pass",
                "计算基数%s元，属于“%s”一档，按%s交纳（全额累进：整个基数乘本档比例），每月%s元。"
                % (_inputs.money_text(base), words, percent_text(percent), _inputs.money_text(monthly)),
                _inputs.rule_of(scale_table, scale),
            )
        )
    else:
        amount, fixed_words = _fixed(values, rule, findings, ref)
        if amount is None:
            return _inputs.invalid(
                [
                    _inputs.field_error(
                        "farmer_amount",
                        "农民党员每月交纳%s元至%s元，请在此范围内填写"
                        % (_inputs.money_text(rule["minimum"]), _inputs.money_text(rule["maximum"])),
                    )
                ],
                OUTPUTS,
            )
        monthly = amount
        out.update(base=None, rate=None, band=fixed_words)
    total = monthly * months
    out.update(monthly=_inputs.money_text(monthly), total=_inputs.money_text(total))
    _timing(values, months, total, rules, day, findings)

    verdict = _inputs.verdict_of(findings, [])
    summary = "每月应交党费%s元" % out["monthly"]
    if months > 1:
        summary += "，%d个月共%s元" % (months, out["total"])
    summary += "。" if verdict == "pass" else "；另有需要注意的事项。"
    return _inputs.result(verdict, summary, findings, [], out)


def _base(
    values: Values, items: list[Row], findings: list[Finding], rule: _rules.Value, ref: RuleRef
) -> tuple[Money | None, list[_inputs.FieldError]]:
    """The monthly base: ``income``, or the counted ``items`` minus ``income_tax``."""
    income, tax = values.get("income"), values.get("income_tax")
    if items:
        counted = sum((row["amount"] for row in items if row["counts"] is not False), decimal.Decimal(0))
        left_out = [row for row in items if row["counts"] is False]
        if counted > decimal.Decimal(_MONEY_MAX):
            return None, [
                _inputs.field_error(
                    "items",
                    "计入基数的项目合计%s元，超过了计算基数的上限（%s元），请核对各项金额"
                    % (_inputs.money_text(counted), _MONEY_MAX),
                )
            ]
        built = counted - (tax or 0)
        if built < 0:
            return None, [_inputs.field_error("income_tax", "个人所得税不能多于计入基数的项目之和")]
        if built == 0:
            field = "income_tax" if tax else "items"
            return None, [_inputs.field_error(field, "按工资项目算出的计算基数为0元。" + _NO_INCOME)]
        if income is not None and income != built:
            return None, [
                _inputs.field_error(
                    "income",
                    "直接填写的基数（%s元）与按工资项目算出的基数（%s元）不一致；请只填一种，或核对"
                    % (_inputs.money_text(income), _inputs.money_text(built)),
                )
            ]
        message = "按工资项目计算基数：计入的项目合计%s元" % _inputs.money_text(counted)
        if tax:
            message += "，减个人所得税%s元" % _inputs.money_text(tax)
        message += "，得%s元。" % _inputs.money_text(built)
        if left_out:
            message += "未计入：%s。" % "、".join(
                "%s %s元" % (row["name"] or "（未命名）", _inputs.money_text(row["amount"])) for row in left_out
            )
        findings.append(_inputs.finding("info", message + "计算基数为%s。" % rule["base"], ref))
        return built, []
    if income is None:
        return None, [_inputs.field_error("income", "请填写每月党费计算基数，或按工资项目逐项填写")]
    if income == 0:
        return None, [_inputs.field_error("income", "计算基数为0元。" + _NO_INCOME)]
    if tax:
        findings.append(_inputs.finding("info", "已直接填写税后基数，“个人所得税”一栏没有再扣除。", ref))
    findings.append(_inputs.finding("info", "计算基数为%s。" % rule["base"], ref))
    return income, []


def _fixed(
    values: Values, rule: _rules.Value, findings: list[Finding], ref: RuleRef
) -> tuple[Money | None, str | None]:
    """Fixed amount or the farmer's chosen amount. Returns (monthly or None if out of range, words)."""
    if values.get("income") is not None or values.get("items"):
        findings.append(_inputs.finding("info", "这一类党员按固定数额交纳，不按收入计算。", ref))
    if rule["method"] == "fixed":
        amount = decimal.Decimal(rule["amount"])
        words = "每月%s元" % _inputs.money_text(amount)
    else:
        low, high = decimal.Decimal(rule["minimum"]), decimal.Decimal(rule["maximum"])
        chosen = values.get("farmer_amount")
        amount = low if chosen is None else chosen
        if amount < low or amount > high:
            return None, None
        words = "每月%s元至%s元（本人选定）" % (_inputs.money_text(low), _inputs.money_text(high))
    findings.append(
        _inputs.finding("pass", "%s，每月交纳%s元。" % (_fixed_basis(rule), _inputs.money_text(amount)), ref)
    )
    return amount, words


def _fixed_basis(rule: _rules.Value) -> str:
    return _rules.cite(rule) + "规定" + ("的范围内选定" if rule["method"] == "range" else "")


def _timing(
    values: Values, months: int, total: Money, rules: _rules.Rules, day: datetime.date, findings: list[Finding]
) -> None:
    """补交 months, 连续未交 months, and the 上缴中央 rule (only for a voluntary extra payment)."""
    back = _rules.in_force(rules["back_payment"], day)
    if back is not None and months > int(back["max_months"]):
        findings.append(
            _inputs.finding(
                _rules.breach_level(back, "max_months"),
                "本次交纳%d个月。%s" % (months, back["text"]),
                _inputs.rule_of(rules["back_payment"], back),
                "补交（或预交）一般不超过%d个月；超过的须经党支部研究并说明情况" % int(back["max_months"]),
            )
        )
    lapse = _rules.in_force(rules["lapse"], day)
    unpaid = values.get("unpaid_months")
    if lapse is not None and unpaid is not None:
        limit = int(lapse["months"])
        if unpaid >= limit:
            findings.append(
                _inputs.finding(
                    "warn",
                    "此前已连续%d个月未交纳党费。%s" % (unpaid, lapse["text"]),
                    _inputs.rule_of(rules["lapse"], lapse),
                    "党支部应查明原因：有正当理由的，补交并说明情况；无正当理由的，按自行脱党的程序处理，"
                    "由党支部大会讨论决定，报上级党组织批准",
                )
            )
        elif unpaid == limit - 1:
            findings.append(
                _inputs.finding(
                    "warn",
                    "此前已连续%d个月未交纳党费，再有1个月未交即满%d个月。%s" % (unpaid, limit, lapse["text"]),
                    _inputs.rule_of(rules["lapse"], lapse),
                    "本月内交纳，或向党支部说明情况",
                )
            )
    central = _rules.in_force(rules["central"], day)
    extra = None if central is None else values.get(central["input"])
    if central is not None and extra is not None and extra >= decimal.Decimal(central["amount"]):
        findings.append(
            _inputs.finding(
                "info",
                "自愿多交党费%s元。%s" % (_inputs.money_text(extra), central["text"]),
                _inputs.rule_of(rules["central"], central),
            )
        )


def lookup(bands: list[dict[str, Any]], base: Money) -> tuple[dict[str, Any], Money, str]:
    """The band ``base`` falls in: (band, percent as Decimal, band in words). A band lookup."""
    lower = None
    for band in bands:
        upper = band.get("up_to")
        if upper is None or base <= decimal.Decimal(upper):
            return band, decimal.Decimal(band["percent"]), band_words(lower, upper)
        lower = upper
    raise ValueError("the last band must have no up_to")


def band_words(lower: Money | int | None, upper: Money | int | None) -> str:
    """ "3000元以下（含3000元）", "3000元以上至5000元（含5000元）", "10000元以上"."""
    if upper is None:
        return "不分档次" if lower is None else "%s元以上" % number_text(lower)  # a scale of one band: no bounds
    if lower is None:
        return "%s元以下（含%s元）" % (number_text(upper), number_text(upper))
    return "%s元以上至%s元（含%s元）" % (number_text(lower), number_text(upper), number_text(upper))


def bands_in_words(bands: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Every band of a scale as (words, percent text), in order."""
    rows, lower = [], None
    for band in bands:
        upper = band.get("up_to")
        rows.append((band_words(lower, upper), percent_text(decimal.Decimal(band["percent"]))))
        lower = upper
    return rows


def number_text(value: Money | int | str) -> str:
    """3000 → "3000"; Decimal("1500.50") → "1500.50"; never an exponent."""
    value = decimal.Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):d}"
    return f"{value:f}"


def percent_text(percent: Money | int | str) -> str:
    return number_text(decimal.Decimal(percent).normalize()) + "%"


def _round(amount: Money, rules: _rules.Rules, day: datetime.date) -> Money:
    rule = _rules.current(rules["rounding"], day)
    return amount.quantize(decimal.Decimal(rule["quantum"]), rounding=getattr(decimal, rule["mode"]))
