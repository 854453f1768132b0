// Tells the reader when the browser is offline, and what still works then.

const NOTICE =
  "当前没有网络。打开过的页面和用过的自查工具仍可使用（自查在本机计算）；" +
  "没有打开过的页面要等网络恢复后才能打开。";

function box() {
  let el = document.querySelector(".zb-offline");
  if (!el) {
    el = document.createElement("p");
    el.className = "zb-offline";
    el.setAttribute("role", "status");
    el.hidden = true;
    const host = document.querySelector(".md-content__inner") || document.body;
    host.prepend(el);
  }
  return el;
}

function update() {
  const el = box();
  el.textContent = navigator.onLine ? "" : NOTICE;
  el.hidden = navigator.onLine;
}

addEventListener("online", update);
addEventListener("offline", update);
update();
