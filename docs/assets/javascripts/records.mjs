/* Self-check records: the record model of the diagram kinds (a flowchart's steps, a structure diagram's items), ?done= links, states, export files and their validation for every kind (table records: record-table.mjs); no DOM, no storage. */

import { KINDS, isStructure, isTable, kindOf } from "./record-kinds.mjs";
import { checkTable, cleanTable } from "./record-table.mjs";

// Version of the record shape, in the export file and in storage. 1: flowchart records only ({steps}); 2: a
// record says its `kind`, and a structure diagram's record keeps `items` (status, note) — a version 1 file is a
// version 2 file whose records are all flowchart records, so it still imports. 3: a record may be a table record
// (`kind: "table"`, rows with declared fields: record-table.mjs); version 1 and 2 files still import unchanged.
export const SCHEMA = 3;
const TABLE_SCHEMA = 3; // the first version with table records
export const FORMAT = "zhibu-self-check-records";
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const LIMITS = { name: 100, note: 2000, label: 500, steps: 500, results: 20, text: 4000 };
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const ID_RE = /^[a-z0-9][a-z0-9-]{0,79}$/;
const VERDICTS = ["pass", "fail", "warn", "invalid", "error"];

/* ---------------------------------------------------------------- flows */

/** The label of a structure item with its context: "主要方式：谈心谈话". */
export function itemLabel(label, context) {
  return context ? `${context}：${label}` : label;
}

/** What a record of the flow marks, in order: a flowchart's steps or a structure diagram's items: [{id, label, stage}]
 * (`stage`: the stage's or group's label). */
export function flowItems(flow) {
  const out = [];
  if (isStructure(flow)) {
    for (const g of flow.groups) for (const [id, label, context] of g.items) out.push({ id, label: itemLabel(label, context), stage: g.label });
  } else {
    for (const stage of flow.stages) for (const [id, label] of stage.steps) out.push({ id, label, stage: stage.label });
  }
  return out;
}

/** A record's entries by id (its steps or its items). */
export function entries(rec) {
  return rec[kindOf(rec).key] || {};
}

/** Today's date as YYYY-MM-DD in local time. */
export function today(now = new Date()) {
  const p = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** "2026-03-05" -> "2026年3月5日"; anything else unchanged. */
export function chineseDate(iso) {
  const m = DATE_RE.test(iso || "") && iso.split("-").map(Number);
  return m ? `${m[0]}年${m[1]}月${m[2]}日` : iso || "";
}

function newId() {
  const rand = Math.random().toString(36).slice(2, 8);
  return `r-${Date.now().toString(36)}-${rand}`;
}

/* ---------------------------------------------------------------- records */

/** A new, empty record of a flow. */
export function newRecord(flow, name) {
  const now = new Date().toISOString();
  return {
    id: newId(),
    kind: isStructure(flow) ? "structure" : "flowchart",
    flow: flow.id,
    flowTitle: flow.title,
    flowHash: flow.hash,
    name: (name || "").trim().slice(0, LIMITS.name) || defaultName(flow),
    created: now,
    updated: now,
    [kindOf(flow).key]: {},
  };
}

export function defaultName(flow) {
  return `${flow.title}自查（${chineseDate(today())}）`;
}

/** A new unsaved record of a flowchart from a `?done=a,b` value: unknown ids dropped, a repeated id counted once. */
export function fromDone(flow, value) {
  const rec = newRecord(flow, `${flow.title}自查（来自链接）`);
  if (isStructure(flow)) return rec; // (a structure item is marked with a status, not ticked)
  const known = new Map(flowItems(flow).map((s) => [s.id, s.label]));
  for (const id of String(value || "").split(",")) {
    if (known.has(id) && !rec.steps[id]) rec.steps[id] = { label: known.get(id), done: true, date: "", note: "" };
  }
  return rec;
}

/** The entry of one step or item (empty if untouched). */
export function entryOf(rec, id) {
  const empty = isStructure(rec) ? { label: "", status: "", note: "" } : { label: "", done: false, date: "", note: "" };
  return entries(rec)[id] || empty;
}

/** Change one step or item; ticking a step without a date dates it today; an unknown status is ignored. Returns the record. */
export function setEntry(rec, flow, id, patch) {
  const item = flowItems(flow).find((s) => s.id === id);
  const entry = { ...entryOf(rec, id), ...patch };
  if (item) entry.label = item.label;
  if (patch.done === true && !entry.date) entry.date = today();
  if (isStructure(rec) && !KINDS.structure.choices.includes(entry.status)) entry.status = "";
  if (typeof entry.note === "string") entry.note = entry.note.slice(0, LIMITS.note);
  const empty = !entry.done && !entry.status && !entry.date && !entry.note && !(entry.results && entry.results.length);
  const all = (rec[kindOf(rec).key] = entries(rec));
  if (empty) delete all[id];
  else all[id] = entry;
  return rec;
}

/** Attach a checker result to a step (the same result twice counts once). */
export function attachResult(rec, flow, id, result) {
  const entry = entryOf(rec, id);
  const results = (entry.results || []).filter((r) => !sameResult(r, result));
  results.unshift(cleanResult(result));
  return setEntry(rec, flow, id, { results: results.slice(0, LIMITS.results) });
}

export function detachResult(rec, flow, id, index) {
  const results = (entryOf(rec, id).results || []).filter((_, i) => i !== index);
  return setEntry(rec, flow, id, { results });
}

/** The same result (one verdict of one checker, received at one moment). */
export function sameResult(a, b) {
  return a.checker === b.checker && a.at === b.at && a.date === b.date && a.summary === b.summary;
}

/** A checker result as kept in a record: only the known fields, as text. */
export function cleanResult(r) {
  const text = (v) => String(v == null ? "" : v).slice(0, LIMITS.text);
  return {
    checker: text(r.checker),
    title: text(r.title),
    verdict: VERDICTS.includes(r.verdict) ? r.verdict : "invalid",
    summary: text(r.summary),
    items: itemLines(r.items),
    inputs: inputLines(r.inputs),
    href: /^https?:\/\//i.test(String(r.href || "")) ? text(r.href) : "", // never a javascript: link from a file
    date: text(r.date),
    at: text(r.at),
  };
}

const ITEM_LEVELS = { fail: "不符合", warn: "需注意" };

/** A result's failing and warning items as lines "不符合：…（依据：…）" (already lines when read back from a record). */
export function itemLines(items) {
  if (!Array.isArray(items)) return [];
  return items
    .map((x) => {
      if (typeof x === "string") return x;
      if (!x || typeof x !== "object") return "";
      const basis = x.basis ? `（依据：${x.basis}）` : "";
      return `${ITEM_LEVELS[x.level] || "注意"}：${String(x.message || "").replace(/[。\s]+$/, "")}${basis}`;
    })
    .filter(Boolean)
    .map((line) => line.slice(0, LIMITS.text))
    .slice(0, 50);
}

/** Checker inputs as "label：value" lines, whatever shape they came in (object, list of pairs, text). */
export function inputLines(inputs) {
  const show = (v) => (Array.isArray(v) ? v.map(show).join("；") : v && typeof v === "object" ? JSON.stringify(v) : String(v ?? ""));
  if (Array.isArray(inputs)) {
    return inputs.map((x) => (x && typeof x === "object" && "label" in x ? `${x.label}：${show(x.value)}` : show(x))).slice(0, 50);
  }
  if (inputs && typeof inputs === "object") return Object.entries(inputs).map(([k, v]) => `${k}：${show(v)}`).slice(0, 50);
  return inputs ? [String(inputs).slice(0, LIMITS.text)] : [];
}

/** The state of each step or item: a flowchart's "done", "next" (the first step not done) or "todo";
 * a structure item's status ("done", "partial", "open", "na", or "" when not marked). */
export function itemStates(rec, flow) {
  const states = {};
  let next = false;
  for (const s of flowItems(flow)) {
    const entry = entryOf(rec, s.id);
    if (isStructure(flow)) states[s.id] = entry.status || "";
    else if (entry.done) states[s.id] = "done";
    else if (!next) {
      states[s.id] = "next";
      next = true;
    } else states[s.id] = "todo";
  }
  return states;
}

/** {done, total, next: step or null} for a flowchart; {marked, total, counts: {status: n}} for a structure diagram. */
export function progress(rec, flow) {
  const items = flowItems(flow);
  const states = itemStates(rec, flow);
  if (isStructure(flow)) {
    const counts = Object.fromEntries(KINDS.structure.choices.map((c) => [c, items.filter((s) => states[s.id] === c).length]));
    return { marked: items.filter((s) => states[s.id]).length, total: items.length, counts };
  }
  return {
    done: items.filter((s) => states[s.id] === "done").length,
    total: items.length,
    next: items.find((s) => states[s.id] === "next") || null,
  };
}

/** Progress in words: "已完成 2 / 9 步" or "已自查 5 / 19 项：已落实 3 项，未落实 2 项"; `short`: "2/9". */
export function progressText(rec, flow, short = false) {
  const p = progress(rec, flow);
  const k = kindOf(flow);
  if (!isStructure(flow)) return short ? `${p.done}/${p.total}` : `已完成 ${p.done} / ${p.total} ${k.unit}`;
  if (short) return `${p.marked}/${p.total}`;
  const counts = k.choices.filter((c) => p.counts[c]).map((c) => `${k.states[c]} ${p.counts[c]} ${k.unit}`);
  return `已自查 ${p.marked} / ${p.total} ${k.unit}${counts.length ? `：${counts.join("，")}` : ""}`;
}

/** Steps or items the record has entries for that the current flow no longer has: [{id, label, entry}]. */
export function orphans(rec, flow) {
  const ids = new Set(flowItems(flow).map((s) => s.id));
  const all = entries(rec);
  return Object.keys(all)
    .filter((id) => !ids.has(id))
    .map((id) => ({ id, label: all[id].label || id, entry: all[id] }));
}

/* ---------------------------------------------------------------- export / import */

/** The export file's text for some records. */
export function exportText(records, now = new Date()) {
  return JSON.stringify({ format: FORMAT, schema: SCHEMA, exported: now.toISOString(), records }, null, 2);
}

class Refused extends Error {}

function need(ok, message) {
  if (!ok) throw new Refused(message);
}

function isText(v, max) {
  return typeof v === "string" && v.length <= max;
}

function checkEntry(id, e, where, kind) {
  const what = `${where}的${kind.thing}“${String(id).slice(0, 40)}”`;
  need(ID_RE.test(id), `${where}的${kind.thing}编号“${String(id).slice(0, 40)}”不合格式。`);
  need(e && typeof e === "object" && !Array.isArray(e), `${what}不是有效的记录。`);
  if (kind === KINDS.structure) {
    need(typeof e.status === "string", `${what}缺少“落实情况”。`);
    const words = kind.choices.map((c) => kind.states[c]).join("、");
    need(e.status === "" || kind.choices.includes(e.status), `${what}的落实情况“${e.status.slice(0, 20)}”无法识别（应为${words}之一，或空着）。`);
  } else {
    need(typeof e.done === "boolean", `${what}缺少“是否完成”。`);
    need(e.date === "" || DATE_RE.test(e.date), `${what}的日期不是有效日期。`);
  }
  need(isText(e.note, LIMITS.note) && isText(e.label || "", LIMITS.label), `${what}的备注过长或不是文字。`);
  need(e.results === undefined || (Array.isArray(e.results) && e.results.length <= LIMITS.results), `${what}附带的检查结果有误。`);
  for (const r of e.results || []) {
    need(r && typeof r === "object" && VERDICTS.includes(r.verdict) && isText(r.summary, LIMITS.text), `${what}附带的检查结果有误。`);
  }
}

function checkRecord(r, i, flows, schema) {
  const where = `第 ${i + 1} 条记录`;
  need(r && typeof r === "object" && !Array.isArray(r), `${where}不是有效的记录。`);
  need(isText(r.id, 80) && ID_RE.test(r.id), `${where}缺少有效的编号。`);
  need(r.kind === undefined || Object.hasOwn(KINDS, r.kind), `${where}的图的类型“${String(r.kind).slice(0, 20)}”无法识别。`);
  if (isTable(r)) {
    need(schema >= TABLE_SCHEMA, `${where}是表格记录，但文件的版本（${schema}）还没有表格记录，文件可能被改动过。`);
    return checkTable(r, where, need);
  }
  const kind = kindOf(r);
  need(isText(r.flow, 80), `${where}没有注明所属的${kind.diagram}。`);
  const flow = Object.hasOwn(flows, r.flow) ? flows[r.flow] : null;
  need(flow, `${where}属于${kind.diagram}“${String(r.flowTitle || r.flow).slice(0, 60)}”，本站没有这幅${kind.diagram}（或它不提供对照自查）。`);
  need(kindOf(flow) === kind, `${where}是${kind.diagram}的自查记录，但本站的“${flow.title}”是${kindOf(flow).diagram}，两者对不上。`);
  need(isText(r.name, LIMITS.name) && r.name.trim(), `${where}的名称为空或过长。`);
  need(isText(r.flowHash || "", 64) && isText(r.created, 40) && isText(r.updated, 40), `${where}的日期或版本信息有误。`);
  const all = r[kind.key];
  need(all && typeof all === "object" && !Array.isArray(all), `${where}缺少${kind.thing}。`);
  const ids = Object.keys(all);
  need(ids.length <= LIMITS.steps, `${where}的${kind.thing}过多。`);
  for (const id of ids) checkEntry(id, all[id], where, kind);
}

/** Only the known fields of a valid record (drops anything else a file carries); a version 1 record gets its kind. */
function cleanRecord(r) {
  if (isTable(r)) return cleanTable(r, cleanResult);
  const kind = kindOf(r);
  const all = {};
  for (const [id, e] of Object.entries(r[kind.key])) {
    all[id] = kind === KINDS.structure
      ? { label: e.label || "", status: e.status, note: e.note }
      : { label: e.label || "", done: e.done, date: e.date, note: e.note };
    if (e.results && e.results.length) all[id].results = e.results.map(cleanResult);
  }
  const { id, flow, flowTitle, flowHash, name, created, updated } = r;
  const base = { id, kind: kind === KINDS.structure ? "structure" : "flowchart", flow };
  return { ...base, flowTitle: String(flowTitle || ""), flowHash: flowHash || "", name, created, updated, [kind.key]: all };
}

/**
 * Read an export file (version 1, 2 or 3). `flows`: flow id -> record data of the site's diagrams with records.
 * Returns {error} (a Chinese message; the file is refused whole) or {records: [{record, missing, changed}]},
 * where `missing` lists the steps or items the record has that the current diagram no longer has.
 */
export function parseImport(text, flows) {
  try {
    need(typeof text === "string" && text.length <= MAX_FILE_BYTES, "文件太大，不是本站导出的自查记录。");
    let data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Refused("文件已损坏或不是本站导出的自查记录（无法读取）。");
    }
    need(data && typeof data === "object" && data.format === FORMAT, "这不是本站导出的自查记录文件。");
    need(Number.isInteger(data.schema) && data.schema >= 1, "文件缺少有效的版本号。");
    need(data.schema <= SCHEMA, `文件来自较新版本的本站（版本 ${data.schema}，本页只认得到版本 ${SCHEMA}），请在更新后的网站上导入。`);
    need(Array.isArray(data.records) && data.records.length > 0, "文件中没有记录。");
    need(data.records.length <= 1000, "文件中的记录过多。");
    data.records.forEach((r, i) => checkRecord(r, i, flows, data.schema));
    need(new Set(data.records.map((r) => r.id)).size === data.records.length, "文件中有编号重复的记录，文件可能被改动过。");
    return {
      records: data.records.map((raw) => {
        const record = cleanRecord(raw);
        if (isTable(record)) return { record, missing: [], changed: false };
        const flow = flows[record.flow]; // (checked above: one of the site's own)
        return { record, missing: orphans(record, flow), changed: record.flowHash !== flow.hash };
      }),
    };
  } catch (e) {
    if (e instanceof Refused) return { error: e.message };
    throw e;
  }
}

/** Imported records as they will be stored: a record whose id is taken by a different one gets a new id. */
export function placeImported(existing, imported) {
  const taken = new Map(existing.map((r) => [r.id, r]));
  return imported.map((r) => {
    const same = taken.get(r.id);
    if (!same || JSON.stringify(same) === JSON.stringify(r)) return r;
    return { ...r, id: newId(), name: `${r.name}（导入）`.slice(0, LIMITS.name) };
  });
}
