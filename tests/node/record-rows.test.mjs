// Table records in the store (record-rows.mjs), two "tabs" on one storage (two copies of record-store.mjs):
// rows added in both are both kept, edits to different fields merge, the later of two edits to one field wins
// and the tab that lost is told, a deleted row is not re-created by a stale edit, and a form's rows brought in
// (syncRows) change only the rows that changed.
//
// Seen to fail on planted defects: addRow writing the tab's whole copy back; applyEdit not noting `lost`;
// editRow re-creating a deleted row; rowChanges treating every row as new.
import assert from "node:assert/strict";
import { test } from "node:test";

import { rowStore, rowChanges } from "../../docs/assets/javascripts/record-rows.mjs";
import * as T from "../../docs/assets/javascripts/record-table.mjs";
import { TABLES } from "../../docs/assets/javascripts/record-tables.mjs";
import { FakeStorage, fakeWindow, freshStore } from "./fake-storage.mjs";

const MARCH = { kind: "general", held_on: "2026-03-20", expected: "30", present: "25" };
const JAN = { kind: "committee", held_on: "2026-01-10", expected: "5", present: "5" };

/** Two tabs showing the same saved ledger with one row: {A, B (store + rows), copyA, copyB, row}. */
async function twoTabs() {
  const storage = new FakeStorage();
  const a = await freshStore(fakeWindow(storage));
  const b = await freshStore(fakeWindow(storage));
  const rec = T.newTable("ledger", "2026年台账", { year: "2026" });
  T.setRow(rec, "w-x-1", MARCH);
  assert.equal(a.saveRecord(rec), true);
  return { a, b, A: rowStore(a), B: rowStore(b), copyA: a.getRecord(rec.id), copyB: b.getRecord(rec.id), row: "w-x-1" };
}

test("rows added in two tabs from stale copies are both kept", async () => {
  const { a, A, B, copyA, copyB } = await twoTabs();
  const one = A.addRow(copyA, JAN);
  const two = B.addRow(copyB, { kind: "lecture", held_on: "2026-02-01" });
  assert.equal(one.ok && two.ok, true);
  const stored = a.getRecord(copyA.id);
  assert.deepEqual(T.rowsOf(stored).map((r) => r.kind), ["committee", "lecture", "general"]);
  assert.equal(stored.rows[one.row].present, "5");
});

test("edits to different fields of one row merge; the later edit of one field wins and the other tab is told", async () => {
  const { a, b, A, B, copyA, copyB, row } = await twoTabs();
  assert.equal(A.editRow(copyA, row, { present: "28" }).ok, true);
  assert.deepEqual(B.editRow(copyB, row, { note: "补记" }).lost, []);
  assert.deepEqual(a.getRecord(copyA.id).rows[row], { ...MARCH, present: "28", note: "补记" });
  // B still shows 25 present: its change replaces A's 28, which is named
  const out = B.editRow(copyB, row, { present: "26" });
  assert.deepEqual(out.lost.map((l) => [l.item, l.field, l.had, l.now, l.label]), [[row, "present", "28", "26", "支部党员大会 2026-03-20"]]);
  assert.deepEqual(a.changedElsewhere().map((l) => [l.field, l.had]), [["present", "28"]]); // the tab that wrote 28
  assert.deepEqual(b.changedElsewhere(), []);
});

test("a deleted row is not re-created by a stale tab's edit, and deleting it twice writes nothing", async () => {
  const { a, A, B, copyA, copyB, row } = await twoTabs();
  assert.equal(A.deleteRow(copyA, row).ok, true);
  const edit = B.editRow(copyB, row, { note: "迟到的修改" });
  assert.deepEqual([edit.ok, edit.rowGone], [false, true]);
  assert.deepEqual(a.getRecord(copyA.id).rows, {});
  assert.deepEqual(B.deleteRow(copyB, row).rowGone, true);
});

test("head fields merge like row fields", async () => {
  const { a, b, A, B, copyA, copyB } = await twoTabs();
  A.editHead(copyA, { groups: "3" });
  const out = B.editHead(copyB, { groups: "4" });
  assert.deepEqual(out.lost.map((l) => [l.item, l.field, l.had]), [["head", "groups", "3"]]);
  assert.deepEqual(a.getRecord(copyA.id).head, { year: "2026", groups: "4" });
  assert.equal(a.changedElsewhere().length, 1);
  assert.equal(b.changedElsewhere().length, 0);
});

test("a form's rows are brought in as row changes: unchanged rows keep their ids, an edit is paired with its row", () => {
  const f = TABLES.ledger.fields;
  const base = [{ id: "w-1-a", ...T.cleanValues(f, MARCH) }, { id: "w-1-b", ...T.cleanValues(f, JAN) }];
  const c = rowChanges(f, base, [T.cleanValues(f, { ...JAN, present: "4" }), T.cleanValues(f, MARCH), T.cleanValues(f, { kind: "lecture" })]);
  assert.deepEqual(c.edits.map(([b, r]) => [b.id, r.present]), [["w-1-b", "4"]]);
  assert.deepEqual(c.deletes, []);
  assert.deepEqual(c.adds.map((r) => r.kind), ["lecture"]);
  const gone = rowChanges(f, base, [T.cleanValues(f, MARCH)]);
  assert.deepEqual([gone.edits.length, gone.deletes.map((b) => b.id), gone.adds.length], [0, ["w-1-b"], 0]);
});

test("two tabs syncing their forms keep each other's rows; a form with nothing new writes nothing", async () => {
  const { a, A, B, copyA, copyB, row } = await twoTabs();
  const base = T.rowsOf(copyA);
  const kept = [T.rowValues(copyA, row)];
  assert.equal(A.syncRows(copyA, base, [...kept, JAN]).ok, true);
  const out = B.syncRows(copyB, base, [{ ...kept[0], present: "27" }, { kind: "theme_day", held_on: "2026-02-14" }], { year: "2026", groups: "1" });
  assert.equal(out.ok, true);
  const stored = a.getRecord(copyA.id);
  assert.deepEqual(T.rowsOf(stored).map((r) => [r.kind, r.present]), [["committee", "5"], ["theme_day", ""], ["general", "27"]]);
  assert.equal(stored.rows[row].present, "27"); // the edit stayed on its row
  assert.equal(stored.head.groups, "1");
  const again = B.syncRows(stored, T.rowsOf(stored), T.rowsOf(stored), stored.head);
  assert.deepEqual([again.ok, again.unchanged], [false, true]);
});

test("an edited row that another tab deleted comes back (the later change wins) and is counted", async () => {
  const { a, A, B, copyA, copyB, row } = await twoTabs();
  A.deleteRow(copyA, row);
  const out = B.syncRows(copyB, T.rowsOf(copyB), [{ ...MARCH, note: "改了" }]);
  assert.equal(out.revived, 1);
  assert.equal(a.getRecord(copyA.id).rows[row].note, "改了");
});
