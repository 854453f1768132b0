// Checker runtime core, shared by the browser worker (checker-worker.mjs) and the Node test
// harness (tests/node/run_checkers.mjs), so both run the checkers the same way.
//
// startRuntime() loads Pyodide from a self-hosted indexURL (no CDN, no micropip, no packages),
// unpacks the checkers zip built with the site into Pyodide's file system and puts it on
// sys.path. runCheck() calls checkers.<name>.check(data) and returns its result as JSON text
// (<name> may be a helper module with a check(), such as _register, that is not in REGISTRY).
// With a memory snapshot (checker-snapshot.mjs) it restores a started interpreter instead.

export const EXTRACT_DIR = "/home/pyodide/zhibu";

const BOOTSTRAP = `
import importlib, json, re, sys
if ${JSON.stringify(EXTRACT_DIR)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(EXTRACT_DIR)})
importlib.invalidate_caches()

def _zhibu_module(name):
    if not re.fullmatch(r"_?[a-z][a-z0-9_]*", name):  # a checker, or a helper with check() (_register)
        raise ValueError("bad checker name: %r" % (name,))
    return importlib.import_module("checkers." + name)

def _zhibu_check(name, payload):
    result = _zhibu_module(name).check(json.loads(payload))
    return json.dumps(result, ensure_ascii=False, sort_keys=True, allow_nan=False)
`;

// loadPyodide: the function exported by pyodide.mjs; indexURL: folder of the runtime files
// (with trailing slash); stdLibURL: the standard library zip (macros/checker_page/stdlib_zip.py: compiled
// and trimmed to what the checkers import; undefined: Pyodide's own); zip: the checkers archive (ArrayBuffer or typed array, or a promise of one);
// progress(stage): optional callback, stage in "runtime" | "checkers" | "ready".
// preload: names of the checkers the page shows, imported before the runtime says it is ready
// (and so before a memory snapshot is taken: a repeat visit's first check then imports nothing —
// in a restored interpreter that import ran at a quarter of the speed). An import that fails is
// left for the check to report.
// snapshot: null, or {bytes} (bytes a promise of a memory snapshot's bytes), or a promise of either;
// the bytes are read while Pyodide already fetches its files. If restoring fails the runtime starts
// the ordinary way. makeSnapshot: start so that takeSnapshot() works.
export async function startRuntime({
  loadPyodide,
  indexURL,
  stdLibURL,
  zip,
  snapshot = null,
  makeSnapshot = false,
  preload = [],
  progress = () => {},
  extra = {},
}) {
  progress("runtime");
  const marks = { start: performance.now() };
  let pyodide = null;
  let restored = false;
  const saved = await snapshot;
  if (stdLibURL) extra = { ...extra, stdLibURL };
  if (saved) {
    try {
      pyodide = await loadPyodide({ indexURL, ...extra, _loadSnapshot: saved.bytes });
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
  const load = pyodide.globals.get("_zhibu_module");
  for (const name of preload) {
    try {
      load(name).destroy();
    } catch {
      /* reported by the first check of that checker */
    }
  }
  load.destroy();
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
