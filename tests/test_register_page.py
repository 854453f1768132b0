"""The register's page parts that need no browser: the stored row's fields match the Python's row, the
page documents the materials (with the 细则第三十七条 ones marked) and the CSV header from the same data."""

import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkers import _register, _register_csv  # noqa: E402
from macros.checker_page import register_page  # noqa: E402

TABLES_JS = ROOT / "docs" / "assets" / "javascripts" / "record-tables.mjs"


def _js_fields():
    script = "import(process.argv[1]).then(m => console.log(JSON.stringify(m.TABLES.register.fields)))"
    out = subprocess.run(["node", "-e", script, TABLES_JS.as_uri()], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_stored_rows_fields_are_the_pythons_row():
    fields = _js_fields()
    assert [f["name"] for f in fields] == _register.fields()[1:]  # the row id is the store's own
    header = dict(_register_csv.header())
    for field in fields:
        if field["name"].startswith(_register.MATERIAL_PREFIX):
            assert header[field["name"]] == "材料：" + field["label"]
        elif field["name"] in _register.DATE_FIELDS:
            assert header[field["name"]].replace("的日期", "") == field["label"], field
            assert field["type"] in ("date", "integer")


def test_the_page_lists_the_materials_with_their_source():
    table = register_page.materials_table()
    for item in _register.materials(__import__("datetime").date.today()):
        line = next(row for row in table.splitlines() if "| %s |" % item["label"] in row)
        assert ("第三十七条" in line) == item["in_file"], line
    assert register_page.csv_header().startswith("“编号”、“姓名或代号”")


def test_the_page_embeds_the_register_with_the_runtime():
    html = register_page.render_register("../../")
    for attr in ('data-checker="_register"', "data-worker=", "data-zip=", 'data-horizon="90"', 'data-rows-max="1000"'):
        assert attr in html
    assert "不会发送到任何服务器" in html and "唯一的备份" in html
