/* Self-check records: the record model, ?done= links, step states, export files and their validation (no DOM, no storage). */

export const SCHEMA = 1; // version of the record shape, in the export file and in storage
export const FORMAT = "zhibu-self-check-records";
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const LIMITS = { name: 100, note: 2000, label: 500, steps: 500, results: 20, text: 4000 };
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const ID_RE = /^[a-z0-9][a-z0-9-]{0,79}$/;
const VERDICTS = ["pass", "fail", "warn", "invalid", "error"];

/* ---------------------------------------------------------------- flows */

/** The steps of a flow's record data in order: [{id, label, stage}]. */
export function flowSteps(flow) {
  const out = [];
  for (const stage of flow.stages) for (const [id, label] of stage.steps) out.push({ id, label, stage: stage.label });
  return out;
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
    flow: flow.id,
    flowTitle: flow.title,
    flowHash: flow.hash,
    name: (name || "").trim().slice(0, LIMITS.name) || defaultName(flow),
    created: now,
    updated: now,
    steps: {},
  };
}

export function defaultName(flow) {
  return `${flow.title}自查（${chineseDate(today())}）`;
}

/** A new unsaved record from a `?done=a,b` value: unknown ids dropped, a repeated id counted once. */
export function fromDone(flow, value) {
  const rec = newRecord(flow, `${flow.title}自查（来自链接）`);
  const known = new Map(flowSteps(flow).map((s) => [s.id, s.label]));
  for (const id of String(value || "").split(",")) {
    if (known.has(id) && !rec.steps[id]) rec.steps[id] = { label: known.get(id), done: true, date: "", note: "" };
  }
  return rec;
}

/** The entry of one step (empty if untouched). */
export function stepEntry(rec, id) {
  return rec.steps[id] || { label: "", done: false, date: "", note: "" };
}

/** Change one step; ticking a step without a date dates it today. Returns the record. */
export function setStep(rec, flow, id, patch) {
  const step = flowSteps(flow).find((s) => s.id === id);
  const entry = { ...stepEntry(rec, id), ...patch };
  if (step) entry.label = step.label;
  if (patch.done === true && !entry.date) entry.date = today();
  if (typeof entry.note === "string") entry.note = entry.note.slice(0, LIMITS.note);
  const empty = !entry.done && !entry.date && !entry.note && !(entry.results && entry.results.length);
  if (empty) delete rec.steps[id];
  else rec.steps[id] = entry;
  return rec;
}

/** Attach a checker result to a step (the same result twice counts once). */
export function attachResult(rec, flow, id, result) {
  const entry = stepEntry(rec, id);
  const results = (entry.results || []).filter((r) => !sameResult(r, result));
  results.unshift(cleanResult(result));
  return setStep(rec, flow, id, { results: results.slice(0, LIMITS.results) });
}

export function detachResult(rec, flow, id, index) {
  const results = (stepEntry(rec, id).results || []).filter((_, i) => i !== index);
  return setStep(rec, flow, id, { results });
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
    inputs: inputLines(r.inputs),
    href: /^https?:\/\//i.test(String(r.href || "")) ? text(r.href) : "", // never a javascript: link from a file
    date: text(r.date),
    at: text(r.at),
  };
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

/** Each step of the flow: "done", "next" (the first step not done) or "todo". */
export function stepStates(rec, flow) {
  const states = {};
  let next = false;
  for (const s of flowSteps(flow)) {
    if (stepEntry(rec, s.id).done) states[s.id] = "done";
    else if (!next) {
      states[s.id] = "next";
      next = true;
    } else states[s.id] = "todo";
  }
  return states;
}

/** {done, total, next: step or null}. */
export function progress(rec, flow) {
  const steps = flowSteps(flow);
  const states = stepStates(rec, flow);
  return {
    done: steps.filter((s) => states[s.id] === "done").length,
    total: steps.length,
    next: steps.find((s) => states[s.id] === "next") || null,
  };
}

/** Steps the record has entries for that the current flow no longer has: [{id, label, entry}]. */
export function orphans(rec, flow) {
  const ids = new Set(flowSteps(flow).map((s) => s.id));
  return Object.keys(rec.steps)
    .filter((id) => !ids.has(id))
    .map((id) => ({ id, label: rec.steps[id].label || id, entry: rec.steps[id] }));
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

function checkEntry(id, e, where) {
  need(ID_RE.test(id), `${where}的步骤编号“${String(id).slice(0, 40)}”不合格式。`);
  need(e && typeof e === "object" && !Array.isArray(e), `${where}的步骤“${id}”不是有效的记录。`);
  need(typeof e.done === "boolean", `${where}的步骤“${id}”缺少“是否完成”。`);
  need(e.date === "" || DATE_RE.test(e.date), `${where}的步骤“${id}”的日期不是有效日期。`);
  need(isText(e.note, LIMITS.note) && isText(e.label || "", LIMITS.label), `${where}的步骤“${id}”的备注过长或不是文字。`);
  need(e.results === undefined || (Array.isArray(e.results) && e.results.length <= LIMITS.results), `${where}的步骤“${id}”附带的检查结果有误。`);
  for (const r of e.results || []) {
    need(r && typeof r === "object" && VERDICTS.includes(r.verdict) && isText(r.summary, LIMITS.text), `${where}的步骤“${id}”附带的检查结果有误。`);
  }
}

function checkRecord(r, i, flows) {
  const where = `第 ${i + 1} 条记录`;
  need(r && typeof r === "object" && !Array.isArray(r), `${where}不是有效的记录。`);
  need(isText(r.id, 80) && ID_RE.test(r.id), `${where}缺少有效的编号。`);
  need(isText(r.flow, 80), `${where}没有注明所属的流程图。`);
  need(flows[r.flow], `${where}属于流程图“${String(r.flowTitle || r.flow).slice(0, 60)}”，本站没有这幅流程图。`);
  need(isText(r.name, LIMITS.name) && r.name.trim(), `${where}的名称为空或过长。`);
  need(isText(r.flowHash || "", 64) && isText(r.created, 40) && isText(r.updated, 40), `${where}的日期或版本信息有误。`);
  need(r.steps && typeof r.steps === "object" && !Array.isArray(r.steps), `${where}缺少步骤。`);
  const ids = Object.keys(r.steps);
  need(ids.length <= LIMITS.steps, `${where}的步骤过多。`);
  for (const id of ids) checkEntry(id, r.steps[id], where);
}

/** Only the known fields of a valid record (drops anything else a file carries). */
function cleanRecord(r) {
  const steps = {};
  for (const [id, e] of Object.entries(r.steps)) {
    steps[id] = { label: e.label || "", done: e.done, date: e.date, note: e.note };
    if (e.results && e.results.length) steps[id].results = e.results.map(cleanResult);
  }
  const { id, flow, flowTitle, flowHash, name, created, updated } = r;
  return { id, flow, flowTitle: String(flowTitle || ""), flowHash: flowHash || "", name, created, updated, steps };
}

/**
 * Read an export file. `flows`: flow id -> record data of the site's flows.
 * Returns {error} (a Chinese message; the file is refused whole) or {records: [{record, missing, changed}]},
 * where `missing` lists the steps the record has that the current flow no longer has.
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
    data.records.forEach((r, i) => checkRecord(r, i, flows));
    return {
      records: data.records.map((raw) => {
        const record = cleanRecord(raw);
        const flow = flows[record.flow];
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
