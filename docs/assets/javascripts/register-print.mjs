/* The register as printed: an A4 landscape table of everyone (order of urgency) with signature lines (print CSS shows only this). */

import { h } from "./dom.mjs";

const STAGE = ["—", "一", "二", "三", "四", "五"];

/** Fill `el` (hidden on screen, the only thing printed) from the register's answer. */
export function renderPrint(el, result, name) {
  el.replaceChildren();
  if (!result) return;
  const people = result.order.map((i) => result.people[i]);
  const issues = (p) => [...p.errors.map((e) => e.message), ...[...p.development.findings, ...p.findings].filter((f) => f.level === "fail" || f.level === "warn").map((f) => (f.level === "fail" ? "不符合：" : "") + f.message)]
      .map((text) => text.replace(/。$/, ""))
      .join("；");
  const next = (p) => (p.complete ? "已审批转正" : [p.next_step, [p.next_earliest, p.next_latest].filter(Boolean).join(" 至 ")].filter(Boolean).join("，"));
  el.append(
    h("h2", { text: `${name}（${new Date().toISOString().slice(0, 10)}）` }),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, ["序号", "姓名或代号", "阶段", "下一步和时间", "不符合、到期应办和需注意的事项", "材料（已勾选／应有未勾选）"].map((t) => h("th", { text: t })))),
      h(
        "tbody",
        {},
        people.map((p, i) =>
          h("tr", {}, h("td", { text: String(i + 1) }), h("td", { text: p.label }), h("td", { text: STAGE[p.stage || 0] }), h("td", { text: next(p) }), h("td", { text: issues(p) || "无" }), h("td", { text: `${p.materials.filter((m) => m.present).length}／${p.missing.length}` }))
        )
      )
    ),
    h("p", { text: result.summary }),
    h("p", { className: "zb-register-sign", text: "填表人：＿＿＿＿＿＿＿＿　　支部书记：＿＿＿＿＿＿＿＿　　审核日期：＿＿＿＿年＿＿月＿＿日" }),
    h("p", { className: "zb-register-foot", text: "按《中国共产党发展党员工作细则》等规定由“支部规范图解”在本机检查，供对照自查，以上级党组织的意见为准。" })
  );
}
