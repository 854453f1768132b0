/* Table records in the store, one row and field at a time: addRow, editRow, deleteRow, editHead, and syncRows (a form's rows brought in as row changes).
 *
 * Like editEntry for a diagram's record, each change is applied to the stored record, never a tab's whole copy:
 * two tabs adding or changing different rows both keep their work. An edit carries `base` (the values this tab
 * showed); a field another tab changed since is replaced all the same (the later change wins) and named in
 * `lost`, which watch() tells the tab that had it. Every function returns record-store's changeRecord answer
 * {ok, rec, gone, lost}, plus what it says below. Saving a new table record whole is saveRecord's.
 * The functions are bound to one copy of record-store.mjs (rowStore(S): the Node tests run two "tabs" as two copies). */

import * as store from "./record-store.mjs";
import { cleanValues, newRowId, rowCells, rowValues, sameRow, setHead, setRow } from "./record-table.mjs";
import { tableOf } from "./record-tables.mjs";

/** A row's short label for messages: its first two cells ("支部党员大会 2026-03-05"). */
export function rowLabel(kind, row) {
  return rowCells(kind, row).slice(0, 2).filter(Boolean).join(" ") || "空行";
}

/** Apply `patch` to row `id` of `stored` (in memory) against `base`; the replaced values of other tabs. */
function applyEdit(stored, kind, id, patch, base) {
  const before = rowValues(stored, id);
  const after = setRow(stored, id, patch);
  const lost = [];
  for (const f of kind.fields.filter((x) => x.name in patch)) {
    const had = before[f.name];
    if (had !== "" && had !== (base[f.name] ?? "") && had !== after[f.name]) {
      lost.push({ item: id, label: rowLabel(kind, after), field: f.name, had, now: after[f.name] });
    }
  }
  return lost;
}

/** How a form's rows differ from the rows it started from: {edits: [[baseRow, row]], deletes: [baseRow], adds: [row]}.
 * A row equal to a base row is unchanged; a changed row is paired with the left-over base row it shares most values with. */
export function rowChanges(fields, base, rows) {
  const left = [...base];
  const fresh = [];
  for (const row of rows) {
    const i = left.findIndex((b) => sameRow(fields, b, row));
    if (i >= 0) left.splice(i, 1);
    else fresh.push(row);
  }
  const edits = [];
  const adds = [];
  for (const row of fresh) {
    const score = (b) => fields.filter((f) => (b[f.name] ?? "") === (row[f.name] ?? "")).length;
    let best = -1;
    left.forEach((b, i) => {
      if (score(b) > 0 && (best < 0 || score(b) > score(left[best]))) best = i;
    });
    if (best < 0) adds.push(row);
    else edits.push([left.splice(best, 1)[0], row]);
  }
  return { edits, deletes: left, adds };
}

/** The row changes over the store `S` (a copy of record-store.mjs). */
export function rowStore(S) {
  const { changeRecord, noteWritten } = S;
  function noteRow(out, rec, id, names) {
    if (out.ok && out.rec.rows[id]) for (const name of names) noteWritten(rec.id, id, name, out.rec.rows[id][name]);
  }

  /** Add a row with `values`; also returns `row`, the new row's id. */
  function addRow(rec, values, id = newRowId()) {
    const out = changeRecord(rec, (stored) => {
      setRow(stored, id, values);
    });
    noteRow(out, rec, id, Object.keys(values));
    return { ...out, row: id };
  }

  /** Change fields of row `id` (`patch`: {field: text}); `base`: the row as this tab showed it. A row deleted
   * meanwhile is not re-created: {ok: false, rowGone: true}. */
  function editRow(rec, id, patch, base = rowValues(rec, id)) {
    const kind = tableOf(rec);
    let rowGone = false;
    const out = changeRecord(rec, (stored) => {
      if (!stored.rows || !Object.hasOwn(stored.rows, id)) {
        rowGone = true;
        return false;
      }
      return applyEdit(stored, kind, id, patch, base);
    });
    noteRow(out, rec, id, Object.keys(patch));
    return { ...out, rowGone };
  }

  /** Delete row `id` (already gone: {ok: false, rowGone: true}, nothing written). */
  function deleteRow(rec, id) {
    let rowGone = false;
    const out = changeRecord(rec, (stored) => {
      if (!stored.rows || !Object.hasOwn(stored.rows, id)) {
        rowGone = true;
        return false;
      }
      delete stored.rows[id];
    });
    return { ...out, rowGone };
  }

  /** Change the record's head fields (`patch`: {field: text}); `base`: the head as this tab showed it. */
  function editHead(rec, patch, base = rec.head || {}) {
    const kind = tableOf(rec);
    const out = changeRecord(rec, (stored) => {
      const before = cleanValues(kind.head, stored.head || {});
      const after = setHead(stored, patch);
      return kind.head
        .filter((f) => f.name in patch && before[f.name] !== "" && before[f.name] !== (base[f.name] ?? "") && before[f.name] !== after[f.name])
        .map((f) => ({ item: "head", label: f.label, field: f.name, had: before[f.name], now: after[f.name] }));
    });
    if (out.ok) for (const name of Object.keys(patch)) noteWritten(rec.id, "head", name, out.rec.head[name]);
    return out;
  }

  /**
   * Bring a form's rows into the stored record in one change: `base` the rows ([{id, ...values}]) the form
   * started from, `rows` its rows now ([{...values}]). Rows other tabs added or changed meanwhile stay; an edited
   * row another tab deleted comes back (the later change wins) and is counted in `revived`. `head`: the head
   * fields the form shows now, if any. Also returns `changes` (rowChanges' answer) and `unchanged` (nothing to write).
   */
  function syncRows(rec, base, rows, head = null) {
    const kind = tableOf(rec);
    const changes = rowChanges(kind.fields, base, rows.map((r) => cleanValues(kind.fields, r)));
    let revived = 0;
    let unchanged = false; // nothing to write: {ok: false, unchanged: true}
    const noted = [];
    const out = changeRecord(rec, (stored) => {
      stored.rows = stored.rows || {};
      const lost = [];
      for (const b of changes.deletes) delete stored.rows[b.id];
      for (const [b, row] of changes.edits) {
        const patch = Object.fromEntries(kind.fields.filter((f) => row[f.name] !== b[f.name]).map((f) => [f.name, row[f.name]]));
        if (!Object.hasOwn(stored.rows, b.id)) {
          revived++;
          setRow(stored, b.id, row);
        } else lost.push(...applyEdit(stored, kind, b.id, patch, b));
        noted.push([b.id, Object.keys(patch)]);
      }
      for (const row of changes.adds) setRow(stored, newRowId(), row);
      const before = JSON.stringify(stored.head || {});
      if (head) setHead(stored, head);
      unchanged = !changes.deletes.length && !changes.edits.length && !changes.adds.length && JSON.stringify(stored.head || {}) === before;
      return unchanged ? false : lost;
    });
    for (const [id, names] of noted) noteRow(out, rec, id, names);
    return { ...out, revived, changes, unchanged };
  }
  return { addRow, editRow, deleteRow, editHead, syncRows };
}

export const { addRow, editRow, deleteRow, editHead, syncRows } = rowStore(store);
