"""Self-check records in headless Chromium: the model, the storage, the mode, export/import, the printed report.

One browser and the session-built site serve every test here; each test uses fresh browser contexts
(a fresh context is a fresh profile: empty localStorage).
"""

from __future__ import annotations

import json

import pytest

FLOW = "election-procedure"
SCHEMA = 3  # the record files' and the store's version now (records.mjs SCHEMA)
STEPS = [
    "convene",
    "quorum",
    "adopt-rules",
    "scrutineers",
    "ballots-issue",
    "vote",
    "ballots-check",
    "tally",
    "announce",
]


@pytest.fixture(scope="module")
def browser_site(site_browser):
    """(Chromium, base URL): conftest's shared browser and server for this module."""
    return site_browser


def new_context(browser_site, python=False, **options):
    """A fresh profile; without `python` the embedded checkers' runtime is not downloaded (these tests
    dispatch the checker's result event themselves)."""
    browser, base = browser_site
    ctx = browser.new_context(**{"viewport": {"width": 1366, "height": 768}, **options})
    if not python:
        ctx.route("**/assets/pyodide/**", lambda route: route.abort())
    ctx.zb_base = base
    return ctx


@pytest.fixture
def context(browser_site):
    ctx = new_context(browser_site, accept_downloads=True)
    yield ctx
    ctx.close()


def open_flow(ctx, flow=FLOW, query=""):
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.zb_errors = errors
    page.goto(f"{ctx.zb_base}flows/{flow}/{query}")
    return page


PRELUDE = """
  const root = document.baseURI.replace(/flows\\/.*$/, '');
  const m = await import(new URL('assets/javascripts/records.mjs', root).href);
  const s = await import(new URL('assets/javascripts/record-store.mjs', root).href);
  const flow = JSON.parse(document.querySelector('figure[data-record]').dataset.record);
"""


def run(page, code):
    """Run `code` in the page with m = records.mjs, s = record-store.mjs and flow = the page's record data
    (as a function of its own, so no eval: the site's Content-Security-Policy allows none)."""
    return page.evaluate(f"async () => {{ {PRELUDE} {code} }}")


model = store = run


# ---- model -----------------------------------------------------------------------------------


def test_record_data_lists_every_step_with_a_content_hash(context):
    page = open_flow(context)
    data = json.loads(page.get_attribute("figure[data-record]", "data-record"))
    assert [s[0] for stage in data["stages"] for s in stage["steps"]] == STEPS
    assert len(data["hash"]) == 16 and data["url"] == f"flows/{FLOW}/"
    assert data["checkers"]["quorum"][0]["checker"] == "election"
    served = json.loads(page.evaluate("fetch('../../assets/records/flows.json').then(r => r.text())"))
    assert served["flows"][FLOW] == data


def test_done_link_counts_a_repeated_id_once_and_drops_unknown_ids(context):
    page = open_flow(context)
    result = model(
        page,
        "const r = m.fromDone(flow, 'convene,convene,convene,nonsense,vote');"
        "return [Object.keys(r.steps), m.progress(r, flow).done, m.progress(r, flow).next.id];",
    )
    assert result == [["convene", "vote"], 2, "quorum"]


def test_step_states_and_ticking_dates_the_step(context):
    page = open_flow(context)
    states, entry, untouched = model(
        page,
        "const r = m.newRecord(flow, '测试');"
        "m.setEntry(r, flow, 'convene', {done: true}); m.setEntry(r, flow, 'quorum', {done: true});"
        "m.setEntry(r, flow, 'vote', {done: true, date: '2026-03-05', note: '备注'});"
        "m.setEntry(r, flow, 'tally', {note: '先记一笔'}); m.setEntry(r, flow, 'tally', {note: ''});"
        "return [m.itemStates(r, flow), r.steps.vote, r.steps.tally === undefined];",
    )
    assert states["convene"] == "done" and states["adopt-rules"] == "next" and states["announce"] == "todo"
    assert [k for k, v in states.items() if v == "next"] == ["adopt-rules"]
    assert entry == {"label": "6. 投票", "done": True, "date": "2026-03-05", "note": "备注"}
    assert untouched  # an entry emptied again is dropped


def test_export_then_import_gives_identical_records(context):
    page = open_flow(context)
    same, missing, changed = model(
        page,
        "const r = m.newRecord(flow, '2026年支委换届');"
        "m.setEntry(r, flow, 'convene', {done: true, date: '2026-01-02', note: '在三楼会议室'});"
        "m.attachResult(r, flow, 'quorum', {checker: 'election', title: '选举检查', verdict: 'pass',"
        "  summary: '到会人数符合规定', inputs: {应到会: '30', 实到会: '28'}, href: '/x', date: '2026-01-02'});"
        "const back = m.parseImport(m.exportText([r]), {[flow.id]: flow});"
        "return [JSON.stringify(back.records[0].record) === JSON.stringify(r),"
        " back.records[0].missing, back.records[0].changed];",
    )
    assert same and missing == [] and changed is False


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "已损坏"),
        ('{"hello": 1}', "不是本站导出的自查记录"),
        ('{"format": "zhibu-self-check-records", "schema": 99, "records": []}', "较新版本"),
        (
            '{"format": "zhibu-self-check-records", "schema": 1, "records": [{"id": "r-1", "flow": "no-such-flow",'
            ' "name": "x", "created": "", "updated": "", "steps": {}}]}',
            "本站没有这幅流程图",
        ),
        (
            '{"format": "zhibu-self-check-records", "schema": 1, "records": [{"id": "r-1", "flow": "election-procedure",'
            ' "name": "x", "created": "", "updated": "", "steps": {"vote": {"done": "yes", "date": "", "note": ""}}}]}',
            "是否完成",
        ),
    ],
)
def test_bad_files_are_refused_with_a_message(context, text, message):
    page = open_flow(context)
    result = model(page, f"return m.parseImport({json.dumps(text)}, {{[flow.id]: flow}});")
    assert set(result) == {"error"} and message in result["error"], result


def test_a_version_1_file_and_stored_records_still_work_as_flowchart_records(context):
    """A file exported, or records stored, before records had a kind (schema 1): read as they were, as flowchart records."""
    page = open_flow(context)
    v1 = {
        "format": "zhibu-self-check-records",
        "schema": 1,
        "records": [
            {
                "id": "r-old",
                "flow": FLOW,
                "flowTitle": "选举程序流程图",
                "flowHash": "",
                "name": "旧文件",
                "created": "2026-01-01T00:00:00Z",
                "updated": "2026-01-01T00:00:00Z",
                "steps": {"vote": {"label": "6. 投票", "done": True, "date": "2026-01-02", "note": "无记名"}},
            }
        ],
    }
    result = model(page, f"return m.parseImport({json.dumps(json.dumps(v1))}, {{[flow.id]: flow}});")
    record = result["records"][0]["record"]
    assert record["kind"] == "flowchart" and record["steps"] == v1["records"][0]["steps"]
    assert {k: v for k, v in record.items() if k != "kind"} == v1["records"][0]
    assert model(page, "return JSON.parse(m.exportText([m.newRecord(flow, 'x')])).schema;") == SCHEMA
    # records stored by the version 1 site are read, and kept as they were when the store is next written
    stored_v1 = {
        "schema": 1,
        "records": {"r-old": v1["records"][0]},
        "last": {FLOW: "r-old"},
        "open": {},
        "results": [],
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", ["zhibu.selfcheck", json.dumps(stored_v1)])
    listed, progress = store(
        page, "const r = s.lastRecord(flow.id); return [s.listRecords().length, m.progressText(r, flow)];"
    )
    assert listed == 1 and progress == "已完成 1 / 9 步"
    assert store(page, "return s.saveRecord(m.newRecord(flow, '新'));") is True
    assert stored(page)["schema"] == SCHEMA and stored(page)["records"]["r-old"] == v1["records"][0]


def test_a_record_of_a_changed_flow_names_the_steps_that_no_longer_exist(context):
    page = open_flow(context)
    result = model(
        page,
        "const r = m.newRecord(flow, '旧记录'); r.flowHash = '0000000000000000';"
        "m.setEntry(r, flow, 'convene', {done: true});"
        "r.steps['old-step'] = {label: '10. 已删除的步骤', done: true, date: '2025-12-01', note: '旧备注'};"
        "const back = m.parseImport(m.exportText([r]), {[flow.id]: flow}).records[0];"
        "return [back.changed, back.missing.map(x => x.label), back.record.steps['old-step'].note];",
    )
    assert result == [True, ["10. 已删除的步骤"], "旧备注"]


def test_an_attached_result_never_keeps_a_script_link(context):
    page = open_flow(context)
    hrefs = model(
        page,
        "return ['javascript:alert(1)', ' JAVASCRIPT:x', 'https://intranet.example/checkers/election/?present=7']"
        ".map(href => m.cleanResult({checker: 'election', verdict: 'pass', summary: '', href}).href);",
    )
    assert hrefs == ["", "", "https://intranet.example/checkers/election/?present=7"]


# ---- storage ---------------------------------------------------------------------------------


def test_storage_keeps_records_across_reloads_and_deletes_them(context):
    page = open_flow(context)
    rid = store(
        page,
        "const r = m.newRecord(flow, '甲'); m.setEntry(r, flow, 'vote', {done: true}); s.saveRecord(r);"
        "const r2 = m.newRecord(flow, '乙'); s.saveRecord(r2); return r.id;",
    )
    page.reload()
    names, last, vote = store(
        page,
        f"return [s.listRecords(flow.id).map(r => r.name), s.lastRecord(flow.id).name,"
        f" s.getRecord({json.dumps(rid)}).steps.vote.done];",
    )
    assert sorted(names) == ["乙", "甲"] and last == "乙" and vote is True
    left = store(page, f"s.deleteRecord({json.dumps(rid)}); return s.listRecords().map(r => r.name);")
    assert left == ["乙"]
    assert store(page, "s.deleteAll(); return s.listRecords().length;") == 0


def test_storage_written_by_a_newer_version_is_left_alone(context):
    page = open_flow(context)
    newer = json.dumps({"schema": SCHEMA + 1, "records": {"r-x": {"id": "r-x", "flow": FLOW}}, "future": True})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", ["zhibu.selfcheck", newer])
    saved, problem = store(page, "const r = m.newRecord(flow, '新'); return [s.saveRecord(r), s.storageProblem()];")
    assert saved is False and "较新版本" in problem
    assert page.evaluate("localStorage.getItem('zhibu.selfcheck')") == newer


# ---- the 对照自查 mode ---------------------------------------------------------------------------

MODE = f"#diagram-{FLOW} button[data-zb=checklist]"


def row(step):
    return f"li.zb-sc-step[data-step='{step}']"


def test_tick_date_and_note_are_kept_after_reloading_the_bare_address(browser_site):
    ctx = new_context(browser_site, viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    page.goto(f"{ctx.zb_base}flows/{FLOW}/")
    assert page.get_attribute(MODE, "aria-pressed") == "false"
    page.click(MODE)
    assert page.get_attribute(MODE, "aria-pressed") == "true"
    page.click(f"{row('convene')} .zb-sc-label")  # the whole row toggles the tick
    page.click(f"{row('quorum')} .zb-sc-state")
    page.fill(f"{row('quorum')} input[type=date]", "2026-03-05")
    page.fill(f"{row('vote')} textarea", "采用无记名投票")
    page.wait_for_timeout(600)  # the note is saved shortly after typing stops
    box = page.locator(f"{row('convene')} input[type=checkbox]").bounding_box()
    line = page.locator(f"{row('convene')} .zb-sc-row").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24 and line["height"] >= 44
    today = page.evaluate("(() => { const d = new Date(); return d.toISOString().slice(0, 4); })()")

    page.goto(f"{ctx.zb_base}flows/{FLOW}/")  # the bare address, as from the menu
    page.wait_for_selector(row("convene"))
    assert page.get_attribute(MODE, "aria-pressed") == "true"
    assert page.is_checked(f"{row('convene')} input[type=checkbox]")
    assert page.input_value(f"{row('convene')} input[type=date]").startswith(today)
    assert page.is_checked(f"{row('quorum')} input[type=checkbox]")
    assert page.input_value(f"{row('quorum')} input[type=date]") == "2026-03-05"
    assert page.input_value(f"{row('vote')} textarea") == "采用无记名投票"
    assert not page.is_checked(f"{row('vote')} input[type=checkbox]")
    assert "已完成 2 / 9 步" in page.inner_text(".zb-sc-status")
    # the diagram: done, next, not yet — each with text, not colour alone
    states = page.eval_on_selector_all(
        f"#diagram-{FLOW} g.node[data-sc]", "gs => gs.map(g => [g.dataset.node, g.dataset.sc, g.textContent])"
    )
    by_id = {node: (state, text) for node, state, text in states}
    assert by_id["convene"][0] == "done" and "已完成" in by_id["convene"][1]
    assert by_id["adopt-rules"][0] == "next" and "下一步" in by_id["adopt-rules"][1]
    assert by_id["vote"][0] == "todo" and "已完成" not in by_id["vote"][1]
    assert page.inner_text(f"{row('adopt-rules')} .zb-sc-state").endswith("下一步")

    page.click(MODE)  # off: stays off on the next visit
    assert page.get_attribute(MODE, "aria-pressed") == "false"
    assert page.locator(f"#diagram-{FLOW} .zb-sc-badge").count() == 0
    page.reload()
    assert page.get_attribute(MODE, "aria-pressed") == "false" and not page.is_visible(".zb-sc")
    ctx.close()


def test_done_link_opens_a_new_unsaved_record_and_counts_a_repeat_once(context):
    page = open_flow(context, query="?done=convene,convene,convene")
    page.wait_for_selector(".zb-sc-status")
    assert "已完成 1 / 9 步" in page.inner_text(".zb-sc-status")
    assert page.is_visible(".zb-sc-banner")
    page.click(f"{row('tally')} .zb-sc-label")
    assert store(page, "return s.listRecords().length;") == 0  # unsaved until asked
    page.click(".zb-sc-banner button")
    assert "done=" not in page.url
    saved = store(page, "return s.listRecords().map(r => Object.keys(r.steps).sort());")
    assert saved == [["convene", "tally"]]
    page.goto(f"{context.zb_base}flows/{FLOW}/")
    page.wait_for_selector(".zb-sc-status")
    assert "已完成 2 / 9 步" in page.inner_text(".zb-sc-status") and not page.is_visible(".zb-sc-banner")
    assert [e for e in page.zb_errors if "pyodide" not in e] == []  # (the checker runtime is blocked here)


def test_several_named_records_per_flow_listed_on_the_records_page(context):
    page = open_flow(context)
    page.click(MODE)
    page.fill(".zb-sc-bar input[type=text]", "2026年支委换届")
    page.press(".zb-sc-bar input[type=text]", "Enter")
    page.click(f"{row('convene')} .zb-sc-label")
    page.click(".zb-sc-bar button:text('新建记录')")
    page.fill(".zb-sc-bar input[type=text]", "2023年支委换届")
    page.press(".zb-sc-bar input[type=text]", "Tab")
    page.click(f"{row('vote')} .zb-sc-label")
    options = page.eval_on_selector_all(".zb-sc-bar select option", "os => os.map(o => o.textContent)")
    assert sorted(options) == ["2023年支委换届（1/9）", "2026年支委换届（1/9）"]
    page.select_option(".zb-sc-bar select", label="2026年支委换届（1/9）")
    assert page.is_checked(f"{row('convene')} input[type=checkbox]")
    assert not page.is_checked(f"{row('vote')} input[type=checkbox]")

    records = context.new_page()
    records.goto(f"{context.zb_base}checkers/records/")
    records.wait_for_selector(".zb-records-item")
    assert records.locator(".zb-records-item").count() == 2
    assert "选举程序流程图" in records.inner_text(".zb-records h2")
    item = ".zb-records-item:has(input[value='2023年支委换届'])"
    records.fill(f"{item} input[type=text]", "2023年换届（补记）")
    records.press(f"{item} input[type=text]", "Enter")
    records.once("dialog", lambda d: d.accept())
    records.click(".zb-records-item:has(input[value='2026年支委换届']) button:text('删除')")
    records.wait_for_function("document.querySelectorAll('.zb-records-item').length === 1")
    assert store(page, "return s.listRecords().map(r => r.name);") == ["2023年换届（补记）"]
    records.once("dialog", lambda d: d.accept())
    records.click("button:text('全部删除')")
    records.wait_for_selector(".zb-records-empty")
    assert store(page, "return s.listRecords().length;") == 0
    assert "还没有自查记录" in records.inner_text(".zb-records")


RESULT_EVENT = """document.dispatchEvent(new CustomEvent('zb:checker-result', {detail: {
  checker: 'election', title: '选举检查', verdict: 'fail', summary: '到会人数不足应到会人数的五分之四。',
  inputs: {'应到会有选举权的党员人数': '30', '实到会有选举权的党员人数': '20'},
  href: location.href, date: '2026-03-05T09:30:00.000Z'}}))"""


def test_a_checker_result_made_on_the_checker_page_can_be_attached_to_its_step(context):
    checker_page = context.new_page()
    checker_page.goto(f"{context.zb_base}checkers/election/")
    checker_page.wait_for_function("() => document.querySelector('script[src*=\"checker-results.mjs\"]') !== null")
    checker_page.wait_for_timeout(300)
    checker_page.evaluate(RESULT_EVENT)
    assert store(open_flow(context), "return s.keptResults('election').length;") == 1

    page = open_flow(context)
    page.click(MODE)
    assert page.locator(f"{row('vote')} .zb-sc-checker").count() == 0  # no checker rests on 投票
    links = page.eval_on_selector_all(f"{row('quorum')} .zb-sc-checker a", "as => as.map(a => a.href)")
    assert links and all(h.endswith(f"flows/{FLOW}/#check") for h in links)
    page.click(f"{row('quorum')} .zb-sc-attach button")
    attached = page.inner_text(f"{row('quorum')} .zb-sc-results")
    assert "不符合规定" in attached and "到会人数不足" in attached and "实到会有选举权的党员人数：20" in attached
    page.reload()
    page.wait_for_selector(f"{row('quorum')} .zb-sc-results")
    assert "2026年3月5日" in page.inner_text(f"{row('quorum')} .zb-sc-results")
    # a result made on the flow page itself (embedded checker) is offered at once
    page.evaluate(RESULT_EVENT.replace("'fail'", "'pass'").replace("09:30", "10:00"))
    options = page.eval_on_selector_all(f"{row('tally')} .zb-sc-attach option", "os => os.map(o => o.textContent)")
    assert len(options) == 2 and "符合规定" in options[0]


def test_a_real_verdict_of_the_checker_page_is_kept_with_labelled_inputs(browser_site):
    context = new_context(browser_site, python=True)
    page = context.new_page()
    page.goto(f"{context.zb_base}checkers/election/")
    page.fill("#zbc-election-entitled", "10")
    page.fill("#zbc-election-present", "7")
    page.click(".zbc-submit")
    page.wait_for_function(
        "() => document.querySelector('.zbc-checker').getAttribute('data-verdict') === 'fail'", timeout=120_000
    )
    page.wait_for_function("() => (localStorage.getItem('zhibu.selfcheck') || '').includes('\"results\":[{')")
    flow_page = open_flow(context)
    kept = store(flow_page, "return s.keptResults('election');")
    assert len(kept) == 1 and kept[0]["verdict"] == "fail" and kept[0]["href"].endswith("present=7")
    assert any(line.endswith("：7") and "实到会" in line for line in kept[0]["inputs"]), kept[0]["inputs"]
    context.close()


# ---- export and import -----------------------------------------------------------------------


def make_record(page, name="2026年支委换届"):
    """A saved record with ticks, dates, notes and an attached checker result; returns its id."""
    return store(
        page,
        f"const r = m.newRecord(flow, {json.dumps(name)});"
        "m.setEntry(r, flow, 'convene', {done: true, date: '2026-01-10', note: '三楼会议室'});"
        "m.setEntry(r, flow, 'quorum', {done: true, date: '2026-01-10'});"
        "m.attachResult(r, flow, 'quorum', {checker: 'election', title: '选举检查', verdict: 'pass',"
        "  summary: '到会人数符合规定。', inputs: [{label: '实到会', value: '28'}], href: 'x', date: '2026-01-10'});"
        "m.setEntry(r, flow, 'vote', {note: '无记名投票'}); s.saveRecord(r); return r.id;",
    )


def stored(page):
    return json.loads(page.evaluate("localStorage.getItem('zhibu.selfcheck') || 'null'"))


def choose_file(page, button_text, path):
    with page.expect_file_chooser() as chooser:
        page.click(f"button:text('{button_text}')")
    chooser.value.set_files(str(path))


def test_export_then_import_into_a_fresh_browser_gives_identical_records(browser_site, context, tmp_path):
    page = open_flow(context)
    make_record(page)
    make_record(page, "第二条记录")
    records = context.new_page()
    records.goto(f"{context.zb_base}checkers/records/")
    records.wait_for_selector(".zb-records-item")
    with records.expect_download() as download:
        records.click("button:text('导出全部')")
    path = tmp_path / "all.json"
    download.value.save_as(path)
    assert download.value.suggested_filename.endswith(".json")
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["schema"] == SCHEMA and len(exported["records"]) == 2

    fresh = new_context(browser_site)  # a fresh profile
    other = fresh.new_page()
    other.goto(f"{fresh.zb_base}checkers/records/")
    other.wait_for_selector(".zb-records-empty")
    choose_file(other, "导入", path)
    other.wait_for_selector(".zb-records-item")
    assert "已导入 2 条记录" in other.inner_text(".zb-sc-message")
    assert stored(other)["records"] == stored(page)["records"]
    # the imported record opens on its flow page as it was
    other.click(".zb-records-item:has(input[value='2026年支委换届']) a:text('打开')")
    other.wait_for_selector(row("convene"))
    assert other.input_value(f"{row('convene')} textarea") == "三楼会议室"
    assert "到会人数符合规定" in other.inner_text(f"{row('quorum')} .zb-sc-results")
    fresh.close()


def test_one_record_exported_from_the_flow_page_reimports_as_the_same(context, tmp_path):
    page = open_flow(context)
    make_record(page)
    page.reload()
    page.click(MODE)
    with page.expect_download() as download:
        page.click("button:text('导出本记录')")
    path = tmp_path / "one.json"
    download.value.save_as(path)
    before = stored(page)
    choose_file(page, "导入", path)
    page.wait_for_function("() => document.querySelector('.zb-sc-message').textContent.includes('已导入 1 条')")
    assert stored(page)["records"] == before["records"]  # the same record again: no copy


BAD_FILES = {
    "corrupt.json": '{"format": "zhibu-self-check-records", "schema": 1, "records": [',
    "foreign.json": json.dumps({"type": "FeatureCollection", "features": []}),
    "newer.json": json.dumps({"format": "zhibu-self-check-records", "schema": SCHEMA + 1, "records": [{"id": "r-1"}]}),
    "picture.json": "\x89PNG\r\n\x1a\n",
}
BAD_MESSAGES = {
    "corrupt.json": "已损坏",
    "foreign.json": "不是本站导出",
    "newer.json": "较新版本",
    "picture.json": "已损坏",
}


def test_corrupt_foreign_and_newer_files_are_refused_and_change_nothing(context, tmp_path):
    page = open_flow(context)
    make_record(page)
    records = context.new_page()
    records.goto(f"{context.zb_base}checkers/records/")
    records.wait_for_selector(".zb-records-item")
    before = records.evaluate("localStorage.getItem('zhibu.selfcheck')")
    for name, text in BAD_FILES.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        records.evaluate("document.querySelector('.zb-sc-message').textContent = ''")
        choose_file(records, "导入", path)
        records.wait_for_function("() => document.querySelector('.zb-sc-message').textContent !== ''")
        message = records.inner_text(".zb-sc-message")
        assert "未导入" in message and BAD_MESSAGES[name] in message and "没有改动" in message, (name, message)
        assert records.evaluate("localStorage.getItem('zhibu.selfcheck')") == before
    assert records.locator(".zb-records-item").count() == 1


def test_a_record_survives_a_flow_edit_that_removes_a_step_and_says_which(context, tmp_path):
    """A file exported before the flow lost a step ('old-step') and changed its content hash."""
    page = open_flow(context)
    text = run(
        page,
        "const r = m.newRecord(flow, '修改前的记录'); r.flowHash = 'ffffffffffffffff';"
        "m.setEntry(r, flow, 'convene', {done: true, date: '2025-12-01'});"
        "r.steps['count-ballots-twice'] = {label: '8. 两次清点选票', done: true, date: '2025-12-02', note: '已核对两遍'};"
        "return m.exportText([r]);",
    )
    path = tmp_path / "old.json"
    path.write_text(text, encoding="utf-8")
    page.click(MODE)
    choose_file(page, "导入", path)
    page.wait_for_function("() => document.querySelector('.zb-sc-message').textContent.includes('已导入')")
    message = page.inner_text(".zb-sc-message")
    assert "以下步骤已不存在：8. 两次清点选票" in message
    gone = page.inner_text(".zb-sc-gone")
    assert "8. 两次清点选票" in gone and "已核对两遍" in gone
    assert page.is_checked(f"{row('convene')} input[type=checkbox]")
    page.reload()
    page.wait_for_selector(".zb-sc-gone")
    assert "两次清点选票" in page.inner_text(".zb-sc-gone")  # kept in storage too
    page.click(".zb-sc-gone button")
    assert not page.is_visible(".zb-sc-gone")


# ---- print and text ---------------------------------------------------------------------------


def pdf_text(pdf: bytes) -> tuple[list, str]:
    """(page sizes in pt, the text of every page with all whitespace removed)."""
    import io
    import re

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    return sizes, re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


EXPECTED_STATES = {"convene": "已完成", "quorum": "已完成", "adopt-rules": "未完成（下一步）"}


def expect_report(text, labels, plain=False):
    """Every step with its status, dates, note, the checker result, basis, the date printed, signature lines.

    `text` has no whitespace; `plain`: the copied text (status in 【】 after the step, fields with labels)."""
    import re

    for step_id, label in labels:
        status = EXPECTED_STATES.get(step_id, "未完成")
        joined = re.escape(label.replace(" ", "")) + ("【" if plain else "") + re.escape(status)
        assert re.search(joined, text), (label, status)
    assert ("已完成，2026年1月10日，备注：三楼会议室" if plain else "2026年1月10日三楼会议室") in text
    assert "无记名投票" in text
    assert "选举检查：符合规定。到会人数符合规定。填写内容：实到会：28" in text
    assert "依据：《中国共产党基层组织选举工作条例》" in text and "打印日期：" in text
    assert "记录人（签名）" in text and "审核人（签名）" in text and "已完成2/9步" in text


def test_printed_report_holds_every_step_with_its_status(context):
    page = open_flow(context)
    make_record(page)
    page.reload()
    page.click(MODE)
    labels = run(page, "return m.flowItems(flow).map(s => [s.id, s.label]);")
    sizes, text = pdf_text(page.pdf(prefer_css_page_size=True))
    assert set(sizes) == {(595, 842)}  # A4
    expect_report(text, labels)
    assert "全屏演示" not in text and "文字版" not in text  # only the report is printed

    # 复制文字: the same as plain text
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("button:text('复制文字')")
    page.wait_for_function("() => document.querySelector('.zb-sc-message').textContent.includes('已复制')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.input_value(".zb-sc-copy")
    expect_report("".join(copied.split()), labels, plain=True)


def test_records_page_prints_a_record(context):
    page = open_flow(context)
    make_record(page)
    labels = run(page, "return m.flowItems(flow).map(s => [s.id, s.label]);")
    records = context.new_page()
    records.goto(f"{context.zb_base}checkers/records/")
    records.wait_for_selector(".zb-records-item")
    records.evaluate("window.print = () => { window.zbPrinted = true; }")  # the dialog itself is the browser's
    records.click(".zb-records-item button:text('打印')")
    assert records.evaluate("window.zbPrinted") is True
    sizes, text = pdf_text(records.pdf(prefer_css_page_size=True))
    expect_report(text, labels)
    assert "导入与导出" not in text


# ---- structure diagrams: a duty list marked 已落实 … 不适用 ---------------------------------------

DUTIES = "venues-records"  # 活动场所 (with a sub-item group) and 台账管理: 14 items in two groups
DUTY_MODE = f"#diagram-{DUTIES} button[data-zb=checklist]"


def item(item_id):
    return f"li.zb-sc-item[data-step='{item_id}']"


def mark_duties(page):
    """Mark three items (one with a note) on the open structure page in record mode."""
    page.click(f"{item('establish-venue')} label[data-choice='done']")
    page.click(f"{item('records-setup')} label[data-choice='partial']")
    page.fill(f"{item('records-setup')} textarea", "缺2025年上半年的记录")
    page.click(f"{item('set-up-boards')} label[data-choice='na']")
    page.wait_for_timeout(600)  # the note is saved shortly after typing stops


def test_a_structure_record_marks_items_by_group_and_has_no_step_notions(context):
    page = open_flow(context, DUTIES)
    page.set_viewport_size({"width": 390, "height": 844})
    page.click(DUTY_MODE)
    data = json.loads(page.get_attribute("figure[data-record]", "data-record"))
    groups = page.eval_on_selector_all(".zb-sc-stage", "hs => hs.map(h => h.textContent)")
    assert data["kind"] == "structure" and groups == [g["label"] for g in data["groups"]] == ["活动场所", "台账管理"]
    legend = page.inner_text(f"{item('set-up-boards')} legend")
    assert legend == "宣传展板：设立宣传展板或电子宣传屏"  # an item under a heading item says so
    choices = page.eval_on_selector_all(
        f"{item('records-setup')} label.zb-sc-choice", "ls => ls.map(l => l.textContent)"
    )
    assert [c.split(" ")[1] for c in choices] == ["已落实", "部分落实", "未落实", "不适用"]
    mark_duties(page)
    # the keyboard: arrows move between the choices of one item, and select
    page.focus(f"{item('records-education')} input[value='done']")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    assert page.is_checked(f"{item('records-education')} input[value='partial']")
    page.click(f"{item('records-education')} .zb-sc-clear")
    assert page.locator(f"{item('records-education')} input:checked").count() == 0
    status = page.inner_text(".zb-sc-status")
    assert status == "已自查 3 / 14 项：已落实 1 项，部分落实 1 项，不适用 1 项。"
    panel = page.inner_text(".zb-sc")
    assert "下一步" not in panel and "已完成" not in panel and "步骤" not in panel
    assert page.locator(".zb-sc input[type=date], .zb-sc input[type=checkbox], .zb-sc-banner:visible").count() == 0
    marks = page.eval_on_selector_all(
        f"#diagram-{DUTIES} g.node[data-sc]", "gs => gs.map(g => [g.dataset.node, g.dataset.sc, g.textContent])"
    )
    by_id = {node: (state, text) for node, state, text in marks}
    assert set(by_id) == {"establish-venue", "records-setup", "set-up-boards"}
    assert by_id["records-setup"][0] == "partial" and "部分落实" in by_id["records-setup"][1]
    chips = page.locator(f"{item('records-setup')} :is(label.zb-sc-choice, .zb-sc-clear)")
    assert all(chips.nth(i).bounding_box()["height"] >= 24 for i in range(chips.count()))  # tap targets
    # after reloading the bare address, as from the menu
    page.goto(f"{context.zb_base}flows/{DUTIES}/")
    page.wait_for_selector(item("records-setup"))
    assert page.is_checked(f"{item('records-setup')} input[value='partial']")
    assert page.input_value(f"{item('records-setup')} textarea") == "缺2025年上半年的记录"
    saved = store(page, "return s.listRecords()[0];")
    assert saved["kind"] == "structure" and "steps" not in saved
    assert saved["items"]["records-setup"] == {
        "label": "组织设置台账",
        "status": "partial",
        "note": "缺2025年上半年的记录",
    }
    # the same record list, print and file as a flowchart's; a stored record of a diagram the site has not
    # (a name an object has too, 'constructor') is listed with a message, not a crash
    store(
        page,
        "const r = {...s.listRecords()[0], id: 'r-gone', flow: 'constructor', flowTitle: '旧的结构图',"
        " updated: '2000-01-01T00:00:00Z'}; return s.addRecords([r]);",
    )
    records = context.new_page()
    records.on("pageerror", lambda e: page.zb_errors.append(str(e)))
    records.goto(f"{context.zb_base}checkers/records/")
    records.wait_for_selector(".zb-records-item >> nth=1")
    headings = records.eval_on_selector_all(".zb-records h2", "hs => hs.map(h => h.textContent)")
    assert headings == [
        "党支部活动场所及台账管理规范（结构图）",
        "旧的结构图（本站已没有这幅结构图，或它已不提供对照自查）",
    ]
    # this diagram's page also carries the ledger checker, whose runtime these tests block
    assert [e for e in page.zb_errors if "pyodide" not in e] == []
    facts = records.inner_text(".zb-records-facts")
    assert facts.startswith("已自查 3 / 14 项：已落实 1 项") and "下一步" not in facts
    sizes, text = pdf_text(page.pdf(prefer_css_page_size=True))
    assert set(sizes) == {(595, 842)}
    assert "事项落实情况备注" in text and "〔" not in text
    assert "组织设置台账部分落实缺2025年上半年的记录" in text and "建立活动场所、确定场所名称已落实" in text
    assert "宣传展板：设立宣传展板或电子宣传屏不适用" in text and "党员教育台账未自查" in text
    assert "已自查3/14项" in text and "下一步" not in text and "已完成" not in text
    back = run(
        page,
        "const r = s.listRecords()[0]; const b = m.parseImport(m.exportText([r]), {[flow.id]: flow});"
        "return [JSON.stringify(b.records[0].record) === JSON.stringify(r), b.records[0].changed];",
    )
    assert back == [True, False]


def test_tampered_structure_files_are_refused_with_a_message(context):
    page = open_flow(context, DUTIES)
    result = run(
        page,
        f"const flows = await (await fetch('../../assets/records/flows.json')).json();"
        f"const good = m.newRecord(flows.flows[{json.dumps(DUTIES)}], '台账自查');"
        f"m.setEntry(good, flows.flows[{json.dumps(DUTIES)}], 'records-setup', {{status: 'done'}});"
        "const file = (change) => { const r = JSON.parse(JSON.stringify(good)); change(r);"
        "  return m.parseImport(m.exportText([r]), flows.flows); };"
        "return {"
        "  status: file((r) => { r.items['records-setup'].status = 'yes'; }),"
        "  nostatus: file((r) => { delete r.items['records-setup'].status; }),"
        "  kind: file((r) => { r.kind = 'flowchart'; }),"
        "  proto: file((r) => { r.kind = 'toString'; }),"
        "  unknown: file((r) => { r.flow = 'member-rights'; }),"
        "  protoflow: file((r) => { r.flow = 'constructor'; }),"
        "  items: file((r) => { r.items = []; }),"
        "};",
    )
    expected = {
        "status": "落实情况“yes”无法识别",
        "nostatus": "缺少“落实情况”",
        "kind": "是流程图的自查记录，但本站的“党支部活动场所及台账管理规范”是结构图",
        "proto": "图的类型“toString”无法识别",
        "unknown": "本站没有这幅结构图",
        "protoflow": "本站没有这幅结构图",
        "items": "缺少事项",
    }
    for case, words in expected.items():
        assert set(result[case]) == {"error"} and words in result[case]["error"], (case, result[case])


# ---- accessibility -----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1366])
def test_mode_and_records_page_pass_axe(browser_site, scheme, width):
    from browser_support import axe_violations
    from test_browser_a11y import SMALL_TEXT_JS

    ctx = new_context(browser_site, viewport={"width": width, "height": 844}, color_scheme=scheme)
    large = width == 390 and scheme == "dark"  # and with 大字 on, no text in the panels under 16 px
    if large:
        ctx.add_init_script("localStorage.setItem('zb-large-text', '1')")
    page = ctx.new_page()
    page.goto(f"{ctx.zb_base}flows/{FLOW}/")
    make_record(page)
    page.evaluate(RESULT_EVENT)  # a kept result: the attach controls show too
    page.reload()
    page.click(MODE)
    page.click(".zb-sc-actions button:text('复制文字')")  # the text box shows too
    assert axe_violations(page, include=".zb-sc") == []
    duties = ctx.new_page()  # a structure diagram's record: its items' choices and a note
    duties.goto(f"{ctx.zb_base}flows/{DUTIES}/")
    duties.click(DUTY_MODE)
    mark_duties(duties)
    assert axe_violations(duties, context={"include": [[f"#diagram-{DUTIES}"], [".zb-sc"]]}) == []
    if large:
        for p in (page, duties):
            assert p.evaluate(SMALL_TEXT_JS) == []
    records = ctx.new_page()
    records.goto(f"{ctx.zb_base}checkers/records/")
    records.wait_for_selector(".zb-records-item")
    assert axe_violations(records, include=".zb-records") == []
    ctx.close()
