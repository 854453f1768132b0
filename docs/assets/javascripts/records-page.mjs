/* 我的自查记录: every record on this device across diagrams (flowcharts and structure diagrams); open, rename, export, print, delete; import; delete all. */

import { h, siteUrl } from "./dom.mjs";
import { isStructure, kindOf } from "./record-kinds.mjs";
import { downloadRecords, fileButtons, loadFlows, say } from "./record-files.mjs";
import { reportElement } from "./record-report.mjs";
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
    root.append(this.problem, actions, fileInput, this.message, this.list);
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

  render() {
    const problem = S.storageProblem();
    this.problem.hidden = !problem;
    this.problem.textContent = problem;
    const records = S.listRecords();
    this.list.textContent = "";
    if (!records.length) {
      this.list.appendChild(
        h("p", {
          className: "zb-records-empty",
          text: "这台设备上还没有自查记录。在任一流程图或列有职责、要求的结构图页面点“对照自查”即可开始；也可以导入以前导出的记录文件。",
        })
      );
      return;
    }
    const byFlow = new Map();
    for (const r of records) byFlow.set(r.flow, [...(byFlow.get(r.flow) || []), r]);
    for (const [flowId, recs] of byFlow) {
      const flow = Object.hasOwn(this.flows, flowId) ? this.flows[flowId] : null;
      const missing = `${recs[0].flowTitle || flowId}（本站已没有这幅${kindOf(recs[0]).diagram}，或它已不提供对照自查）`;
      const noun = flow && kindOf(flow).diagram;
      this.list.appendChild(h("h2", { text: flow ? (flow.title.endsWith(noun) ? flow.title : `${flow.title}（${noun}）`) : missing }));
      this.list.appendChild(h("ul", { className: "zb-records-items" }, recs.map((r) => this.item(r, flow))));
    }
  }

  item(rec, flow) {
    const name = h("input", { type: "text", id: `zb-rec-${rec.id}`, value: rec.name, maxlength: "100", autocomplete: "off" });
    name.addEventListener("change", () => {
      const fresh = S.getRecord(rec.id) || rec; // as stored now (a flow page may have changed it since)
      fresh.name = name.value.trim() || fresh.name;
      name.value = fresh.name;
      S.saveRecord(fresh);
      this.say("名称已修改。");
    });
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
      h("div", { className: "zb-sc-field" }, h("label", { for: name.id, text: "记录名称" }), name),
      h("p", { className: "zb-records-facts", text: facts.filter(Boolean).join("；") }),
      h(
        "div",
        { className: "zb-sc-buttons" },
        open,
        flow ? h("button", { type: "button", className: "md-button", text: "打印", onclick: () => this.print(rec, flow) }) : null,
        h("button", { type: "button", className: "md-button", text: "导出", onclick: () => downloadRecords([rec], `自查记录-${rec.name}`) }),
        h("button", { type: "button", className: "md-button", text: "删除", onclick: () => this.deleteOne(rec) })
      )
    );
  }

  print(rec, flow) {
    if (this.report) this.report.remove();
    this.report = reportElement(rec, flow);
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
