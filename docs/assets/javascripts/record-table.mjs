/* Table records: a record whose entries are rows with the fields its kind declares (record-tables.mjs); the model, no DOM, no storage.
 *
 * Functions: newTable (a new record), newRowId, rowsOf (its rows in order), rowValues (one row's values),
 * cleanValues / setRow / setHead (change a record in memory, values cleaned by their field), sameRow,
 * fieldProblem (why a value does not fit its field), checkTable / cleanTable (an imported record, for
 * records.mjs), rowCells (a row as the texts a list or a report shows).
 * The stored changes (add, edit, delete a row; edit the head; two tabs merging) are record-rows.mjs's. */

import { tableOf } from "./record-tables.mjs";

export const ROW_LIMIT = 1000; // rows in one record (a form sanity bound)
const NAME_MAX = 100;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const INT_RE = /^\d{1,9}$/;
export const ROW_ID_RE = /^w-[a-z0-9]{1,20}-[a-z0-9]{1,12}$/;

let counter = 0;

/** A new row id; ids sort in the order rows were added in one tab (a time, then a counter with a random tail). */
export function newRowId(now = Date.now()) {
  counter = (counter + 1) % 1296;
  const tail = counter.toString(36).padStart(2, "0") + Math.random().toString(36).slice(2, 8);
  return `w-${now.toString(36)}-${tail}`;
}

/** A new, empty table record of kind `table` (a name of TABLES). */
export function newTable(table, name, head = {}) {
  const kind = tableOf({ table });
  if (!kind) throw new Error(`unknown table kind ${table}`);
  const now = new Date().toISOString();
  const rand = Math.random().toString(36).slice(2, 8);
  return {
    id: `r-${Date.now().toString(36)}-${rand}`,
    kind: "table",
    table,
    name: String(name || "").trim().slice(0, NAME_MAX) || kind.title,
    created: now,
    updated: now,
    head: cleanValues(kind.head, head),
    rows: {},
  };
}

/** Whether "YYYY-MM-DD" is a day of the calendar (not 2月30日: Date.parse rolls some of those over). */
function realDate(value) {
  if (!DATE_RE.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** Why `value` does not fit `field` ("" when it fits; "" always fits). */
export function fieldProblem(field, value) {
  if (typeof value !== "string") return "不是文字";
  if (value === "") return "";
  if (field.type === "choice") return field.options.some(([v]) => v === value) ? "" : `“${value.slice(0, 20)}”无法识别`;
  if (field.type === "date") return realDate(value) ? "" : "不是有效日期";
  if (field.type === "integer") {
    const n = INT_RE.test(value) ? Number(value) : NaN;
    return n >= (field.min ?? 0) && n <= (field.max ?? 1e9) ? "" : `应为 ${field.min ?? 0} 到 ${field.max ?? 1e9} 的整数`;
  }
  return value.length <= (field.max || 2000) ? "" : "过长";
}

/** Every declared field's value as text ("" when missing or not fitting; text cut to its length). */
export function cleanValues(fields, values = {}) {
  const out = {};
  for (const f of fields) {
    let v = values[f.name];
    v = v == null ? "" : String(v).trim();
    if (f.type === "text") v = v.slice(0, f.max || 2000);
    out[f.name] = fieldProblem(f, v) ? "" : v;
  }
  return out;
}

/** One row's values, every declared field present. */
export function rowValues(rec, id) {
  return cleanValues(tableOf(rec).fields, (rec.rows || {})[id] || {});
}

/** The rows in the table's order: [{id, ...values}]. */
export function rowsOf(rec) {
  const kind = tableOf(rec);
  const rows = Object.keys(rec.rows || {}).map((id) => ({ id, ...rowValues(rec, id) }));
  const key = (r) => [...kind.order.map((f) => r[f] || "\uffff"), r.id];
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
}

/** Whether two rows hold the same values (ids aside). */
export function sameRow(fields, a, b) {
  return fields.every((f) => (a[f.name] ?? "") === (b[f.name] ?? ""));
}

/** Change (or add) one row in memory with `patch` (only declared fields; values cleaned). Returns the row. */
export function setRow(rec, id, patch) {
  const kind = tableOf(rec);
  const known = Object.fromEntries(Object.entries(patch).filter(([k]) => kind.fields.some((f) => f.name === k)));
  rec.rows = rec.rows || {};
  rec.rows[id] = cleanValues(kind.fields, { ...rec.rows[id], ...known });
  return rec.rows[id];
}

/** Change the record's head fields in memory with `patch`. */
export function setHead(rec, patch) {
  const kind = tableOf(rec);
  rec.head = cleanValues(kind.head, { ...rec.head, ...patch });
  return rec.head;
}

/** A row as the texts shown for it: a choice's label, a date as it is, "" for empty. */
export function rowCells(kind, row) {
  return kind.fields.map((f) => {
    const v = row[f.name] ?? "";
    if (f.type === "choice") return (f.options.find(([value]) => value === v) || [v, v])[1];
    return v;
  });
}

/* ---------------------------------------------------------------- import */

/** Check an imported table record; `need(ok, message)` refuses the file. `where`: "第 3 条记录". */
export function checkTable(r, where, need) {
  const kind = tableOf(r);
  need(kind, `${where}是一种本站不认识的表（“${String(r.table).slice(0, 40)}”），可能来自较新版本的本站。`);
  need(typeof r.name === "string" && r.name.trim() && r.name.length <= NAME_MAX, `${where}的名称为空或过长。`);
  need(typeof r.created === "string" && r.created.length <= 40 && typeof r.updated === "string" && r.updated.length <= 40, `${where}的日期信息有误。`);
  const head = r.head === undefined ? {} : r.head;
  need(head && typeof head === "object" && !Array.isArray(head), `${where}的${kind.title}信息有误。`);
  for (const f of kind.head) {
    const problem = fieldProblem(f, head[f.name] ?? "");
    need(!problem, `${where}的“${f.label}”${problem}。`);
  }
  need(r.rows && typeof r.rows === "object" && !Array.isArray(r.rows), `${where}缺少${kind.title}的行。`);
  const ids = Object.keys(r.rows);
  need(ids.length <= ROW_LIMIT, `${where}的行过多（最多 ${ROW_LIMIT} 行）。`);
  ids.forEach((id, i) => {
    const row = r.rows[id];
    const at = `${where}第 ${i + 1} 行`;
    need(ROW_ID_RE.test(id), `${at}的编号“${id.slice(0, 40)}”不合格式。`);
    need(row && typeof row === "object" && !Array.isArray(row), `${at}不是有效的一行。`);
    for (const f of kind.fields) {
      const problem = fieldProblem(f, row[f.name] ?? "");
      need(!problem, `${at}的“${f.label}”${problem}。`);
    }
  });
  if (r.verdict !== undefined) need(r.verdict && typeof r.verdict === "object" && !Array.isArray(r.verdict), `${where}附带的检查结果有误。`);
}

/** Only the known fields of a checked table record; `clean(result)` cleans its kept verdict (records.cleanResult). */
export function cleanTable(r, clean) {
  const kind = tableOf(r);
  const rows = {};
  for (const id of Object.keys(r.rows)) rows[id] = cleanValues(kind.fields, r.rows[id]);
  const out = { id: r.id, kind: "table", table: r.table, name: r.name, created: r.created, updated: r.updated, head: cleanValues(kind.head, r.head || {}), rows };
  if (r.verdict) out.verdict = clean(r.verdict);
  return out;
}
