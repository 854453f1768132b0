// Module Web Worker running the checkers in Pyodide, so the page never freezes.
//
// Start-up: everything is requested at once, in parallel — Pyodide's loader and engine modules,
// its .wasm, the site's compiled standard library (stdlibURL) and lock file (fetched here before the loader has even arrived and
// handed to Pyodide when it asks for them), the checkers zip, and the memory snapshot of an
// earlier visit (checker-snapshot.mjs). With a snapshot the interpreter is restored instead of
// started. Without one, the started interpreter is snapshotted once, before any check runs.
// self.__zhibuMarks holds start-up times (ms since the epoch) for bench/checker_load.py.
//
// Messages in:  {type: "init", indexURL, stdlibURL, zipURL, checkers}   (absolute URLs; the page's checkers)
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

// Pyodide fetches its .wasm, standard library and lock file itself, but only once its loader has
// arrived and started. They are requested earlier (fetchEarly) and Pyodide's own request for the
// same URL gets that response (each once; a request with options such as integrity goes out as is).
const realFetch = self.fetch.bind(self);
const early = new Map(); // absolute URL → {response: Promise<Response>, abort}

function fetchEarly(url) {
  const abort = new AbortController();
  const response = realFetch(url, { credentials: "same-origin", signal: abort.signal });
  response.catch(() => {}); // reported when Pyodide asks for it
  early.set(url, { response, abort });
}

function takeEarly(url, init) {
  const entry = early.get(url);
  if (!entry || (init && Object.keys(init).length)) return null;
  early.delete(url);
  return entry.response;
}

// When a file is missing (HTTP 404) or the network drops, Pyodide only logs a warning and its
// promise never settles, so watch every response here and report the first failure at once.
self.fetch = async (input, init) => {
  const url = String(typeof Request !== "undefined" && input instanceof Request ? input.url : input);
  let response;
  try {
    response = await (takeEarly(url, init) || realFetch(input, init));
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

// Files Pyodide fetches itself (fetchEarly) and the engine module its loader imports.
const EARLY_FILES = ["pyodide.asm.wasm", "pyodide-lock.json"];
const ENGINE = "pyodide.asm.mjs";

async function initRuntime({ indexURL, stdlibURL, zipURL, checkers = [] }) {
  const t0 = performance.now();
  for (const name of EARLY_FILES) fetchEarly(indexURL + name);
  if (stdlibURL) fetchEarly(stdlibURL);
  const zip = fetchBytes(zipURL);
  zip.catch(() => {}); // reported through startRuntime's await below
  const loader = import(indexURL + "pyodide.mjs");
  // Pyodide's loader imports its engine later; the same URL is the same module, fetched once.
  import(indexURL + ENGINE).catch(() => {}); // a failure is reported by the loader's own import
  mark("fetch");
  // Same query string (content hash) as this worker, so a new build never mixes old and new code.
  const [{ startRuntime }, snapshots] = await Promise.all([
    import("./checker-core.mjs" + self.location.search),
    import("./checker-snapshot.mjs" + self.location.search),
  ]);
  const key = snapshots.snapshotKey(indexURL, zipURL, new URLSearchParams(self.location.search).get("v"), stdlibURL);
  const saved = snapshots.findSnapshot(key); // its bytes are read while the runtime downloads
  const { loadPyodide } = await loader;
  mark("loader");
  runtime = await startRuntime({
    loadPyodide,
    indexURL,
    stdLibURL: stdlibURL,
    zip,
    snapshot: saved,
    makeSnapshot: true,
    preload: checkers,
    progress: (stage) => post({ type: "progress", stage }),
    extra: { stdout: () => {}, stderr: (m) => console.warn("[checker]", m) },
  });
  for (const [name, t] of Object.entries(runtime.marks)) marks[name] = performance.timeOrigin + t;
  marks.restored = runtime.restored;
  // Anything requested early that Pyodide never asked for (a new Pyodide version that no longer
  // loads it) is cancelled, and named for the benchmark.
  marks.unused = [...early.keys()];
  for (const { abort } of early.values()) abort.abort();
  early.clear();
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
      starting = initRuntime(msg).catch((err) => {
        fail(String((err && err.message) || err));
        throw err;
      });
    }
    return;
  }
  if (msg.type === "check") {
    if (!marks.asked) mark("asked");
    try {
      await starting;
      if (!marks.checking) mark("checking");
      const json = runtime.runCheck(msg.checker, msg.data);
      if (!marks.checked) mark("checked");
      post({ type: "result", id: msg.id, json });
    } catch (err) {
      post({ type: "error", id: msg.id, message: String((err && err.message) || err) });
    }
  }
});
