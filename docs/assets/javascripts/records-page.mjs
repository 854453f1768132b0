/* 我的自查记录: every record on this device across diagrams (flowcharts and structure diagrams) and table records (e.g. ledgers);
 * open, rename, export, print, delete; import; delete all; whether the browser keeps the data, and now and then a word to
 * export. Changes made in other tabs show at once. */

import { h, siteUrl } from "./dom.mjs";
import { isStructure, isTable, kindOf } from "./record-kinds.mjs";
import { downloadRecords, fileButtons, loadFlows, reminderBox, say } from "./record-files.mjs";
import { reportElement } from "./record-report.mjs";
import { headTexts, tableReportElement, verdictText } from "./record-table-report.mjs";
import { rowsOf } from "./record-table.mjs";
import { TABLES, tableOf } from "./record-tables.mjs";
import * as R from "./records.mjs";
import * as S from "./record-store.mjs";

function when(iso) {
  return R.chineseDate((iso || "").slice(0, 10));
}

class RecordsPage {
  constructor(root) {
    this.root = root;
    this.flows = {};
    this.problem = h("p", { className: "zb-sc-problem", role: "alert", hidden: true });
    this.message = h("p", { className: "zb-sc-message", role: "status" });
    this.list = h("div", { className: "zb-records-list" });
    this.keep = h("p", { className: "zb-records-keep" });
    this.reminder = reminderBox((text, problem) => this.say(text, problem));
    const [exportAllButton, importButton, fileInput] = fileButtons(
      (text, problem) => this.say(text, problem),
      () => this.render()
    );
    const actions = h(
      "div",
      { className: "zb-sc-actions" },
      exportAllButton,
      importButton,
      h("button", { type: "button", className: "md-button", text: "全部删除", onclick: () => this.deleteAll() })
    );
    root.textContent = "";
    root.append(this.problem, this.keep, this.reminder, actions, fileInput, this.message, this.list);
    S.watch(({ lost }) => {
      if (lost.some((l) => l.field === "name")) this.say(`另一个页面刚把记录改名为“${lost.find((l) => l.field === "name").now}”（本页原来的是“${lost.find((l) => l.field === "name").had}”），以较晚的修改为准。`);
      this.render(true);
    });
    loadFlows().then(
      (flows) => {
        this.flows = flows;
        this.render();
      },
      () => {
        this.flows = {};
        this.render();
        this.say("无法读取本站的图的数据，完成进度和打印暂不可用。", true);
      }
    );
  }

  /** Whether the browser keeps the site's data through its clean-ups, as it says now. */
  showKeep() {
    const words = {
      granted: "浏览器已同意长期保存本站的数据：清理存储空间时不会自动删除这些记录（手动清除浏览器数据仍会删除，请照常导出备份）。",
      denied: "浏览器没有同意长期保存本站的数据：存储空间不足或长时间不访问本站时，记录可能被自动清除，请定期导出备份。",
      unasked: "",
      unsupported: "此浏览器不能说明是否会长期保存本站的数据，请定期导出备份。",
    };
    S.persistence().then((answer) => {
      this.keep.textContent = words[answer];
      this.keep.hidden = !words[answer];
      this.keep.dataset.persist = answer;
    });
  }

  /** `keep`: another tab changed the records; a name being typed keeps its text and the focus. */
  render(keep = false) {
    const active = keep && this.list.contains(document.activeElement) ? document.activeElement : null;
    this.renderList();
    const again = active && active.id && document.getElementById(active.id);
    if (again) {
      again.value = active.value;
      again.focus();
    }
    this.showKeep();
    // only when the page opens: a page that merely follows other tabs writes nothing (two tabs writing the one
    // stored document at the same moment could each miss the other's write)
    if (!keep && !this.reminded && S.exportReminder()) {
      this.reminded = true;
      this.reminder.hidden = false;
    }
  }

  renderList() {
    const problem = S.storageProblem();
    this.problem.hidden = !problem;
    this.problem.textContent = problem;
    const records = S.listRecords();
    this.list.textContent = "";
    if (!records.length) {
      this.list.appendChild(
        h("p", {
          className: "zb-records-empty",
          text: "这台设备上还没有自查记录。在任一流程图或列有职责、要求的结构图页面点“对照自查”即可开始；在组织生活台账检查页面，可以把填写的会议保存为台账；也可以导入以前导出的记录文件。",
        })
      );
      return;
    }
    for (const [name, kind] of Object.entries(TABLES)) {
      const recs = records.filter((r) => r.table === name && isTable(r));
      if (!recs.length) continue;
      this.list.appendChild(h("h2", { text: kind.title }));
      this.list.appendChild(h("ul", { className: "zb-records-items" }, recs.map((r) => this.tableItem(r))));
    }
    const byFlow = new Map();
    for (const r of records.filter((x) => !isTable(x))) byFlow.set(r.flow, [...(byFlow.get(r.flow) || []), r]);
    for (const [flowId, recs] of byFlow) {
      const flow = Object.hasOwn(this.flows, flowId) ? this.flows[flowId] : null;
      const missing = `${recs[0].flowTitle || flowId}（本站已没有这幅${kindOf(recs[0]).diagram}，或它已不提供对照自查）`;
      const noun = flow && kindOf(flow).diagram;
      this.list.appendChild(h("h2", { text: flow ? (flow.title.endsWith(noun) ? flow.title : `${flow.title}（${noun}）`) : missing }));
      this.list.appendChild(h("ul", { className: "zb-records-items" }, recs.map((r) => this.item(r, flow))));
    }
  }

  /** The record's name, renamed where it is typed. */
  nameField(rec, label = "记录名称") {
    const name = h("input", { type: "text", id: `zb-rec-${rec.id}`, value: rec.name, maxlength: "100", autocomplete: "off" });
    name.addEventListener("change", () => {
      const out = S.renameRecord(rec, name.value.trim() || rec.name, rec.name);
      if (out.gone) return this.say(`记录“${rec.name}”已在另一个页面中删除。`, true);
      if (!out.ok) return this.say(S.storageProblem() || "名称未能保存。", true);
      name.value = rec.name = out.rec.name;
      this.say("名称已修改。");
    });
    return h("div", { className: "zb-sc-field" }, h("label", { for: name.id, text: label }), name);
  }

  /** A table record (e.g. a ledger): opened on its checker's page, printed as its own report. */
  tableItem(rec) {
    const kind = tableOf(rec);
    const v = rec.verdict;
    const facts = [`${rowsOf(rec).length} 行`, ...headTexts(rec), `最后修改：${when(rec.updated)}`];
    const open = kind.page ? h("a", { className: "md-button md-button--primary", href: `${siteUrl(kind.page)}?${kind.param}=${encodeURIComponent(rec.id)}`, text: "打开" }) : null;
    return h(
      "li",
      { className: "zb-records-item", "data-record": rec.id, "data-table": rec.table },
      this.nameField(rec, `${kind.title}名称`),
      h("p", { className: "zb-records-facts", text: facts.join("；") }),
      v ? h("p", { className: "zb-records-facts zb-records-verdict", "data-verdict": v.verdict, text: `最近一次检查：${verdictText(v)}` }) : null,
      h(
        "div",
        { className: "zb-sc-buttons" },
        open,
        h("button", { type: "button", className: "md-button", text: "打印", onclick: () => this.print(tableReportElement(rec)) }),
        h("button", { type: "button", className: "md-button", text: "导出", onclick: () => downloadRecords([rec], `${kind.title}-${rec.name}`) }),
        h("button", { type: "button", className: "md-button", text: "删除", onclick: () => this.deleteOne(rec) })
      )
    );
  }

  item(rec, flow) {
    const p = flow ? R.progress(rec, flow) : null;
    const gone = flow ? R.orphans(rec, flow) : [];
    const k = kindOf(rec);
    const facts = [
      flow ? R.progressText(rec, flow) : "",
      p && !isStructure(flow) && p.next ? `下一步：${p.next.label}` : "",
      `最后修改：${when(rec.updated)}`,
      gone.length ? `有 ${gone.length} ${k.unit}在当前${k.diagram}中已不存在` : "",
    ];
    const open = flow
      ? h("a", {
          className: "md-button md-button--primary",
          href: siteUrl(flow.url),
          text: "打开",
          onclick: () => {
            S.setLast(rec.flow, rec.id);
            S.setOpen(rec.flow, true);
          },
        })
      : null;
    return h(
      "li",
      { className: "zb-records-item", "data-record": rec.id },
      this.nameField(rec),
      h("p", { className: "zb-records-facts", text: facts.filter(Boolean).join("；") }),
      h(
        "div",
        { className: "zb-sc-buttons" },
        open,
        flow ? h("button", { type: "button", className: "md-button", text: "打印", onclick: () => this.print(reportElement(rec, flow)) }) : null,
        h("button", { type: "button", className: "md-button", text: "导出", onclick: () => downloadRecords([rec], `自查记录-${rec.name}`) }),
        h("button", { type: "button", className: "md-button", text: "删除", onclick: () => this.deleteOne(rec) })
      )
    );
  }

  print(report) {
    if (this.report) this.report.remove();
    this.report = report;
    document.body.appendChild(this.report);
    document.body.classList.add("zb-report-on");
    window.addEventListener("afterprint", () => document.body.classList.remove("zb-report-on"), { once: true });
    window.print();
  }

  deleteOne(rec) {
    if (!window.confirm(`删除记录“${rec.name}”？删除后无法恢复（除非已导出）。`)) return;
    S.deleteRecord(rec.id);
    this.render();
    this.say(`记录“${rec.name}”已删除。`);
  }

  deleteAll() {
    const n = S.listRecords().length;
    if (!n) return this.say("没有可删除的记录。");
    if (!window.confirm(`删除这台设备上的全部 ${n} 条自查记录？删除后无法恢复（除非已导出）。`)) return;
    S.deleteAll();
    this.render();
    this.say("全部记录已删除。");
  }

  say(text, problem = false) {
    say(this.message, text, problem);
  }
}

document.querySelectorAll(".zb-records").forEach((el) => new RecordsPage(el));
