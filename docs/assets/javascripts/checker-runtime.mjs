/* The page's side of the checker runtime: one module worker per page (adopted from the early start script or started here), its state, and the checks sent to it. */

// The text a failed start shows in every widget's status line, kept with the state that shows it.
const TOO_OLD =
  "您的浏览器版本较旧，无法运行检查程序。请改用新版 Chrome、Edge、Firefox 或 Safari（国产浏览器请切换到“极速模式”）。";

/** Shared by every widget on the page; each widget renders its status line from it. */
export const runtime = {
  state: "loading", // loading | ready | failed
  stage: "loading",
  error: "",
  widgets: [], // each has renderStatus() and onReady()
  pending: new Map(), // check id → callback
  seq: 0,
  started: Date.now(),
  worker: null,
};

function eachWidget(fn) {
  runtime.widgets.forEach(fn);
}

// Module-worker support is detected while the real worker is constructed: a browser that
// knows module workers reads the `type` option, an old one ignores it. (The usual probe,
// new Worker("data:,", …), is refused by the site's Content-Security-Policy: worker-src 'self'.)
function newModuleWorker(url) {
  let supported = false;
  const options = {
    get type() {
      supported = true;
      return "module";
    },
  };
  const worker = new Worker(url, options);
  if (!supported) {
    worker.terminate();
    return null;
  }
  return worker;
}

// The service worker keeps the runtime for offline use only after this (offline.mjs): storing
// its files while the runtime starts would compete with it for the CPU.
function settled() {
  if (window.__zhibuRuntimeSettled) return;
  window.__zhibuRuntimeSettled = true;
  document.dispatchEvent(new Event("zbc-runtime-settled"));
}

function fail(message) {
  settled();
  runtime.state = "failed";
  runtime.error = message;
  eachWidget((w) => w.renderStatus());
}

function onWorkerError(e) {
  if (runtime.state !== "ready") {
    fail(
      "检查程序载入失败。请刷新页面重试；如果仍然失败，请告知网站管理员：服务器可能缺少检查程序文件，" +
        "或没有把 .mjs 文件作为 JavaScript 提供。" +
        (e && e.message ? "（" + e.message + "）" : "")
    );
  }
}

function onWorkerMessage(event) {
  const msg = event.data || {};
  if (msg.type === "progress") {
    runtime.stage = msg.stage;
  } else if (msg.type === "ready") {
    runtime.state = "ready";
    runtime.stage = "ready";
    runtime.readyMs = msg.ms;
    window.__zhibuReady = performance.now();
    settled();
  } else if (msg.type === "failed") {
    fail(
      "检查程序载入失败，暂时无法检查。请刷新页面重试；如果仍然失败，请告知网站管理员" +
        "（服务器可能缺少检查程序文件，或 .mjs、.wasm 文件的类型设置不对）。技术信息：" +
        msg.message
    );
    return;
  } else if (msg.type === "result" || msg.type === "error") {
    const cb = runtime.pending.get(msg.id);
    runtime.pending.delete(msg.id);
    if (cb) cb(msg);
    return;
  }
  eachWidget((w) => {
    w.renderStatus();
    if (runtime.state === "ready") w.onReady();
  });
}

function listen(worker) {
  worker.addEventListener("message", onWorkerMessage);
  worker.addEventListener("error", onWorkerError);
}

// The status line counts the seconds while the runtime loads.
function watchLoading() {
  const timer = setInterval(() => {
    if (runtime.state !== "loading") return clearInterval(timer);
    eachWidget((w) => w.renderStatus());
  }, 1000);
}

/** Start the page's runtime (once) from the first widget's data attributes, or take over the early one. */
export function startRuntime(widgetEl) {
  if (runtime.worker || runtime.state === "failed") return;
  // Started by the inline script at the top of the page (macros/checker_page/checker_early.py): take it over,
  // with the messages it sent meanwhile.
  const early = window.__zhibuEarlyWorker;
  if (early && early.worker && early.adopt) {
    runtime.worker = early.worker;
    window.__zhibuEarlyWorker = undefined;
    listen(early.worker);
    early.adopt().forEach((e) => (e.type === "error" ? onWorkerError(e) : onWorkerMessage(e)));
    watchLoading();
    return;
  }
  if (typeof Worker === "undefined" || typeof WebAssembly === "undefined") {
    fail(TOO_OLD);
    return;
  }
  const base = new URL(widgetEl.getAttribute("data-base") || "./", location.href);
  let worker;
  try {
    worker = newModuleWorker(new URL(widgetEl.getAttribute("data-worker"), location.href));
  } catch (e) {
    fail("检查程序无法启动。" + String(e && e.message ? e.message : e));
    return;
  }
  if (worker === null) {
    fail(TOO_OLD);
    return;
  }
  runtime.worker = worker;
  listen(worker);
  worker.postMessage({
    type: "init",
    indexURL: new URL(widgetEl.getAttribute("data-runtime"), location.href).href,
    stdlibURL: new URL(widgetEl.getAttribute("data-stdlib"), location.href).href,
    zipURL: new URL(widgetEl.getAttribute("data-zip"), location.href).href,
    base: base.href,
    checkers: [widgetEl.getAttribute("data-checker")], // imported while the runtime starts
  });
  watchLoading();
}

/** Ask the worker to run checkers.<checker>.check(data); cb gets {type: "result", json} or {type: "error", message}. */
export function runCheck(checker, data, cb) {
  const id = ++runtime.seq;
  runtime.pending.set(id, cb);
  runtime.worker.postMessage({ type: "check", id, checker, data });
}
