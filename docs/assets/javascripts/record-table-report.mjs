/* The printable report of a table record (A4 via the records' print CSS): its head, its rows, its checker's latest verdict, the signature lines. */

import { h } from "./dom.mjs";
import { VERDICT_LABELS, reportEnd } from "./record-report.mjs";
import { chineseDate, today } from "./records.mjs";
import { rowCells, rowsOf } from "./record-table.mjs";
import { tableOf } from "./record-tables.mjs";

/** The head fields that are filled in, as "年度：2026" texts. */
export function headTexts(rec) {
  const kind = tableOf(rec);
  return kind.head.filter((f) => rec.head && rec.head[f.name]).map((f) => `${f.label}：${rec.head[f.name]}`);
}

/** The kept verdict of the record's checker in one line: "不符合规定。…（2026年3月5日检查）" (the rows are the record's own). */
export function verdictText(v) {
  const summary = (v.summary || "").replace(/[。.\s]+$/, "");
  const date = /^\d{4}-\d{2}-\d{2}/.test(v.date || "") ? `（${chineseDate(v.date.slice(0, 10))}检查）` : "";
  return `${VERDICT_LABELS[v.verdict] || v.verdict}。${summary ? `${summary}。` : ""}${date}`;
}

/** The report as an element (shown only when printing). */
export function tableReportElement(rec) {
  const kind = tableOf(rec);
  const rows = rowsOf(rec);
  const cells = (row) => rowCells(kind, row).map((t, i) => (kind.fields[i].type === "date" ? chineseDate(t) : t));
  const body = rows.length
    ? rows.map((row, i) => h("tr", { "data-row": row.id }, h("td", { text: String(i + 1) }), cells(row).map((text) => h("td", { text }))))
    : [h("tr", {}, h("td", { colspan: String(kind.fields.length + 1), text: "（没有记录）" }))];
  const v = rec.verdict;
  const verdict = v
    ? [h("p", { className: "zb-report-verdict", text: `${v.title || "检查"}结果：${verdictText(v)}` }),
       v.items && v.items.length ? h("ul", { className: "zb-report-items" }, v.items.map((t) => h("li", { text: t }))) : null]
    : [];
  return h("div", { className: "zb-report zb-report-table", "aria-hidden": "true", "data-table": rec.table },
    h("p", { className: "zb-report-kicker", text: kind.title }),
    h("p", { className: "zb-report-title", text: rec.name }),
    headTexts(rec).length ? h("p", { className: "zb-report-basis", text: headTexts(rec).join("　") }) : null,
    h("table", { className: "zb-report-rows" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "序号" }), kind.fields.map((f) => h("th", { scope: "col", text: f.label })))),
      h("tbody", {}, body)),
    ...verdict,
    h("p", { className: "zb-report-summary", text: `共 ${rows.length} 行。打印日期：${chineseDate(today())}` }),
    ...reportEnd());
}
