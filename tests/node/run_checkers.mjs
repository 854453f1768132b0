// Run checkers inside Pyodide under Node.js, from the npm `pyodide` package, with no network.
//
//   node tests/node/run_checkers.mjs <job.json>
//
// job.json: {"zip": "<path to checkers.zip>", "calls": [{"checker": "election", "input": {...}}, ...],
//            "stdlib": "<path to a standard library zip>"}   (optional: the trimmed one the site ships;
//            without it, the npm package's full python_stdlib.zip),
//            "probe": ["module names"]}   (optional: each is looked up after the calls)
// Prints one JSON document: {"pyodide": "<version>", "python": "<sys.version>",
//   "registry": [checker names as checkers.REGISTRY finds them there],
//   "modules": [names of the modules loaded from the standard library zip after every call],
//   "unimportable": [the probed names this interpreter cannot find],
//   "results": [{"ok": "<result as canonical JSON text>"} | {"error": "<traceback>"}, ...]}
//
// The zip is the same archive the site serves (macros/runtime_assets.checkers_zip) and it is
// unpacked by the same code the browser worker uses (docs/assets/javascripts/checker-core.mjs).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const require = createRequire(path.join(repo, "package.json"));

let pyodideEntry;
try {
  pyodideEntry = require.resolve("pyodide/pyodide.mjs");
} catch {
  console.error("node_modules/pyodide is missing: run `npm ci` in " + repo);
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(pyodideEntry).href);
const { startRuntime } = await import(
  pathToFileURL(path.join(repo, "docs/assets/javascripts/checker-core.mjs")).href
);

// Any attempt to reach the network is a bug here: the runtime must be self-contained.
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, ...rest) => {
  const s = String(url);
  if (/^https?:/i.test(s)) throw new Error("network access attempted: " + s);
  return realFetch(url, ...rest);
};

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const zip = readFileSync(job.zip);
const rt = await startRuntime({
  loadPyodide,
  indexURL: path.dirname(pyodideEntry) + path.sep,
  zip: new Uint8Array(zip),
  stdLibURL: job.stdlib || undefined,
  extra: { stdout: () => {}, stderr: (m) => process.stderr.write(m + "\n") },
});
const results = job.calls.map(({ checker, input }) => {
  try {
    return { ok: rt.runCheck(checker, input) };
  } catch (err) {
    return { error: String(err && err.message ? err.message : err) };
  }
});
const python = rt.pyodide.runPython("import sys; sys.version");
// The checker list as the package finds it in Pyodide's file system (checkers/__init__.py).
const registry = JSON.parse(rt.pyodide.runPython("import json, checkers; json.dumps(checkers.REGISTRY)"));
// Every module imported from the standard library zip (mounted at /lib/python3XX.zip) so far:
// the runtime's start and every call above (macros/checker_page/stdlib_zip.py compiles this set).
const modules = JSON.parse(
  rt.pyodide.runPython(`
import json, sys
json.dumps(sorted(n for n, m in list(sys.modules.items())
    if ".zip/" in (getattr(getattr(m, "__spec__", None), "origin", None) or "")))
`),
);
// The probed names (every module the checkers' code imports) that cannot be found here.
rt.pyodide.globals.set("_zhibu_probe", rt.pyodide.toPy(job.probe || []));
const unimportable = JSON.parse(
  rt.pyodide.runPython(`
import importlib.util, json
def _zhibu_found(name):
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False
json.dumps([n for n in _zhibu_probe if not _zhibu_found(n)])
`),
);
process.stdout.write(JSON.stringify({ pyodide: rt.version, python, registry, modules, unimportable, results }));
