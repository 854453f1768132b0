// Notices of a self-check: what another tab's later change replaced here, with a way to put it back.
import { h } from "./dom.mjs";
import * as R from "./records.mjs";
import * as S from "./record-store.mjs";

const FIELD_WORDS = { done: "完成情况", date: "日期", note: "备注", status: "落实情况", name: "记录名称" };

/** A stored value in words: a tick, a status, a date or a text. */
export function shown(kind, field, value) {
  if (field === "done") return value ? "已完成" : "未完成";
  if (field === "status") return kind.states[value || ""];
  if (field === "date") return R.chineseDate(value) || "（空）";
  return value || "（空）";
}

/** "“6. 投票”的备注" / "记录名称". */
export function whatChanged(l) {
  return l.field === "name" ? FIELD_WORDS.name : `“${l.label}”的${FIELD_WORDS[l.field] || l.field}`;
}

/** What this page wrote that a later change in another tab replaced: shown with a way to put it back. */
export function tellLost(sc, lost) {
  const lines = lost.map((l) => {
    const where = l.record !== sc.rec.id ? `记录“${l.name}”中，` : "";
    return `${where}${whatChanged(l)}刚在另一个页面中改为“${shown(sc.kind, l.field, l.now)}”，以较晚的修改为准。本页原来的是：“${shown(sc.kind, l.field, l.had)}”。`;
  });
  const mine = lost.filter((l) => l.record === sc.rec.id);
  const restore = mine.length
    ? () => {
        for (const l of mine) {
          if (l.field === "name") sc.after(S.renameRecord(sc.rec, l.had), () => (sc.rec.name = l.had));
          else sc.edit(l.item, { [l.field]: l.had });
        }
        sc.nameInput.value = sc.rec.name;
        sc.rerender(true);
        sc.say("已恢复本页原来的内容。");
      }
    : null;
  showNotice(sc, "同一条记录在另一个页面中也修改了。", lines.join(""), restore);
}

export function showNotice(sc, head, text, restore) {
  sc.notice.textContent = "";
  sc.notice.append(
    h("p", {}, h("strong", { text: head }), text ? ` ${text}` : ""),
    h(
      "div",
      { className: "zb-sc-buttons" },
      restore ? h("button", { type: "button", className: "md-button", text: "恢复本页原来的内容", onclick: () => { restore(); sc.notice.hidden = true; } }) : null,
      h("button", { type: "button", className: "md-button", text: "知道了", onclick: () => (sc.notice.hidden = true) })
    )
  );
  sc.notice.hidden = false;
}
