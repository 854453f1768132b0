// Compile standard library modules to bytecode with the pinned Pyodide itself, so the bytecode's
// magic number is the interpreter's own (called by macros/checker_page/stdlib_zip.py at build time).
//
//   node macros/checker_page/stdlib_compile.mjs <job.json>
//
// job.json: {"modules": ["json", "json.decoder", ...]}
// Prints one JSON document: {"pyodide": "<version>", "magic": "<hex>",
//   "files": {"json/__init__.pyc": "<base64>", ...},   (sourceless, unchecked-hash .pyc)
//   "builtin": [names that are built into the interpreter: nothing to ship],
//   "missing": [names that are neither in the npm package's python_stdlib.zip nor built in]}
// Each run starts a fresh interpreter and compiles in the order given, so the bytes are the same
// every time (marshal's output depends on the objects' reference counts, which this fixes).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const require = createRequire(path.join(repo, "package.json"));
const { loadPyodide } = await import(pathToFileURL(require.resolve("pyodide/pyodide.mjs")).href);

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const pyodide = await loadPyodide({ stdout: () => {}, stderr: (m) => process.stderr.write(m + "\n") });
pyodide.globals.set("_zhibu_modules", pyodide.toPy(job.modules));
const out = pyodide.runPython(`
import base64, importlib.util, json, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

def _zhibu_compile(modules):
    archive = next(p for p in sys.path if p.endswith(".zip"))
    with zipfile.ZipFile(archive) as z:
        names = set(z.namelist())
        files, builtin, missing = {}, [], []
        for name in modules:
            rel = name.replace(".", "/")
            entry = next((e for e in (rel + "/__init__.py", rel + ".py") if e in names), None)
            if entry is None:
                (builtin if name in sys.builtin_module_names else missing).append(name)
                continue
            source = z.read(entry)
            code = compile(source, archive + "/" + entry, "exec", dont_inherit=True, optimize=2)
            data = _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)
            files[entry + "c"] = base64.b64encode(bytes(data)).decode("ascii")
    magic = importlib.util.MAGIC_NUMBER.hex()
    return json.dumps({"magic": magic, "files": files, "builtin": builtin, "missing": missing})

_zhibu_compile(_zhibu_modules)
`);
const result = JSON.parse(out);
process.stdout.write(JSON.stringify({ pyodide: pyodide.version, ...result }));
