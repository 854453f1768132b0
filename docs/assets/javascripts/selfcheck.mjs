/* 对照自查 on a diagram page: its panel and the record kept on this device (open, switch, save, delete, print, copy, files); the rows to tick or mark are selfcheck-rows.mjs. */

import "./checker-results.mjs";
import { h, siteUrl } from "./dom.mjs";
import { clearStates, paintStates } from "./diagram-state.mjs";
import { downloadRecords, fileButtons, say } from "./record-files.mjs";
import { isStructure, kindOf } from "./record-kinds.mjs";
import { reportElement, reportText } from "./record-report.mjs";
import { renderSteps } from "./selfcheck-rows.mjs";
import * as R from "./records.mjs";
import * as S from "./record-store.mjs";

export const PRIVACY =
  "自查记录只保存在这台设备的这个浏览器里，不会发送到任何服务器；换设备或换浏览器就看不到。" +
  "部分手机浏览器（如苹果手机的 Safari）在一段时间不访问本站后（可能只有 7 天）会自动清除网站数据，所以请用“导出”把记录存成文件备份。";

let uid = 0;

class SelfCheck {
  constructor(figure) {
    this.figure = figure;
    this.flow = JSON.parse(figure.dataset.record);
    this.kind = kindOf(this.flow);
    this.button = figure.querySelector("button[data-zb=checklist]");
    this.button.hidden = false;
    this.button.addEventListener("click", () => (this.panel && !this.panel.hidden ? this.close() : this.open()));
    document.addEventListener("zb:checker-result-kept", () => this.panel && !this.panel.hidden && this.rerender());
    document.addEventListener("zb:step-dates", (ev) => this.takeDates(ev.detail));
    const done = isStructure(this.flow) ? null : new URLSearchParams(location.search).get("done");
    if (done !== null) this.open(R.fromDone(this.flow, done), false, false);
    else if (S.isOpen(this.flow.id)) this.open(null, true, false);
  }

  /* ------------------------------------------------------------ open, close, switch */

  open(rec, persisted = true, focus = true) {
    this.build();
    this.panel.hidden = false;
    this.button.setAttribute("aria-pressed", "true");
    this.figure.classList.add("zb-checking");
    document.body.classList.add("zb-report-on");
    if (rec) this.load(rec, persisted);
    else if (this.rec) this.load(this.rec, this.persisted); // the mode closed and opened again
    else this.load(S.lastRecord(this.flow.id) || R.newRecord(this.flow), true);
    if (persisted) S.setOpen(this.flow.id, true);
    if (focus) this.title.focus();
  }

  close() {
    this.panel.hidden = true;
    this.button.setAttribute("aria-pressed", "false");
    this.figure.classList.remove("zb-checking");
    document.body.classList.remove("zb-report-on");
    clearStates(this.figure);
    S.setOpen(this.flow.id, false);
  }

  /** Show a record; `persisted`: every change is saved at once (false for a ?done= link until saved). */
  load(rec, persisted) {
    this.rec = rec;
    this.persisted = persisted;
    this.linkBanner.hidden = persisted;
    if (persisted && S.getRecord(rec.id)) S.setLast(this.flow.id, rec.id);
    this.nameInput.value = rec.name;
    this.rerender();
  }

  /** Build the step rows again (another record, a result attached or kept), then update everything. */
  rerender() {
    renderSteps(this);
    this.refresh();
  }

  /** After an edit: save (when persisted), then update status, diagram, record list and report. */
  changed() {
    if (this.persisted && !S.saveRecord(this.rec)) this.say(S.storageProblem() || "记录未能保存。", true);
    this.refresh();
  }

  /* ------------------------------------------------------------ the panel */

  build() {
    if (this.panel) return;
    const id = `zb-sc-${++uid}`;
    this.title = h("h2", { id: `${id}-title`, tabindex: "-1", text: "对照自查" });
    this.problem = h("p", { className: "zb-sc-problem", role: "alert", hidden: true });
    this.linkBanner = h(
      "div",
      { className: "zb-sc-banner", hidden: true },
      h("p", { text: "这是从链接打开的勾选情况，还没有保存到本机。" }),
      h("button", { type: "button", className: "md-button md-button--primary", text: "保存为新记录", onclick: () => this.saveLinkRecord() })
    );
    this.select = h("select", { id: `${id}-rec` });
    this.select.addEventListener("change", () => this.switchTo(this.select.value));
    this.nameInput = h("input", { type: "text", id: `${id}-name`, maxlength: "100", autocomplete: "off" });
    this.nameInput.addEventListener("change", () => {
      this.rec.name = this.nameInput.value.trim() || R.defaultName(this.flow);
      this.nameInput.value = this.rec.name;
      this.changed();
    });
    const bar = h(
      "div",
      { className: "zb-sc-bar" },
      h("div", { className: "zb-sc-field" }, h("label", { for: this.select.id, text: "当前记录" }), this.select),
      h("div", { className: "zb-sc-field" }, h("label", { for: this.nameInput.id, text: "记录名称" }), this.nameInput),
      h(
        "div",
        { className: "zb-sc-buttons" },
        h("button", { type: "button", className: "md-button", text: "新建记录", onclick: () => this.newRecord() }),
        h("button", { type: "button", className: "md-button", text: "删除此记录", onclick: () => this.deleteCurrent() })
      )
    );
    this.status = h("p", { className: "zb-sc-status", role: "status" });
    this.stepsBox = h("div", { className: "zb-sc-steps" });
    this.gone = h("div", { className: "zb-sc-gone", hidden: true });
    const [exportAllButton, importButton, fileInput] = fileButtons(
      (text, problem) => this.say(text, problem),
      (result) => this.imported(result)
    );
    this.message = h("p", { className: "zb-sc-message", role: "status" });
    this.copyBox = h("textarea", { className: "zb-sc-copy", readonly: true, rows: "8", hidden: true, "aria-label": "记录的文字" });
    const actions = h(
      "div",
      { className: "zb-sc-actions" },
      h("button", { type: "button", className: "md-button", text: "打印记录", onclick: () => window.print() }),
      h("button", { type: "button", className: "md-button", text: "复制文字", onclick: () => this.copyText() }),
      h("button", { type: "button", className: "md-button", text: "导出本记录", onclick: () => this.exportCurrent() }),
      exportAllButton,
      importButton,
      h("a", { className: "md-button", href: siteUrl("checkers/records/"), text: "我的自查记录" })
    );
    this.panel = h(
      "section",
      { className: "zb-sc", "aria-labelledby": this.title.id, "data-search-exclude": true },
      this.title,
      h("p", { className: "zb-sc-privacy", text: PRIVACY }),
      this.problem,
      this.linkBanner,
      bar,
      this.status,
      this.stepsBox,
      this.gone,
      h("h3", { text: "打印、导出与导入" }),
      actions,
      fileInput,
      this.message,
      this.copyBox
    );
    this.figure.after(this.panel);
  }

  attach(id, result) {
    R.attachResult(this.rec, this.flow, id, result);
    this.changed();
    this.rerender();
    this.say(`检查结果已附在这一${this.kind.unit}上。`);
  }

  /** A checker's step dates (record-dates.mjs): each step dated and done in the record shown. */
  takeDates(d) {
    if (!d || d.flow !== this.flow.id || !this.rec || isStructure(this.flow)) return;
    d.handled = true;
    let changed = false;
    for (const [id, date] of Object.entries(d.dates || {})) {
      const entry = R.entryOf(this.rec, id);
      if (entry.date === date && entry.done) continue;
      R.setEntry(this.rec, this.flow, id, { date, done: true });
      changed = true;
    }
    if (!changed) return;
    this.changed();
    this.rerender();
  }

  detach(id, index) {
    R.detachResult(this.rec, this.flow, id, index);
    this.changed();
    this.rerender();
  }

  /** Status line, row states, diagram, record list, steps or items that no longer exist, the printed report. */
  refresh() {
    const states = R.itemStates(this.rec, this.flow);
    const text = R.progressText(this.rec, this.flow);
    if (isStructure(this.flow)) this.status.textContent = `${text}。`;
    else {
      const p = R.progress(this.rec, this.flow);
      this.status.textContent = `${text}。` + (p.next ? `下一步：${p.next.label}。` : "全部步骤已完成。");
    }
    this.stepsBox.querySelectorAll(".zb-sc-step").forEach((li) => {
      const s = states[li.dataset.step];
      li.dataset.state = s;
      const state = li.querySelector(".zb-sc-state");
      if (state) state.textContent = `${this.kind.marks[s]} ${this.kind.states[s]}`;
      const clear = li.querySelector(".zb-sc-clear");
      if (clear) clear.hidden = !s;
    });
    paintStates(this.figure, states, this.kind.badges);
    this.renderList();
    this.renderGone();
    const problem = S.storageProblem();
    this.problem.hidden = !problem;
    this.problem.textContent = problem;
    if (this.report) this.report.remove();
    this.report = reportElement(this.rec, this.flow);
    document.body.appendChild(this.report);
  }

  renderList() {
    const records = S.listRecords(this.flow.id);
    this.select.textContent = "";
    if (!records.some((r) => r.id === this.rec.id)) {
      const label = this.persisted ? `（新记录，${this.kind.act}后自动保存）` : "（从链接打开，未保存）";
      this.select.appendChild(h("option", { value: this.rec.id, text: `${this.rec.name}${label}` }));
    }
    for (const r of records) this.select.appendChild(h("option", { value: r.id, text: `${r.name}（${R.progressText(r, this.flow, true)}）` }));
    this.select.value = this.rec.id;
  }

  renderGone() {
    const gone = R.orphans(this.rec, this.flow);
    this.gone.textContent = "";
    this.gone.hidden = !gone.length;
    if (!gone.length) return;
    const k = this.kind;
    const stateOf = (e) => (isStructure(this.flow) ? k.states[e.status || ""] : e.done ? "已完成" : "未完成");
    this.gone.append(
      h("p", { text: `本记录建立后${k.diagram}修改过，以下${k.thing}在当前${k.diagram}中已不存在。它们的记录仍然保留，打印时单列：` }),
      h(
        "ul",
        {},
        gone.map((g) => {
          const bits = [stateOf(g.entry), R.chineseDate(g.entry.date), g.entry.note ? `备注：${g.entry.note}` : ""];
          return h("li", { text: `${g.label}（${bits.filter(Boolean).join("，")}）` });
        })
      ),
      h("button", { type: "button", className: "md-button", text: `从记录中删除这些${k.thing}`, onclick: () => this.dropGone() })
    );
  }

  dropGone() {
    for (const g of R.orphans(this.rec, this.flow)) delete R.entries(this.rec)[g.id];
    this.rec.flowHash = this.flow.hash;
    this.changed();
  }

  /* ------------------------------------------------------------ records */

  switchTo(id) {
    const rec = S.getRecord(id);
    if (rec) this.load(rec, true);
  }

  newRecord() {
    this.load(R.newRecord(this.flow), true);
    this.say(`已新建记录。${this.kind.autosave}。`);
    this.nameInput.focus();
  }

  deleteCurrent() {
    if (!window.confirm(`删除记录“${this.rec.name}”？删除后无法恢复（除非已导出）。`)) return;
    S.deleteRecord(this.rec.id);
    this.load(S.lastRecord(this.flow.id) || S.listRecords(this.flow.id)[0] || R.newRecord(this.flow), true);
    this.say("记录已删除。");
  }

  saveLinkRecord() {
    this.persisted = true;
    this.linkBanner.hidden = true;
    this.changed();
    S.setOpen(this.flow.id, true);
    const params = new URLSearchParams(location.search);
    params.delete("done");
    const q = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (q ? `?${q}` : "") + location.hash);
    } catch (e) {
      /* some embedded browsers refuse; the record is saved all the same */
    }
    this.say("已保存到本机。以后从菜单打开本页，会自动打开这条记录。");
  }

  /* ------------------------------------------------------------ files, text */

  exportCurrent() {
    downloadRecords([this.rec], `自查记录-${this.rec.name}`);
    this.say("已导出本记录（JSON 文件）。请把文件保存好，需要时用“导入”恢复。");
  }

  /** After an import: open the first imported record of this flow (it shows any steps or items that no longer exist). */
  imported(result) {
    const mine = result.records.find((r) => r.flow === this.flow.id);
    if (mine) this.load(mine, true);
    else this.refresh();
  }

  copyText() {
    const text = reportText(this.rec, this.flow);
    this.copyBox.hidden = false;
    this.copyBox.value = text;
    this.copyBox.select();
    const done = () => this.say("已复制记录的文字，可粘贴到聊天或文档中。");
    const manual = () => this.say("浏览器不允许自动复制：文字已在下面选中，请长按或右键复制。", true);
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, manual);
    else {
      let ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      (ok ? done : manual)();
    }
  }

  say(text, problem = false) {
    say(this.message, text, problem);
  }
}

function init() {
  document.querySelectorAll("figure.zb-diagram[data-record]").forEach((f) => {
    if (!f.zbSelfCheck && f.querySelector("button[data-zb=checklist]")) f.zbSelfCheck = new SelfCheck(f);
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
