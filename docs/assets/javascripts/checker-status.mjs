/* The widget's status line: what the runtime is loading, how long it has taken, the first download's size, or why it failed. */

const STAGES = {
  loading: "正在载入检查程序……",
  runtime: "正在载入检查程序……",
  checkers: "正在载入检查规则……",
};
const STAGE_VALUE = { loading: 0, runtime: 1, checkers: 2, ready: 3 };

/** The first download, in bytes as the guide's server sends it and uncompressed: the build writes
 * both on the widget from the runtime files' sizes (macros/checker_page/checker_widget.py), so it cannot go stale. */
export function downloadNote(el) {
  const sent = Number(el.getAttribute("data-download"));
  const raw = Number(el.getAttribute("data-download-raw"));
  if (!(sent > 0)) return "";
  const mb = (n) => (n / 1e6).toFixed(1) + " MB";
  const plain = raw > sent * 1.2 ? "（服务器未启用压缩时约 " + mb(raw) + "）" : "";
  return "首次打开需下载约 " + mb(sent) + plain + "，之后会快很多。";
}

/** Show the runtime's state in a widget's .zbc-status; `wanted`: a check waits for the runtime. */
export function renderStatus(status, runtime, download, wanted) {
  const text = status.querySelector(".zbc-status-text");
  const detail = status.querySelector(".zbc-status-detail");
  const bar = status.querySelector(".zbc-progress");
  status.setAttribute("data-state", runtime.state);
  if (runtime.state === "failed") {
    text.textContent = runtime.error;
    detail.textContent = "";
    bar.hidden = true;
  } else if (runtime.state === "ready") {
    text.textContent = "检查程序已就绪，全部在本机运行。";
    detail.textContent = "";
    bar.hidden = true;
  } else {
    const secs = Math.round((Date.now() - runtime.started) / 1000);
    const loadingRuntime = runtime.stage === "loading" || runtime.stage === "runtime" || !STAGES[runtime.stage];
    text.textContent = (STAGES[runtime.stage] || STAGES.loading) + (loadingRuntime ? download : "");
    bar.value = STAGE_VALUE[runtime.stage] || 0;
    const waiting = wanted ? "填写内容已收到，载入完成后自动检查。" : "可以先填写，载入完成后即可检查。";
    detail.textContent =
      "已用 " + secs + " 秒。" + waiting + (secs >= 40 ? "载入时间较长，请耐心等待；如长时间没有反应，请刷新页面。" : "");
  }
}
