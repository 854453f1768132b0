/* Export and import of record files: the site's flow data, downloads, reading a chosen file, storing what it holds. */

import { h, siteUrl } from "./dom.mjs";
import { kindOf } from "./record-kinds.mjs";
import { MAX_FILE_BYTES, exportText, parseImport, placeImported, today } from "./records.mjs";
import { addRecords, listRecords, markExported } from "./record-store.mjs";

/** Show a message in a status line; `problem` marks it as an error. */
export function say(el, text, problem = false) {
  el.textContent = text;
  el.classList.toggle("zb-sc-error", problem);
}

let flowsPromise = null;

/** The record data of every diagram with records (assets/records/flows.json), fetched once. */
export function loadFlows() {
  if (!flowsPromise) {
    flowsPromise = fetch(siteUrl("assets/records/flows.json"))
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((d) => d.flows);
    flowsPromise.catch(() => (flowsPromise = null));
  }
  return flowsPromise;
}

function safeName(text) {
  return text.replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 60);
}

/** Save records as a JSON file (a download). */
export function downloadRecords(records, label) {
  const blob = new Blob([exportText(records)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${safeName(label)}-${today()}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  markExported(records.map((r) => r.id)); // (the export reminder counts changes since)
}

/** The text of a chosen file, or a refusal for a file too big to be a record file. */
export function readFile(file) {
  if (file.size > MAX_FILE_BYTES) return Promise.reject(new Error("文件太大，不是本站导出的自查记录。"));
  return file.text();
}

function changedNote(item) {
  if (!item.changed) return "";
  const name = `“${item.record.name}”`;
  const k = kindOf(item.record);
  if (!item.missing.length) return `记录${name}导出后，${k.diagram}的文字修改过（${k.thing}都还在），请核对。`;
  const gone = item.missing.map((m) => m.label).join("、");
  return `记录${name}导出后${k.diagram}修改过，以下${k.thing}已不存在：${gone}。这些${k.thing}的记录仍保留，显示和打印时单列。`;
}

/**
 * Import a file's text: {error} (nothing changed) or {message, records} (all stored).
 */
export async function importText(text) {
  let flows;
  try {
    flows = await loadFlows();
  } catch (e) {
    return { error: "无法读取本站的图的数据，未导入。请检查网络连接后重试。" };
  }
  const parsed = parseImport(text, flows);
  if (parsed.error) return { error: `未导入：${parsed.error}本机已有的记录没有改动。` };
  const records = placeImported(listRecords(), parsed.records.map((x) => x.record));
  if (!addRecords(records)) return { error: "未能保存导入的记录（本机存储不可用或已满），本机已有的记录没有改动。" };
  const notes = parsed.records.map(changedNote).filter(Boolean);
  return { message: [`已导入 ${records.length} 条记录。`, ...notes].join(""), records };
}

/** 导出全部: {message} or {error}. */
export function exportAll() {
  const all = listRecords();
  if (!all.length) return { error: "本机还没有保存的记录。" };
  downloadRecords(all, "全部自查记录");
  return { message: `已导出全部 ${all.length} 条记录（JSON 文件）。` };
}

/** Import the file chosen in a file input (then cleared): null if none, else as importText. */
export async function importChosen(input) {
  const file = input.files[0];
  input.value = "";
  if (!file) return null;
  try {
    return await importText(await readFile(file));
  } catch (e) {
    return { error: `未导入：${e.message || "无法读取文件。"}本机已有的记录没有改动。` };
  }
}

/**
 * The 导出全部 and 导入 buttons with their hidden file input. `tell(text, problem)` shows messages;
 * `imported(result)` runs after a successful import.
 */
export function fileButtons(tell, imported) {
  const input = h("input", { type: "file", accept: ".json,application/json", hidden: true, tabindex: "-1" });
  input.addEventListener("change", async () => {
    const result = await importChosen(input);
    if (!result) return;
    if (!result.error) imported(result);
    tell(result.error || result.message, !!result.error);
  });
  const exportButton = h("button", { type: "button", className: "md-button", text: "导出全部" });
  exportButton.addEventListener("click", () => {
    const r = exportAll();
    tell(r.error || r.message, !!r.error);
  });
  const importButton = h("button", { type: "button", className: "md-button", text: "导入" });
  importButton.addEventListener("click", () => input.click());
  return [exportButton, importButton, input];
}

/** The box that reminds the reader to export records changed since the last export (hidden until shown):
 * 导出全部 exports and reports through `tell(text, problem)`, 以后再说 hides it. */
export function reminderBox(tell) {
  const box = h(
    "div",
    { className: "zb-sc-reminder", hidden: true },
    h("p", { text: "提示：记录有了新的修改，还没有导出备份。浏览器清理数据时记录可能丢失，方便时请点“导出全部”存一份文件。" }),
    h(
      "div",
      { className: "zb-sc-buttons" },
      h("button", { type: "button", className: "md-button", text: "导出全部", onclick: () => { const r = exportAll(); tell(r.error || r.message, !!r.error); box.hidden = true; } }),
      h("button", { type: "button", className: "md-button", text: "以后再说", onclick: () => (box.hidden = true) })
    )
  );
  return box;
}
