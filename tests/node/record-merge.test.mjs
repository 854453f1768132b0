// Two tabs on one store: changes to one step or item are applied to the stored record (not a tab's whole
// copy), the later of two changes to the same field wins and the tab that lost is told what it had, a
// deleted record is not re-created by a stale tab; persistent storage is asked for once; the export
// reminder follows a fixed clock. Each "tab" is a fresh copy of record-store.mjs over one FakeStorage.
//
// Seen to fail on planted defects: editEntry writing the tab's whole copy back (the other tab's step is
// lost); the `lost` note not made; the deleted-id check removed from changeRecord; exportReminder
// ignoring the last reminder.
import assert from "node:assert/strict";
import { test } from "node:test";

import * as R from "../../docs/assets/javascripts/records.mjs";
import { FakeStorage, fakeWindow, freshStore } from "./fake-storage.mjs";

const FLOW = {
  id: "election-procedure",
  title: "选举程序流程图",
  hash: "h",
  checkers: {},
  stages: [{ label: "", steps: [["convene", "1. 召开大会"], ["quorum", "2. 清点人数"], ["vote", "6. 投票"]] }],
};
const DUTIES = {
  id: "venues-records",
  kind: "structure",
  title: "台账管理规范",
  hash: "d",
  checkers: {},
  groups: [{ label: "台账管理", items: [["records-setup", "组织设置台账", ""], ["records-education", "党员教育台账", ""]] }],
};
const RESULT = { checker: "election", title: "选举检查", verdict: "pass", summary: "符合", inputs: [], date: "2026-03-05", at: "t1" };

/** Two tabs (store copies) on one storage, both showing the same saved record. */
async function twoTabs(flow = FLOW) {
  const storage = new FakeStorage();
  const a = await freshStore(fakeWindow(storage));
  const b = await freshStore(fakeWindow(storage));
  const rec = R.newRecord(flow, "2026年换届");
  assert.equal(a.saveRecord(rec), true);
  return { storage, a, b, copyA: b.getRecord(rec.id), copyB: b.getRecord(rec.id) };
}

test("two tabs changing different steps, notes and results from stale copies both keep their work", async () => {
  const { a, b, copyA, copyB } = await twoTabs();
  assert.equal(a.editEntry(copyA, FLOW, "convene", { done: true }).ok, true);
  assert.equal(a.editEntry(copyA, FLOW, "vote", { note: "甲的备注" }).ok, true);
  assert.equal(a.attachTo(copyA, FLOW, "quorum", RESULT).ok, true);
  // tab B still shows the record as it was
  assert.equal(b.editEntry(copyB, FLOW, "quorum", { done: true, date: "2026-03-05" }).ok, true);
  assert.equal(b.editEntry(copyB, FLOW, "convene", { note: "乙的备注" }).ok, true);
  const other = { ...RESULT, at: "t2", verdict: "fail" };
  const out = b.attachTo(copyB, FLOW, "quorum", other);
  const stored = a.getRecord(copyA.id);
  assert.equal(out.rec.steps.convene.done, true);
  assert.deepEqual(stored.steps.convene, { ...stored.steps.convene, done: true, note: "乙的备注" });
  assert.equal(stored.steps.vote.note, "甲的备注");
  assert.equal(stored.steps.quorum.done, true);
  assert.deepEqual(stored.steps.quorum.results.map((r) => r.at), ["t2", "t1"]);
  // detaching by what the result is, not by the position a tab showed it in
  a.detachFrom(copyA, FLOW, "quorum", RESULT);
  assert.deepEqual(b.getRecord(copyA.id).steps.quorum.results.map((r) => r.at), ["t2"]);
});

test("a structure record's items: two tabs marking different items both keep them", async () => {
  const { a, b, copyA, copyB } = await twoTabs(DUTIES);
  a.editEntry(copyA, DUTIES, "records-setup", { status: "done" });
  b.editEntry(copyB, DUTIES, "records-education", { status: "partial" });
  b.editEntry(copyB, DUTIES, "records-setup", { note: "缺上半年" });
  const items = a.getRecord(copyA.id).items;
  assert.deepEqual(items["records-setup"], { label: "组织设置台账", status: "done", note: "缺上半年" });
  assert.equal(items["records-education"].status, "partial");
});

test("the same note changed in two tabs: the later wins and the tab that lost is told what it had", async () => {
  const { a, b, copyA, copyB } = await twoTabs();
  a.watch(() => {});
  b.watch(() => {});
  a.editEntry(copyA, FLOW, "vote", { note: "甲" });
  const win = b.editEntry(copyB, FLOW, "vote", { note: "乙" }); // B had not seen 甲
  assert.deepEqual(win.lost.map((l) => [l.field, l.had, l.now]), [["note", "甲", "乙"]]);
  assert.equal(a.getRecord(copyA.id).steps.vote.note, "乙");
  const told = a.changedElsewhere(); // the storage event in tab A
  assert.equal(told.length, 1);
  assert.deepEqual([told[0].label, told[0].field, told[0].had, told[0].now], ["6. 投票", "note", "甲", "乙"]);
  assert.deepEqual(a.changedElsewhere(), []); // told once
  assert.deepEqual(b.changedElsewhere(), []); // the winner lost nothing
  // a change made after seeing the other tab's is no conflict
  const fresh = a.getRecord(copyA.id);
  assert.deepEqual(a.editEntry(fresh, FLOW, "vote", { note: "丙" }).lost, []);
  assert.deepEqual(b.changedElsewhere(), []); // B's 乙 was seen by A: replaced, but not lost
});

test("a rename in a stale tab wins and the other tab is told its name", async () => {
  const { a, b, copyA, copyB } = await twoTabs();
  a.renameRecord(copyA, "甲的名称");
  const out = b.renameRecord(copyB, "乙的名称");
  assert.equal(out.rec.name, "乙的名称");
  assert.deepEqual(a.changedElsewhere().map((l) => [l.field, l.had]), [["name", "甲的名称"]]);
});

test("a record deleted in one tab is not re-created by another tab's stale copy", async () => {
  const { a, b, copyA, copyB } = await twoTabs();
  assert.equal(a.deleteRecord(copyA.id), true);
  const out = b.editEntry(copyB, FLOW, "convene", { done: true });
  assert.equal(out.ok, false);
  assert.equal(out.gone, true);
  assert.equal(b.saveRecord(copyB), false);
  assert.equal(b.renameRecord(copyB, "x").gone, true);
  assert.equal(a.getRecord(copyA.id), null);
  assert.equal(b.isDeleted(copyA.id), true);
  // an import brings it back on purpose
  assert.equal(b.addRecords([copyB]), true);
  assert.equal(a.isDeleted(copyA.id), false);
  assert.ok(a.getRecord(copyA.id));
});

test("a new record of a tab is stored by its first change", async () => {
  const S = await freshStore(fakeWindow(new FakeStorage()));
  const rec = R.newRecord(FLOW, "新");
  const out = S.editEntry(rec, FLOW, "convene", { done: true });
  assert.equal(out.ok, true);
  assert.equal(S.getRecord(rec.id).steps.convene.done, true);
  assert.equal(S.lastRecord(FLOW.id).id, rec.id);
  assert.equal(rec.steps.convene, undefined); // the tab's copy is not the store's
});

test("a full quota is named to the reader until a save succeeds", async () => {
  const storage = new FakeStorage();
  const S = await freshStore(fakeWindow(storage));
  storage.full = true;
  assert.equal(S.editEntry(R.newRecord(FLOW), FLOW, "convene", { done: true }).ok, false);
  assert.match(S.storageProblem(), /已满/);
  storage.full = false;
  assert.equal(S.saveRecord(R.newRecord(FLOW)), true);
  assert.equal(S.storageProblem(), "");
});

test("persistent storage is asked for once, when the first record is made, and its answer kept", async () => {
  let asked = 0;
  const nav = { storage: { persist: async () => (++asked, true), persisted: async () => asked > 0 } };
  Object.defineProperty(globalThis, "navigator", { value: nav, configurable: true, writable: true });
  try {
    const S = await freshStore(fakeWindow(new FakeStorage()));
    assert.equal(await S.persistence(), "unasked");
    S.setOpen(FLOW.id, true);
    assert.equal(asked, 0);
    S.saveRecord(R.newRecord(FLOW));
    S.saveRecord(R.newRecord(FLOW));
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(asked, 1);
    assert.equal(await S.persistence(), "granted");
    nav.storage.persist = async () => false;
    nav.storage.persisted = async () => false;
    const T = await freshStore(fakeWindow(new FakeStorage()));
    T.saveRecord(R.newRecord(FLOW));
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(await T.persistence(), "denied");
  } finally {
    delete globalThis.navigator;
  }
});

test("the export reminder: only after a change since the last export, at most once in 30 days", async () => {
  const S = await freshStore(fakeWindow(new FakeStorage()));
  const day = (d) => new Date(Date.UTC(2026, 0, d, 9));
  assert.equal(S.exportReminder(day(1)), false); // no records
  const rec = R.newRecord(FLOW);
  S.editEntry(rec, FLOW, "convene", { done: true });
  S.markExported(null, new Date(Date.now() + 1000)); // everything exported after the change
  assert.equal(S.exportReminder(day(1)), false);
  S.editEntry(rec, FLOW, "quorum", { done: true }); // changed since
  // (the change is stamped with the real clock; the export was stamped 1 s ahead of it)
  await new Promise((r) => setTimeout(r, 1100));
  S.editEntry(rec, FLOW, "vote", { done: true });
  assert.equal(S.unexported().length, 1);
  assert.equal(S.exportReminder(day(1)), true);
  assert.equal(S.exportReminder(day(1)), false); // shown: not again
  assert.equal(S.exportReminder(day(30)), false);
  assert.equal(S.exportReminder(day(31)), true); // 30 days later
  S.markExported([rec.id], new Date(Date.now() + 1000));
  assert.equal(S.exportReminder(day(90)), false); // exported: nothing to remind of
});
