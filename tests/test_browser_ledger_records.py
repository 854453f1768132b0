"""Ledgers kept as table records in headless Chromium: saved from the ledger checker's form, opened back into it,
listed on 我的自查记录, exported and imported unchanged, a bad file refused without a change, two tabs adding
rows both kept, printed with the verdict and signature lines, and axe on what they add.

Seen to fail on planted defects: the records page listing table records under a missing diagram (no
.zb-records-item[data-table]); syncRows replaced by writing the form's rows over the stored ones (the two-tab
test loses the first tab's row); checkTable not reading row fields (the bad-kind file imported).
"""

from __future__ import annotations

import json

import pytest
from test_browser_records import choose_file, new_context, pdf_text, stored

LEDGER = "checkers/ledger/"
QUERY = "?year=2026&period=q1&as_of=2026-05-01&meetings=committee:2026-01-10:5:5:改期,general:2026-02-10:20:8"
SAVE = ".zb-tp button:text('保存为组织生活台账')"
SHOTS = "/tmp/shots-ledger-store"


@pytest.fixture
def context(site_browser):  # (a fresh profile on conftest's shared browser and site)
    ctx = new_context(site_browser, accept_downloads=True)
    yield ctx
    ctx.close()


def open_ledger(ctx, query=QUERY):
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)) if "pyodide" not in str(e) else None)  # (runtime blocked)
    page.zb_errors = errors
    page.goto(f"{ctx.zb_base}{LEDGER}{query}")
    page.wait_for_selector(".zb-tp")
    return page


def save_ledger(ctx, name="2026年第一季度台账"):
    """A ledger saved from the checker page's form (QUERY's two meetings); returns (page, its id)."""
    page = open_ledger(ctx)
    page.fill(".zb-tp input[type=text]", name)
    page.click(SAVE)
    page.wait_for_function("() => document.querySelector('.zb-tp .zb-sc-message').textContent.includes('已保存')")
    (rec,) = [r for r in stored(page)["records"].values() if r.get("kind") == "table"]
    return page, rec["id"]


def records_page(ctx):
    page = ctx.new_page()
    page.goto(f"{ctx.zb_base}checkers/records/")
    page.wait_for_selector(".zb-records-item, .zb-records-empty")
    return page


def table_records(page):
    return {k: v for k, v in (stored(page) or {"records": {}})["records"].items() if v.get("kind") == "table"}


def form_rows(page):
    """The widget's rows as (kind, date, expected, present, note), read from its controls."""
    return page.eval_on_selector_all(
        ".zbc-row-list .zbc-row",
        "rows => rows.map(r => ['kind', 'held_on', 'expected', 'present', 'note']"
        ".map(c => r.querySelector(`.zbc-cell[data-col=${c}] [data-col]`).value))",
    )


def add_form_row(page, kind, date):
    page.click(".zbc-add")
    last = ".zbc-row-list .zbc-row:last-child"
    page.select_option(f"{last} .zbc-cell[data-col=kind] select", kind)
    page.fill(f"{last} .zbc-cell[data-col=held_on] input", date)


def test_a_ledger_saved_on_the_checker_page_is_listed_and_opens_back_into_the_form(context):
    page, rec_id = save_ledger(context)
    rec = table_records(page)[rec_id]
    assert (
        rec["table"] == "ledger"
        and rec["name"] == "2026年第一季度台账"
        and rec["head"] == {"year": "2026", "groups": ""}
    )
    assert sorted(tuple(r.values()) for r in rec["rows"].values()) == [
        ("committee", "2026-01-10", "5", "5", "改期"),
        ("general", "2026-02-10", "20", "8", ""),
    ]
    assert f"ledger={rec_id}" in page.url  # the open ledger is named in the address
    records = records_page(context)
    item = records.locator(f".zb-records-item[data-table=ledger][data-record='{rec_id}']")
    assert item.count() == 1
    assert records.locator("h2:text('组织生活台账')").count() == 1
    assert "2 行" in item.inner_text() and "年度：2026" in item.inner_text()
    records.fill(f"#zb-rec-{rec_id}", "改名后的台账")
    records.press(f"#zb-rec-{rec_id}", "Enter")
    records.wait_for_function("() => document.querySelector('.zb-sc-message').textContent.includes('名称已修改')")
    item.locator("a:text('打开')").click()
    records.wait_for_selector(".zb-tp-current")
    assert "改名后的台账" in records.inner_text(".zb-tp-current")
    assert sorted(form_rows(records)) == [
        ["committee", "2026-01-10", "5", "5", "改期"],
        ["general", "2026-02-10", "20", "8", ""],
    ]
    assert records.input_value("#zbc-ledger-year") == "2026"
    hant = context.new_page()  # the Traditional edition (same origin, same store) lists it in its script
    hant.goto(f"{context.zb_base}zh-Hant/checkers/records/")
    hant.wait_for_selector(f".zb-records-item[data-record='{rec_id}']")
    assert hant.locator("h2:text('組織生活臺賬')").count() == 1
    assert page.zb_errors == []


def test_a_ledger_round_trips_through_export_and_import(site_browser, context, tmp_path):
    page, rec_id = save_ledger(context)
    records = records_page(context)
    with records.expect_download() as download:
        records.click(f".zb-records-item[data-record='{rec_id}'] button:text('导出')")
    path = tmp_path / "ledger.json"
    download.value.save_as(path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["schema"] == 3 and [r["kind"] for r in exported["records"]] == ["table"]
    fresh = new_context(site_browser)
    other = records_page(fresh)
    choose_file(other, "导入", path)
    other.wait_for_selector(".zb-records-item[data-table=ledger]")
    assert "已导入 1 条记录" in other.inner_text(".zb-sc-message")
    assert table_records(other) == table_records(page)
    # and with 导出全部, next to a diagram's record
    with records.expect_download() as download:
        records.click(".zb-sc-actions button:text('导出全部')")
    download.value.save_as(tmp_path / "all.json")
    other.evaluate("localStorage.clear()")
    other.reload()
    choose_file(other, "导入", tmp_path / "all.json")
    other.wait_for_selector(".zb-records-item[data-table=ledger]")
    assert table_records(other) == table_records(page)
    fresh.close()


def test_a_corrupt_or_newer_ledger_file_is_refused_and_changes_nothing(context, tmp_path):
    page, rec_id = save_ledger(context)
    good = json.dumps(
        {"format": "zhibu-self-check-records", "schema": 3, "records": list(table_records(page).values())}
    )
    bad_kind = json.loads(good)
    next(iter(bad_kind["records"][0]["rows"].values()))["kind"] = "party_congress"
    bad_date = json.loads(good)
    next(iter(bad_date["records"][0]["rows"].values()))["held_on"] = "2026-02-30"
    files = {
        "cut.json": (good[: len(good) // 2], "已损坏"),
        "kind.json": (json.dumps(bad_kind), "“种类”“party_congress”无法识别"),
        "date.json": (json.dumps(bad_date), "“日期”不是有效日期"),
        "newer.json": (good.replace('"schema": 3', '"schema": 4'), "较新版本"),
        "v2.json": (good.replace('"schema": 3', '"schema": 2'), "是表格记录"),
    }
    records = records_page(context)
    before = records.evaluate("localStorage.getItem('zhibu.selfcheck')")
    for name, (text, words) in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        records.evaluate("document.querySelector('.zb-sc-message').textContent = ''")
        choose_file(records, "导入", tmp_path / name)
        records.wait_for_function("() => document.querySelector('.zb-sc-message').textContent !== ''")
        message = records.inner_text(".zb-sc-message")
        assert "未导入" in message and words in message and "没有改动" in message, (name, message)
        assert records.evaluate("localStorage.getItem('zhibu.selfcheck')") == before
    assert records.locator(".zb-records-item").count() == 1


def test_two_tabs_adding_rows_to_one_ledger_both_keep_them(context):
    first, rec_id = save_ledger(context)
    a = open_ledger(context, f"?ledger={rec_id}")
    b = open_ledger(context, f"?ledger={rec_id}")
    for page in (a, b):
        page.wait_for_selector(".zb-tp-current")
        assert len(form_rows(page)) == 2
    add_form_row(a, "theme_day", "2026-01-16")
    add_form_row(b, "lecture", "2026-03-02")
    a.click(".zb-tp button:text('保存修改')")
    a.wait_for_function("() => document.querySelector('.zb-tp .zb-sc-message').textContent.includes('已保存')")
    b.click(".zb-tp button:text('保存修改')")
    b.wait_for_function(
        "() => document.querySelector('.zb-tp .zb-sc-message').textContent.includes('另一个页面保存的行')"
    )
    kinds = sorted(r["kind"] for r in table_records(b)[rec_id]["rows"].values())
    assert kinds == ["committee", "general", "lecture", "theme_day"]
    assert sorted(r[0] for r in form_rows(b)) == kinds  # B's form shows A's row too
    # an edit and a deletion in A, saved from A's (now older) form, keep B's row
    a.fill(".zbc-row-list .zbc-row:first-child .zbc-cell[data-col=note] input", "甲补记")
    a.click(".zbc-row-list .zbc-row:nth-child(2) .zbc-remove")
    a.click(".zb-tp button:text('保存修改')")
    a.wait_for_function("() => document.querySelector('.zb-tp .zb-sc-message').textContent.includes('已保存')")
    rows = table_records(a)[rec_id]["rows"].values()
    assert len(rows) == 3 and "lecture" in [r["kind"] for r in rows] and "甲补记" in [r["note"] for r in rows]
    # B, told that A saved since, changes the note A just changed: the later save wins and A is told
    b.wait_for_selector(".zb-tp-newer")
    b.fill(".zbc-row-list .zbc-row:first-child .zbc-cell[data-col=note] input", "乙补记")
    b.click(".zb-tp button:text('保存修改')")
    b.wait_for_function(
        "() => document.querySelector('.zb-tp .zb-sc-message').textContent.includes('以本页的修改为准')"
    )
    a.wait_for_function(
        "() => document.querySelector('.zb-tp .zb-sc-message').textContent.includes('替换了本页保存的内容')"
    )
    told = a.inner_text(".zb-tp .zb-sc-message")
    assert "“支部委员会会议 2026-01-10”的备注：本页保存的是“甲补记”，现为“乙补记”" in told, told
    rows = table_records(b)[rec_id]["rows"].values()
    assert sorted((r["kind"], r["note"]) for r in rows) == [("committee", "乙补记"), ("lecture", ""), ("theme_day", "")]
    assert [e for p in (first, a, b) for e in p.zb_errors] == []


def test_the_latest_verdict_is_kept_with_the_ledger_and_printed_with_signature_lines(site_browser):
    ctx = new_context(site_browser, python=True)
    page = open_ledger(ctx)
    page.wait_for_function(
        "() => document.querySelector('.zbc-checker').getAttribute('data-verdict') === 'fail'", timeout=120_000
    )
    page.click(SAVE)
    page.wait_for_function("() => document.querySelector('.zb-tp .zb-sc-message').textContent.includes('已保存')")
    (rec,) = table_records(page).values()
    assert rec["verdict"]["verdict"] == "fail" and "第一季度" in rec["verdict"]["summary"]
    records = records_page(ctx)
    assert "最近一次检查：不符合规定。" in records.inner_text(".zb-records-verdict")
    records.evaluate("window.print = () => { window.zbPrinted = true; }")
    records.click(".zb-records-item button:text('打印')")
    assert records.evaluate("window.zbPrinted") is True
    sizes, text = pdf_text(records.pdf(prefer_css_page_size=True))
    assert sizes and all(s == (595, 842) for s in sizes)
    for words in [
        "组织生活台账",
        "序号种类日期应到实到备注",
        "1支部委员会会议2026年1月10日55改期",
        "2支部党员大会2026年2月10日208",
        "组织生活台账检查结果：不符合规定。",
        "第十一条",
        "共2行。",
        "审核人（签名）",
        "日期：",
    ]:
        assert words in text, (words, text[:400])
    assert "导入与导出" not in text
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1366])
def test_the_ledger_panel_and_the_records_page_with_a_ledger_pass_axe(site_browser, scheme, width):
    from browser_support import axe_violations

    ctx = new_context(site_browser, viewport={"width": width, "height": 844}, color_scheme=scheme)
    page, rec_id = save_ledger(ctx)
    page.fill(".zb-tp input[type=text]", "")
    page.click(".zb-tp button:text('另存为新组织生活台账')")  # a second one: the panel lists it to open
    page.wait_for_selector(".zb-tp select")
    assert axe_violations(page, include=".zb-tp") == []
    page.locator(".zb-tp").screenshot(path=f"{SHOTS}/panel-{scheme}-{width}.png")
    records = records_page(ctx)
    assert records.locator(".zb-records-item[data-table=ledger]").count() == 2
    assert axe_violations(records, include=".zb-records") == []
    records.locator(".zb-records").screenshot(path=f"{SHOTS}/records-{scheme}-{width}.png")
    ctx.close()
