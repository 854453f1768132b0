"""Rules as dated data: load ``checkers/rules/<name>.toml`` and pick the value in force on a date.

The layout follows OpenFisca's parameters: every parameter is a table with a ``values`` array;
each value carries ``from`` (a TOML date: in force from that day on), ``regulation`` and
``article`` (the citation; "条款未核实" where the article number is not verified), and the
numbers themselves. The value in force on a day is the one with the latest ``from`` not after
that day.

One lookup, ``lookup(table, on, before_first=...)``, and an explicit policy for a day before the
table's earliest ``from`` (the data does not say what applied then). Every call names its policy:

- ``"refuse"``: the answer would rest on a rule the site does not hold, so the checker refuses the
  input: ``value`` is None and the checker returns "invalid" with a message on the date field
  that says from when the site's rules run (``InForce.first``). For a date the user typed about
  the past (an election date, a dues month).
- ``"skip"``: one part of the answer has no rule on that day; ``value`` is None and the checker
  leaves that part out with an "info" finding that says so; the rest of the answer stands.
- ``"earliest"``: the earliest entry stands in (``early`` is True so the checker may say so). For
  procedural rules whose older wording is the same in substance, or is recorded in the entry's
  ``status``.
- ``"fault"``: a day before the data is a fault in the data or the code, not in the input (the
  checker has refused such dates already, or asks about today): ``LookupError``, which
  ``_inputs.run`` turns into the internal-error result.

``in_force`` and ``current`` are the two oldest policies under their old names ("skip"/"refuse"
without the reference, and "fault"); new code calls ``lookup``.

Numbers in the TOML are read as ``decimal.Decimal`` (``parse_float=Decimal``): no float ever
enters a rule.

Files are opened relative to this file (``__file__``), never through ``importlib.resources``,
so the package works unpacked from a zip into Pyodide's file system. The directory can be
pointed elsewhere with the environment variable ``ZHIBU_RULES_DIR`` or the ``rules_dir``
argument (tests use this to check that editing the data changes the results with no code
change).
"""

import datetime
import decimal
import os
import tomllib
from typing import Any, Literal, NamedTuple, overload

from checkers._types import RuleRef

Rules = dict[str, Any]  # a parsed rules file
Table = dict[str, Any]  # one parameter table: description, flow, node, values
Value = dict[str, Any]  # one dated entry of a parameter's `values`
Policy = Literal["refuse", "skip", "earliest", "fault"]

ENV_DIR = "ZHIBU_RULES_DIR"
DEFAULT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rules")

_cache: dict[str, tuple[int, Rules]] = {}


def rules_dir(rules_dir: str | None = None) -> str:
    return rules_dir or os.environ.get(ENV_DIR) or DEFAULT_DIR


def load(name: str, rules_dir_: str | None = None) -> Rules:
    """The parsed rules file ``<name>.toml`` (cached per path and modification time)."""
    path = os.path.join(rules_dir(rules_dir_), name + ".toml")
    stamp = os.stat(path).st_mtime_ns
    cached = _cache.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    with open(path, "rb") as handle:
        data = tomllib.load(handle, parse_float=decimal.Decimal)
    _cache[path] = (stamp, data)
    return data


class Applied(NamedTuple):
    """A rule that applies on the day asked ("earliest" and "fault" always give one)."""

    value: Value  # the entry of ``table["values"]``
    rule: RuleRef  # a finding's ``rule``: the table's flow step and the entry's regulation, article
    first: datetime.date  # the table's earliest ``from``
    early: bool  # the day is before ``first`` and the earliest entry stands in ("earliest")


class InForce(NamedTuple):
    """The rule in force on the day asked, or None before the data begins ("refuse", "skip")."""

    value: Value | None
    rule: RuleRef  # without a value: the table's flow step only
    first: datetime.date
    early: bool  # the day is before ``first`` (then ``value`` is None)


@overload
def lookup(table: Table, on: datetime.date, *, before_first: Literal["earliest", "fault"]) -> Applied: ...
@overload
def lookup(table: Table, on: datetime.date, *, before_first: Literal["refuse", "skip"]) -> InForce: ...
def lookup(table: Table, on: datetime.date, *, before_first: Policy) -> Applied | InForce:
    """The entry of ``table["values"]`` in force on ``on`` and its ``rule`` reference.

    ``before_first`` is what a day before the earliest entry means (module docstring): "refuse" and
    "skip" give ``value=None`` for the checker to refuse or to skip; "earliest" gives the earliest
    entry with ``early=True``; "fault" raises ``LookupError``. There is no default: every caller
    says which it means."""
    values: list[Value] = table.get("values", [])
    first = min((value["from"] for value in values), default=datetime.date.max)
    best: Value | None = None
    for value in values:
        start = value["from"]
        if start <= on and (best is None or start > best["from"]):
            best = value
    if best is not None:
        return Applied(best, ref(table, best), first, False)
    if before_first == "earliest" and values:
        earliest = min(values, key=lambda value: value["from"])
        return Applied(earliest, ref(table, earliest), first, True)
    if before_first in ("earliest", "fault"):
        raise LookupError("no value of %s in force on %s" % (table.get("description"), on))
    return InForce(None, ref(table, None), first, True)


def ref(table: Table, value: Value | None) -> RuleRef:
    """A finding's ``rule`` for ``value`` of ``table``: its flow step, regulation and article."""
    out: RuleRef = {}
    if table.get("flow"):
        out["flow"] = str(table["flow"])
    if table.get("node"):
        out["node"] = str(table["node"])
    if value is not None and value.get("regulation"):
        out["regulation"] = str(value["regulation"])
    if value is not None and value.get("article"):
        out["article"] = str(value["article"])
    return out


def in_force(parameter: Table, on: datetime.date) -> Value | None:
    """The entry in force on ``on``, None before the first: ``lookup(..., before_first="skip").value``."""
    return lookup(parameter, on, before_first="skip").value


def current(parameter: Table, on: datetime.date) -> Value:
    """The entry in force on ``on``: ``lookup(..., before_first="fault").value``."""
    return lookup(parameter, on, before_first="fault").value


GENERAL = "一般"  # the value of ``strength`` for a limit the regulation words "一般…"


def is_general(value: Value, key: str) -> bool:
    """Whether the limit ``key`` of ``value`` is worded "一般…" (一般不超过, 一般不少于) in the regulation.

    The data says so in the value's ``strength`` table (``strength = { max_units = "一般" }``); a
    limit not named there is binding ("应当", "不得", "必须")."""
    strength = value.get("strength") or {}
    return isinstance(strength, dict) and strength.get(key) == GENERAL


def breach_level(value: Value, key: str) -> str:
    """The finding level when the limit ``key`` of ``value`` is not met: "warn" for a limit worded
    "一般…" (the regulation allows exceptions; the page says so), "fail" for a binding one."""
    return "warn" if is_general(value, key) else "fail"


def earliest(rules: Rules) -> datetime.date:
    """The earliest ``from`` date of any parameter in a rules file."""
    dates: list[datetime.date] = [
        value["from"] for parameter in parameters(rules).values() for value in parameter.get("values", [])
    ]
    return min(dates)


def parameters(rules: Rules) -> dict[str, Table]:
    """The parameter tables of a rules file: every top-level table that has ``values``."""
    return {key: table for key, table in rules.items() if isinstance(table, dict) and "values" in table}


def today() -> datetime.date:
    return datetime.date.today()


def cite(value: Value) -> str:
    """《…》第N条 as one string, for messages."""
    article = value.get("article") or ""
    if article and not article.startswith("第"):
        article = "（%s）" % article
    return str(value["regulation"]) + article
