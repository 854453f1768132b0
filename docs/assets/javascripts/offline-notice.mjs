// Tells the reader when the browser is offline, and what still works then.
//
// navigator.onLine alone misses a network that is "up" but reaches nothing (a meeting room's Wi-Fi
// without an uplink): a page the service worker served from its cache then asks the server for
// sw.js, which the worker never answers from its cache, and a failed request counts as offline.

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

const SW = new URL("../../sw.js", import.meta.url);

function show(online) {
  const el = box();
  el.textContent = online ? "" : NOTICE;
  el.hidden = online;
}

async function reachable() {
  try {
    await fetch(SW, { method: "HEAD", cache: "no-store" });
    return true;
  } catch {
    return false;
  }
}

async function update() {
  show(navigator.onLine);
  if (navigator.onLine && navigator.serviceWorker && navigator.serviceWorker.controller) show(await reachable());
}

addEventListener("online", update);
addEventListener("offline", update);
update();
