/* Dates entered once: a checker's dated inputs (INPUTS `step`, the form's data-step) and the 对照自查 record of its flowchart share their dates, tied by the flowchart's step ids. */

import * as R from "./records.mjs";
import * as S from "./record-store.mjs";

function specOf(el) {
  try {
    return JSON.parse(el.querySelector(".zbc-spec").textContent);
  } catch (e) {
    return null;
  }
}

/** The checker widgets on this page that belong to `flow` (all of them without it), with their spec. */
function widgets(flow) {
  return [...document.querySelectorAll(".zbc-checker")]
    .map((el) => ({ el, spec: specOf(el) }))
    .filter((w) => w.spec && w.spec.flow && (!flow || w.spec.flow === flow));
}

/** The widget's date fields tied to a step: [{step, name, input}]. */
function stepFields(el) {
  return [...el.querySelectorAll(".zbc-field[data-step]")]
    .map((f) => ({ step: f.dataset.step, name: f.dataset.name, input: f.querySelector("input") }))
    .filter((f) => f.input);
}

function setField(input, date) {
  if (input.value === date) return;
  input.value = date;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

/** The record the flow's 对照自查 panel on this page holds, else the flow's last record on this device. */
function recordOf(flow) {
  for (const f of document.querySelectorAll("figure.zb-diagram[data-record]")) {
    const sc = f.zbSelfCheck;
    if (sc && sc.rec && sc.flow.id === flow) return sc.rec;
  }
  return S.lastRecord(flow);
}

/** On load: the record's step dates fill the blank fields (a shared link's inputs are what it was sent with: left alone). */
function fill() {
  const params = new URLSearchParams(location.search);
  for (const { el, spec } of widgets()) {
    if (spec.inputs.some((s) => params.has(s.name))) continue;
    const rec = recordOf(spec.flow);
    if (!rec) continue;
    for (const { step, input } of stepFields(el)) {
      const date = R.entryOf(rec, step).date;
      if (date && !input.value) setField(input, date);
    }
  }
}

/** A date changed in the 对照自查 panel: the same step's field in the flow's checker. */
document.addEventListener("zb:step-date", (ev) => {
  const d = ev.detail || {};
  for (const { el } of widgets(d.flow)) {
    for (const f of stepFields(el)) if (f.step === d.step) setField(f.input, d.date || "");
  }
});

/** A checker verdict: its step dates go to the flow's record (the open panel takes them, else the last record is updated). */
document.addEventListener("zb:checker-result", (ev) => {
  const d = ev.detail || {};
  const w = widgets().find((x) => x.spec.name === d.checker);
  if (!w || !d.inputs) return;
  const dates = {};
  for (const { step, name } of stepFields(w.el)) {
    const v = d.inputs[name];
    if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) dates[step] = v;
  }
  if (!Object.keys(dates).length) return;
  const detail = { flow: w.spec.flow, dates, handled: false };
  document.dispatchEvent(new CustomEvent("zb:step-dates", { detail }));
  if (detail.handled) return;
  // The flowchart's own data where its diagram is on this page (a new record can be made from it).
  const figure = [...document.querySelectorAll("figure.zb-diagram[data-record]")].find((f) => f.id === `diagram-${w.spec.flow}`);
  let data = null;
  try {
    data = figure ? JSON.parse(figure.dataset.record) : null;
  } catch (e) {
    data = null;
  }
  const rec = S.lastRecord(w.spec.flow) || (data ? R.newRecord(data) : null);
  if (!rec) return; // no record of this flowchart on this device, and no diagram here to start one from
  const flow = data || { id: w.spec.flow, stages: [{ label: "", steps: Object.entries(w.spec.steps || {}) }] };
  let changed = false;
  for (const [step, date] of Object.entries(dates)) {
    const entry = R.entryOf(rec, step);
    if (entry.date === date && entry.done) continue;
    R.setEntry(rec, flow, step, { date, done: true });
    changed = true;
  }
  if (changed) S.saveRecord(rec);
});

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
else fill();
