"""The register's .xlsx export (checkers/_register_xlsx.py), read back with openpyxl (a test-only dependency).

Header bold and frozen, every row, dates as date cells shown yyyy-mm-dd, the same cells as the CSV export,
no formula whatever a cell starts with, the empty register a header-only template, same rows same bytes.
"""

import base64
import csv
import datetime
import io
import pathlib
import sys
import zipfile

import openpyxl
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkers import _register_csv, _register_xlsx  # noqa: E402

PEOPLE = [
    {"id": "a1", "label": "甲", "born": "1999-02-28", "applied": "2021-03-01", "talked_on": "2021-03-20",
     "m_application": "2021-03-01", "reports": ["2021-06-01", "2021-09-01"]},
    {"id": "b2", "label": "=SUM(A1:A9)", "activist_on": "2022-05-01", "training_hours": 24, "m_application": "有"},
    {"id": "c3", "label": "+1 <丙> & \"丁\"", "applied": "2020/3/1", "candidate_on": "2023-02-30"},
]  # fmt: skip


def book(people):
    result = _register_xlsx.check({"people": people})
    assert result["verdict"] == "pass", result
    return openpyxl.load_workbook(io.BytesIO(base64.b64decode(result["xlsx"])))


def cell_text(value):
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return "" if value is None else str(value)


def test_header_every_row_and_the_csv_content():
    sheet = book(PEOPLE).active
    rows = [[cell_text(c.value) for c in row] for row in sheet.iter_rows()]
    text = _register_csv.check({"action": "export", "people": PEOPLE})["csv"].removeprefix(_register_csv.BOM)
    written = list(csv.reader(io.StringIO(text)))
    # The CSV makes a formula-like cell safe with an apostrophe; the workbook's cells are text already.
    expected = [[cell[1:] if cell.startswith("'") else cell for cell in row] for row in written]
    assert rows == expected
    assert len(rows) == len(PEOPLE) + 1


def test_dates_are_date_cells_and_the_rest_is_text():
    sheet = book(PEOPLE).active
    names = [c.value for c in sheet[1]]
    born = sheet.cell(row=2, column=names.index("出生日期") + 1)
    assert born.is_date and born.value == datetime.datetime(1999, 2, 28) and born.number_format == "yyyy-mm-dd"
    odd = sheet.cell(row=4, column=names.index("确定发展对象的日期") + 1)  # not a real day: kept as written
    assert odd.data_type == "s" and odd.value == "2023-02-30"
    formula = sheet.cell(row=3, column=names.index("姓名或代号") + 1)
    assert formula.data_type == "s" and formula.value == "=SUM(A1:A9)"  # text, never a formula
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_header_bold_frozen_and_widths_set():
    sheet = book(PEOPLE).active
    assert all(c.font.b for c in sheet[1] if c.value)
    assert not sheet.cell(row=2, column=1).font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width >= len("姓名或代号") * 2


def test_the_empty_register_is_a_template():
    sheet = book([]).active
    assert sheet.max_row == 1
    assert [c.value for c in sheet[1]] == [name for _field, name in _register_csv.header()]


def test_same_rows_same_bytes_and_a_valid_zip():
    first = base64.b64decode(_register_xlsx.check({"people": PEOPLE})["xlsx"])
    assert first == base64.b64decode(_register_xlsx.check({"people": PEOPLE})["xlsx"])
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert zf.testzip() is None
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in zf.infolist())


@pytest.mark.parametrize("data", [None, {}, {"people": "x"}, {"people": [1]}, {"people": [{}] * 1001}])
def test_bad_requests_are_refused_with_a_message(data):
    result = _register_xlsx.check(data)
    assert result["verdict"] == "invalid" and result["errors"][0]["message"]


def test_columns_past_z():
    assert [_register_xlsx.column(i) for i in (0, 25, 26, 51, 52)] == ["A", "Z", "AA", "AZ", "BA"]
