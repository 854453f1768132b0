/* Keeps the latest checker results (the widget's zb:checker-result event) on this device, so a record can attach them. */

import { cleanResult } from "./records.mjs";
import { keepResult } from "./record-store.mjs";

document.addEventListener("zb:checker-result", (ev) => {
  const d = ev.detail || {};
  if (!d.checker || !d.verdict) return;
  const result = cleanResult({ ...d, date: d.date || new Date().toISOString(), href: d.href || location.href });
  keepResult(result);
  document.dispatchEvent(new CustomEvent("zb:checker-result-kept", { detail: result }));
});
