/* Where the checker widget's modules cannot run, says so in each widget: a page opened from disk, a browser without ES modules.
 *
 * A classic script in ES5 on purpose, deferred: browsers load neither ES modules nor workers from
 * file:// (the offline copy is opened from disk), and an old browser (or a 国产浏览器's
 * compatibility mode) knows no modules, so checker-widget.mjs never runs there and this is all
 * the reader gets. Anywhere else it does nothing.
 */
(function () {
  "use strict";
  var fromDisk = location.protocol === "file:";
  if (!fromDisk && "noModule" in document.createElement("script")) return;
  var message = fromDisk
    ? "检查程序不能在直接双击打开的本地文件中运行。请通过网站服务器访问本页（网址以 http:// 或 https:// 开头）。" +
      "如果要在本机查看，可在网站文件夹中运行 python3 -m http.server 8000，再用浏览器打开 http://127.0.0.1:8000/ 。"
    : "您的浏览器版本较旧，无法运行检查程序。请改用新版 Chrome、Edge、Firefox 或 Safari（国产浏览器请切换到“极速模式”）。";
  var widgets = document.querySelectorAll(".zbc-checker");
  for (var i = 0; i < widgets.length; i++) {
    var status = widgets[i].querySelector(".zbc-status");
    if (!status || status.getAttribute("data-state") === "failed") continue; // said already
    status.setAttribute("data-state", "failed");
    status.querySelector(".zbc-status-text").textContent = message;
    status.querySelector(".zbc-status-detail").textContent = "";
    status.querySelector(".zbc-progress").hidden = true;
    // Nothing checks here: the 检查 button must not send the form to the server as a page request.
    widgets[i].querySelector(".zbc-form").addEventListener("submit", function (e) {
      e.preventDefault();
    });
  }
})();
