/* The register's table: one row a person in order of urgency (stage, next step and its dates, what is wrong or overdue, materials), with a link to the person's full check. */

import { h, siteUrl } from "./dom.mjs";
import { TABLES } from "./record-tables.mjs";

// The 发展党员 checker's own fields (dates and counts): what the full check's link carries. Not the label:
// a name has no place in a URL (it would reach the web server's log).
const CHECK_FIELDS = TABLES.register.fields.filter((f) => f.type === "date" || f.type === "integer").map((f) => f.name);
const STAGES = ["", "第一阶段：入党申请", "第二阶段：积极分子", "第三阶段：发展对象", "第四阶段：接收预备党员", "第五阶段：预备期和转正"];
const RANK_WORDS = ["日期需要核对", "不符合", "到期应办", "需要注意", "", "已办完"];

/** The URL of the 发展党员 checker's page with this person's dates in its query string. */
export function checkUrl(row) {
  const query = new URLSearchParams();
  for (const name of CHECK_FIELDS) if (row[name]) query.set(name, row[name]);
  return siteUrl("checkers/development/") + "?" + query.toString();
}

function when(p) {
  if (p.next_earliest && p.next_latest) return `${p.next_earliest} 至 ${p.next_latest}`;
  if (p.next_latest) return `最迟 ${p.next_latest}`;
  if (p.next_earliest) return `最早 ${p.next_earliest}`;
  return "";
}

function problems(p) {
  const items = [...p.errors.map((e) => ({ level: "invalid", message: e.message })), ...[...p.development.findings, ...p.findings].filter((f) => f.level === "fail" || f.level === "warn")];
  if (!items.length) return h("span", { className: "zb-register-ok", text: p.complete ? "已办完" : "无" });
  return h(
    "ul",
    { className: "zb-register-problems" },
    items.map((f) => h("li", { className: `zb-register-${f.level}` }, h("strong", { text: { invalid: "日期有误：", fail: "不符合：", warn: f.message.startsWith("到期应办") ? "" : "需注意：" }[f.level] }), f.message))
  );
}

function materials(p) {
  const have = p.materials.filter((m) => m.present).length;
  const due = p.materials.filter((m) => m.expected).length;
  const text = `已勾选 ${have} 项` + (p.missing.length ? `，应有而未勾选 ${p.missing.length} 项` : due ? "，应有的都已勾选" : "");
  return h("span", { text, title: p.missing.join("、") });
}

/**
 * Fill `el` with the table. `rows`: the stored rows ([{id, ...values}]); `result`: the register's answer (null
 * while the runtime loads: the rows are listed without conclusions). `act(kind, id)`: "edit" | "delete".
 */
export function renderTable(el, rows, result, act) {
  el.replaceChildren();
  if (!rows.length) {
    el.append(h("p", { className: "zb-register-empty", text: "台账里还没有人。点“添加一人”逐个填写，或用“导入CSV”导入。" }));
    return;
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const people = result ? result.order.map((i) => result.people[i]) : rows.map((r) => ({ id: r.id, label: r.label, pending: true }));
  const head = ["姓名或代号", "阶段", "下一步和时间", "不符合、到期应办和需注意的事项", "档案材料", "操作"];
  const body = people.map((p) => {
    const row = byId.get(p.id) || {};
    const buttons = h(
      "div",
      { className: "zb-register-actions" },
      h("a", { href: checkUrl(row), text: "完整检查", "aria-label": `${p.label}的完整检查` }),
      h("button", { type: "button", className: "md-button", text: "编辑", "aria-label": `编辑${p.label}`, onclick: () => act("edit", p.id) }),
      h("button", { type: "button", className: "md-button", text: "删除", "aria-label": `删除${p.label}`, onclick: () => act("delete", p.id) })
    );
    if (p.pending) return h("tr", {}, h("th", { scope: "row", text: p.label }), h("td", { colspan: "4", text: "检查程序载入后显示结论。" }), h("td", {}, buttons));
    const rank = RANK_WORDS[p.rank];
    return h(
      "tr",
      { className: `zb-register-rank-${p.rank}`, "data-id": p.id },
      h("th", { scope: "row" }, p.label, rank ? h("span", { className: "zb-register-badge", text: rank }) : null),
      h("td", { "data-label": head[1], text: p.stage ? STAGES[p.stage] : p.verdict === "invalid" ? "—" : "尚未申请" }),
      h("td", { "data-label": head[2] }, p.complete ? "已审批转正" : p.next_step || "—", when(p) ? h("br") : null, when(p)),
      h("td", { "data-label": head[3] }, problems(p)),
      h("td", { "data-label": head[4] }, materials(p)),
      h("td", {}, buttons)
    );
  });
  el.append(h("table", { className: "zb-register-grid" }, h("caption", { text: "按紧急程度排序：日期有误、不符合、到期应办的在前，其次是期限近的，已办完的在最后。" }), h("thead", {}, h("tr", {}, head.map((t) => h("th", { scope: "col", text: t })))), h("tbody", {}, body)));
}
