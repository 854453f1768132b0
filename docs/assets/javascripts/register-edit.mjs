/* The register's form for one person: the label, the stage dates and counts, each material ticked with its date, the 思想汇报 dates. */

import { h } from "./dom.mjs";
import { TABLES } from "./record-tables.mjs";

const FIELDS = TABLES.register.fields;
const PRESENT = "有"; // a material ticked without a date (checkers/_register.py PRESENT)
let seq = 0;

function dateInput(id, value) {
  return h("input", { type: "date", id, value: value || "", min: "1900-01-01", max: "2200-12-31" });
}

/**
 * Show the form in `section` for `row` (null: a new person). `save(values)` is called with every field as text;
 * it returns a message when the values cannot be kept ("" when saved); `close()` hides the form.
 */
export function openEditor(section, row, save, close) {
  const n = ++seq;
  const id = (name) => `zb-reg-${n}-${name}`;
  const values = row || {};
  const label = h("input", { type: "text", id: id("label"), value: values.label || "", maxLength: 40, required: true, autocomplete: "off" });
  const dates = FIELDS.filter((f) => f.type === "date" || f.type === "integer").map((f) => {
    const input = f.type === "date" ? dateInput(id(f.name), values[f.name]) : h("input", { type: "number", id: id(f.name), value: values[f.name] || "", min: "0", max: String(f.max), inputMode: "numeric" });
    input.dataset.field = f.name;
    return h("div", { className: "zb-register-field" }, h("label", { for: id(f.name), text: f.label }), input);
  });
  const mats = FIELDS.filter((f) => f.name.startsWith("m_")).map((f) => {
    const v = values[f.name] || "";
    const box = h("input", { type: "checkbox", id: id(f.name), checked: v !== "" });
    const day = dateInput(id(f.name + "-date"), v === PRESENT ? "" : v);
    day.setAttribute("aria-label", `${f.label}的日期`);
    box.dataset.field = f.name;
    day.dataset.date = f.name;
    day.addEventListener("input", () => {
      if (day.value) box.checked = true;
    });
    return h("div", { className: "zb-register-material" }, box, h("label", { for: id(f.name), text: f.label }), day);
  });
  const reports = h("textarea", { id: id("reports"), rows: 2, value: values.reports || "", placeholder: "例如 2024-09-01;2024-12-01" });
  const message = h("p", { className: "zb-register-formmsg", role: "alert" });
  const form = h(
    "form",
    { className: "zb-register-form", noValidate: true },
    h("h3", { text: row ? `编辑：${row.label}` : "添加一人" }),
    h("div", { className: "zb-register-field" }, h("label", { for: id("label"), text: "姓名或代号（必填，可用代号代替姓名）" }), label),
    h("fieldset", {}, h("legend", { text: "各步骤的日期（与发展党员时间节点相同，填几个都行）" }), dates),
    h("fieldset", {}, h("legend", { text: "档案材料：已有的勾选，并填写材料上的日期（没有日期的只勾选）" }), mats),
    h("div", { className: "zb-register-field" }, h("label", { for: id("reports"), text: "思想汇报的日期（用分号隔开）" }), reports),
    message,
    h(
      "div",
      { className: "zb-register-tools" },
      h("button", { type: "submit", className: "md-button md-button--primary", text: "保存" }),
      h("button", { type: "button", className: "md-button", text: "取消", onclick: close })
    )
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const out = { label: label.value.trim(), reports: reports.value.trim() };
    for (const input of form.querySelectorAll("[data-field]")) {
      const name = input.dataset.field;
      if (input.type === "checkbox") {
        const day = form.querySelector(`[data-date="${name}"]`).value;
        out[name] = day || (input.checked ? PRESENT : "");
      } else out[name] = input.value.trim();
    }
    if (!out.label) {
      message.textContent = "请填写姓名或代号。";
      label.focus();
      return;
    }
    const problem = save(out);
    if (problem) message.textContent = problem;
    else close();
  });
  section.replaceChildren(form);
  section.hidden = false;
  label.focus();
}
