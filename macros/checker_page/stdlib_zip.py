"""The checker runtime's standard library: compiled, and trimmed to what the checkers import.

Pyodide's own ``python_stdlib.zip`` holds every module of the standard library as source, and the
interpreter compiles each one it imports, on every cold start. The site ships instead
``assets/python_stdlib.zip`` (``STDLIB_ZIP``): exactly the modules listed in
``checkers/stdlib_modules.txt`` (``MODULE_LIST``: what the runtime's start and every checker vector
import, recorded with ``tools/stdlib_modules.py``, plus reviewed additions), each compiled by the
pinned Pyodide itself under Node (``stdlib_compile.mjs``, so the bytecode's magic number is the
interpreter's own) as a sourceless ``.pyc`` with unchecked-hash invalidation (no timestamps: the
same inputs give the same bytes). The worker hands it to ``loadPyodide`` as ``stdLibURL``.

Members are stored, not deflated: the file is sent compressed as a whole (``macros/site/precompress.py`` writes
its ``.br`` and ``.gz``), which compresses better than member by member, and nothing is inflated at
start-up.

The zip is cached in ``<cache_dir>/stdlib/`` under the hash of its inputs (the Pyodide package's
version and standard library, the module list, the compile script), and verified by its own hash
before use. A checker importing a module outside the list fails in the tests (``tests/test_vectors.py``
runs every vector in Pyodide with this zip; ``tests/test_stdlib_zip.py`` checks the checkers' imports),
never in a reader's browser.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zipfile

STDLIB_ZIP = "assets/python_stdlib.zip"
MODULE_LIST = "checkers/stdlib_modules.txt"
_COMPILER = pathlib.Path(__file__).with_name("stdlib_compile.mjs")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_FORMAT = "1"  # bump when the zip's layout changes without its inputs changing


class StdlibError(RuntimeError):
    """The trimmed standard library cannot be made (a bad module list, no Node, no Pyodide)."""


def module_names(root: pathlib.Path) -> list[str]:
    """The listed modules and every package above them, sorted (one name a line, ``#`` comments)."""
    path = pathlib.Path(root) / MODULE_LIST
    if not path.is_file():
        raise StdlibError(f"{path} is missing: it lists the standard library modules the checker runtime ships")
    names: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        if not all(part.isidentifier() for part in name.split(".")):
            raise StdlibError(f"{path}:{number}: {name!r} is not a module name (one dotted name a line, # comments)")
        parts = name.split(".")
        names.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return sorted(names)


def _inputs_key(root: pathlib.Path) -> str:
    pkg = pathlib.Path(root) / "node_modules" / "pyodide"
    h = hashlib.sha256(_FORMAT.encode())
    for part in (
        (pkg / "package.json").read_bytes(),
        (pkg / "python_stdlib.zip").read_bytes(),
        "\n".join(module_names(root)).encode(),
        _COMPILER.read_bytes(),
    ):
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:24]


def _compile(root: pathlib.Path, modules: list[str]) -> dict[str, bytes]:
    node = shutil.which("node")
    if node is None:
        raise StdlibError(
            "Node.js is needed to compile the checker runtime's standard library (apt-get install nodejs)"
        )
    with tempfile.TemporaryDirectory() as tmp:
        job = pathlib.Path(tmp) / "job.json"
        job.write_text(json.dumps({"modules": modules}), encoding="utf-8")
        proc = subprocess.run([node, str(_COMPILER), str(job)], capture_output=True, text=True, cwd=root, timeout=300)
    if proc.returncode != 0:
        raise StdlibError(
            f"compiling the standard library in Pyodide failed ({_COMPILER.name}):\n{proc.stderr[-3000:]}"
        )
    out = json.loads(proc.stdout)
    if out["missing"]:
        raise StdlibError(
            f"{MODULE_LIST} names modules that Pyodide {out['pyodide']} does not have: "
            f"{', '.join(out['missing'])}. Remove them from the list (or fix their spelling)."
        )
    return {name: base64.b64decode(data) for name, data in out["files"].items()}


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, files[name])
    return buf.getvalue()


@functools.lru_cache(maxsize=4)
def _cached_stdlib_zip(root: pathlib.Path, cache_dir: pathlib.Path) -> bytes:
    key = _inputs_key(root)
    path = cache_dir / "stdlib" / f"{key}.zip"
    digest = path.with_suffix(".sha256")
    data = None
    if path.is_file() and digest.is_file():
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest.read_text(encoding="ascii").strip():
            data = None
    if data is None:
        data = _zip(_compile(root, module_names(root)))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        digest.write_text(hashlib.sha256(data).hexdigest() + "\n", encoding="ascii")
    # Printed once per build process, made or read from the cache.
    print(f"zhibu: compiled standard library {STDLIB_ZIP}: {summary(data)}", file=sys.stderr)
    return data


def stdlib_zip(root: pathlib.Path, cache_dir: pathlib.Path) -> bytes:
    """The compiled, trimmed standard library zip (made once per inputs, then read from the cache)."""
    return _cached_stdlib_zip(pathlib.Path(root).resolve(), pathlib.Path(cache_dir).resolve())


def summary(data: bytes) -> str:
    """Its size and module count, as the build prints them."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        count = sum(1 for n in zf.namelist() if n.endswith(".pyc"))
    return f"{count} modules, {len(data):,} bytes"
