"""The register's CSV file: export (UTF-8 with BOM, a Chinese header) and import with row-by-row messages.

``check({"action": "export", "people": [row, …]})`` gives ``csv`` (the file's text, starting with the
BOM so that Excel and WPS read it as UTF-8); ``check({"action": "import", "base64": …})`` (the file's
bytes; ``"text"`` is accepted too) gives ``people`` (the rows it could read, in the file's order),
``messages`` (one per row it could not read: its line, column and what to do) and ``notes`` (columns
it did not know or did not find). Nothing is changed by an import: the page shows the messages and
asks before it takes the rows.

The header (``HEADER``, documented on the page) names every column in Chinese; the columns may come
in any order and any may be missing except 姓名或代号. Dates may be written 2024-03-01, 2024/3/1,
2024.3.1 or 2024年3月1日 (a spreadsheet's own date format); a material is its date or "有"; 思想汇报
are dates separated by ";". A cell that a spreadsheet would run as a formula (=, +, -, @ first) is
written with a leading apostrophe, which the import takes off again; a cell read from a file that
starts with one of them is refused with a message. Limits: ``_register.ROWS_MAX`` rows and
``BYTES_MAX`` bytes; a longer file is refused whole.

Export then import gives the same rows (``normalise``): the round trip is exact.
"""

import base64
import binascii
import csv
import io
import json
import os
from typing import Any, TypedDict

from checkers import _inputs, _register, _rules, development
from checkers._types import Result, Verdict

BYTES_MAX = 2 * 1024 * 1024  # a file's size (form sanity bound, not a rule): 1,000 rows take ~0.3 MB
BOM = "\ufeff"
FORMULA_FIRST = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as the start of a formula
QUOTE = "'"  # the apostrophe that makes a spreadsheet show such a cell as text
OUTPUTS = ["csv", "people", "messages", "notes"]
SCRIPTS_FILE = "register_headers.json"  # written by the build next to the rules files (see _other_script)
_COUNT_MAX = 1000  # the development checker's bound on its counts (form sanity, not a rule)
_LINES_READ = 10000  # read at most this many lines to say how long a refused file is (not a rule)
_INTEGERS = {spec["name"] for spec in development.INPUTS if spec["type"] == "integer"}


class Message(TypedDict):
    """What the import could not read: the file's line (the header is line 1), the column, and why."""

    line: int
    column: str
    message: str


class CsvResult(Result, total=False):
    """The result of ``check()``: the contract's keys and the file's text or the rows read."""

    csv: str | None
    people: list[dict[str, str]] | None
    messages: list[Message] | None
    notes: list[str] | None


def header() -> list[tuple[str, str]]:
    """(field, Chinese column name) for every column, in the file's order."""
    labels = {spec["name"]: str(spec["label"]) for spec in development.INPUTS}
    names = {"id": "编号", "label": "姓名或代号", "reports": "思想汇报日期（用分号隔开）"}
    for item in _register.materials(_rules.today()):
        names[item["field"]] = "材料：" + item["label"]
    return [(field, names.get(field) or labels[field]) for field in _register.fields()]


def header_names() -> list[str]:
    """Every column name a file may have on any day: today's header and each dated material label."""
    names = [name for _field, name in header()]
    for key, table in _rules.parameters(_rules.load(_register.RULES)).items():
        if key.startswith("material_"):
            names += ["材料：" + str(value["label"]) for value in table.get("values", [])]
    return list(dict.fromkeys(names))


def _other_script() -> dict[str, str]:
    """Column names in the other script edition → this edition's spelling (from ``SCRIPTS_FILE``).

    The 繁體 edition runs this module converted by OpenCC, so its header is Traditional and the 简体
    one's Simplified: the build writes both spellings of every name into a JSON file, which the
    conversion leaves as it is (macros/editions/register_headers.py). Without it (the package run
    from the source tree) only this edition's names are read.
    """
    path = os.path.join(_rules.rules_dir(), SCRIPTS_FILE)
    try:
        with open(path, encoding="utf-8") as handle:
            pairs = json.load(handle)["pairs"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    own = set(header_names())
    out: dict[str, str] = {}
    for pair in pairs:
        hans, hant = str(pair[0]), str(pair[1])
        if hant in own:  # this is the 繁體 edition
            out.setdefault(hans, hant)
        elif hans in own:
            out.setdefault(hant, hans)
    return out


def _safe(value: str) -> str:
    """A cell that a spreadsheet would run as a formula, made text (the apostrophe is taken off on import)."""
    return QUOTE + value if value.startswith(FORMULA_FIRST) or value.startswith(QUOTE) else value


def export(people: list[dict[str, Any]]) -> str:
    """The CSV text of ``people`` (rows as the register keeps them), BOM first, CRLF line ends."""
    columns = header()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for _field, name in columns])
    for row in people:
        clean = normalise(row)
        writer.writerow([_safe(clean.get(field, "")) for field, _name in columns])
    return BOM + out.getvalue()


def normalise(row: dict[str, Any]) -> dict[str, str]:
    """A row as the file holds it: every non-empty field as text (dates as given; reports joined by ";")."""
    out: dict[str, str] = {}
    for field in _register.fields():
        value = row.get(field)
        if value is None or value == "":
            continue
        if field == "reports" and isinstance(value, list):
            value = ";".join(str(item) for item in value)
        text = str(value).strip()  # the import strips cells: so does the export, for an exact round trip
        if text:
            out[field] = text
    return out


def _date(text: str) -> tuple[str | None, str | None]:
    """A date cell as YYYY-MM-DD, or a message."""
    plain = text.replace("年", "-").replace("月", "-").replace("日", "").strip()
    day, error = _inputs.parse_date(plain)
    if error or day is None:
        return None, "“%s”不是日期（%s）" % (text, error or "请核对")
    return day.isoformat(), None


def _cell(field: str, raw: str) -> tuple[str | None, str | None]:
    """One cell read: its value ("" for blank) or a message."""
    text = raw.strip()
    if text.startswith(QUOTE) and text[1:].startswith(FORMULA_FIRST + (QUOTE,)):
        text = text[1:]  # written safe by the export
    elif text.startswith(FORMULA_FIRST):
        return None, "以“%s”开头，表格软件会把它当作公式执行；请去掉开头的符号（或在前面加一个英文单引号）" % text[0]
    if not text:
        return "", None
    if field in ("id", "label"):
        return text, None
    if field == "reports":
        days, error = _register.split_reports(text)
        return (";".join(day.isoformat() for day in days), None) if error is None else (None, error)
    if field in _INTEGERS:
        return (text, None) if text.isdigit() and len(text) <= len(str(_COUNT_MAX)) else (None, "“%s”不是整数" % text)
    if field.startswith(_register.MATERIAL_PREFIX) and text in (_register.PRESENT, "✓", "√"):
        return _register.PRESENT, None
    return _date(text)


def _decode(data: dict[str, Any]) -> tuple[str | None, str | None]:
    """The file's text, or a message (not base64, too large, not UTF-8, empty)."""
    if isinstance(data.get("text"), str):
        raw = data["text"].encode("utf-8")
    else:
        try:
            raw = base64.b64decode(str(data.get("base64") or ""), validate=True)
        except (binascii.Error, ValueError):
            return None, "文件没有读进来，请重新选择文件"
    if len(raw) > BYTES_MAX:
        return None, "文件有%.1f MB，超过了上限%d MB；请分成几个文件导入" % (
            len(raw) / (1024 * 1024),
            BYTES_MAX // (1024 * 1024),
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, (
            "文件不是UTF-8编码（第%d行有无法识别的字节，可能是GBK编码）。请在Excel中“另存为”选“CSV UTF-8（逗号分隔）”，"
            "或在WPS中另存为UTF-8编码的CSV，再导入" % line
        )
    text = text.removeprefix(BOM)
    if not text.strip():
        return None, "文件是空的：没有表头，也没有人员"
    return text, None


def read(data: dict[str, Any]) -> CsvResult:
    """Import: the rows the file holds, row messages, notes; nothing is stored here."""
    text, error = _decode(data)
    if error or text is None:
        return _refused(error or "")
    lines = list(_limited(csv.reader(io.StringIO(text, newline=""))))
    if len(lines) > _register.ROWS_MAX + 1:
        count = ("超过%d" if len(lines) - 1 > _LINES_READ else "%d") % min(len(lines) - 1, _LINES_READ)
        return _refused(
            "文件有%s行人员，超过了本页的上限%d行；请分成几个台账，每个不超过%d人"
            % (count, _register.ROWS_MAX, _register.ROWS_MAX)
        )
    other = _other_script()
    titles = [cell.strip().removeprefix(BOM) for cell in lines[0][1]]
    titles = [other.get(title, title) for title in titles]
    by_name = {name: field for field, name in header()}
    # A column may also be named by its field (a file written by hand or by another program).
    by_name.update({field: field for field in _register.fields()})
    if "姓名或代号" not in titles and "label" not in titles:
        return _refused("第1行（表头）没有“姓名或代号”一列：请用本页导出的文件做模板，表头写在第一行")
    notes: list[str] = []
    unknown = [title for title in titles if title and title not in by_name]
    if unknown:
        notes.append("不认识这些列，导入时忽略：%s" % "、".join(unknown))
    known = {by_name[title] for title in titles if title in by_name}
    absent = [name for field, name in header() if field not in known and field != "id"]
    if absent:
        notes.append("文件没有这些列，导入后这些项为空：%s" % "、".join(absent))
    people: list[dict[str, str]] = []
    messages: list[Message] = []
    seen: set[str] = set()
    for line, cells in lines[1:]:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        row, problems = _row(line, cells, titles, by_name)
        if not problems and row.get("id") in seen:
            problems.append({"line": line, "column": "编号", "message": "编号“%s”与前面一行相同" % row["id"]})
        if problems:
            messages += problems
            continue
        if row.get("id"):
            seen.add(row["id"])
        people.append(row)
    if not people and not messages:
        return _refused("文件只有表头，没有人员")
    verdict: Verdict = "warn" if messages else "pass"
    summary = "可以导入%d人" % len(people) + (
        "；%d行读不出，不会导入（见下）。" % _rows(messages) if messages else "。"
    )
    result: CsvResult = _inputs.result(
        verdict, summary, [], [], {"csv": None, "people": people, "messages": messages, "notes": notes}
    )
    return result


def _rows(messages: list[Message]) -> int:
    return len({item["line"] for item in messages})


def _limited(reader: Any) -> Any:
    """(line number, cells) for each record, stopping past ``_LINES_READ`` (a huge file is refused anyway)."""
    count = 0
    try:
        for cells in reader:
            count += 1
            yield reader.line_num, cells
            if count > _LINES_READ + 1:
                return
    except csv.Error as exc:
        yield reader.line_num, ["\x00csv:%s" % exc]


def _row(
    line: int, cells: list[str], titles: list[str], by_name: dict[str, str]
) -> tuple[dict[str, str], list[Message]]:
    """One record read against the header: the row, or its messages."""
    problems: list[Message] = []
    if cells and cells[0].startswith("\x00csv:"):
        return {}, [{"line": line, "column": "", "message": "这一行的引号不配对，读不出来：%s" % cells[0][5:]}]
    if len(cells) != len(titles):
        word = (
            "多了%d格" % (len(cells) - len(titles))
            if len(cells) > len(titles)
            else "少了%d格" % (len(titles) - len(cells))
        )
        return {}, [
            {
                "line": line,
                "column": "",
                "message": "这一行有%d格，表头有%d列（%s）：可能缺了或多了逗号，请核对"
                % (len(cells), len(titles), word),
            }
        ]
    row: dict[str, str] = {}
    for title, raw in zip(titles, cells):
        field = by_name.get(title)
        if field is None:
            continue
        value, error = _cell(field, raw)
        if error or value is None:
            problems.append({"line": line, "column": title, "message": error or "读不出"})
        elif value:
            row[field] = value
    if not problems and not row.get("label"):
        problems.append({"line": line, "column": "姓名或代号", "message": "姓名或代号是空的：每一行要有一个姓名或代号"})
    return row, problems


def _refused(message: str) -> CsvResult:
    refused: CsvResult = _inputs.invalid([_inputs.field_error("file", message)], OUTPUTS, "文件不能导入：" + message)
    return refused


def check(data: object) -> CsvResult:
    """Export or import (``data["action"]``); never raises on user input."""
    result: CsvResult = _inputs.run(_check, data, OUTPUTS)
    return result


def _check(data: object) -> CsvResult:
    if not isinstance(data, dict) or data.get("action") not in ("export", "import"):
        return _refused("请求不对：应是导出或导入")
    if data["action"] == "import":
        return read(data)
    people = data.get("people")
    if not isinstance(people, list) or not all(isinstance(row, dict) for row in people):
        return _refused("台账的内容不对：应是一组人员")
    out: CsvResult = _inputs.result(
        "pass", "导出%d人。" % len(people), [], [], {"csv": export(people), "people": None, "messages": [], "notes": []}
    )
    return out
