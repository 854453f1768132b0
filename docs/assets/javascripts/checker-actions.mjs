/* What a reader can do with a result: its dates as a calendar file or text to copy, printing the widget alone, and the zb:checker-result event for the page. */

import { h } from "./dom.mjs";

function copyText(value, textarea, status) {
  const done = () => {
    status.textContent = "已复制，可以粘贴到聊天或文档中。";
  };
  const fallback = () => {
    const details = textarea.closest("details");
    if (details) details.open = true;
    textarea.focus();
    textarea.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    if (ok) done();
    else status.textContent = "浏览器不允许自动复制：文字已选中，请长按或按 Ctrl+C 复制。";
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(value).then(done, fallback);
  } else fallback();
}

function downloadCalendar(ics, title, status) {
  const blob = new Blob([ics], { type: "text/calendar;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: title + ".ics" });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  status.textContent = "已生成日历文件。如果没有下载（有的聊天软件里不能下载），请用“复制文字”。";
}

/**
 * Dates a checker computed (result.calendar), with 下载日历 (.ics) and 复制文字 (result.ics,
 * result.share_text): downloads often fail inside chat apps, so the text is there to copy too.
 * null when the result has neither.
 */
export function agendaBlock(r, title) {
  const items = Array.isArray(r.calendar) ? r.calendar : [];
  if (!items.length && !r.share_text) return null;
  const block = h("div", { className: "zbc-agenda" });
  if (items.length) {
    block.appendChild(h("p", { className: "zbc-findings-title", text: "时间节点" }));
    const ul = h("ul", { className: "zbc-dates" });
    for (const item of items) {
      const d = String(item.date || "").split("-");
      const shown = d.length === 3 ? Number(d[0]) + "年" + Number(d[1]) + "月" + Number(d[2]) + "日" : item.date;
      ul.appendChild(h("li", null, h("time", { datetime: item.date, className: "zbc-date", text: shown }), " " + (item.title || "")));
    }
    block.appendChild(ul);
  }
  const actions = h("div", { className: "zbc-agenda-actions zbc-screen-only" });
  const status = h("p", { className: "zbc-copy-status zbc-screen-only", role: "status" });
  block.appendChild(actions);
  block.appendChild(status);
  if (r.ics) {
    const download = h("button", { type: "button", className: "md-button zbc-ics", text: "下载日历（.ics）" });
    download.addEventListener("click", () => downloadCalendar(r.ics, title, status));
    actions.appendChild(download);
  }
  if (r.share_text) {
    const text = h("textarea", { className: "zbc-share-text", readonly: "readonly", rows: "8", "aria-label": "要复制的文字" });
    text.value = r.share_text;
    const copy = h("button", { type: "button", className: "md-button zbc-copy", text: "复制文字" });
    copy.addEventListener("click", () => copyText(r.share_text, text, status));
    actions.appendChild(copy);
    block.appendChild(h("details", { className: "zbc-share zbc-screen-only" }, h("summary", { text: "查看要复制的文字" }), text));
  }
  return block;
}

/** Print the widget alone (checker.css hides the rest of the page while body.zbc-printing). */
export function printWidget(el) {
  document.body.classList.add("zbc-printing");
  el.classList.add("zbc-print-target");
  const done = () => {
    document.body.classList.remove("zbc-printing");
    el.classList.remove("zbc-print-target");
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}

/**
 * Tell the rest of the page (e.g. self-check records) about a verdict. Stable interface,
 * documented in checkers/README.md ("zb:checker-result").
 */
export function announceResult(spec, r, verdict, values) {
  const inputs = {};
  for (const s of spec.inputs) {
    const v = values[s.name];
    if (s.type === "rows" ? v && v.length : v !== "" && v !== undefined) inputs[s.name] = v;
  }
  const d = new Date();
  const pad = (n) => (n < 10 ? "0" : "") + n;
  // Each failing or warning finding with its regulation and article (the message carries its dates).
  const items = (r.findings || [])
    .filter((f) => f.level === "fail" || f.level === "warn")
    .map((f) => ({ level: f.level, message: f.message || "", basis: ((f.rule && f.rule.regulation) || "") + ((f.rule && f.rule.article) || "") }));
  const detail = {
    checker: spec.name,
    title: spec.title,
    verdict,
    summary: r.summary || "",
    items,
    inputs,
    href: location.href,
    date: d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()),
  };
  const announce = () => {
    try {
      document.dispatchEvent(new CustomEvent("zb:checker-result", { detail }));
    } catch {
      /* a listener's error must not break the widget */
    }
  };
  // A verdict can come while the page is still loading (the widget starts as soon as it is
  // parsed); the page's modules that listen (checker-results.mjs) run before DOMContentLoaded.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", announce);
  else announce();
}
