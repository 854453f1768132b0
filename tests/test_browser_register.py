"""The 发展党员 register page (docs/checkers/register.md) in Chromium on the built site, with the real runtime.

One browser, one built site: the table sorts by urgency as the Python says and opens a person's full check;
a CSV with bad rows shows its row messages and changes nothing until confirmed; export → import → export is
the same file; two tabs editing the same register keep both changes (and say so when one replaced the other);
axe in both palettes at 390 and 1366 px; the Traditional edition runs the same checks; a file exported from one
edition imports in the other; 导出Excel downloads a workbook openpyxl reads with the rows.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import sys
from pathlib import Path

import openpyxl
import pytest
from browser_support import FREEZE, axe_violations

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checkers import _register, _register_csv, development  # noqa: E402

PAGE = "checkers/register/"
KEY = "zhibu.selfcheck"

PEOPLE = [
    {"label": "甲完成", "applied": "2019-01-02", "talked_on": "2019-01-10", "activist_on": "2019-03-01",
     "candidate_on": "2020-03-02", "accepted_on": "2020-09-01", "admission_approved_on": "2020-10-01",
     "full_meeting_on": "2021-09-02", "conversion_approved_on": "2021-10-08"},
    {"label": "乙逾期", "accepted_on": "2022-11-01", "admission_approved_on": "2022-12-01"},
    {"label": "丙不符", "activist_on": "2021-06-01", "candidate_on": "2022-05-01", "m_political_review": "2023-01-01",
     "accepted_on": "2022-12-01"},
    {"label": "丁新人", "applied": "2099-01-01"},
]  # fmt: skip


@pytest.fixture(scope="module")
def browser_site(site_browser):
    return site_browser


@pytest.fixture
def context(browser_site):
    browser, base = browser_site
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    ctx.zb_base = base
    yield ctx
    ctx.close()


def open_register(ctx, edition=""):
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.zb_errors = errors
    page.goto(ctx.zb_base + edition + PAGE)
    page.wait_for_selector('.zb-register-status[data-state="ready"]', state="attached", timeout=180_000)
    page.wait_for_selector('.zb-register[data-state="checked"]', state="attached", timeout=60_000)
    return page


def choose_csv(page, text: str | bytes, name="台账.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    page.set_input_files('input[data-act="import"]', {"name": name, "mimeType": "text/csv", "buffer": data})
    page.wait_for_selector(".zb-register-import:not([hidden]) h3", timeout=60_000)


def confirm(page, count):
    page.click(".zb-register-import button.md-button--primary")
    page.wait_for_selector(f".zb-register-grid tbody tr[data-id]:nth-child({count})", timeout=60_000)
    page.wait_for_timeout(300)


def labels(page):
    return page.eval_on_selector_all(
        ".zb-register-grid tbody th[scope=row]", "els => els.map(e => e.firstChild.textContent)"
    )


def stored_rows(page):
    doc = json.loads(page.evaluate(f"localStorage.getItem({KEY!r})") or "{}")
    out = []
    for rec in (doc.get("records") or {}).values():
        if rec.get("table") == "register":
            out += [{k: v for k, v in row.items() if v} for row in rec["rows"].values()]
    return out


def expected_order(people):
    result = _register.check({"people": people})
    return [result["people"][i]["label"] for i in result["order"]]


def export_text(page):
    with page.expect_download() as info:
        page.click('[data-act="export"]')
    path = info.value.path()
    return Path(path).read_bytes().decode("utf-8")


def fresh(browser_site):
    """A new profile (another computer): its own empty store."""
    browser, base = browser_site
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    ctx.zb_base = base
    return ctx


def test_table_sorts_by_urgency_and_opens_a_persons_full_check(context):
    page = open_register(context)
    choose_csv(page, _register_csv.export(PEOPLE))
    confirm(page, len(PEOPLE))
    assert labels(page) == expected_order(PEOPLE)
    assert labels(page)[0] == "丙不符" and labels(page)[-1] == "甲完成"
    summary = page.inner_text(".zb-register-summary")
    assert summary == _register.check({"people": PEOPLE})["summary"]
    assert page.locator(".zb-register-upcoming li").count() == len(_register.check({"people": PEOPLE})["upcoming"])
    # One click: the 发展党员 checker's page with this person's dates (no name) and its own verdict.
    page.click(".zb-register-grid tbody tr:first-child a")
    page.wait_for_url("**/checkers/development/?**")
    assert "activist_on=2021-06-01" in page.url and "candidate_on=2022-05-01" in page.url
    assert "label" not in page.url and "%E4%B8%99" not in page.url  # the name stays on the register page
    page.wait_for_selector(".zbc-checker[data-verdict=fail]", state="attached", timeout=180_000)
    own = development.check({k: v for k, v in PEOPLE[2].items() if k in _register.DATE_FIELDS})
    assert own["summary"] in page.inner_text(".zbc-result")
    assert not page.zb_errors


def test_csv_with_bad_rows_changes_nothing_until_confirmed(context):
    page = open_register(context)
    good = _register_csv.export(PEOPLE[:2]).rstrip("\r\n").split("\r\n")
    width = len(good[0].split(","))
    bad = [
        "w-x-1,坏日期,," + "2024-02-30" + "," * (width - 4),
        "w-x-2,=HYPERLINK(1)" + "," * (width - 2),
        "w-x-3,少列",
    ]
    before = page.evaluate(f"localStorage.getItem({KEY!r})")
    choose_csv(page, "\r\n".join(good[:2] + bad + good[2:]) + "\r\n")
    preview = page.inner_text(".zb-register-import")
    assert "可以导入 2 人" in preview and "3 行读不出" in preview
    assert [
        t
        for t in page.eval_on_selector_all(
            ".zb-register-messages tbody td:first-child", "e => e.map(x => x.textContent)"
        )
    ] == ["第3行", "第4行", "第5行"]
    assert page.evaluate(f"localStorage.getItem({KEY!r})") == before  # nothing stored yet
    assert page.locator(".zb-register-grid").count() == 0
    page.click(".zb-register-import button:has-text('取消')")
    assert page.evaluate(f"localStorage.getItem({KEY!r})") == before
    # Files that cannot be imported at all: a message, nothing changed.
    for raw, words in [
        (b"", "空"),
        ("姓名或代号\r\n张三\r\n".encode("gbk"), "UTF-8"),
        (("姓名或代号\r\n" + "某\r\n" * 10000).encode("utf-8"), "上限1000行"),
        ("名字\r\n张三\r\n".encode(), "姓名或代号"),
    ]:
        choose_csv(page, raw)
        assert words in page.inner_text(".zb-register-import [role=alert]")
        assert page.evaluate(f"localStorage.getItem({KEY!r})") == before
        page.click(".zb-register-import button:has-text('关闭')")
    choose_csv(page, "\r\n".join(good[:2] + bad + good[2:]) + "\r\n")
    confirm(page, 2)
    assert sorted(r["label"] for r in stored_rows(page)) == sorted(p["label"] for p in PEOPLE[:2])
    assert not page.zb_errors


def test_export_then_import_round_trips(context, browser_site):
    page = open_register(context)
    people = [dict(p, m_application="有", reports="2019-06-01;2019-09-01") for p in PEOPLE]
    people[3]["label"] = "-负号开头"
    choose_csv(page, _register_csv.export(people))
    confirm(page, len(people))
    first = export_text(page)
    assert first.startswith("\ufeff") and "'-负号开头" in first
    # A fresh profile (another computer): import the file, export again: the same file.
    browser, base = browser_site
    other = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    other.zb_base = base
    try:
        page2 = open_register(other)
        choose_csv(page2, first)
        confirm(page2, len(people))
        assert export_text(page2) == first
    finally:
        other.close()


def edit(page, label, field, value):
    page.click(f".zb-register-grid tr:has(th:text-is('{label}')) button:has-text('编辑'), "
               f".zb-register-grid tr:has-text('{label}') button:has-text('编辑')")  # fmt: skip
    page.fill(f".zb-register-edit [data-field={field}]", value)
    page.click(".zb-register-edit button[type=submit]")
    page.wait_for_selector(".zb-register-edit", state="hidden")


def test_two_tabs_editing_the_same_register_keep_both_changes(context):
    context.add_init_script(FREEZE)
    a = open_register(context)
    choose_csv(a, _register_csv.export(PEOPLE[1:3]))
    confirm(a, 2)
    b = open_register(context)
    assert sorted(labels(b)) == sorted(labels(a))
    b.evaluate("window.zbFrozen = true")  # b no longer hears a: its copy goes stale
    edit(a, "乙逾期", "full_meeting_on", "2023-11-05")
    edit(b, "丙不符", "applied", "2021-01-04")  # b's copy does not have a's change
    c = open_register(context)
    rows = {r["label"]: r for r in stored_rows(c)}
    assert rows["乙逾期"]["full_meeting_on"] == "2023-11-05"  # a's change survived b's later write
    assert rows["丙不符"]["applied"] == "2021-01-04"
    # The same field in both, c not having seen a's value: the later wins, and a (whose value was replaced) is told.
    c.evaluate("window.zbFrozen = true")
    edit(a, "乙逾期", "conversion_approved_on", "2023-12-01")
    edit(c, "乙逾期", "conversion_approved_on", "2023-12-20")
    a.wait_for_selector(".zb-register-note:has-text('另一个页面随后修改了同一栏')", timeout=10_000)
    assert "2023-12-01" in a.inner_text(".zb-register-note")


@pytest.mark.parametrize("width", [390, 1366])
def test_axe_in_both_palettes(context, width):
    page = open_register(context)
    page.set_viewport_size({"width": width, "height": 900})
    choose_csv(page, _register_csv.export(PEOPLE))
    confirm(page, len(PEOPLE))
    page.click(".zb-register-grid tbody tr:first-child button:has-text('编辑')")  # the form too
    found = []
    for scheme in ("default", "slate"):
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        found += [f"[{scheme} {width}px] {line}" for line in axe_violations(page, include=".md-content")]
    assert not found, "\n".join(found)


def test_traditional_edition(context):
    page = open_register(context, edition="zh-Hant/")
    assert "發展黨員" in page.inner_text("h1")
    choose_csv(page, _hant_csv())
    confirm(page, 2)
    text = page.inner_text(".zb-register-table")
    assert "不符合" in text and "第二階段" in text and "积极分子" not in text, text
    assert not page.zb_errors


def _hant_csv() -> str:
    """A file a 繁體 reader writes by hand: the header in Traditional script (the edition's own columns)."""
    return (
        "姓名或代號,推薦和確定積極分子的日期,確定發展對象的日期\r\n丙不符,2021-06-01,2022-05-01\r\n乙,2026-01-05,\r\n"
    )


def test_the_register_is_listed_on_my_records_and_opens_from_there(context):
    page = open_register(context)
    choose_csv(page, _register_csv.export(PEOPLE[:2]))
    confirm(page, 2)
    page.goto(context.zb_base + "checkers/records/")
    item = page.locator(".zb-records-item[data-table=register]")
    item.wait_for(timeout=30_000)
    assert "2 行" in item.inner_text()
    item.locator("a:has-text('打开')").click()
    page.wait_for_url("**/checkers/register/?register=**")
    page.wait_for_selector('.zb-register[data-state="checked"]', state="attached", timeout=180_000)
    assert sorted(labels(page)) == sorted(p["label"] for p in PEOPLE[:2])


def test_a_file_exported_from_one_edition_imports_in_the_other(browser_site):
    hans_ctx, hant_ctx, back_ctx = fresh(browser_site), fresh(browser_site), fresh(browser_site)
    try:
        hans = open_register(hans_ctx)
        choose_csv(hans, _register_csv.export(PEOPLE))
        confirm(hans, len(PEOPLE))
        simplified = export_text(hans)
        hant = open_register(hant_ctx, edition="zh-Hant/")
        choose_csv(hant, simplified)
        preview = hant.inner_text(".zb-register-import")
        assert "可以導入 %d 人" % len(PEOPLE) in preview, preview
        assert hant.locator(".zb-register-import .zb-register-note").count() == 0, preview  # no unknown column
        confirm(hant, len(PEOPLE))
        traditional = export_text(hant)
        assert traditional.splitlines()[0] != simplified.splitlines()[0]  # the edition's own header
        assert "姓名或代號" in traditional.splitlines()[0]
        back = open_register(back_ctx)
        choose_csv(back, traditional)
        assert back.locator(".zb-register-import .zb-register-note").count() == 0, back.inner_text(
            ".zb-register-import"
        )
        confirm(back, len(PEOPLE))
        assert export_text(back) == simplified
        assert not (hans.zb_errors or hant.zb_errors or back.zb_errors)
    finally:
        for ctx in (hans_ctx, hant_ctx, back_ctx):
            ctx.close()


def test_export_excel_downloads_a_workbook_with_the_rows(context):
    page = open_register(context)
    people = [dict(p, m_application="有", reports="2019-06-01;2019-09-01") for p in PEOPLE]
    people[3]["label"] = "=负号开头"
    choose_csv(page, _register_csv.export(people))
    confirm(page, len(people))
    with page.expect_download() as info:
        page.click('[data-act="export-xlsx"]')
    assert info.value.suggested_filename.endswith(".xlsx")
    assert "已导出 %d 人的Excel文件" % len(people) in page.inner_text(".zb-register-note")
    sheet = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    rows = [[_text(c.value) for c in row] for row in sheet.iter_rows()]
    written = list(csv.reader(io.StringIO(export_text(page).removeprefix(_register_csv.BOM))))
    # The CSV's rows in the table's order; its formula-safe apostrophe is not needed in a text cell.
    assert rows[0] == written[0] and sheet.freeze_panes == "A2"
    assert sorted(rows[1:]) == sorted([c[1:] if c.startswith("'") else c for c in row] for row in written[1:])
    assert any(isinstance(c.value, datetime.datetime) for row in sheet.iter_rows(min_row=2) for c in row)
    assert not page.zb_errors


def _text(value):
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return "" if value is None else str(value)
