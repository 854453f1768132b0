// Module Web Worker running the checkers in Pyodide, so the page never freezes.
//
// Messages in:  {type: "init", indexURL, zipURL}   (absolute URLs on this site)
//               {type: "check", id, checker, data}
// Messages out: {type: "progress", stage}            stage: "runtime" | "checkers"
//               {type: "ready", version, ms}
//               {type: "failed", message}
//               {type: "result", id, json} | {type: "error", id, message}

let runtime = null;
let starting = null;

function post(msg) {
  self.postMessage(msg);
}

async function fetchBytes(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function init({ indexURL, zipURL }) {
  const t0 = performance.now();
  // Same query string (content hash) as this worker, so a new build never mixes old and new code.
  const { startRuntime } = await import("./checker-core.mjs" + self.location.search);
  const zip = fetchBytes(zipURL); // in parallel with the runtime download
  zip.catch(() => {}); // reported through startRuntime's await below
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  runtime = await startRuntime({
    loadPyodide,
    indexURL,
    zip,
    progress: (stage) => post({ type: "progress", stage }),
    extra: { stdout: () => {}, stderr: (m) => console.warn("[checker]", m) },
  });
  post({ type: "ready", version: runtime.version, ms: Math.round(performance.now() - t0) });
}

self.addEventListener("message", async (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    if (!starting) {
      starting = init(msg).catch((err) => {
        post({ type: "failed", message: String((err && err.message) || err) });
        throw err;
      });
    }
    return;
  }
  if (msg.type === "check") {
    try {
      await starting;
      const json = runtime.runCheck(msg.checker, msg.data);
      post({ type: "result", id: msg.id, json });
    } catch (err) {
      post({ type: "error", id: msg.id, message: String((err && err.message) || err) });
    }
  }
});
