/* The rows of the 对照自查 panel: a flowchart's steps (tick, date, note), a structure diagram's items (status, note), and the checker results to attach to each. */

import { h, siteUrl } from "./dom.mjs";
import { VERDICT_LABELS, resultText } from "./record-report.mjs";
import { isStructure } from "./record-kinds.mjs";
import * as R from "./records.mjs";
import * as S from "./record-store.mjs";

/** When a kept result was made, in local time: "3月5日 09:30". */
function keptWhen(r) {
  const d = new Date(r.at || r.date);
  if (Number.isNaN(d.getTime())) return r.date;
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The step or item rows of the panel `sc` (a SelfCheck in selfcheck.mjs) for its current record. */
export function renderSteps(sc) {
  sc.stepsBox.textContent = "";
  if (isStructure(sc.flow)) return renderItems(sc);
  for (const stage of sc.flow.stages) {
    if (stage.label) sc.stepsBox.appendChild(h("h3", { className: "zb-sc-stage", text: stage.label }));
    sc.stepsBox.appendChild(h("ol", { className: "zb-sc-list" }, stage.steps.map(([id, label]) => stepRow(sc, id, label))));
  }
}

/** A structure diagram's groups, each with its items to mark. */
function renderItems(sc) {
  for (const g of sc.flow.groups) {
    sc.stepsBox.appendChild(h("h3", { className: "zb-sc-stage", text: g.label }));
    sc.stepsBox.appendChild(h("ol", { className: "zb-sc-list" }, g.items.map(([id, label, context]) => itemRow(sc, id, label, context))));
  }
}

/** One item: its status as a group of radio buttons (the legend names the item), 清除, a note, checker links. */
function itemRow(sc, id, label, context) {
  const entry = R.entryOf(sc.rec, id);
  const base = `zb-sc-${sc.flow.id}-${id}`;
  const choices = sc.kind.choices.map((value) => {
    const radio = h("input", { type: "radio", name: `${base}-status`, id: `${base}-${value}`, value, checked: entry.status === value });
    radio.addEventListener("change", () => sc.edit(id, { status: value }));
    return h("label", { className: "zb-sc-choice", for: radio.id, "data-choice": value }, radio,
      h("span", { text: `${sc.kind.marks[value]} ${sc.kind.states[value]}` }));
  });
  const clear = h("button", { type: "button", className: "zb-sc-small zb-sc-clear", text: "清除", title: "清除这一项的标记" });
  clear.addEventListener("click", () => {
    choices.forEach((c) => (c.querySelector("input").checked = false));
    sc.edit(id, { status: "" });
    choices[0].querySelector("input").focus();
  });
  const note = noteField(sc, base, id, entry.note);
  const legend = h("legend", { className: "zb-sc-row" },
    context ? h("span", { className: "zb-sc-context", text: `${context}：` }) : null, h("span", { className: "zb-sc-label", text: label }));
  return h(
    "li",
    { className: "zb-sc-step zb-sc-item", "data-step": id },
    h("fieldset", { className: "zb-sc-choices" }, legend, h("div", { className: "zb-sc-options" }, choices, clear)),
    h("div", { className: "zb-sc-fields" }, note),
    checkerPart(sc, id)
  );
}

/** The note of a step or item: saved shortly after typing stops (or on leaving the field). While typing, the
 * draft (and the note it started from) outlives the rows being drawn again for another tab's change. */
function noteField(sc, base, id, value) {
  const draft = sc.drafts.get(id);
  const note = h("textarea", { id: `${base}-note`, rows: "1", maxlength: "2000", text: draft ? draft.value : value });
  const save = () => {
    clearTimeout(sc.timers.get(id));
    const d = sc.drafts.get(id);
    if (!d) return;
    sc.drafts.delete(id);
    sc.edit(id, { note: d.value }, { ...R.entryOf(sc.rec, id), note: d.base });
  };
  note.addEventListener("input", () => {
    const d = sc.drafts.get(id) || { base: R.entryOf(sc.rec, id).note };
    sc.drafts.set(id, { ...d, value: note.value });
    clearTimeout(sc.timers.get(id));
    sc.timers.set(id, setTimeout(save, 300));
  });
  note.addEventListener("change", save);
  return h("div", { className: "zb-sc-field zb-sc-note" }, h("label", { for: note.id, text: "备注" }), note);
}

function stepRow(sc, id, label) {
  const entry = R.entryOf(sc.rec, id);
  const base = `zb-sc-${sc.flow.id}-${id}`;
  const box = h("input", { type: "checkbox", id: `${base}-done`, checked: entry.done });
  const date = h("input", { type: "date", id: `${base}-date`, value: entry.date });
  const state = h("span", { className: "zb-sc-state" });
  // The same step's date in the flow's checker on this page (record-dates.mjs).
  const share = () => document.dispatchEvent(new CustomEvent("zb:step-date", { detail: { flow: sc.flow.id, step: id, date: date.value } }));
  box.addEventListener("change", () => {
    sc.edit(id, { done: box.checked });
    date.value = R.entryOf(sc.rec, id).date;
    share();
  });
  date.addEventListener("change", () => {
    sc.edit(id, { date: date.value });
    share();
  });
  return h(
    "li",
    { className: "zb-sc-step", "data-step": id },
    h("label", { className: "zb-sc-row", for: box.id }, box, h("span", { className: "zb-sc-label", text: label }), state),
    h(
      "div",
      { className: "zb-sc-fields" },
      h("div", { className: "zb-sc-field" }, h("label", { for: date.id, text: "日期" }), date),
      noteField(sc, base, id, entry.note)
    ),
    checkerPart(sc, id)
  );
}

/** Links to the checkers that rest on this step, the results attached, and kept results to attach. */
function checkerPart(sc, id) {
  const cites = sc.flow.checkers[id];
  if (!cites) return null;
  const links = [...new Map(cites.map((c) => [c.title, c])).values()].map((c) => h("a", { href: siteUrl(c.href), text: c.title }));
  const part = h("div", { className: "zb-sc-checker" }, h("p", {}, "检查工具：", links.flatMap((a, i) => (i ? ["、", a] : [a]))));
  const attached = R.entryOf(sc.rec, id).results || [];
  if (attached.length) {
    part.appendChild(
      h(
        "ul",
        { className: "zb-sc-results" },
        attached.map((r) =>
          h(
            "li",
            { "data-verdict": r.verdict },
            resultText(r),
            " ",
            r.href ? h("a", { href: r.href, text: "查看" }) : null,
            " ",
            h("button", { type: "button", className: "zb-sc-small", text: "移除", onclick: () => sc.detach(id, r) })
          )
        )
      )
    );
  }
  const names = [...new Set(cites.map((c) => c.checker))];
  const kept = names.flatMap((n) => S.keptResults(n));
  if (!kept.length) {
    part.appendChild(h("p", { className: "zb-sc-hint", text: `用检查工具检查后，结果会列在这里，可附在这一${sc.kind.unit}上。` }));
    return part;
  }
  const pick = h(
    "select",
    { id: `zb-sc-${sc.flow.id}-${id}-pick` },
    kept.map((r, i) => h("option", { value: String(i), text: `${keptWhen(r)} ${r.title}：${VERDICT_LABELS[r.verdict]}` }))
  );
  part.appendChild(
    h(
      "div",
      { className: "zb-sc-attach" },
      h("label", { for: pick.id, text: "最近的检查结果" }),
      pick,
      h("button", { type: "button", className: "md-button", text: `附在这一${sc.kind.unit}`, onclick: () => sc.attach(id, kept[Number(pick.value)]) })
    )
  );
  return part;
}
