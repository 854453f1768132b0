/* The register's coming dates: the next 90 days across everyone as a list, an .ics to download (with reminders) and text to copy. */

import { h } from "./dom.mjs";

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export { download };

/** Fill `el` with the coming dates of `result` (the register's answer); `tell(text)` says what a button did. */
export function renderUpcoming(el, result, horizon, tell) {
  el.replaceChildren();
  if (!result) return;
  const items = result.upcoming || [];
  if (!items.length) {
    el.append(h("p", { text: `今后${horizon}天没有到期的事项。` }));
    return;
  }
  el.append(
    h(
      "ul",
      { className: "zb-register-dates" },
      items.map((u) => h("li", {}, h("time", { datetime: u.date, text: u.date }), "　", h("strong", { text: u.label }), "：", u.title))
    ),
    h(
      "div",
      { className: "zb-register-tools" },
      h("button", {
        type: "button",
        className: "md-button",
        text: "下载日历（.ics）",
        onclick: () => {
          download(result.ics, "发展党员工作台账-日程.ics", "text/calendar");
          tell("已下载日历文件，每个日期提前7天提醒；在手机或电脑的日历中导入。");
        },
      }),
      h("button", {
        type: "button",
        className: "md-button",
        text: "复制文字",
        onclick: () => {
          const done = () => tell("已复制，可以粘贴到聊天或文档中。");
          const fallback = () => {
            const area = h("textarea", { className: "zb-register-copy", readOnly: true, "aria-label": "要复制的文字" });
            area.value = result.share_text;
            el.append(area);
            area.select();
            tell("浏览器不允许直接复制：文字已选中，请按 Ctrl+C（手机上长按）复制。");
          };
          if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(result.share_text).then(done, fallback);
          else fallback();
        },
      })
    )
  );
}
