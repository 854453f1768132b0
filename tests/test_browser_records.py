"""Self-check records in headless Chromium: the model, the storage, the mode, export/import, the printed report.

One browser and the session-built site serve every test here; each test uses fresh browser contexts
(a fresh context is a fresh profile: empty localStorage).
"""

from __future__ import annotations

import json

import pytest
from browser_support import SiteServer, launch

FLOW = "election-procedure"
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
def browser_site(built_site):
    from playwright.sync_api import sync_playwright

    with SiteServer(built_site) as server, sync_playwright() as p:
        browser = launch(p)
        yield browser, server.url
        browser.close()


@pytest.fixture
def context(browser_site):
    browser, base = browser_site
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    ctx.zb_base = base
    yield ctx
    ctx.close()


def open_flow(ctx, flow=FLOW, query=""):
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.zb_errors = errors
    page.goto(f"{ctx.zb_base}flows/{flow}/{query}")
    return page


RUN = """async (code) => {
  const root = document.baseURI.replace(/flows\\/.*$/, '');
  const m = await import(new URL('assets/javascripts/records.mjs', root).href);
  const s = await import(new URL('assets/javascripts/record-store.mjs', root).href);
  const flow = JSON.parse(document.querySelector('figure[data-record]').dataset.record);
  return await (new Function('m', 's', 'flow', 'return (async () => {' + code + '})()'))(m, s, flow);
}"""


def run(page, code):
    """Run `code` in the page with m = records.mjs, s = record-store.mjs and flow = the page's record data."""
    return page.evaluate(RUN, code)


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
        "m.setStep(r, flow, 'convene', {done: true}); m.setStep(r, flow, 'quorum', {done: true});"
        "m.setStep(r, flow, 'vote', {done: true, date: '2026-03-05', note: '备注'});"
        "m.setStep(r, flow, 'tally', {note: '先记一笔'}); m.setStep(r, flow, 'tally', {note: ''});"
        "return [m.stepStates(r, flow), r.steps.vote, r.steps.tally === undefined];",
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
        "m.setStep(r, flow, 'convene', {done: true, date: '2026-01-02', note: '在三楼会议室'});"
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


def test_a_record_of_a_changed_flow_names_the_steps_that_no_longer_exist(context):
    page = open_flow(context)
    result = model(
        page,
        "const r = m.newRecord(flow, '旧记录'); r.flowHash = '0000000000000000';"
        "m.setStep(r, flow, 'convene', {done: true});"
        "r.steps['old-step'] = {label: '10. 已删除的步骤', done: true, date: '2025-12-01', note: '旧备注'};"
        "const back = m.parseImport(m.exportText([r]), {[flow.id]: flow}).records[0];"
        "return [back.changed, back.missing.map(x => x.label), back.record.steps['old-step'].note];",
    )
    assert result == [True, ["10. 已删除的步骤"], "旧备注"]


# ---- storage ---------------------------------------------------------------------------------


def test_storage_keeps_records_across_reloads_and_deletes_them(context):
    page = open_flow(context)
    rid = store(
        page,
        "const r = m.newRecord(flow, '甲'); m.setStep(r, flow, 'vote', {done: true}); s.saveRecord(r);"
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
    newer = json.dumps({"schema": 2, "records": {"r-x": {"id": "r-x", "flow": FLOW}}, "future": True})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", ["zhibu.selfcheck", newer])
    saved, problem = store(page, "const r = m.newRecord(flow, '新'); return [s.saveRecord(r), s.storageProblem()];")
    assert saved is False and "较新版本" in problem
    assert page.evaluate("localStorage.getItem('zhibu.selfcheck')") == newer
