/* Self-check records on this device: one localStorage entry (with the schema version) behind a small API. */

import { SCHEMA, sameResult } from "./records.mjs";

export const KEY = "zhibu.selfcheck";
const MAX_RESULTS = 20;

let memory = null; // used when the browser refuses localStorage (some private modes)
let problem = "";

function empty() {
  return { schema: SCHEMA, records: {}, last: {}, open: {}, results: [] };
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

function write(doc) {
  const s = storage();
  if (!s) {
    memory = doc;
    return true;
  }
  try {
    s.setItem(KEY, JSON.stringify(doc));
    return true;
  } catch (e) {
    problem = "本机存储空间已满，记录未能保存。请导出记录，删除不需要的记录后再试。";
    return false;
  }
}

/** Change the stored document with `fn(doc)`; false (and nothing changed) when it cannot be used. */
function change(fn) {
  const doc = read();
  if (!doc) return false;
  fn(doc);
  return write(doc);
}

/** A message when records cannot be kept on this device (else ""). */
export function storageProblem() {
  read();
  return problem;
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

/** Save a record (sets its `updated` time) and make it its flow's last record. */
export function saveRecord(rec) {
  rec.updated = new Date().toISOString();
  return change((doc) => {
    doc.records[rec.id] = rec;
    doc.last[rec.flow] = rec.id;
  });
}

/** Store several records at once (an import): all or none. */
export function addRecords(records) {
  return change((doc) => {
    for (const r of records) doc.records[r.id] = r;
  });
}

export function deleteRecord(id) {
  return change((doc) => {
    const rec = doc.records[id];
    delete doc.records[id];
    if (rec && doc.last[rec.flow] === id) delete doc.last[rec.flow];
  });
}

/** Delete every record and kept checker result. */
export function deleteAll() {
  return change((doc) => {
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
