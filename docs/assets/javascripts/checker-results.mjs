/* Keeps the latest checker results (the widget's zb:checker-result event) on this device, so a record can attach them; on the page of a checker whose rows a table record keeps (e.g. the ledger), loads the panel that saves them. */

import "./record-dates.mjs";
import { cleanResult } from "./records.mjs";
import { keepResult } from "./record-store.mjs";
import { TABLES } from "./record-tables.mjs";

// A dynamic import, only where it is used: every other page is spared its modules (and the checker form's URL code).
const tablePage = Object.values(TABLES).some((k) => document.querySelector(`.zbc-checker[data-checker="${CSS.escape(k.checker)}"]`));
if (tablePage) import("./record-table-panel.mjs").catch(() => {}); // (offline and never fetched: no panel, the checker works)

/** Input name -> label (and, for rows, column name -> label) from the widget's spec on this page. */
function labelsOf(checker) {
  const el = document.querySelector(`.zbc-checker[data-checker="${CSS.escape(checker)}"] .zbc-spec`);
  const labels = {};
  const columns = {};
  try {
    for (const input of JSON.parse(el.textContent).inputs || []) {
      labels[input.name] = input.label;
      for (const c of input.columns || []) columns[c.name] = c.label;
    }
  } catch (e) {
    /* no widget on this page, or no spec: the input names are shown instead */
  }
  return { labels, columns };
}

/** The widget's inputs ({name: text}, rows as [{column: text}]) as [{label, value}] in Chinese. */
function labelled(checker, inputs) {
  if (!inputs || typeof inputs !== "object" || Array.isArray(inputs)) return inputs;
  const { labels, columns } = labelsOf(checker);
  const row = (r) => Object.entries(r).map(([k, v]) => `${columns[k] || k} ${v}`).join("，");
  return Object.entries(inputs).map(([name, value]) => ({
    label: labels[name] || name,
    value: Array.isArray(value) ? value.map((r) => (r && typeof r === "object" ? row(r) : String(r))).join("；") : value,
  }));
}

document.addEventListener("zb:checker-result", (ev) => {
  const d = ev.detail || {};
  if (!d.checker || !d.verdict) return;
  const at = new Date().toISOString();
  const result = cleanResult({ ...d, inputs: labelled(d.checker, d.inputs), date: d.date || at.slice(0, 10), at, href: d.href || location.href });
  keepResult(result);
  document.dispatchEvent(new CustomEvent("zb:checker-result-kept", { detail: result }));
});
