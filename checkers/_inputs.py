"""Safe parsing of form input and assembly of the result dict (helpers, not a checker).

Every parser takes the raw value the form (or a test) sent and returns ``(value, error)``:
``value`` is ``None`` when the field was not given, ``error`` is a Chinese message or ``None``.
Nothing here raises on user input.

Input normalisation, the same for every field:

- ``None``, missing keys and strings that are empty after trimming mean "not given".
- Strings are normalised with Unicode NFKC first, so full-width digits and signs typed with a
  Chinese input method ("５０００", "－３", "２０２４－０１－０１") are accepted as their ASCII forms.
- Numbers may arrive as ``int`` or ``float`` (JSON); ``bool`` is never taken for a number.
- A string longer than ``MAX_TEXT`` characters is refused before it is parsed, so absurd input
  ("9" * 100000, "1e400") can never reach ``int()`` or ``Decimal()``.
"""

import datetime
import decimal
import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar, cast

from checkers import _rules, _types
from checkers._types import FieldError as FieldError  # re-exported: checkers name _inputs.FieldError
from checkers._types import Finding as Finding
from checkers._types import InputSpec, Level, Option, Verdict
from checkers._types import Result as Result
from checkers._types import RuleRef as RuleRef

Spec = InputSpec  # one declared input (see checkers/README.md)
Parsed = tuple[Any, str | None]  # (value or None, error message or None)
Bound = int | float | str | decimal.Decimal | None
_N = TypeVar("_N", int, decimal.Decimal)
R = TypeVar("R", bound=Result)  # a checker's own result shape (a subclass of Result)
LEVELS = ("pass", "fail", "warn", "info")

MAX_TEXT = 64  # longest accepted scalar input, in characters (form sanity, not a rule)
MAX_ROWS = 200  # most rows accepted in a `rows` input (form sanity, not a rule)
EARLIEST_YEAR = 1900  # earliest and latest year a date input may have (form sanity, not rules)
LATEST_YEAR = 2200

_INT_RE = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)$")  # commas only as thousands grouping
_MONEY_RE = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d*)?$")
MONEY_DIGITS = 15  # most digits before the decimal point (form sanity; Decimal's precision is 28)
_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_TRUE = {"1", "true", "yes", "on", "y", "t", "是", "对", "√"}
_FALSE = {"0", "false", "no", "off", "n", "f", "否", "不", "×"}

CENT = decimal.Decimal("0.01")


def _text(raw: object) -> tuple[str | None, str | None]:
    """Normalise a scalar to a trimmed NFKC string, or None when not given.

    Returns (text, error)."""
    if raw is None:
        return None, None
    if isinstance(raw, bool):
        return None, "请填写数值，不要填写“是/否”"
    if isinstance(raw, int):
        text = str(raw) if abs(raw) < 10**MAX_TEXT else "9" * (MAX_TEXT + 1)
    elif isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return None, "请填写一个有限的数"
        text = repr(raw)
    elif isinstance(raw, str):
        text = raw
    else:
        return None, "格式不对，请填写一个值"
    text = unicodedata.normalize("NFKC", text).strip()
    if text == "":
        return None, None
    if len(text) > MAX_TEXT:
        return None, "内容过长，请检查"
    return text, None


def parse_integer(raw: object, minimum: int | None = None, maximum: int | None = None) -> tuple[int | None, str | None]:
    """A whole number within [minimum, maximum]. "-0" is 0."""
    text, error = _text(raw)
    if error or text is None:
        return None, error
    if text.endswith(".0"):  # 8.0 from a JSON float is still a whole number
        text = text[:-2]
    if not _INT_RE.match(text):
        return None, "请填写整数（只用数字，例如 8；千位分隔写作 1,000）"
    value = int(text.replace(",", ""))
    return _bounded(value, minimum, maximum, str)


def parse_money(raw: object, minimum: Bound = None, maximum: Bound = None) -> tuple[decimal.Decimal | None, str | None]:
    """An amount in 元 with at most two decimals, as Decimal. "5,000" and "5000元" are accepted."""
    text, error = _text(raw)
    if error or text is None:
        return None, error
    if text.endswith("元"):
        text = text[:-1].strip()
    if not _MONEY_RE.match(text):
        return None, "请填写金额（元），例如 5100 或 5100.50"
    text = text.replace(",", "")
    if text.endswith("."):
        text = text[:-1]
    if len(text.lstrip("+-").split(".")[0].lstrip("0")) > MONEY_DIGITS:  # beyond Decimal's precision
        cap = _dec(maximum)
        limit = "" if cap is None else "（不能超过 %s）" % money_text(cap)
        return None, "数值过大%s，请检查" % limit
    try:
        value = decimal.Decimal(text)
    except decimal.InvalidOperation:
        return None, "请填写金额（元），例如 5100 或 5100.50"
    if value != value.quantize(CENT, rounding=decimal.ROUND_DOWN):
        return None, "金额最多保留两位小数（到分）"
    value = value.quantize(CENT) + 0  # "+ 0" turns -0.00 into 0.00
    return _bounded(value, _dec(minimum), _dec(maximum), money_text)


def parse_date(raw: object) -> tuple[datetime.date | None, str | None]:
    """A date as YYYY-MM-DD (or YYYY-MM, read as the first of that month)."""
    if isinstance(raw, datetime.datetime):  # a date with a time of day is not a date
        return None, "请只填写日期（年-月-日），不要带时间"
    if isinstance(raw, datetime.date):
        return raw, None
    text, error = _text(raw)
    if error or text is None:
        return None, error
    text = text.replace("/", "-").replace(".", "-")
    match = _DATE_RE.match(text)
    if not match:
        return None, "请按“年-月-日”填写日期，例如 2024-03-01"
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
    try:
        return datetime.date(year, month, day), None
    except ValueError:
        return None, "没有这一天，请检查日期"


def parse_choice(raw: object, options: list[Option]) -> tuple[str | None, str | None]:
    """One of the declared option values."""
    text, error = _text(raw)
    if error or text is None:
        return None, error
    values = [option["value"] for option in options]
    if text in values:
        return text, None
    for option in options:  # the Chinese label is accepted too
        if text == option["label"]:
            return option["value"], None
    return None, "请从列表中选择一项"


def parse_boolean(raw: object, default: bool | None = None) -> tuple[bool | None, str | None]:
    """Yes/no: true/false, 1/0, on/off, 是/否."""
    if isinstance(raw, bool):
        return raw, None
    text, error = _text(raw)
    if error:
        return None, error
    if text is None:
        return default, None
    if text.lower() in _TRUE:
        return True, None
    if text.lower() in _FALSE:
        return False, None
    return None, "请选择“是”或“否”"


def parse_name(raw: object) -> tuple[str | None, str | None]:
    """A short piece of text (a candidate's or a salary item's name)."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raw = str(raw)
    if raw is not None and not isinstance(raw, str):
        return None, "请填写名称（文字）"
    text, error = _text(raw)
    return text, error


def parse_rows(raw: object) -> tuple[list[dict[str, Any]] | None, str | None]:
    """A list of dicts (or the same as a JSON string). Returns (rows, error)."""
    if raw is None:
        return None, None
    if isinstance(raw, str):
        text = raw.strip()
        if text == "":
            return None, None
        if len(text) > MAX_ROWS * 200:
            return None, "行数过多"
        try:
            raw = json.loads(text)
        except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
            return None, "格式不对，请逐行填写"
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        return None, "格式不对，请逐行填写"
    if len(raw) > MAX_ROWS:
        return None, "行数过多（最多 %d 行）" % MAX_ROWS
    rows = []
    for row in raw:
        if not isinstance(row, dict):
            return None, "格式不对，请逐行填写"
        if all(_text(value)[0] is None for value in row.values() if not isinstance(value, bool)):
            continue  # an entirely empty row is ignored
        rows.append(row)
    return (rows or None), None


def _dec(bound: Bound) -> decimal.Decimal | None:
    return None if bound is None else decimal.Decimal(str(bound))


def _bounded(
    value: _N, minimum: _N | None, maximum: _N | None, show: Callable[[Any], str]
) -> tuple[_N | None, str | None]:
    if minimum is not None and value < minimum:
        if minimum == 0:
            return None, "不能为负数"
        return None, "不能小于 %s" % show(minimum)
    if maximum is not None and value > maximum:
        return None, "数值过大（不能超过 %s），请检查" % show(maximum)
    return value, None


def money_text(value: decimal.Decimal | int | str) -> str:
    """Decimal → "76.50" (two decimals, no exponent, no grouping)."""
    return f"{decimal.Decimal(value).quantize(CENT):.2f}"


def read_inputs(data: object, inputs: Sequence[Spec]) -> tuple[dict[str, Any], list[FieldError]]:
    """Parse every declared scalar input of ``data``; returns (values, errors).

    ``rows`` inputs are returned raw-parsed (a list of dicts) for the checker to read with
    ``read_rows``. Unknown keys are ignored; a missing required input is an error."""
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    if not isinstance(data, dict):
        return {}, [{"field": "", "message": "没有收到输入"}]
    for spec in inputs:
        name = spec["name"]
        value, error = parse_value(data.get(name), spec)
        if error:
            errors.append(field_error(name, spec["label"] + "：" + error))
        elif value is None and spec.get("required"):
            errors.append(field_error(name, "请填写“%s”" % spec["label"]))
        values[name] = value
    return values, errors


def parse_value(raw: object, spec: Spec) -> Parsed:
    kind = spec["type"]
    if kind == "integer":
        return parse_integer(raw, _int(spec.get("min")), _int(spec.get("max")))
    if kind == "money":
        return parse_money(raw, spec.get("min"), spec.get("max"))
    if kind == "date":
        return parse_date(raw)
    if kind == "choice":
        return parse_choice(raw, spec["options"])
    if kind == "boolean":
        default = spec.get("default")
        return parse_boolean(raw, None if default is None else default in _TRUE)
    if kind == "text":
        return parse_name(raw)
    # kind == "rows": InputType lists no other (tests/test_rules.py checks every declaration)
    return parse_rows(raw)


def _int(bound: _types.Bound | None) -> int | None:
    return None if bound is None else int(bound)


def read_form(
    data: object, inputs: Sequence[Spec], rows_name: str
) -> tuple[dict[str, Any], list[dict[str, Any]], list[FieldError]]:
    """``read_inputs`` plus the parsed rows of the ``rows`` input ``rows_name``.

    Returns (values, rows, errors)."""
    values, errors = read_inputs(data, inputs)
    spec = next(item for item in inputs if item["name"] == rows_name)
    rows, row_errors = read_rows(values.get(rows_name), spec)
    return values, rows, errors + row_errors


def read_rows(rows: list[dict[str, Any]] | None, spec: Spec) -> tuple[list[dict[str, Any]], list[FieldError]]:
    """Parse each row of a ``rows`` input by its declared columns.

    Returns (parsed rows, errors); a row error names the row number (1-based)."""
    parsed: list[dict[str, Any]] = []
    errors: list[FieldError] = []
    for number, row in enumerate(rows or [], start=1):
        item: dict[str, Any] = {}
        for column in spec.get("columns", []):
            value, error = parse_value(row.get(column["name"]), column)
            if error is None and value is None and column.get("required"):
                error = "未填写"
            if error:
                errors.append(field_error(spec["name"], "第 %d 行“%s”：%s" % (number, column["label"], error)))
            item[column["name"]] = value
        parsed.append(item)
    return parsed, errors


def field_error(field: str, message: str) -> FieldError:
    return {"field": field, "message": message}


def year_errors(values: Mapping[str, object], inputs: Sequence[Spec]) -> list[FieldError]:
    """One error for each date input whose year is outside the sanity bounds (a mistyped year), in form order."""
    errors: list[FieldError] = []
    for spec in inputs:
        day = values.get(spec["name"])
        if isinstance(day, datetime.date) and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            errors.append(field_error(spec["name"], "%s：年份（%d）不对，请核对" % (spec["label"], day.year)))
    return errors


def rule_ref(
    flow: str | None = None, node: str | None = None, regulation: str | None = None, article: str | None = None
) -> RuleRef:
    """The ``rule`` of a finding: the flow step and/or the regulation and article."""
    ref: RuleRef = {}
    if flow:
        ref["flow"] = flow
    if node:
        ref["node"] = node
    if regulation:
        ref["regulation"] = regulation
    if article:
        ref["article"] = article
    return ref


def rule_of(table: _rules.Table, value: _rules.Value) -> RuleRef:
    """The ``rule`` of a finding from a rules-file parameter table and its value in force."""
    return _rules.ref(table, value)


def finding(level: Level, message: str, rule: RuleRef, fix: str | None = None) -> Finding:
    if level not in LEVELS:  # Level is a str for the checkers' convenience; the contract is narrower
        raise ValueError("unknown finding level %r" % level)
    item: Finding = {"level": level, "message": message, "rule": rule}
    if fix:
        item["fix"] = fix
    return item


_ORDER = {"fail": 3, "warn": 2, "pass": 1, "info": 0}


def verdict_of(findings: Sequence[Finding], errors: Sequence[FieldError]) -> Verdict:
    """invalid if there are errors; otherwise the worst finding level (info counts as pass)."""
    if errors:
        return "invalid"
    worst = max((_ORDER.get(item["level"], 0) for item in findings), default=1)
    if worst == _ORDER["fail"]:
        return "fail"
    if worst == _ORDER["warn"]:
        return "warn"
    return "pass"


def result(
    verdict: Verdict,
    summary: str,
    findings: list[Finding],
    errors: list[FieldError],
    values: Mapping[str, Any],
    shape: type[R] | None = None,
) -> R:
    """The result dict: the four keys every result has, then the checker's own ``values``.

    ``shape`` is the checker's result ``TypedDict`` (``ReelectionResult``): it is only for the type
    checker, which infers the return type from it or from the annotation the caller assigns to;
    at run time the result is a plain dict."""
    out: dict[str, Any] = {"verdict": verdict, "summary": summary, "findings": findings, "errors": errors}
    out.update(values)
    return cast(R, out)


def invalid(
    errors: list[FieldError],
    outputs: Sequence[str],
    summary: str = "输入有误，请按提示修改后再检查。",
    shape: type[R] | None = None,
) -> R:
    """The result for invalid input: every output key present, as None (each checker's own keys
    are optional in its shape, and None is what they hold when there is no answer)."""
    refused: R = result("invalid", summary, [], errors, {key: None for key in outputs})
    return refused


def run(check: Callable[[object], R], data: object, outputs: Sequence[str]) -> R:
    """Call a checker's inner ``check``; a bug gives an "invalid" result, never an exception.

    The invalid result has every output key, as None: a valid value of every checker's shape,
    whose own keys are all optional (``total=False``)."""
    try:
        return check(data)
    except Exception:
        refused: R = invalid(
            [field_error("", "检查时出现内部错误，请检查输入；如果问题仍在，请告诉我们。")],
            outputs,
            "检查时出现内部错误。",
        )
        return refused
