/* The 发展党员 register page's entry: the register kept as a table record on this device, checked by the Python through the checker runtime, and its parts wired together. */

import { runCheck, runtime, startRuntime } from "./checker-runtime.mjs";
import * as S from "./record-store.mjs";
import { addRow, deleteRow, editRow } from "./record-rows.mjs";
import { ROW_ID_RE, newTable, rowValues, rowsOf } from "./record-table.mjs";
import { exportCsv, exportXlsx, previewImport } from "./register-csv.mjs";
import { openEditor } from "./register-edit.mjs";
import { renderPrint } from "./register-print.mjs";
import { renderTable } from "./register-table.mjs";
import { renderUpcoming } from "./register-upcoming.mjs";

const root = document.querySelector(".zb-register");
const KEEP = {
  granted: "浏览器已同意长期保存本站的数据。仍请定期导出CSV备份。",
  denied: "浏览器没有同意长期保存本站的数据：清理存储空间时台账可能被删除。请经常导出CSV备份。",
  unsupported: "这个浏览器不能保证长期保存本站的数据。请经常导出CSV备份。",
  unasked: "",
};

/** A Python check through the page's runtime, as a promise of its result. */
function check(name, data) {
  return new Promise((resolve, reject) => {
    runCheck(name, data, (msg) => (msg.type === "result" ? resolve(JSON.parse(msg.json)) : reject(new Error(msg.message))));
  });
}

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The register on this device: the one named in ?register=, else the first one; a new one (not stored until its first row). */
function findRegister() {
  const wanted = new URLSearchParams(location.search).get("register");
  const all = S.listRecords().filter((r) => r.kind === "table" && r.table === "register");
  return all.find((r) => r.id === wanted) || all[all.length - 1] || newTable("register", "发展党员工作台账");
}

if (root) {
  const $ = (sel) => root.querySelector(sel);
  const status = $(".zb-register-status");
  const note = $(".zb-register-note");
  const tell = (text) => {
    note.textContent = text;
  };
  let rec = findRegister();
  let result = null;
  let running = false;
  let again = false;
  const horizon = Number(root.dataset.horizon) || 90;

  function rows() {
    return rowsOf(rec);
  }

  function render() {
    renderTable($(".zb-register-table"), rows(), result, act);
    renderUpcoming($(".zb-register-upcoming"), result, horizon, tell);
    renderPrint($(".zb-register-print"), result, rec.name);
    $(".zb-register-summary").textContent = result && rows().length ? result.summary : "";
    root.dataset.state = result ? "checked" : "waiting";
  }

  // One check at a time; a change during a check runs one more with the latest rows.
  async function recheck() {
    if (runtime.state !== "ready") return render();
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      result = await check("_register", { as_of: today(), people: rows() });
      if (result.verdict === "invalid") tell(result.errors.map((e) => e.message).join("；"));
    } catch (e) {
      tell("检查时出错：" + e.message);
    }
    running = false;
    render();
    if (again) {
      again = false;
      recheck();
    }
  }

  function keepNote() {
    const problem = S.storageProblem();
    if (problem) {
      $(".zb-register-keep").textContent = problem;
      return;
    }
    S.persistence().then((answer) => {
      $(".zb-register-keep").textContent = KEEP[answer] || "";
    });
  }

  function stored(out, done) {
    if (out.ok) {
      rec = out.rec;
      tell(done);
    } else if (out.gone) tell("这份台账已在另一个页面中删除，没有保存。");
    else if (out.rowGone) tell("这个人已在另一个页面中删除，没有保存。");
    else tell(S.storageProblem() || "没有保存：浏览器不允许本站保存数据。");
    keepNote();
    recheck();
    return out.ok;
  }

  function act(kind, id) {
    const label = rowValues(rec, id).label;
    if (kind === "delete") {
      if (window.confirm(`从台账中删除“${label}”？`)) stored(deleteRow(rec, id), `已删除“${label}”。`);
      return;
    }
    const base = rowValues(rec, id);
    openEditor($(".zb-register-edit"), base, (values) => (stored(editRow(rec, id, values, base), `已保存“${values.label}”。`) ? "" : note.textContent), closeEditor);
  }

  function closeEditor() {
    const section = $(".zb-register-edit");
    section.hidden = true;
    section.replaceChildren();
  }

  function take(people) {
    let added = 0;
    let changed = 0;
    for (const p of people) {
      const { id, ...values } = p;
      if (id && rec.rows && Object.hasOwn(rec.rows, id)) {
        if (stored(editRow(rec, id, values), "")) changed++;
      } else if (stored(addRow(rec, values, ...(id && ROW_ID_RE.test(id) ? [id] : [])), "")) added++;
    }
    tell(`已导入：新增 ${added} 人，更新 ${changed} 人。`);
  }

  root.querySelector('[data-act="add"]').addEventListener("click", () => {
    if (rows().length >= Number(root.dataset.rowsMax)) return tell(`台账最多 ${root.dataset.rowsMax} 人，请分成几个台账。`);
    openEditor($(".zb-register-edit"), null, (values) => (stored(addRow(rec, values), `已添加“${values.label}”。`) ? "" : note.textContent), closeEditor);
  });
  for (const [button, save, kind] of [
    ["export", exportCsv, "CSV"],
    ["export-xlsx", exportXlsx, "Excel"],
  ]) {
    root.querySelector(`[data-act="${button}"]`).addEventListener("click", () => {
      if (runtime.state !== "ready") return tell("检查程序载入后才能导出，请稍候。");
      save(rows(), check).then(
        (n) => {
          S.markExported([rec.id]);
          tell(`已导出 ${n} 人的${kind}文件。请把文件保存好：这是台账唯一的备份。`);
        },
        (e) => tell("导出失败：" + e.message)
      );
    });
  }
  const picker = root.querySelector('[data-act="import"]');
  picker.addEventListener("change", () => {
    const file = picker.files && picker.files[0];
    picker.value = "";
    if (!file) return;
    if (runtime.state !== "ready") return tell("检查程序载入后才能导入，请稍候再选文件。");
    previewImport(file, $(".zb-register-import"), check, new Set(Object.keys(rec.rows || {})), take).catch((e) => tell("读取文件失败：" + e.message));
  });
  root.querySelector('[data-act="print"]').addEventListener("click", () => window.print());

  // Another tab changed the store: read the register again; say what of ours a later change replaced.
  S.watch(({ lost }) => {
    const fresh = S.getRecord(rec.id);
    if (fresh) rec = fresh;
    const mine = lost.filter((l) => l.record === rec.id);
    if (mine.length) tell("另一个页面随后修改了同一栏，已按较晚的修改保存：" + mine.map((l) => `${l.label}的“${l.field}”原为“${l.had}”，现为“${l.now}”`).join("；") + "。");
    recheck();
  });

  runtime.widgets.push({
    renderStatus() {
      status.dataset.state = runtime.state;
      const secs = Math.round((Date.now() - runtime.started) / 1000);
      status.querySelector(".zbc-status-text").textContent =
        runtime.state === "failed" ? runtime.error : runtime.state === "ready" ? "检查程序已就绪，全部在本机运行。" : `正在载入检查程序……已用 ${secs} 秒，载入后显示每人的结论。`;
    },
    onReady: recheck,
  });
  startRuntime(root);
  keepNote();
  render();
}
