"""Rules as dated data: load ``checkers/rules/<name>.toml`` and pick the value in force on a date.

The layout follows OpenFisca's parameters: every parameter is a table with a ``values`` array;
each value carries ``from`` (a TOML date: in force from that day on), ``regulation`` and
``article`` (the citation; "条款未核实" where the article number is not verified), and the
numbers themselves. The value in force on a day is the one with the latest ``from`` not after
that day; before the earliest ``from`` there is no rule (``None``).

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
from typing import Any

Rules = dict[str, Any]  # a parsed rules file
Value = dict[str, Any]  # one dated entry of a parameter's `values`

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


def in_force(parameter: dict[str, Any], on: datetime.date) -> Value | None:
    """The entry of ``parameter["values"]`` in force on date ``on`` (or None before the first)."""
    best = None
    for value in parameter.get("values", []):
        start = value["from"]
        if start <= on and (best is None or start > best["from"]):
            best = value
    return best


def current(parameter: dict[str, Any], on: datetime.date) -> Value:
    """The entry in force on ``on``, for callers that have already refused dates before the data
    begins: none in force here is a fault in the data (LookupError, the checker's internal error)."""
    value = in_force(parameter, on)
    if value is None:
        raise LookupError("no value of %s in force on %s" % (parameter.get("description"), on))
    return value


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


def parameters(rules: Rules) -> dict[str, dict[str, Any]]:
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
