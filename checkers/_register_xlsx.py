"""The register as an Excel workbook (.xlsx): a minimal SpreadsheetML file written with zipfile, no library.

``check({"people": [row, …]})`` gives ``xlsx`` (the file's bytes in base64) with the CSV export's columns
and cells (``_register_csv.header`` and ``normalise``): one sheet, the header row bold and frozen, dates
written YYYY-MM-DD as real date cells shown yyyy-mm-dd, everything else as text (inline strings: a cell is
never a formula, whatever it starts with), widths set from the longest cell. Same rows, same bytes (the zip's
members carry a fixed date). An empty register gives the header alone: a template to fill in.
"""

import base64
import datetime
import io
import re
import zipfile
from typing import Any

from checkers import _inputs, _register, _register_csv
from checkers._types import Result

OUTPUTS = ["xlsx"]
SHEET = "发展党员工作台账"  # the sheet's name (at most 31 characters)
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the zip's dates: same rows, same bytes
_EPOCH = datetime.date(1899, 12, 30)  # day 0 of a spreadsheet's date serial numbers (1900 date system)
_WIDTH_MIN, _WIDTH_MAX = 8, 40  # column widths in characters (layout, not a rule)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold
_STYLE_HEADER, _STYLE_DATE = 1, 2  # indexes into cellXfs of _STYLES

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = (
    _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    _HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % _REL
)
_WORKBOOK_RELS = (
    _HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="%s/styles" Target="styles.xml"/></Relationships>' % (_REL, _REL)
)
_STYLES = (
    _HEAD + '<styleSheet xmlns="%s">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>" % _NS
)


class XlsxResult(Result, total=False):
    """The result of ``check()``: the contract's keys and the workbook in base64."""

    xlsx: str | None


def _xml(text: str) -> str:
    text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def column(index: int) -> str:
    """A column's letters: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _day(text: str) -> datetime.date | None:
    """The date of a cell written YYYY-MM-DD (as the register keeps dates); anything else stays text."""
    if not _ISO.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _cell(ref: str, text: str, style: int = 0) -> str:
    day = _day(text) if style == 0 else None
    if day is not None:
        return '<c r="%s" s="%d"><v>%d</v></c>' % (ref, _STYLE_DATE, (day - _EPOCH).days)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    styled = ' s="%d"' % style if style else ""
    return '<c r="%s"%s t="inlineStr"><is><t%s>%s</t></is></c>' % (ref, styled, space, _xml(text))


def _width(text: str) -> int:
    """Display width in characters: a Chinese character takes two."""
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def sheet(people: list[dict[str, Any]]) -> str:
    """The worksheet's XML: the header row, then one row per person."""
    columns = _register_csv.header()
    table = [[name for _field, name in columns]]
    table += [[clean.get(field, "") for field, _name in columns] for clean in map(_register_csv.normalise, people)]
    widths = [min(_WIDTH_MAX, max(_WIDTH_MIN, max(_width(row[i]) for row in table) + 2)) for i in range(len(columns))]
    cols = "".join(
        '<col min="%d" max="%d" width="%d" customWidth="1"/>' % (i + 1, i + 1, width) for i, width in enumerate(widths)
    )
    rows = []
    for number, row in enumerate(table, start=1):
        style = _STYLE_HEADER if number == 1 else 0
        cells = "".join(_cell("%s%d" % (column(i), number), text, style) for i, text in enumerate(row) if text)
        rows.append('<row r="%d">%s</row>' % (number, cells))
    last = "%s%d" % (column(len(columns) - 1), len(table))
    return (
        _HEAD + '<worksheet xmlns="%s" xmlns:r="%s"><dimension ref="A1:%s"/>'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/><cols>%s</cols><sheetData>%s</sheetData></worksheet>'
        % (_NS, _REL, last, cols, "".join(rows))
    )


def workbook(people: list[dict[str, Any]]) -> bytes:
    """The .xlsx file's bytes (deterministic: fixed member order and dates)."""
    book = (
        _HEAD + '<workbook xmlns="%s" xmlns:r="%s"><sheets>'
        '<sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>' % (_NS, _REL, _xml(SHEET[:31]))
    )
    parts = [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _ROOT_RELS),
        ("xl/workbook.xml", book),
        ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        ("xl/styles.xml", _STYLES),
        ("xl/worksheets/sheet1.xml", sheet(people)),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def check(data: object) -> XlsxResult:
    """The register's rows as a workbook; never raises on user input."""
    result: XlsxResult = _inputs.run(_check, data, OUTPUTS)
    return result


def _check(data: object) -> XlsxResult:
    people = data.get("people") if isinstance(data, dict) else None
    if not isinstance(people, list) or not all(isinstance(row, dict) for row in people):
        refused: XlsxResult = _inputs.invalid(
            [_inputs.field_error("people", "台账的内容不对：应是一组人员")], OUTPUTS, "不能导出：台账的内容不对"
        )
        return refused
    if len(people) > _register.ROWS_MAX:
        too_many: XlsxResult = _inputs.invalid(
            [_inputs.field_error("people", "台账最多%d人" % _register.ROWS_MAX)], OUTPUTS, "不能导出：人数超过上限"
        )
        return too_many
    out: XlsxResult = _inputs.result(
        "pass", "导出%d人。" % len(people), [], [], {"xlsx": base64.b64encode(workbook(people)).decode("ascii")}
    )
    return out
