// The 发展党员 register's check of N people in Pyodide under Node (bench/register.py writes the job):
// the runtime started as the browser's worker starts it, then the register checked `runs` times (the first
// run is a warm-up), and the same people checked one by one by the 发展党员 checker as the baseline.
// Prints JSON: {register_ms: [..], single_ms: [..], sort_ms: [..]}.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const require = createRequire(path.join(repo, "package.json"));
const pyodideEntry = require.resolve("pyodide/pyodide.mjs");
const { loadPyodide } = await import(pathToFileURL(pyodideEntry).href);
const { startRuntime } = await import(pathToFileURL(path.join(repo, "docs/assets/javascripts/checker-core.mjs")).href);

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const rt = await startRuntime({
  loadPyodide,
  indexURL: path.dirname(pyodideEntry) + path.sep,
  zip: new Uint8Array(readFileSync(job.zip)),
  stdLibURL: job.stdlib,
  preload: ["_register"],
  extra: { stdout: () => {}, stderr: () => {} },
});
const register = [];
const sort = [];
for (let i = 0; i <= job.runs; i++) {
  const t = performance.now();
  const result = JSON.parse(rt.runCheck("_register", { as_of: job.as_of, people: job.people }));
  const checked = performance.now();
  // What the page does with the answer before drawing: the rows in the order the Python gave.
  const rows = result.order.map((n) => result.people[n]);
  if (rows.length !== job.people.length) throw new Error("rows lost");
  if (i > 0) {
    register.push(performance.now() - t);
    sort.push(performance.now() - checked);
  }
}
const single = [];
for (let i = 0; i <= job.runs; i++) {
  const t = performance.now();
  for (const p of job.people) rt.runCheck("development", { ...p, as_of: job.as_of });
  if (i > 0) single.push(performance.now() - t);
}
process.stdout.write(JSON.stringify({ register_ms: register, single_ms: single, sort_ms: sort }));
