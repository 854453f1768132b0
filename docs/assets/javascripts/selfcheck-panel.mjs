// The self-check panel's markup: record picker and name, status, notices, steps, print and file actions.
import { h, siteUrl } from "./dom.mjs";
import { fileButtons, reminderBox } from "./record-files.mjs";
import * as R from "./records.mjs";
import * as S from "./record-store.mjs";

export const PRIVACY =
  "自查记录只保存在这台设备的这个浏览器里，不会发送到任何服务器；换设备或换浏览器就看不到。" +
  "部分手机浏览器（如苹果手机的 Safari）在一段时间不访问本站后（可能只有 7 天）会自动清除网站数据，所以请用“导出”把记录存成文件备份。";

let uid = 0;

/** Build the panel of a self-check (``sc``, a SelfCheck) and put it after its diagram. */
export function buildPanel(sc) {
  const id = `zb-sc-${++uid}`;
  sc.title = h("h2", { id: `${id}-title`, tabindex: "-1", text: "对照自查" });
  sc.problem = h("p", { className: "zb-sc-problem", role: "alert", hidden: true });
  sc.linkBanner = h(
    "div",
    { className: "zb-sc-banner", hidden: true },
    h("p", { text: "这是从链接打开的勾选情况，还没有保存到本机。" }),
    h("button", { type: "button", className: "md-button md-button--primary", text: "保存为新记录", onclick: () => sc.saveLinkRecord() })
  );
  sc.select = h("select", { id: `${id}-rec` });
  sc.select.addEventListener("change", () => sc.switchTo(sc.select.value));
  sc.nameInput = h("input", { type: "text", id: `${id}-name`, maxlength: "100", autocomplete: "off" });
  sc.nameInput.addEventListener("change", () => {
    const name = sc.nameInput.value.trim() || R.defaultName(sc.flow);
    sc.nameInput.value = name;
    if (!sc.persisted) {
      sc.rec.name = name;
      return sc.refresh();
    }
    sc.after(S.renameRecord(sc.rec, name, sc.rec.name), () => (sc.rec.name = name));
  });
  const bar = h(
    "div",
    { className: "zb-sc-bar" },
    h("div", { className: "zb-sc-field" }, h("label", { for: sc.select.id, text: "当前记录" }), sc.select),
    h("div", { className: "zb-sc-field" }, h("label", { for: sc.nameInput.id, text: "记录名称" }), sc.nameInput),
    h(
      "div",
      { className: "zb-sc-buttons" },
      h("button", { type: "button", className: "md-button", text: "新建记录", onclick: () => sc.newRecord() }),
      h("button", { type: "button", className: "md-button", text: "删除此记录", onclick: () => sc.deleteCurrent() })
    )
  );
  sc.status = h("p", { className: "zb-sc-status", role: "status" });
  sc.notice = h("div", { className: "zb-sc-notice", role: "status", hidden: true });
  sc.reminder = reminderBox((text, problem) => sc.say(text, problem));
  sc.stepsBox = h("div", { className: "zb-sc-steps" });
  sc.gone = h("div", { className: "zb-sc-gone", hidden: true });
  const [exportAllButton, importButton, fileInput] = fileButtons(
    (text, problem) => sc.say(text, problem),
    (result) => sc.imported(result)
  );
  sc.message = h("p", { className: "zb-sc-message", role: "status" });
  sc.copyBox = h("textarea", { className: "zb-sc-copy", readonly: true, rows: "8", hidden: true, "aria-label": "记录的文字" });
  const actions = h(
    "div",
    { className: "zb-sc-actions" },
    h("button", { type: "button", className: "md-button", text: "打印记录", onclick: () => window.print() }),
    h("button", { type: "button", className: "md-button", text: "复制文字", onclick: () => sc.copyText() }),
    h("button", { type: "button", className: "md-button", text: "导出本记录", onclick: () => sc.exportCurrent() }),
    exportAllButton,
    importButton,
    h("a", { className: "md-button", href: siteUrl("checkers/records/"), text: "我的自查记录" })
  );
  sc.panel = h(
    "section",
    { className: "zb-sc", "aria-labelledby": sc.title.id, "data-search-exclude": true },
    sc.title,
    h("p", { className: "zb-sc-privacy", text: PRIVACY }),
    sc.problem,
    sc.notice,
    sc.reminder,
    sc.linkBanner,
    bar,
    sc.status,
    sc.stepsBox,
    sc.gone,
    h("h3", { text: "打印、导出与导入" }),
    actions,
    fileInput,
    sc.message,
    sc.copyBox
  );
  sc.figure.after(sc.panel);
}
