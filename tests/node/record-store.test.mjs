// The self-check records store (record-store.mjs) over a fake localStorage: what it reads before
// anything is written, what it refuses to overwrite, its in-memory fallback and a full quota.
import assert from "node:assert/strict";
import { test } from "node:test";

import { SCHEMA } from "../../docs/assets/javascripts/records.mjs";
import { FakeStorage, fakeWindow, freshStore } from "./fake-storage.mjs";

const KEY = "zhibu.selfcheck";

function record(id, flow = "branch-meeting", updated = "2026-01-01T00:00:00.000Z") {
  return { id, kind: "flowchart", flow, flowTitle: "支部党员大会", flowHash: "h", name: id, created: updated, updated, steps: {} };
}

function stored(storage) {
  return JSON.parse(storage.getItem(KEY));
}

test("before anything is written it reads an empty store and writes nothing", async () => {
  const storage = new FakeStorage();
  const S = await freshStore(fakeWindow(storage));
  assert.deepEqual(S.listRecords(), []);
  assert.equal(S.getRecord("r-1"), null);
  assert.equal(S.lastRecord("branch-meeting"), null);
  assert.equal(S.isOpen("branch-meeting"), false);
  assert.deepEqual(S.keptResults(), []);
  assert.equal(S.storageProblem(), "");
  assert.equal(storage.writes, 0);
  assert.equal(storage.getItem(KEY), null);
});

test("a saved record is listed, found, made its flow's last, and stored with the schema", async () => {
  const storage = new FakeStorage();
  const S = await freshStore(fakeWindow(storage));
  const a = record("r-a");
  assert.equal(S.saveRecord(a), true);
  assert.notEqual(a.updated, "2026-01-01T00:00:00.000Z"); // saving stamps the time
  assert.equal(S.getRecord("r-a").name, "r-a");
  assert.equal(S.lastRecord("branch-meeting").id, "r-a");
  const doc = stored(storage);
  assert.equal(doc.schema, SCHEMA);
  assert.deepEqual(Object.keys(doc.records), ["r-a"]);
  assert.deepEqual(doc.last, { "branch-meeting": "r-a" });
});

test("records are listed most recently changed first, and by flow", async () => {
  const S = await freshStore(fakeWindow(new FakeStorage()));
  assert.equal(S.addRecords([record("r-old", "a", "2026-01-01"), record("r-new", "a", "2026-03-01"), record("r-b", "b", "2026-02-01")]), true);
  assert.deepEqual(S.listRecords().map((r) => r.id), ["r-new", "r-b", "r-old"]);
  assert.deepEqual(S.listRecords("a").map((r) => r.id), ["r-new", "r-old"]);
});

test("deleting a flow's last record forgets it as the last one", async () => {
  const S = await freshStore(fakeWindow(new FakeStorage()));
  S.saveRecord(record("r-a"));
  S.setOpen("branch-meeting", true);
  assert.equal(S.isOpen("branch-meeting"), true);
  assert.equal(S.deleteRecord("r-a"), true);
  assert.equal(S.getRecord("r-a"), null);
  assert.equal(S.lastRecord("branch-meeting"), null);
  assert.equal(S.isOpen("branch-meeting"), true); // the mode stays on: it opens with a new record
  assert.equal(S.deleteAll(), true);
  assert.deepEqual(S.listRecords(), []);
});

test("a document of a newer version of the site is refused, never overwritten", async () => {
  const newer = JSON.stringify({ schema: SCHEMA + 1, records: { "r-x": record("r-x") }, last: {}, open: {}, results: [] });
  const storage = new FakeStorage({ [KEY]: newer });
  const S = await freshStore(fakeWindow(storage));
  assert.equal(S.saveRecord(record("r-a")), false);
  assert.equal(S.setOpen("branch-meeting", true), false);
  assert.equal(storage.getItem(KEY), newer);
  assert.equal(storage.writes, 0);
  assert.match(S.storageProblem(), /较新版本/);
  assert.deepEqual(S.listRecords(), []); // not shown either: this page cannot read it safely
});

test("a damaged document is refused, never overwritten", async () => {
  for (const text of ["{not json", JSON.stringify({ schema: SCHEMA }), JSON.stringify([1, 2])]) {
    const storage = new FakeStorage({ [KEY]: text });
    const S = await freshStore(fakeWindow(storage));
    assert.equal(S.saveRecord(record("r-a")), false, text);
    assert.equal(storage.getItem(KEY), text);
    assert.match(S.storageProblem(), /已损坏/, text);
  }
});

test("a document of an older version is read, and written back as the current one", async () => {
  const old = { schema: 1, records: { "r-1": { ...record("r-1"), kind: undefined } }, last: { "branch-meeting": "r-1" } };
  const storage = new FakeStorage({ [KEY]: JSON.stringify(old) });
  const S = await freshStore(fakeWindow(storage));
  assert.equal(S.lastRecord("branch-meeting").id, "r-1");
  assert.deepEqual(S.keptResults(), []); // a field the old document lacked
  assert.equal(S.setOpen("branch-meeting", true), true);
  const doc = stored(storage);
  assert.equal(doc.schema, SCHEMA);
  assert.deepEqual(Object.keys(doc.records), ["r-1"]);
});

test("where the browser refuses localStorage, records live in memory for the page and the reader is told", async () => {
  const S = await freshStore(fakeWindow(null));
  assert.equal(S.saveRecord(record("r-a")), true);
  assert.equal(S.getRecord("r-a").id, "r-a");
  assert.equal(S.lastRecord("branch-meeting").id, "r-a");
  assert.match(S.storageProblem(), /无痕模式/);
  const again = await freshStore(fakeWindow(null)); // another page: the memory is gone
  assert.equal(again.getRecord("r-a"), null);
});

test("a full quota: the save fails and what was stored stays as it was", async () => {
  const storage = new FakeStorage();
  const S = await freshStore(fakeWindow(storage));
  S.saveRecord(record("r-a"));
  const before = storage.getItem(KEY);
  storage.full = true;
  assert.equal(S.saveRecord(record("r-b")), false);
  assert.equal(S.keepResult({ checker: "election", verdict: "pass", summary: "", at: "t", date: "d" }), false);
  assert.equal(storage.getItem(KEY), before);
  assert.equal(S.getRecord("r-b"), null);
});

test("a full quota is named to the reader (storageProblem() reading the store again keeps it)", async () => {
  const storage = new FakeStorage();
  const S = await freshStore(fakeWindow(storage));
  storage.full = true;
  S.saveRecord(record("r-a"));
  assert.match(S.storageProblem(), /已满/);
});

test("kept checker results: latest first, the same result once, at most 20, by checker", async () => {
  const S = await freshStore(fakeWindow(new FakeStorage()));
  const result = (i, checker = "election") => ({ checker, verdict: "pass", summary: `第${i}次`, at: `t${i}`, date: "2026-03-05" });
  for (let i = 0; i < 25; i++) S.keepResult(result(i));
  S.keepResult(result(24)); // again: not twice
  S.keepResult(result(99, "dues"));
  const kept = S.keptResults();
  assert.equal(kept.length, 20);
  assert.equal(kept[0].summary, "第99次");
  assert.equal(kept[1].summary, "第24次");
  assert.equal(kept.filter((r) => r.summary === "第24次").length, 1);
  assert.deepEqual(S.keptResults("dues").map((r) => r.summary), ["第99次"]);
});
