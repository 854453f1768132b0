/* The printable report of a record of either kind (A4 via print CSS) and the same report as plain text (复制文字). */

import { h } from "./dom.mjs";
import { isStructure, kindOf } from "./record-kinds.mjs";
import { chineseDate, entryOf, itemLabel, itemStates, orphans, progressText, today } from "./records.mjs";

export const VERDICT_LABELS = {
  pass: "符合规定",
  fail: "不符合规定",
  warn: "基本符合，需注意",
  invalid: "输入有误",
  error: "检查程序出错",
};

function when(date) {
  return /^\d{4}-\d{2}-\d{2}/.test(date || "") ? chineseDate(date.slice(0, 10)) : date || "";
}

/** One attached checker result as a line of text. */
export function resultText(r) {
  const summary = (r.summary || "").replace(/[。.\s]+$/, "");
  const inputs = r.inputs && r.inputs.length ? `填写内容：${r.inputs.join("，")}。` : "";
  return `${r.title || r.checker}：${VERDICT_LABELS[r.verdict] || r.verdict}。${summary ? `${summary}。` : ""}${inputs}（${when(r.date)}检查）`;
}

/** The report's parts in order, shared by the printed and the plain-text report: a flowchart's stages of steps
 * or a structure diagram's groups of items, each with its state's words. */
function parts(rec, flow) {
  const kind = kindOf(flow);
  const states = itemStates(rec, flow);
  const row = (id, label) => ({ id, label, state: kind.reportStates[states[id]], entry: entryOf(rec, id) });
  const stages = isStructure(flow)
    ? flow.groups.map((g) => ({ label: g.label, steps: g.items.map(([id, label, context]) => row(id, itemLabel(label, context))) }))
    : flow.stages.map((stage) => ({ label: stage.label, steps: stage.steps.map(([id, label]) => row(id, label)) }));
  return {
    kind,
    title: flow.title,
    name: rec.name,
    basis: flow.basis,
    stages,
    gone: orphans(rec, flow),
    summary: progressText(rec, flow),
    printed: `打印日期：${chineseDate(today())}`,
  };
}

export const NOTICE = "本记录由“支部规范图解”网站在本机浏览器中生成，供对照自查和存档，不代替上级党组织的审核意见。";
const gone = (k) => `以下${k.thing}在当前${k.diagram}中已不存在（${k.diagram}修改过），原记录保留如下：`;
const GONE_STATE = "已不存在";

/** A row's texts: label, state, date (flowcharts only), note. */
function cells(kind, s) {
  const state = s.state || GONE_STATE;
  return kind.dated ? [s.label, state, chineseDate(s.entry.date), s.entry.note || ""] : [s.label, state, s.entry.note || ""];
}

/** The report as an element (shown only when printing). */
export function reportElement(rec, flow) {
  const r = parts(rec, flow);
  const span = String(r.kind.columns.length);
  const row = (s) => {
    const tr = h("tr", { "data-step": s.id }, cells(r.kind, s).map((text) => h("td", { text })));
    const results = (s.entry.results || []).map((x) =>
      h("li", { text: resultText(x) }, x.items && x.items.length ? h("ul", { className: "zb-report-items" }, x.items.map((t) => h("li", { text: t }))) : null)
    );
    if (!results.length) return [tr];
    return [tr, h("tr", { className: "zb-report-results" }, h("td", { colspan: span }, "检查结果：", h("ul", {}, results)))];
  };
  const head = () => h("thead", {}, h("tr", {}, r.kind.columns.map((t) => h("th", { scope: "col", text: t }))));
  const body = h("tbody");
  for (const stage of r.stages) {
    if (stage.label) body.appendChild(h("tr", { className: "zb-report-stage" }, h("th", { colspan: span, scope: "colgroup", text: stage.label })));
    stage.steps.forEach((s) => row(s).forEach((tr) => body.appendChild(tr)));
  }
  const goneTable = r.gone.length
    ? [h("p", { className: "zb-report-gone", text: gone(r.kind) }),
       h("table", { className: `zb-report-steps zb-report-${r.kind.key}` }, head(),
         h("tbody", {}, r.gone.flatMap((g) => row({ id: g.id, label: g.label, state: "", entry: g.entry }))))]
    : [];
  return h("div", { className: "zb-report", "aria-hidden": "true" },
    h("p", { className: "zb-report-kicker", text: "对照自查记录" }),
    h("p", { className: "zb-report-title", text: r.title }),
    h("p", { className: "zb-report-name", text: `记录名称：${r.name}` }),
    h("p", { className: "zb-report-basis", text: `依据：${r.basis.join("；")}` }),
    h("table", { className: `zb-report-steps zb-report-${r.kind.key}` }, head(), body),
    ...goneTable,
    h("p", { className: "zb-report-summary", text: `${r.summary}。${r.printed}` }),
    ...reportEnd());
}

/** The end of every printed report: the signature lines (记录人, 审核人, each with a date) and the notice. */
export function reportEnd() {
  return [
    h("div", { className: "zb-report-sign" },
      h("p", { text: "记录人（签名）：____________________　　日期：______________" }),
      h("p", { text: "审核人（签名）：____________________　　日期：______________" })),
    h("p", { className: "zb-report-notice", text: NOTICE }),
  ];
}

/** The same report as plain text. */
export function reportText(rec, flow) {
  const r = parts(rec, flow);
  const lines = ["对照自查记录", r.title, `记录名称：${r.name}`, `依据：${r.basis.join("；")}`, ""];
  const step = (s) => {
    const [label, state, ...rest] = cells(r.kind, s);
    const note = rest.pop();
    const bits = [state, ...rest, note ? `备注：${note}` : ""];
    lines.push(`${label}　【${bits.filter(Boolean).join("，")}】`);
    for (const x of s.entry.results || []) {
      lines.push(`　　检查结果：${resultText(x)}`);
      for (const item of x.items || []) lines.push(`　　　· ${item}`);
    }
  };
  for (const stage of r.stages) {
    if (stage.label) lines.push(`〔${stage.label}〕`);
    stage.steps.forEach(step);
  }
  if (r.gone.length) {
    lines.push("", gone(r.kind));
    r.gone.forEach((g) => step({ label: g.label, state: "", entry: g.entry }));
  }
  lines.push("", `${r.summary}。${r.printed}`, "记录人（签名）：", "审核人（签名）：", "", NOTICE);
  return lines.join("\n");
}
