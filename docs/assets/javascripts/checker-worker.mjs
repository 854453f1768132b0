// Module Web Worker running the checkers in Pyodide, so the page never freezes.
//
// Start-up: the checkers zip, the memory snapshot of an earlier visit (checker-snapshot.mjs) and
// Pyodide's loader are fetched in parallel; with a snapshot the interpreter is restored instead of
// started. Without one, the started interpreter is snapshotted once, before any check runs.
// self.__zhibuMarks holds start-up times (ms since the epoch) for bench/checker_load.py.
//
// Messages in:  {type: "init", indexURL, zipURL}   (absolute URLs on this site)
//               {type: "check", id, checker, data}
// Messages out: {type: "progress", stage}            stage: "runtime" | "checkers"
//               {type: "ready", version, ms}
//               {type: "failed", message}
//               {type: "result", id, json} | {type: "error", id, message}

const marks = (self.__zhibuMarks = { worker: performance.timeOrigin + performance.now() });
const mark = (name) => (marks[name] = performance.timeOrigin + performance.now());

// Time the WebAssembly compilation (Pyodide calls instantiateStreaming once, for its .wasm).
if (typeof WebAssembly !== "undefined" && WebAssembly.instantiateStreaming) {
  const realInstantiate = WebAssembly.instantiateStreaming.bind(WebAssembly);
  WebAssembly.instantiateStreaming = async (...args) => {
    mark("wasmStart");
    const result = await realInstantiate(...args);
    mark("wasmDone");
    return result;
  };
}

let runtime = null;
let starting = null;
let failed = false;

function post(msg) {
  self.postMessage(msg);
}

function fail(message) {
  if (failed || runtime) return;
  failed = true;
  post({ type: "failed", message });
}

// Pyodide fetches its .wasm, standard library and lock file itself. When one of them is missing
// (HTTP 404) or the network drops, Pyodide only logs a warning and its promise never settles, so
// watch every response here and report the first failure at once.
const realFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const url = String(typeof Request !== "undefined" && input instanceof Request ? input.url : input);
  let response;
  try {
    response = await realFetch(input, init);
  } catch (err) {
    fail(`network error for ${url}: ${(err && err.message) || err}`);
    throw err;
  }
  if (!response.ok) fail(`HTTP ${response.status} for ${url}`);
  return response;
};
self.addEventListener("unhandledrejection", (event) => {
  fail(String((event.reason && event.reason.message) || event.reason));
});

async function fetchBytes(url) {
  const response = await realFetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function init({ indexURL, zipURL }) {
  const t0 = performance.now();
  // Same query string (content hash) as this worker, so a new build never mixes old and new code.
  const [{ startRuntime }, snapshots] = await Promise.all([
    import("./checker-core.mjs" + self.location.search),
    import("./checker-snapshot.mjs" + self.location.search),
  ]);
  const key = snapshots.snapshotKey(indexURL, zipURL, new URLSearchParams(self.location.search).get("v"));
  const saved = snapshots.loadSnapshot(key); // in parallel with the runtime download
  const zip = fetchBytes(zipURL);
  zip.catch(() => {}); // reported through startRuntime's await below
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  mark("loader");
  runtime = await startRuntime({
    loadPyodide,
    indexURL,
    zip,
    snapshot: saved,
    makeSnapshot: true,
    progress: (stage) => post({ type: "progress", stage }),
    extra: { stdout: () => {}, stderr: (m) => console.warn("[checker]", m) },
  });
  for (const [name, t] of Object.entries(runtime.marks)) marks[name] = performance.timeOrigin + t;
  marks.restored = runtime.restored;
  post({ type: "ready", version: runtime.version, ms: Math.round(performance.now() - t0) });
  mark("ready");
  if (runtime.takeSnapshot) {
    // Before any check: the snapshot holds no user input. Saving continues in the background.
    try {
      const bytes = runtime.takeSnapshot();
      mark("snapshot");
      snapshots.saveSnapshot(key, bytes).then((ok) => (marks.snapshotSaved = ok));
    } catch (err) {
      console.warn("[checker] no memory snapshot:", err);
    }
  }
}

self.addEventListener("message", async (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    if (!starting) {
      starting = init(msg).catch((err) => {
        fail(String((err && err.message) || err));
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
