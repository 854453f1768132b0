/* The checker's result in the widget: verdict, findings with their rules and flow steps, the form's errors, and the print record's head, inputs and basis. */

import { agendaBlock } from "./checker-actions.mjs";
import { h } from "./dom.mjs";
import { planTable } from "./checker-plan.mjs";

export const VERDICTS = {
  pass: { label: "符合规定", mark: "✓" },
  fail: { label: "不符合规定", mark: "✗" },
  warn: { label: "基本符合，需注意", mark: "!" },
  invalid: { label: "输入有误，请修改", mark: "?" },
};
const LEVELS = { pass: "符合", fail: "不符合", warn: "注意", info: "说明" };

function readableHref() {
  try {
    return decodeURI(location.href);
  } catch {
    return location.href;
  }
}

function today() {
  const d = new Date();
  return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
}

/** The checker's verdict, or "invalid" for anything it does not know. */
export function verdictOf(r) {
  return VERDICTS[r.verdict] ? r.verdict : "invalid";
}

// The verdict in words: the checker's own (result.verdict_label, or the module's VERDICT_LABELS
// for a calculation, e.g. dues "计算结果"), else the generic one.
export function verdictLabel(spec, r, verdict) {
  if (verdict !== "invalid" && typeof r.verdict_label === "string" && r.verdict_label) return r.verdict_label;
  const own = (spec.verdict_labels || {})[verdict];
  return own || "结论：" + VERDICTS[verdict].label;
}

// 《…》第N条, or 《…》（一） for an article that is not numbered 第N条 (as checkers/_rules.py cite()).
function citation(rule) {
  const article = rule.article || "";
  return (rule.regulation || "") + (article && !article.startsWith("第") ? "（" + article + "）" : article);
}

// "依据：…" and a link to the flow step a finding rests on.
function ruleParts(spec, base, rule) {
  const parts = [];
  if (!rule) return parts;
  if (rule.regulation || rule.article) {
    parts.push(h("span", { className: "zbc-basis", text: "依据：" + citation(rule) }));
  }
  if (rule.flow && rule.node) {
    const step = rule.flow === spec.flow ? spec.steps[rule.node] : null;
    const href = base + "flows/" + encodeURIComponent(rule.flow) + "/#" + encodeURIComponent(rule.node);
    parts.push(h("a", { className: "zbc-step", href, text: step ? "流程步骤：" + step : "查看流程图中的相应步骤" }));
  }
  return parts;
}

// Inputs as filled in (print record; on screen the form shows them).
function inputsTable(spec, values, form) {
  const table = h("table", { className: "zbc-inputs zbc-print-only" });
  table.appendChild(h("caption", { text: "填写内容" }));
  for (const s of spec.inputs) {
    const v = values[s.name];
    let shown;
    if (s.type === "rows") {
      shown = v.length
        ? v.map((row) => s.columns.map((c) => c.label + " " + (row[c.name] || "—")).join("，")).join("；")
        : "（未填）";
    } else if (v === "") shown = "（未填）";
    else if (s.type === "choice" || s.type === "boolean") shown = form.chosenText(s.name);
    else shown = v + (s.type === "money" ? " 元" : "");
    table.appendChild(h("tr", null, h("th", { scope: "row", text: s.label }), h("td", { text: shown })));
  }
  return table;
}

// An invalid result: each message beside its field, and all of them in one list under the verdict.
function errorList(r, form) {
  const fieldOf = (e) => String(e.field || "").split(/[.[]/)[0];
  const errors = {};
  for (const e of r.errors || []) {
    const key = fieldOf(e);
    if (form.inputs.has(key)) (errors[key] = errors[key] || []).push(e.message);
  }
  form.showErrors(errors);
  const ul = h("ul", { className: "zbc-errors" });
  for (const e of r.errors || []) {
    const key = fieldOf(e);
    const label = form.inputs.has(key) ? form.inputs.get(key).label + "：" : "";
    const message = String(e.message || "");
    ul.appendChild(h("li", { text: message.indexOf(label) === 0 ? message : label + message }));
  }
  return ul.childNodes.length ? ul : null;
}

function findingList(spec, base, findings) {
  const ol = h("ol", { className: "zbc-findings" });
  for (const f of findings) {
    const level = LEVELS[f.level] ? f.level : "info";
    const li = h(
      "li",
      { "data-level": level },
      h("span", { className: "zbc-level", text: LEVELS[level] }),
      h("span", { className: "zbc-message", text: f.message || "" })
    );
    if (f.fix) li.appendChild(h("p", { className: "zbc-fix", text: "如何纠正：" + f.fix }));
    const rule = ruleParts(spec, base, f.rule);
    if (rule.length) {
      const p = h("p", { className: "zbc-rule" });
      rule.forEach((part, i) => {
        if (i) p.appendChild(document.createTextNode(" · "));
        p.appendChild(part);
      });
      li.appendChild(p);
    }
    ol.appendChild(li);
  }
  return ol;
}

// Basis: every regulation and article the findings rest on (print record).
function basisBlock(findings) {
  const seen = new Set();
  const basis = h("ul", { className: "zbc-basis-list" });
  for (const f of findings) {
    const rule = f.rule || {};
    const text = citation(rule);
    if (text && !seen.has(text)) {
      seen.add(text);
      basis.appendChild(h("li", { text }));
    }
  }
  if (!basis.childNodes.length) return null;
  return h("div", { className: "zbc-basis-block zbc-print-only" }, h("p", { className: "zbc-findings-title", text: "依据" }), basis);
}

/**
 * Render a checker's result into the widget's result box (then shown); returns {verdict, label}.
 * `values`: the form's values the check ran on; `onPrint`: the 打印检查结果 button.
 */
export function renderResult(box, r, { spec, base, form, values, onPrint }) {
  const verdict = verdictOf(r);
  box.textContent = "";
  box.appendChild(
    h(
      "div",
      { className: "zbc-record-head zbc-print-only" },
      h("p", { className: "zbc-record-title", text: "自助检查记录：" + spec.title }),
      h("p", { text: "检查日期：" + today() }),
      h("p", { text: "页面地址：" + readableHref() })
    )
  );
  box.appendChild(inputsTable(spec, values, form));

  const v = VERDICTS[verdict];
  const label = verdictLabel(spec, r, verdict);
  box.appendChild(
    h(
      "div",
      { className: "zbc-verdict", "data-verdict": verdict },
      h("p", { className: "zbc-verdict-label" }, h("span", { className: "zbc-mark", "aria-hidden": "true", text: v.mark }), label),
      h("p", { className: "zbc-summary", text: r.summary || "" })
    )
  );
  if (verdict !== "invalid") {
    const plan = planTable(r.plan, base);
    if (plan) box.appendChild(plan);
    const agenda = agendaBlock(r, spec.title);
    if (agenda) box.appendChild(agenda);
  } else {
    const errors = errorList(r, form);
    if (errors) box.appendChild(errors);
  }

  const findings = r.findings || [];
  if (findings.length) {
    box.appendChild(h("p", { className: "zbc-findings-title", text: "逐项说明" }));
    box.appendChild(findingList(spec, base, findings));
  }
  const basis = basisBlock(findings);
  if (basis) box.appendChild(basis);

  box.appendChild(h("p", { className: "zbc-note" }, "本结果由网页根据填写内容自动生成，供对照自查，不代替上级党组织的审核意见。"));
  const printBtn = h("button", { type: "button", className: "md-button zbc-print", text: "打印检查结果" });
  printBtn.addEventListener("click", onPrint);
  box.appendChild(h("div", { className: "zbc-result-actions zbc-screen-only" }, printBtn));
  box.hidden = false;
  return { verdict, label };
}

/** The checker raised: say so, with its message folded away. */
export function renderCrash(box, message) {
  box.hidden = false;
  box.textContent = "";
  box.appendChild(
    h(
      "div",
      { className: "zbc-verdict", "data-verdict": "error" },
      h("p", { className: "zbc-verdict-label", text: "检查程序出错" }),
      h("p", { className: "zbc-summary", text: "检查程序未能处理这些输入。请核对输入，或告知网站管理员。" }),
      h("details", null, h("summary", { text: "技术信息" }), h("pre", { text: message }))
    )
  );
}
