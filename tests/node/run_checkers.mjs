// Run checkers inside Pyodide under Node.js, from the npm `pyodide` package, with no network.
//
//   node tests/node/run_checkers.mjs <job.json>
//
// job.json: {"zip": "<path to checkers.zip>", "calls": [{"checker": "election", "input": {...}}, ...]}
// Prints one JSON document: {"pyodide": "<version>", "python": "<sys.version>",
//   "registry": [checker names as checkers.REGISTRY finds them there],
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
process.stdout.write(JSON.stringify({ pyodide: rt.version, python, registry, results }));
