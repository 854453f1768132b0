/* 对照自查 on a diagram page: its panel and the record kept on this device (open, switch, save, delete, print, copy, files);
 * the rows to tick or mark are selfcheck-rows.mjs, the panel's markup selfcheck-panel.mjs, the notices of other tabs' changes selfcheck-notice.mjs. Every edit is a change to one step or item of the stored record
 * (record-store.mjs); changes made in other tabs are shown at once, and a change of this tab that another tab
 * replaced is named in a notice. */

import "./checker-results.mjs";
import { h } from "./dom.mjs";
import { clearStates, paintStates } from "./diagram-state.mjs";
import { downloadRecords, say } from "./record-files.mjs";
import { isStructure, kindOf } from "./record-kinds.mjs";
import { reportElement, reportText } from "./record-report.mjs";
import { renderSteps } from "./selfcheck-rows.mjs";
import { buildPanel } from "./selfcheck-panel.mjs";
import { shown, showNotice, tellLost, whatChanged } from "./selfcheck-notice.mjs";
import * as R from "./records.mjs";
import * as S from "./record-store.mjs";

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
    this.drafts = new Map(); // step or item id -> {value, base}: a note being typed
    this.timers = new Map();
    S.watch(({ lost }) => this.changedElsewhere(lost));
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
    this.drafts.clear();
    this.persisted = persisted;
    this.linkBanner.hidden = persisted;
    if (persisted && S.getRecord(rec.id)) S.setLast(this.flow.id, rec.id);
    this.nameInput.value = rec.name;
    this.rerender();
  }

  /** Build the step rows again (another record, a result attached or kept, another tab's change), then update
   * everything; `keep`: the field being typed in keeps the focus and the caret. */
  rerender(keep = false) {
    const active = keep && this.stepsBox.contains(document.activeElement) ? document.activeElement : null;
    const caret = active && "selectionStart" in active ? [active.selectionStart, active.selectionEnd] : null;
    renderSteps(this);
    this.refresh();
    const again = active && active.id && document.getElementById(active.id);
    if (again) {
      again.focus();
      if (caret) again.setSelectionRange(...caret);
    }
  }

  /** Change one step or item (`patch` as records.setEntry); `base`: the entry as this page showed it. */
  edit(id, patch, base = R.entryOf(this.rec, id)) {
    const local = () => R.setEntry(this.rec, this.flow, id, patch);
    if (!this.persisted) {
      local();
      return this.refresh();
    }
    this.after(S.editEntry(this.rec, this.flow, id, patch, { ...base }), local);
  }

  /** After a change sent to the store: show the record as stored now; else keep the change on the page and say why. */
  after(out, local) {
    if (out.ok) {
      this.rec = out.rec;
      if (out.lost.length) {
        const l = out.lost[0];
        this.say(`${whatChanged(l)}刚在另一个页面中改过（原为“${shown(this.kind, l.field, l.had)}”），现以本页较晚的修改为准。`);
      }
    } else {
      local();
      if (out.gone) return this.deletedElsewhere(this.rec, "本页的这次修改没有保存。");
      this.say(S.storageProblem() || "记录未能保存。", true);
    }
    this.refresh();
    this.remind();
  }

  /** Another tab changed the records: show the stored record (keeping a note being typed), or say it was deleted. */
  changedElsewhere(lost) {
    if (!this.panel) return;
    if (lost.length) this.tellLost(lost);
    const stored = this.persisted && S.getRecord(this.rec.id);
    if (stored) {
      this.rec = stored;
      if (document.activeElement !== this.nameInput) this.nameInput.value = stored.name;
    } else if (this.persisted && S.isDeleted(this.rec.id)) return this.deletedElsewhere(this.rec);
    if (this.panel.hidden) return this.renderList();
    this.rerender(true);
  }

  /** The record shown was deleted in another tab: open another and say so (with what this page had). */
  deletedElsewhere(rec, more = "") {
    const text = `记录“${rec.name}”已在另一个页面中删除。${more}`;
    this.load(S.lastRecord(this.flow.id) || S.listRecords(this.flow.id)[0] || R.newRecord(this.flow), true);
    this.showNotice(text, rec.id && R.progressText(rec, this.flow) ? `删除前本页显示：${R.progressText(rec, this.flow)}。` : "", null);
  }

  /** What this page wrote that a later change in another tab replaced: shown with a way to put it back. */
  tellLost(lost) {
    tellLost(this, lost);
  }

  showNotice(head, text, restore) {
    showNotice(this, head, text, restore);
  }

  /** At most once in a while (the store decides): a gentle word to export, never in the way. */
  remind() {
    if (this.reminded || !this.persisted || !S.exportReminder()) return;
    this.reminded = true;
    this.reminder.hidden = false;
  }

  /** Save a record new to the store whole (a ?done= link's), then update status, diagram, record list and report. */
  changed() {
    if (this.persisted && !S.saveRecord(this.rec)) this.say(S.storageProblem() || "记录未能保存。", true);
    this.refresh();
  }

  /* ------------------------------------------------------------ the panel */

  build() {
    if (!this.panel) buildPanel(this);
  }

  attach(id, result) {
    const local = () => R.attachResult(this.rec, this.flow, id, result);
    if (this.persisted) this.after(S.attachTo(this.rec, this.flow, id, result), local);
    else local();
    this.rerender(true);
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
      // Each step as its own change to the stored record, as a tick or a date typed here is.
      this.edit(id, { date, done: true });
      changed = true;
    }
    if (changed) this.rerender(true);
  }

  detach(id, result) {
    const local = () => R.detachResult(this.rec, this.flow, id, (R.entryOf(this.rec, id).results || []).findIndex((r) => R.sameResult(r, result)));
    if (this.persisted) this.after(S.detachFrom(this.rec, this.flow, id, result), local);
    else local();
    this.rerender(true);
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
    const drop = (rec) => {
      for (const g of R.orphans(rec, this.flow)) delete R.entries(rec)[g.id];
      rec.flowHash = this.flow.hash;
    };
    if (this.persisted) this.after(S.changeFields(this.rec, drop), () => drop(this.rec));
    else {
      drop(this.rec);
      this.refresh();
    }
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
