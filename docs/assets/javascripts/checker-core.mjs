// Checker runtime core, shared by the browser worker (checker-worker.mjs) and the Node test
// harness (tests/node/run_checkers.mjs), so both run the checkers the same way.
//
// startRuntime() loads Pyodide from a self-hosted indexURL (no CDN, no micropip, no packages),
// unpacks the checkers zip built with the site into Pyodide's file system and puts it on
// sys.path. runCheck() calls checkers.<name>.check(data) and returns its result as JSON text.
// With a memory snapshot (checker-snapshot.mjs) it restores a started interpreter instead.

export const EXTRACT_DIR = "/home/pyodide/zhibu";

const BOOTSTRAP = `
import importlib, json, re, sys
if ${JSON.stringify(EXTRACT_DIR)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(EXTRACT_DIR)})
importlib.invalidate_caches()

def _zhibu_check(name, payload):
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ValueError("bad checker name: %r" % (name,))
    module = importlib.import_module("checkers." + name)
    result = module.check(json.loads(payload))
    return json.dumps(result, ensure_ascii=False, sort_keys=True, allow_nan=False)
`;

// loadPyodide: the function exported by pyodide.mjs; indexURL: folder of the runtime files
// (with trailing slash); zip: the checkers archive (ArrayBuffer or typed array, or a promise of one);
// progress(stage): optional callback, stage in "runtime" | "checkers" | "ready".
// snapshot: bytes (or a promise of bytes or null) of a memory snapshot to restore; if restoring
// fails the runtime starts the ordinary way. makeSnapshot: start so that takeSnapshot() works.
export async function startRuntime({
  loadPyodide,
  indexURL,
  zip,
  snapshot = null,
  makeSnapshot = false,
  progress = () => {},
  extra = {},
}) {
  progress("runtime");
  const marks = { start: performance.now() };
  let pyodide = null;
  let restored = false;
  const saved = await snapshot;
  if (saved) {
    try {
      pyodide = await loadPyodide({ indexURL, ...extra, _loadSnapshot: saved });
      restored = true;
    } catch (err) {
      console.warn("[checker] memory snapshot not usable, starting afresh:", err);
    }
  }
  if (!pyodide) pyodide = await loadPyodide({ indexURL, ...extra, ...(makeSnapshot ? { _makeSnapshot: true } : {}) });
  marks.interpreter = performance.now();
  progress("checkers");
  const bytes = await zip;
  pyodide.unpackArchive(bytes, "zip", { extractDir: EXTRACT_DIR });
  pyodide.runPython(BOOTSTRAP);
  marks.checkers = performance.now();
  const check = pyodide.globals.get("_zhibu_check");
  progress("ready");
  return {
    pyodide,
    version: pyodide.version,
    restored,
    marks,
    // Returns the checker's result as canonical JSON text (sorted keys); throws the Python
    // error (a PythonError with a traceback) if the checker raised.
    runCheck(name, data) {
      return check(name, JSON.stringify(data));
    },
    // The interpreter's memory as bytes, for the next visit (only with makeSnapshot, not restored).
    takeSnapshot: makeSnapshot && !restored ? () => pyodide.makeMemorySnapshot() : null,
  };
}
