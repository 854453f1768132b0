/* 对照自查 on a diagram page: its panel and the record kept on this device (open, switch, save, delete, print, copy, files);
 * the rows to tick or mark are selfcheck-rows.mjs. Every edit is a change to one step or item of the stored record
 * (record-store.mjs); changes made in other tabs are shown at once, and a change of this tab that another tab
 * replaced is named in a notice. */

import "./checker-results.mjs";
import { h, siteUrl } from "./dom.mjs";
import { clearStates, paintStates } from "./diagram-state.mjs";
import { downloadRecords, exportAll, fileButtons, say } from "./record-files.mjs";
import { isStructure, kindOf } from "./record-kinds.mjs";
import { reportElement, reportText } from "./record-report.mjs";
import { renderSteps } from "./selfcheck-rows.mjs";
import * as R from "./records.mjs";
import * as S from "./record-store.mjs";

export const PRIVACY =
  "自查记录只保存在这台设备的这个浏览器里，不会发送到任何服务器；换设备或换浏览器就看不到。" +
  "部分手机浏览器（如苹果手机的 Safari）在一段时间不访问本站后（可能只有 7 天）会自动清除网站数据，所以请用“导出”把记录存成文件备份。";

let uid = 0;

const FIELD_WORDS = { done: "完成情况", date: "日期", note: "备注", status: "落实情况", name: "记录名称" };

/** A stored value in words: a tick, a status, a date or a text. */
function shown(kind, field, value) {
  if (field === "done") return value ? "已完成" : "未完成";
  if (field === "status") return kind.states[value || ""];
  if (field === "date") return R.chineseDate(value) || "（空）";
  return value || "（空）";
}

/** "“6. 投票”的备注" / "记录名称". */
function whatChanged(l) {
  return l.field === "name" ? FIELD_WORDS.name : `“${l.label}”的${FIELD_WORDS[l.field] || l.field}`;
}

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
    const lines = lost.map((l) => {
      const where = l.record !== this.rec.id ? `记录“${l.name}”中，` : "";
      return `${where}${whatChanged(l)}刚在另一个页面中改为“${shown(this.kind, l.field, l.now)}”，以较晚的修改为准。本页原来的是：“${shown(this.kind, l.field, l.had)}”。`;
    });
    const mine = lost.filter((l) => l.record === this.rec.id);
    const restore = mine.length
      ? () => {
          for (const l of mine) {
            if (l.field === "name") this.after(S.renameRecord(this.rec, l.had), () => (this.rec.name = l.had));
            else this.edit(l.item, { [l.field]: l.had });
          }
          this.nameInput.value = this.rec.name;
          this.rerender(true);
          this.say("已恢复本页原来的内容。");
        }
      : null;
    this.showNotice("同一条记录在另一个页面中也修改了。", lines.join(""), restore);
  }

  showNotice(head, text, restore) {
    this.notice.textContent = "";
    this.notice.append(
      h("p", {}, h("strong", { text: head }), text ? ` ${text}` : ""),
      h(
        "div",
        { className: "zb-sc-buttons" },
        restore ? h("button", { type: "button", className: "md-button", text: "恢复本页原来的内容", onclick: () => { restore(); this.notice.hidden = true; } }) : null,
        h("button", { type: "button", className: "md-button", text: "知道了", onclick: () => (this.notice.hidden = true) })
      )
    );
    this.notice.hidden = false;
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
      const name = this.nameInput.value.trim() || R.defaultName(this.flow);
      this.nameInput.value = name;
      if (!this.persisted) {
        this.rec.name = name;
        return this.refresh();
      }
      this.after(S.renameRecord(this.rec, name, this.rec.name), () => (this.rec.name = name));
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
    this.notice = h("div", { className: "zb-sc-notice", role: "status", hidden: true });
    this.reminder = h(
      "div",
      { className: "zb-sc-reminder", hidden: true },
      h("p", { text: "提示：记录有了新的修改，还没有导出备份。浏览器清理数据时记录可能丢失，方便时请点“导出全部”存一份文件。" }),
      h(
        "div",
        { className: "zb-sc-buttons" },
        h("button", { type: "button", className: "md-button", text: "导出全部", onclick: () => { const r = exportAll(); this.say(r.error || r.message, !!r.error); this.reminder.hidden = true; } }),
        h("button", { type: "button", className: "md-button", text: "以后再说", onclick: () => (this.reminder.hidden = true) })
      )
    );
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
      this.notice,
      this.reminder,
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
