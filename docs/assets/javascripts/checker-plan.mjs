/* A checker's plan (result.plan): a month-by-month table, each entry linked to the flow step that says how to hold it, with its rule as a numbered note under the table. */

import { h } from "./dom.mjs";

function stepHref(base, item) {
  return base + "flows/" + encodeURIComponent(item.flow) + "/#" + encodeURIComponent(item.node);
}

/**
 * The plan as a table (rows: months; columns: kinds of meeting), or null when the result has none.
 * On a phone checker.css shows each month as a block; printed, it is an A4 landscape table.
 */
export function planTable(plan, base) {
  if (!plan || !Array.isArray(plan.rows) || !Array.isArray(plan.columns)) return null;
  const bases = [];
  const noteOf = (basis) => {
    let i = bases.indexOf(basis);
    if (i < 0) i = bases.push(basis) - 1;
    return i + 1;
  };
  const table = h("table", { className: "zbc-plan-table" });
  table.appendChild(h("caption", { text: plan.caption || "" }));
  const headRow = h("tr", null, h("th", { scope: "col", text: "月份" }));
  for (const c of plan.columns) headRow.appendChild(h("th", { scope: "col", text: c }));
  table.appendChild(h("thead", null, headRow));
  const body = h("tbody");
  for (const row of plan.rows) {
    const tr = h("tr", null, h("th", { scope: "row", text: row.label }));
    (row.cells || []).forEach((cell, i) => {
      const td = h("td", { "data-label": plan.columns[i] || "" });
      if (!cell.length) td.className = "zbc-plan-empty";
      for (const item of cell) {
        const n = noteOf(item.basis || "");
        td.appendChild(
          h(
            "p",
            { className: "zbc-plan-item" + (item.suggested ? " zbc-plan-suggested" : "") },
            // In its own column an entry is just its day (or 本月内); elsewhere it says what it is.
            item.text === plan.columns[i]
              ? h("a", { href: stepHref(base, item), "aria-label": item.text + " " + item.when },
                  item.date ? h("time", { datetime: item.date, text: item.when }) : item.when)
              : h("a", { href: stepHref(base, item), text: item.text }),
            item.text !== plan.columns[i] && item.date ? h("time", { datetime: item.date, text: " " + item.when }) : null,
            item.suggested ? h("span", { className: "zbc-plan-badge", text: "建议" }) : null,
            h("sup", { className: "zbc-plan-note", text: "[" + n + "]", title: item.basis })
          )
        );
      }
      tr.appendChild(td);
    });
    body.appendChild(tr);
  }
  table.appendChild(body);
  const notes = h("ol", { className: "zbc-plan-bases" });
  for (const b of bases) notes.appendChild(h("li", { text: b }));
  const remarks = h("ul", { className: "zbc-plan-remarks" });
  for (const t of plan.notes || []) remarks.appendChild(h("li", { text: t }));
  return h(
    "div",
    { className: "zbc-plan" },
    h("div", { className: "zbc-plan-scroll" }, table),
    h("p", { className: "zbc-findings-title", text: "依据（表中方括号内的编号）" }),
    notes,
    remarks
  );
}
