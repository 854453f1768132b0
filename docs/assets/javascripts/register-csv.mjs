/* The register's files: CSV and Excel export through the Python (checkers/_register_csv.py, _register_xlsx.py), CSV import with a preview of its row messages that changes nothing until confirmed. */

import { h } from "./dom.mjs";
import { download } from "./register-upcoming.mjs";

function base64(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** Export `rows` as a CSV file; `check(name, data)` runs a Python check (a promise of its result). */
export async function exportCsv(rows, check) {
  const result = await check("_register_csv", { action: "export", people: rows });
  if (result.verdict === "invalid") throw new Error(result.summary);
  const day = new Date().toISOString().slice(0, 10);
  download(result.csv, `发展党员工作台账-${day}.csv`, "text/csv;charset=utf-8");
  return rows.length;
}

/** Export `rows` as an Excel workbook (.xlsx, written by the Python with zipfile); `check` as for exportCsv. */
export async function exportXlsx(rows, check) {
  const result = await check("_register_xlsx", { people: rows });
  if (result.verdict === "invalid") throw new Error(result.summary);
  const bytes = Uint8Array.from(atob(result.xlsx), (c) => c.charCodeAt(0));
  const day = new Date().toISOString().slice(0, 10);
  download(bytes, `发展党员工作台账-${day}.xlsx`, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  return rows.length;
}

/**
 * Read `file`, show in `section` what would be imported and every row that could not be read; nothing changes
 * until 确认导入, which calls `take(people)`. `known`: the ids already in the register (to say added / updated).
 */
export async function previewImport(file, section, check, known, take) {
  const buffer = await file.arrayBuffer();
  const result = await check("_register_csv", { action: "import", base64: base64(buffer) });
  section.hidden = false;
  const close = () => {
    section.hidden = true;
    section.replaceChildren();
  };
  const heading = h("h3", { text: `导入预览：${file.name}`, tabindex: "-1" });
  if (result.verdict === "invalid") {
    section.replaceChildren(
      heading,
      h("p", { className: "zb-register-fail", role: "alert", text: result.errors.map((e) => e.message).join("；") + "。台账没有任何改动。" }),
      h("button", { type: "button", className: "md-button", text: "关闭", onclick: close })
    );
    heading.focus();
    return;
  }
  const people = result.people;
  const updated = people.filter((p) => p.id && known.has(p.id)).length;
  const parts = [heading, h("p", { role: "status", text: `可以导入 ${people.length} 人：新增 ${people.length - updated} 人，更新 ${updated} 人。确认以前，台账没有任何改动。` })];
  for (const note of result.notes) parts.push(h("p", { className: "zb-register-note", text: note }));
  if (result.messages.length) {
    parts.push(
      h("p", { className: "zb-register-fail", text: `以下 ${new Set(result.messages.map((m) => m.line)).size} 行读不出，不会导入（请在表格中改正后重新导入）：` }),
      h(
        "table",
        { className: "zb-register-messages" },
        h("thead", {}, h("tr", {}, ["行", "列", "说明"].map((t) => h("th", { scope: "col", text: t })))),
        h("tbody", {}, result.messages.map((m) => h("tr", {}, h("td", { text: `第${m.line}行` }), h("td", { text: m.column || "整行" }), h("td", { text: m.message }))))
      )
    );
  }
  parts.push(
    h(
      "div",
      { className: "zb-register-tools" },
      h("button", {
        type: "button",
        className: "md-button md-button--primary",
        text: `确认导入 ${people.length} 人`,
        disabled: !people.length,
        onclick: () => {
          close();
          take(people);
        },
      }),
      h("button", { type: "button", className: "md-button", text: "取消", onclick: close })
    )
  );
  section.replaceChildren(...parts);
  heading.focus();
}
