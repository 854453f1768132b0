/* Self-check records on this device: one localStorage entry (with the schema version) behind a small API.
 *
 * Pages change a stored record by changes to one step or item (edit, attach, detach, rename), never by
 * writing back their own copy, so two tabs editing different steps both keep their work. When two tabs
 * change the same field, the later change wins and the store notes what it replaced (`lost`), so the tab
 * that had it is told (watch()). A deleted record leaves its id behind (`deleted`) so a stale tab cannot
 * re-create it. The store also asks the browser to keep the site's data when the first record is made, and
 * knows when records changed since they were last exported (exportReminder()). A table record's rows are changed
 * one row and field at a time through changeRecord/noteWritten by record-rows.mjs. */

import { SCHEMA, attachResult, entryOf, sameResult, setEntry } from "./records.mjs";

export const KEY = "zhibu.selfcheck";
const MAX_RESULTS = 20;
const MAX_LOST = 30; // replaced values kept for other tabs to show
const MAX_DELETED = 500; // ids of deleted records remembered
const FIELDS = ["done", "date", "note", "status"];
export const REMIND_EVERY_DAYS = 30;

let memory = null; // used when the browser refuses localStorage (some private modes)
let problem = "";
let failed = ""; // the message of the last failed write, kept until a write succeeds
const written = new Map(); // "record|item|field" -> the value this tab last wrote there
let seenLost = 0; // the newest `lost` note this tab has looked at
const watchers = [];

function empty() {
  return { schema: SCHEMA, records: {}, last: {}, open: {}, results: [], deleted: {}, lost: [], seq: 0, exported: {}, reminded: "", persist: null };
}

function storage() {
  try {
    const s = window.localStorage;
    s.getItem(KEY);
    return s;
  } catch (e) {
    return null;
  }
}

/** The stored document, or an empty one; sets problem() when it cannot be used. */
function read() {
  problem = "";
  const s = storage();
  if (!s) {
    problem = "此浏览器不允许本站在本机保存数据（可能是无痕模式）：记录只在关闭本页前有效，请及时导出。";
    return memory || (memory = empty());
  }
  const text = s.getItem(KEY);
  if (!text) return empty();
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    doc = null;
  }
  if (!doc || typeof doc !== "object" || !doc.records || typeof doc.records !== "object") {
    problem = "本机保存的自查记录已损坏，无法读取；为免覆盖，本页不会改动它。";
    return null;
  }
  if (doc.schema > SCHEMA) {
    problem = "本机保存的自查记录来自较新版本的本站，本页不能修改它们；请刷新页面以载入新版本。";
    return null;
  }
  return { ...empty(), ...doc, schema: SCHEMA };
}

function now() {
  return new Date().toISOString();
}

function write(doc) {
  const s = storage();
  if (!s) {
    memory = doc;
    return true;
  }
  try {
    s.setItem(KEY, JSON.stringify(doc));
    failed = "";
    return true;
  } catch (e) {
    failed = problem = "本机存储空间已满，记录未能保存。请导出记录，删除不需要的记录后再试。";
    return false;
  }
}

/** Change the stored document with `fn(doc)` (false from fn: nothing to write); false (and nothing
 * changed) when it cannot be used. */
function change(fn) {
  const doc = read();
  if (!doc) return false;
  const hadRecords = Object.keys(doc.records).length > 0;
  if (fn(doc) === false) return false;
  const ok = write(doc);
  if (ok && !hadRecords && Object.keys(doc.records).length && !doc.persist) askToKeep();
  return ok;
}

/** A message when records cannot be kept on this device (else ""); a failed save is named until one succeeds. */
export function storageProblem() {
  read();
  return problem || failed;
}

/** All records, or a flow's, most recently changed first. */
export function listRecords(flowId) {
  const doc = read() || empty();
  return Object.values(doc.records)
    .filter((r) => !flowId || r.flow === flowId)
    .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
}

export function getRecord(id) {
  const doc = read() || empty();
  return doc.records[id] || null;
}

/** Save a whole record (sets its `updated` time) and make it its flow's last record: for a record new to the store
 * (a page's edits go through editEntry and the other changes below). */
export function saveRecord(rec) {
  rec.updated = new Date().toISOString();
  return change((doc) => {
    if (!doc.records[rec.id] && Object.hasOwn(doc.deleted, rec.id)) return false; // deleted elsewhere: not re-created
    doc.records[rec.id] = rec;
    if (rec.flow) doc.last[rec.flow] = rec.id; // (a table record has no flow)
  });
}

/** Store several records at once (an import): all or none. An imported record may bring back a deleted one. */
export function addRecords(records) {
  return change((doc) => {
    for (const r of records) {
      doc.records[r.id] = r;
      delete doc.deleted[r.id];
    }
  });
}

export function deleteRecord(id) {
  return change((doc) => {
    const rec = doc.records[id];
    delete doc.records[id];
    if (rec && doc.last[rec.flow] === id) delete doc.last[rec.flow];
    forget(doc, [id]);
  });
}

/** Remember deleted ids (a stale tab must not re-create them), the oldest forgotten first. */
function forget(doc, ids) {
  const at = now();
  for (const id of ids) doc.deleted[id] = at;
  doc.lost = (doc.lost || []).filter((l) => !ids.includes(l.record)); // (their texts go with them)
  const all = Object.entries(doc.deleted).sort((a, b) => (a[1] < b[1] ? -1 : 1));
  for (const [id] of all.slice(0, Math.max(0, all.length - MAX_DELETED))) delete doc.deleted[id];
}

/** Whether a record of this id was deleted (here or in another tab). */
export function isDeleted(id) {
  const doc = read() || empty();
  return Object.hasOwn(doc.deleted, id) && !doc.records[id];
}

/** Delete every record and kept checker result. */
export function deleteAll() {
  return change((doc) => {
    forget(doc, Object.keys(doc.records));
    doc.records = {};
    doc.last = {};
    doc.results = [];
  });
}

/** The record a flow page opens with: the last one used, if it still exists. */
export function lastRecord(flowId) {
  const doc = read() || empty();
  const id = doc.last[flowId];
  return (id && doc.records[id]) || null;
}

export function setLast(flowId, id) {
  return change((doc) => {
    doc.last[flowId] = id;
  });
}

/** Whether the self-check mode was left on for a flow (it opens again then). */
export function isOpen(flowId) {
  const doc = read() || empty();
  return !!doc.open[flowId];
}

export function setOpen(flowId, on) {
  return change((doc) => {
    if (on) doc.open[flowId] = true;
    else delete doc.open[flowId];
  });
}

/** Keep a checker result (latest first, at most MAX_RESULTS) so any record can attach it later. */
export function keepResult(result) {
  return change((doc) => {
    doc.results = [result, ...doc.results.filter((r) => !sameResult(r, result))];
    doc.results = doc.results.slice(0, MAX_RESULTS);
  });
}

/** Kept checker results, latest first; of one checker if named. */
export function keptResults(checker) {
  const doc = read() || empty();
  return doc.results.filter((r) => !checker || r.checker === checker);
}

/* ---------------------------------------------------------------- changes to one step or item */

/**
 * The stored record `rec.id` changed by `fn(stored)`; created from `rec` (a new record of this tab) when not
 * stored yet, unless it was deleted; `fn` returning false changes nothing. Returns {ok, rec (as stored now, or null), gone (deleted elsewhere),
 * lost: [{item, field, had, now}] (values of other tabs this change replaced)}.
 */
export function changeRecord(rec, fn) {
  const out = { ok: false, rec: null, gone: false, lost: [] };
  out.ok = change((doc) => {
    let stored = doc.records[rec.id];
    if (!stored) {
      if (Object.hasOwn(doc.deleted, rec.id)) {
        out.gone = true;
        return false;
      }
      stored = doc.records[rec.id] = JSON.parse(JSON.stringify(rec));
    }
    const lost = fn(stored);
    if (lost === false) return false; // nothing to change (e.g. a row already deleted)
    out.lost = lost || [];
    stored.updated = now();
    if (stored.flow) doc.last[stored.flow] = stored.id;
    for (const l of out.lost) {
      doc.seq = (doc.seq || 0) + 1;
      doc.lost = [...doc.lost, { seq: doc.seq, record: stored.id, name: stored.name, ...l, at: stored.updated }].slice(-MAX_LOST);
    }
    out.rec = stored;
  });
  if (!out.ok && !out.gone) out.rec = getRecord(rec.id);
  return out;
}

/** Note what this tab wrote in a field, so a later change from another tab that replaces it is told here (watch()). */
export function noteWritten(recId, item, field, value) {
  written.set(`${recId}|${item}|${field}`, JSON.stringify(value ?? ""));
}

/**
 * Change one step or item of a record: `patch` ({done, date, note, status}) as records.setEntry does.
 * `base`: the entry as this tab last showed it; a field another tab has changed since is replaced all
 * the same (the later change wins) and named in `lost`.
 */
export function editEntry(rec, flow, id, patch, base = entryOf(rec, id)) {
  const out = changeRecord(rec, (stored) => {
    const before = entryOf(stored, id);
    setEntry(stored, flow, id, patch);
    const after = entryOf(stored, id);
    const lost = [];
    for (const f of FIELDS.filter((k) => k in patch)) {
      const had = before[f] ?? "";
      if (had !== (base[f] ?? "") && had !== (after[f] ?? "") && had !== "" && had !== false) {
        lost.push({ item: id, label: after.label || before.label || id, field: f, had, now: after[f] ?? "" });
      }
    }
    return lost;
  });
  if (out.ok) for (const f of FIELDS.filter((k) => k in patch)) noteWritten(rec.id, id, f, entryOf(out.rec, id)[f]);
  return out;
}

/** Attach a checker result to a step or item of the stored record (results attached elsewhere stay). */
export function attachTo(rec, flow, id, result) {
  return changeRecord(rec, (stored) => {
    attachResult(stored, flow, id, result);
  });
}

/** Remove one attached result (found by what it is, not by where a tab showed it). */
export function detachFrom(rec, flow, id, result) {
  return changeRecord(rec, (stored) => {
    const results = (entryOf(stored, id).results || []).filter((r) => !sameResult(r, result));
    setEntry(stored, flow, id, { results });
  });
}

/** Rename a record; `base`: the name this tab showed (another tab's newer name it replaces is in `lost`). */
export function renameRecord(rec, name, base = rec.name) {
  const out = changeRecord(rec, (stored) => {
    const had = stored.name;
    stored.name = name;
    return had !== base && had !== name ? [{ item: "", label: "", field: "name", had, now: name }] : [];
  });
  if (out.ok) noteWritten(rec.id, "", "name", name);
  return out;
}

/** Change a record's fields other than its entries (e.g. its diagram version after dropping gone steps). */
export function changeFields(rec, fn) {
  return changeRecord(rec, (stored) => {
    fn(stored);
  });
}

/* ---------------------------------------------------------------- other tabs */

/**
 * Call `fn({lost})` whenever another tab changes the records (the `storage` event) or this page comes
 * back from the browser's back-forward cache: `lost` lists what this tab wrote that a later change in
 * another tab replaced ([{record, name, item, label, field, had, now}]). The page then reads the store again.
 */
export function watch(fn) {
  watchers.push(fn);
  if (watchers.length > 1 || typeof window.addEventListener !== "function") return;
  if (!seenLost) seenLost = (read() || empty()).seq || 0;
  window.addEventListener("storage", (e) => {
    if (e.key === KEY || e.key === null) changedElsewhere();
  });
  window.addEventListener("pageshow", (e) => e.persisted && changedElsewhere());
}

/** What other tabs did since this tab last looked: told to every watcher (the `storage` event calls it). */
export function changedElsewhere() {
  const doc = read() || empty();
  const fresh = (doc.lost || []).filter((l) => l.seq > seenLost);
  seenLost = Math.max(seenLost, doc.seq || 0);
  const lost = fresh.filter((l) => {
    const key = `${l.record}|${l.item}|${l.field}`;
    if (written.get(key) !== JSON.stringify(l.had)) return false;
    written.delete(key);
    return true;
  });
  for (const fn of watchers) fn({ lost });
  return lost;
}

/* ---------------------------------------------------------------- keeping the data */

/** Ask the browser to keep the site's data through its clean-ups (once, when the first record is made); the answer is stored. */
export function askToKeep() {
  const nav = globalThis.navigator;
  if (!nav || !nav.storage || typeof nav.storage.persist !== "function") return Promise.resolve(null);
  const asked = now();
  return nav.storage.persist().then(
    (granted) => {
      change((doc) => {
        doc.persist = { asked, granted: !!granted };
      });
      return !!granted;
    },
    () => null
  );
}

/**
 * Whether the browser keeps the site's data: "granted", "denied" (asked, refused), "unasked" (no record
 * made yet) or "unsupported". Asks the browser itself where it can say (its answer can change later).
 */
export async function persistence() {
  const nav = globalThis.navigator;
  const doc = read() || empty();
  if (!nav || !nav.storage || typeof nav.storage.persisted !== "function") return "unsupported";
  let granted = !!(doc.persist && doc.persist.granted);
  try {
    granted = await nav.storage.persisted();
  } catch (e) {
    /* keep the stored answer */
  }
  if (granted) return "granted";
  return doc.persist ? "denied" : "unasked";
}

/** Note that records were exported (all, or the named ones) at `when`. */
export function markExported(ids, when = new Date()) {
  return change((doc) => {
    for (const id of ids || Object.keys(doc.records)) doc.exported[id] = when.toISOString();
  });
}

/** Records changed since they were last exported (a record never exported counts). */
export function unexported() {
  const doc = read() || empty();
  return Object.values(doc.records).filter((r) => !doc.exported[r.id] || r.updated > doc.exported[r.id]);
}

/**
 * Whether to remind the reader to export now: records changed since the last export, and no reminder in the
 * last REMIND_EVERY_DAYS days (in any tab). Answering true notes the reminder, so it shows once.
 */
export function exportReminder(when = new Date()) {
  const doc = read();
  if (!doc || !unexported().length) return false;
  const last = Date.parse(doc.reminded || "");
  if (!Number.isNaN(last) && when.getTime() - last < REMIND_EVERY_DAYS * 86400000) return false;
  return change((d) => {
    d.reminded = when.toISOString();
  });
}
