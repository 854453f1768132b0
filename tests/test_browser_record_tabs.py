"""Self-check records open in several tabs of one browser (Playwright pages of one context share localStorage
and get each other's `storage` events): changes to different steps or items all kept and shown at once, the
later of two changes to the same step winning visibly, a record deleted or renamed in one tab, persistent
storage asked for and its answer shown, and the export reminder on a fixed clock.

Seen to fail on the site as it was before changes were applied per step: both two-tab tests (the second tab
never showed the first tab's change) and the deletion test (no notice in the listening tab); the same steps
done by hand there left a third tab with only the second tab's work (each tab wrote its whole copy back).
"""

from __future__ import annotations

import datetime as dt

import pytest
from browser_support import FREEZE
from test_browser_records import (
    DUTIES,
    DUTY_MODE,
    FLOW,
    MODE,
    RESULT_EVENT,
    choose_file,
    item,
    new_context,
    open_flow,
    row,
    run,
    stored,
)


def stale_tab(ctx):
    """A second tab on the flow that has read the stored records and then hears nothing more (FREEZE)."""
    b = ctx.new_page()
    b.add_init_script(FREEZE)
    b.goto(f"{ctx.zb_base}flows/{FLOW}/")
    b.wait_for_selector(row("convene"))
    return b


@pytest.fixture(scope="module")
def browser_site(site_browser):
    return site_browser


@pytest.fixture
def context(browser_site):
    ctx = new_context(browser_site, accept_downloads=True)
    yield ctx
    ctx.close()


def settle(page):
    page.wait_for_timeout(500)  # a note is saved shortly after typing stops


def checked(page, step):
    return page.is_checked(f"{row(step)} input[type=checkbox]")


def test_two_tabs_tick_note_and_attach_on_different_steps_and_a_third_tab_sees_all(context):
    a = open_flow(context)
    a.click(MODE)
    a.click(f"{row('ballots-issue')} .zb-sc-label")  # the record is stored by its first change
    b = open_flow(context)  # opens in record mode on the same record (the flow's last)
    b.wait_for_selector(row("convene"))
    a.click(f"{row('ballots-issue')} .zb-sc-label")  # (untick again)
    a.click(f"{row('convene')} .zb-sc-label")
    b.wait_for_function("() => document.querySelector('#zb-sc-election-procedure-convene-done').checked")
    assert "已完成 1 / 9 步" in b.inner_text(".zb-sc-status")  # shown in the other tab at once
    # each tab: a tick, a note and an attached checker result, alternating, neither reloading
    a.evaluate(RESULT_EVENT)
    a.click(f"{row('quorum')} .zb-sc-attach button")
    b.click(f"{row('adopt-rules')} .zb-sc-label")
    b.fill(f"{row('vote')} textarea", "乙：采用无记名投票")
    settle(b)
    a.fill(f"{row('tally')} textarea", "甲：当场计票")
    settle(a)
    b.evaluate(RESULT_EVENT.replace("'fail'", "'pass'").replace("09:30", "10:00"))
    b.click(f"{row('quorum')} .zb-sc-attach button")
    a.click(f"{row('scrutineers')} .zb-sc-label")
    settle(a)
    for page in (a, b):  # each tab shows the other's work without reloading
        page.wait_for_function("() => document.querySelectorAll('.zb-sc-results li').length === 2")
        assert checked(page, "convene") and checked(page, "adopt-rules") and checked(page, "scrutineers")
        assert page.input_value(f"{row('vote')} textarea") == "乙：采用无记名投票"
        assert page.input_value(f"{row('tally')} textarea") == "甲：当场计票"
    third = open_flow(context)
    third.wait_for_selector(row("convene"))
    assert [checked(third, s) for s in ("convene", "quorum", "adopt-rules", "scrutineers")] == [True, False, True, True]
    assert third.input_value(f"{row('vote')} textarea") == "乙：采用无记名投票"
    assert third.input_value(f"{row('tally')} textarea") == "甲：当场计票"
    results = third.inner_text(f"{row('quorum')} .zb-sc-results")
    assert "不符合规定" in results and "符合规定" in results.replace("不符合规定", "")
    assert "已完成 3 / 9 步" in third.inner_text(".zb-sc-status")
    assert len(stored(third)["records"]) == 1
    assert [e for p in (a, b, third) for e in p.zb_errors if "pyodide" not in e] == []


def test_two_tabs_mark_different_items_of_a_structure_record_and_a_third_tab_sees_all(context):
    a = open_flow(context, DUTIES)
    a.click(DUTY_MODE)
    a.click(f"{item('establish-venue')} label[data-choice='open']")  # the record is stored by its first change
    b = open_flow(context, DUTIES)
    b.wait_for_selector(item("records-setup"))
    a.click(f"{item('establish-venue')} label[data-choice='done']")
    b.wait_for_function("() => document.querySelector(\"li[data-step='establish-venue'] input[value='done']\").checked")
    b.click(f"{item('records-setup')} label[data-choice='partial']")
    a.fill(f"{item('establish-venue')} textarea", "甲：三楼活动室")
    settle(a)
    b.fill(f"{item('records-setup')} textarea", "乙：缺上半年")
    settle(b)
    a.click(f"{item('set-up-boards')} label[data-choice='na']")
    b.wait_for_function("() => document.querySelector(\"li[data-step='set-up-boards'] input[value='na']\").checked")
    third = open_flow(context, DUTIES)
    third.wait_for_selector(item("records-setup"))
    for page in (a, b, third):
        assert page.is_checked(f"{item('establish-venue')} input[value='done']")
        assert page.is_checked(f"{item('records-setup')} input[value='partial']")
        assert page.is_checked(f"{item('set-up-boards')} input[value='na']")
        assert page.input_value(f"{item('establish-venue')} textarea") == "甲：三楼活动室"
        assert page.input_value(f"{item('records-setup')} textarea") == "乙：缺上半年"
    assert third.inner_text(".zb-sc-status").startswith("已自查 3 / 14 项")


def test_the_same_step_changed_in_two_tabs_the_later_wins_and_the_stale_tab_shows_what_it_had(context):
    a = open_flow(context)
    a.click(MODE)
    a.click(f"{row('convene')} .zb-sc-label")
    b = stale_tab(context)
    assert checked(b, "convene")
    b.evaluate("window.zbFrozen = true")  # B hears nothing more: its copy goes stale
    a.fill(f"{row('vote')} textarea", "甲：举手表决")
    settle(a)
    assert b.input_value(f"{row('vote')} textarea") == ""
    b.fill(f"{row('vote')} textarea", "乙：无记名投票")  # the later change, made on a stale copy
    settle(b)
    assert run(a, "return s.listRecords()[0].steps.vote.note;") == "乙：无记名投票"
    # A, whose note was replaced, shows the later one and says what it had
    a.wait_for_selector(".zb-sc-notice:visible")
    notice = a.inner_text(".zb-sc-notice")
    assert "另一个页面" in notice and "“6. 投票”的备注" in notice
    assert "乙：无记名投票" in notice and "本页原来的是：“甲：举手表决”" in notice
    assert a.input_value(f"{row('vote')} textarea") == "乙：无记名投票"
    assert "原为“甲：举手表决”" in b.inner_text(".zb-sc-message")  # the winner is told too
    # nothing lost: A puts its note back (a later change again)
    a.click(".zb-sc-notice button:text('恢复本页原来的内容')")
    assert not a.is_visible(".zb-sc-notice")
    assert run(a, "return s.listRecords()[0].steps.vote.note;") == "甲：举手表决"
    assert checked(a, "convene")  # the other steps untouched


def test_a_record_deleted_in_one_tab_is_not_re_created_by_a_stale_tab(context):
    a = open_flow(context)
    a.click(MODE)
    a.fill(".zb-sc-bar input[type=text]", "要删除的记录")
    a.press(".zb-sc-bar input[type=text]", "Enter")
    a.click(f"{row('convene')} .zb-sc-label")
    rid = run(a, "return s.listRecords()[0].id;")
    b = stale_tab(context)
    b.evaluate("window.zbFrozen = true")
    c = open_flow(context)  # a third tab that hears of it
    c.wait_for_selector(row("convene"))
    a.once("dialog", lambda d: d.accept())
    a.click(".zb-sc-bar button:text('删除此记录')")
    # the listening tab says so at once and leaves the record
    c.wait_for_selector(".zb-sc-notice:visible")
    assert "记录“要删除的记录”已在另一个页面中删除" in c.inner_text(".zb-sc-notice")
    assert not checked(c, "convene") and "要删除的记录" not in c.inner_text(".zb-sc-bar select")
    # the stale tab ticks a step of the deleted record: refused, said, not stored
    b.click(f"{row('quorum')} .zb-sc-label")
    b.wait_for_selector(".zb-sc-notice:visible")
    assert "已在另一个页面中删除" in b.inner_text(".zb-sc-notice") and "没有保存" in b.inner_text(".zb-sc-notice")
    assert "删除前本页显示：已完成 2 / 9 步" in b.inner_text(".zb-sc-notice")  # what it had
    b.wait_for_timeout(300)
    assert run(a, f"return s.getRecord({rid!r});") is None
    assert run(a, "return s.listRecords().map(r => r.name);") == []


def test_rename_import_and_delete_on_the_records_page_update_an_open_flow_page(context, tmp_path):
    a = open_flow(context)
    a.click(MODE)
    a.fill(".zb-sc-bar input[type=text]", "甲记录")
    a.press(".zb-sc-bar input[type=text]", "Enter")
    a.click(f"{row('convene')} .zb-sc-label")
    records = context.new_page()
    records.goto(f"{context.zb_base}checkers/records/")
    records.wait_for_selector(".zb-records-item")
    records.fill(".zb-records-item input[type=text]", "2026年支委换届")
    records.press(".zb-records-item input[type=text]", "Enter")
    a.wait_for_function("() => document.querySelector('.zb-sc-bar input[type=text]').value === '2026年支委换届'")
    assert "2026年支委换届（1/9）" in a.inner_text(".zb-sc-bar select")
    # a tick on the flow page shows on the records page at once
    a.click(f"{row('quorum')} .zb-sc-label")
    records.wait_for_function(
        "() => document.querySelector('.zb-records-facts').textContent.includes('已完成 2 / 9 步')"
    )
    # a record imported there is offered here at once
    path = tmp_path / "one.json"
    path.write_text(run(a, "const r = m.newRecord(flow, '导入的记录'); return m.exportText([r]);"), encoding="utf-8")
    choose_file(records, "导入", path)
    a.wait_for_function("() => document.querySelector('.zb-sc-bar select').textContent.includes('导入的记录')")
    records.once("dialog", lambda d: d.accept())
    records.click(".zb-records-item:has(input[value='2026年支委换届']) button:text('删除')")
    a.wait_for_selector(".zb-sc-notice:visible")
    assert "2026年支委换届" in a.inner_text(".zb-sc-notice")


PERSIST = """
  navigator.storage.persist = () => {
    localStorage.setItem('zb-test-asked', String(Number(localStorage.getItem('zb-test-asked') || 0) + 1));
    localStorage.setItem('zb-test-kept', '%s');
    return Promise.resolve(%s);
  };
  navigator.storage.persisted = () => Promise.resolve(localStorage.getItem('zb-test-kept') === 'true');
"""


@pytest.mark.parametrize(
    "granted, words", [(True, "浏览器已同意长期保存本站的数据"), (False, "浏览器没有同意长期保存")]
)
def test_persistent_storage_is_asked_for_with_the_first_record_and_its_answer_shown(browser_site, granted, words):
    ctx = new_context(browser_site)
    flag = "true" if granted else "false"
    ctx.add_init_script(PERSIST % (flag, flag))
    records = ctx.new_page()
    records.goto(f"{ctx.zb_base}checkers/records/")
    records.wait_for_selector(".zb-records-empty")
    assert records.inner_text(".zb-records-keep") == ""  # nothing asked before there is a record
    page = open_flow(ctx)
    page.click(MODE)
    assert page.evaluate("localStorage.getItem('zb-test-asked')") is None  # opening the mode asks nothing
    page.click(f"{row('convene')} .zb-sc-label")
    page.click(f"{row('quorum')} .zb-sc-label")
    page.wait_for_function("() => localStorage.getItem('zb-test-asked') === '1'")
    page.wait_for_timeout(200)
    assert page.evaluate("localStorage.getItem('zb-test-asked')") == "1"  # once, with the first record
    assert stored(page)["persist"]["granted"] is granted
    records.reload()
    records.wait_for_selector(".zb-records-item")
    records.wait_for_function("() => document.querySelector('.zb-records-keep').textContent !== ''")
    assert words in records.inner_text(".zb-records-keep")
    ctx.close()


def test_the_export_reminder_shows_only_after_a_change_since_the_last_export_at_most_monthly(browser_site):
    ctx = new_context(browser_site, accept_downloads=True)
    start = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    ctx.clock.set_fixed_time(start)
    page = open_flow(ctx)
    page.click(MODE)
    assert not page.is_visible(".zb-sc-reminder")  # no record yet
    page.click(f"{row('convene')} .zb-sc-label")  # changed, never exported: reminded once
    assert page.is_visible(".zb-sc-reminder")
    assert "还没有导出备份" in page.inner_text(".zb-sc-reminder")
    page.click(".zb-sc-reminder button:text('以后再说')")
    page.click(f"{row('quorum')} .zb-sc-label")
    assert not page.is_visible(".zb-sc-reminder")  # not again the same day, nor on another page
    records = ctx.new_page()
    records.goto(f"{ctx.zb_base}checkers/records/")
    records.wait_for_selector(".zb-records-item")
    assert not records.is_visible(".zb-sc-reminder")
    with records.expect_download():
        records.click(".zb-sc-actions button:text('导出全部')")
    ctx.clock.set_fixed_time(start + dt.timedelta(days=40))  # a month on, nothing changed since the export
    records.reload()
    records.wait_for_selector(".zb-records-item")
    assert not records.is_visible(".zb-sc-reminder")
    page.reload()
    page.wait_for_selector(row("convene"))
    assert not page.is_visible(".zb-sc-reminder")
    page.click(f"{row('adopt-rules')} .zb-sc-label")  # a change since the export, a month after the last reminder
    assert page.is_visible(".zb-sc-reminder")
    with page.expect_download():
        page.click(".zb-sc-reminder button:text('导出全部')")
    assert not page.is_visible(".zb-sc-reminder")
    ctx.clock.set_fixed_time(start + dt.timedelta(days=50))  # changed again, but reminded 10 days ago
    page.reload()
    page.wait_for_selector(row("convene"))
    page.click(f"{row('scrutineers')} .zb-sc-label")
    assert not page.is_visible(".zb-sc-reminder")
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1366])
def test_the_notice_the_reminder_and_the_persistence_line_pass_axe(browser_site, scheme, width):
    from browser_support import axe_violations

    ctx = new_context(browser_site, viewport={"width": width, "height": 844}, color_scheme=scheme)
    ctx.add_init_script(PERSIST % ("false", "false"))
    a = open_flow(ctx)
    a.click(MODE)
    a.click(f"{row('convene')} .zb-sc-label")
    b = stale_tab(ctx)
    b.evaluate("window.zbFrozen = true")
    a.fill(f"{row('vote')} textarea", "甲")
    settle(a)
    b.fill(f"{row('vote')} textarea", "乙")
    settle(b)
    a.wait_for_selector(".zb-sc-notice:visible")
    assert a.is_visible(".zb-sc-reminder")
    a.screenshot(path=f"/tmp/zb-tabs-notice-{width}-{scheme}.png")
    assert axe_violations(a, include=".zb-sc") == []
    records = ctx.new_page()
    records.goto(f"{ctx.zb_base}checkers/records/")
    records.wait_for_function("() => document.querySelector('.zb-records-keep').textContent !== ''")
    records.screenshot(path=f"/tmp/zb-tabs-records-{width}-{scheme}.png")
    assert axe_violations(records, include=".zb-records") == []
    ctx.close()
