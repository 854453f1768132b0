"""Rule tables for the pages, rendered from the same data the checkers use.

``dues_table_markdown()`` renders ``checkers/rules/dues.toml`` (bands, fixed amounts, rounding and
the other dues rules) and ``election_rules_markdown()`` renders ``checkers/rules/election.toml``,
each value with its effective dates and citation. Changing a value in the data changes the
checker and the table alike, with no code change. Both accept ``rules_dir`` (default: the
package's own ``checkers/rules``, or ``$ZHIBU_RULES_DIR``) and ``on`` (the date "现行" refers to;
default today).
"""

from __future__ import annotations

import datetime

from checkers import _dates, _rules, dues

_ONE_DAY = datetime.timedelta(days=1)


def _cell(text) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "｜").replace("\n", " ").strip()


def _periods(values):
    """Each value with its period in words, newest first: (value, "2008年4月1日起", is_current)."""
    ordered = sorted(values, key=lambda value: value["from"])
    out = []
    for index, value in enumerate(ordered):
        start = _dates.text(value["from"])
        if index + 1 < len(ordered):
            end = ordered[index + 1]["from"] - _ONE_DAY
            out.append((value, "%s至%s" % (start, _dates.text(end)), False))
        else:
            out.append((value, "%s起" % start, True))
    return list(reversed(out))


def _status(value) -> str:
    return "（%s）" % value["status"].rstrip("。") if value.get("status") else ""


def disagreements_markdown(entries) -> list[str]:
    """Markdown lines for the ``note`` of each (what, value) shown: where the sources disagree.

    A note shared by several entries is listed once, naming all of them."""
    shared: dict[str, list[str]] = {}
    for what, value in entries:
        if value.get("note"):
            shared.setdefault(value["note"], []).append(what)
    if not shared:
        return []
    lines = ["**来源说法不一之处**", ""]
    lines += ["- %s：%s" % ("；".join(whats), _cell(note)) for note, whats in shared.items()]
    return lines + [""]


def dues_table_markdown(rules_dir=None, on=None) -> str:
    """The dues bands and amounts, with effective dates and citations (Markdown)."""
    rules = _rules.load(dues.RULES, rules_dir)
    on = on or _rules.today()
    lines = []
    shown = []  # (what, value) of every value on the page, for the notes at the end
    for key in ("scale_in_service", "scale_retired"):
        table = rules[key]
        for value, period, current in _periods(table["values"]):
            if value["from"] > on:
                continue
            tag = "现行" if current or _rules.in_force(table, on) is value else "已废止"
            shown.append(("%s（%s）" % (table["description"], period), value))
            lines.append("**%s**（%s，%s）" % (table["description"], period, tag))
            lines.append("")
            lines.append("| 每月计算基数 | 交纳比例 |")
            lines.append("|---|---|")
            for words, percent in dues.bands_in_words(value["bands"]):
                lines.append("| %s | %s |" % (_cell(words), percent))
            lines.append("")
            lines.append(
                "依据：%s%s。按全额计算：整个基数乘所在档次的比例，不是超额累进。"
                % (_rules.cite(value), _status(value))
            )
            lines.append("")

    lines.append("**各类党员的计算基数或数额**")
    lines.append("")
    lines.append("| 党员类别 | 期间 | 计算基数或每月数额 | 依据 |")
    lines.append("|---|---|---|---|")
    for value_name, label in dues.CATEGORIES:
        table = rules["category_" + value_name]
        for value, period, _current in _periods(table["values"]):
            if value["from"] > on:
                continue
            shown.append(("%s（%s）" % (label, period), value))
            lines.append(
                "| %s | %s | %s | %s |"
                % (
                    _cell(label),
                    period,
                    _cell(_category_rule(value, rules)),
                    _cell(_rules.cite(value) + _status(value)),
                )
            )
    lines.append("")

    rounding = _rules.in_force(rules["rounding"], on)
    lines.append("**舍入**：%s依据：%s%s。" % (rounding["text"], _rules.cite(rounding), _status(rounding)))
    lines.append("")
    lines.append("**其他规定**")
    lines.append("")
    for key in ("back_payment", "lapse", "central", "hardship", "probationary"):
        value = _rules.in_force(rules[key], on)
        if value is not None:
            shown.append((rules[key]["description"], value))
            lines.append("- %s：%s（%s）" % (rules[key]["description"], value["text"], _rules.cite(value)))
    lines.append("")
    lines += disagreements_markdown(shown)
    return "\n".join(lines)


def _category_rule(value, rules) -> str:
    money = dues._inputs.money_text
    if value["method"] == "scale":
        scale = rules[value["scale"]]["description"]
        return "%s；按“%s”" % (value["base"], scale)
    if value["method"] == "fixed":
        return "每月%s元" % money(value["amount"])
    return "每月%s元至%s元，本人选定" % (money(value["minimum"]), money(value["maximum"]))


def election_rules_markdown(rules_dir=None, on=None) -> str:
    """The election rules side by side, 2020 条例 and 1990 暂行条例, with citations (Markdown)."""
    from checkers import election

    rules = _rules.load(election.RULES, rules_dir)
    on = on or _rules.today()
    periods = [item for item in _periods(rules["regulations"]["values"]) if item[0]["from"] <= on]
    head = ["规定"] + ["%s<br>%s" % (value["regulation"], period) for value, period, _ in periods]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    notes = []
    for key, table in _rules.parameters(rules).items():
        if key == "regulations":
            continue
        cells = [table["description"]]
        for value, _period, _current in periods:
            rule = _rules.in_force(table, value["from"])
            if rule is None:
                cells.append("—")
                continue
            text = rule["text"]
            if rule.get("rounding"):
                text += rule["rounding"]
            if rule.get("exact_tolerated"):
                text += "（%s：%s）" % (rule["tolerance_regulation"], rule["tolerance_text"])
            cells.append("%s（%s）" % (_cell(text), _cell(rule["article"])))
            if rule.get("status"):
                notes.append("%s，%s：%s" % (table["description"], rule["regulation"], rule["status"]))
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "规定按选举日期适用：%s。"
        % "；".join("%s适用%s" % (period, value["regulation"]) for value, period, _ in periods)
    )
    lines.append("")
    lines.append("**各项依据的核实情况**")
    lines.append("")
    lines.extend("- " + note for note in notes)
    lines.append("")
    return "\n".join(lines)


def rules_markdown(name: str, rules_dir=None) -> str:
    """Every rule of ``checkers/rules/<name>.toml``: the rule, its regulation and article, its period
    and how certain it is (Markdown table). "条款未核实" shows on the page as it is in the data."""
    rules = _rules.load(name, rules_dir)
    lines = ["| 事项 | 规定 | 依据 | 适用 |", "|---|---|---|---|"]
    notes = []
    for table in _rules.parameters(rules).values():
        for value, period, _current in _periods(table["values"]):
            basis = value["regulation"] + (
                value["article"] if value["article"].startswith("第") else "（%s）" % value["article"]
            )
            lines.append(
                "| %s | %s | %s | %s |"
                % (_cell(table["description"]), _cell(value.get("text", "")), _cell(basis), _cell(period))
            )
            if value.get("status"):
                notes.append("%s：%s" % (table["description"], value["status"]))
    lines += ["", "**各项依据的核实情况**", ""]
    lines.extend("- " + _cell(note) for note in notes)
    lines.append("")
    shown = [
        ("%s（%s）" % (table["description"], period), value)
        for table in _rules.parameters(rules).values()
        for value, period, _current in _periods(table["values"])
    ]
    lines += disagreements_markdown(shown)
    return "\n".join(lines)
