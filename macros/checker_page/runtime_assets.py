"""Files the checker runtime adds to the built site.

``runtime_files(root)`` maps site-relative output paths to a source file or to bytes:

- ``assets/pyodide/<version>/…``: the Pyodide runtime, copied from the npm package in
  ``node_modules/pyodide/`` (pinned in ``package.json``). The version is part of the path, so
  a server may let browsers cache that folder for a long time. Its ``pyodide-lock.json`` keeps the
  package's ``info`` (which ``loadPyodide`` checks against the interpreter) and drops the list of
  packages (``pyodide_lock``): the checkers load none, and the list is 119 KB of a first visit.
- ``assets/python_stdlib.zip``: the standard library, compiled and trimmed to what the checkers
  import (``stdlib_zip.py``); it replaces the package's ``python_stdlib.zip``, which is not copied.
  Its URL carries a content hash (``?v=…``) like the checkers zip's.
- ``assets/checkers.zip``: the ``checkers`` package (``*.py`` and ``rules/*.toml``, and the register's
  ``rules/register_headers.json`` made from them: ``macros/editions/register_headers.py``), zipped
  deterministically (sorted names, fixed timestamps and modes), its members stored, not deflated:
  the build's ``.br``/``.gz`` of the whole file (``macros/site/precompress.py``) then compress the
  sources together, which deflating member by member prevents (46 KB Brotli instead of 91 KB sent
  as is). The widget unpacks it into
  Pyodide's file system, so the browser runs exactly the code the tests ran. Its URL carries a
  content hash (``?v=…``) so a changed package is never served stale from a cache.

The same zip is what the Node test harness (``tests/node/run_checkers.mjs``) unpacks.
"""

from __future__ import annotations

import hashlib
import io
import json
import pathlib
import zipfile

try:  # imported as macros.checker_page.runtime_assets, or alone by tests/test_vectors.py
    from . import stdlib_zip
except ImportError:
    import stdlib_zip  # type: ignore[no-redef]

# The files of the npm package that a browser needs. ``pyodide-lock.json`` is read by
# ``loadPyodide`` at start-up even though no package is ever loaded (the site ships it without its
# package list: ``pyodide_lock``). Its ``python_stdlib.zip`` is replaced by the compiled, trimmed
# ``STDLIB_ZIP``.
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "pyodide-lock.json",
)
LOCK_FILE = "pyodide-lock.json"
STDLIB_ZIP = stdlib_zip.STDLIB_ZIP

CHECKERS_ZIP = "assets/checkers.zip"
# The widget's entry (an ES module) and every module it imports that an ordinary page does not load
# (they count in the first download's size and in the entry's ?v=; add new ones here).
WIDGET_SCRIPT = "assets/javascripts/checker-widget.mjs"
WIDGET_MODULES = (WIDGET_SCRIPT,) + tuple(
    f"assets/javascripts/checker-{name}.mjs"
    for name in ("actions", "form", "inputs", "plan", "runtime", "status", "url", "verdict")
)
# A classic script: what the widget says where its modules cannot load (a page opened from disk).
WIDGET_FALLBACK = "assets/javascripts/checker-fallback.js"
WIDGET_WORKER = "assets/javascripts/checker-worker.mjs"
WIDGET_STYLE = "assets/stylesheets/checker.css"
# The checker worker and the modules it imports with the worker's own ?v= (add new ones here).
WORKER_MODULES = ("checker-worker.mjs", "checker-core.mjs", "checker-snapshot.mjs")


def worker_modules() -> list[str]:
    """Site paths of the checker worker and the modules it imports."""
    return [f"assets/javascripts/{name}" for name in WORKER_MODULES]


_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class RuntimeMissing(RuntimeError):
    """The npm Pyodide package is not installed (run ``npm ci``)."""


def _package_dir(root: pathlib.Path) -> pathlib.Path:
    return pathlib.Path(root) / "node_modules" / "pyodide"


def pyodide_version(root: pathlib.Path) -> str:
    """The installed npm Pyodide version; it must equal the pin in ``package.json``."""
    root = pathlib.Path(root)
    manifest = _package_dir(root) / "package.json"
    if not manifest.is_file():
        raise RuntimeMissing(
            f"Pyodide is not installed: {manifest} is missing. "
            f"Run `npm ci` in {root} (it installs the version pinned in package.json)."
        )
    installed = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    pinned = json.loads((root / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    if installed != pinned:
        raise RuntimeMissing(f"node_modules/pyodide is {installed} but package.json pins {pinned}. Run `npm ci`.")
    return installed


def pyodide_dir(root: pathlib.Path) -> str:
    """Site-relative folder of the Pyodide runtime, with a trailing slash."""
    return f"assets/pyodide/{pyodide_version(root)}/"


def pyodide_lock(root: pathlib.Path) -> bytes:
    """The npm package's lock file with its ``info`` and no packages: ``loadPyodide`` checks the
    ``info`` (its ABI version must be the interpreter's) and reads the packages only to load one
    (``loadPackage``, micropip), which the checkers never do. Same input, same bytes."""
    src = _package_dir(root) / LOCK_FILE
    if not src.is_file():
        raise RuntimeMissing(f"{src} is missing. Run `npm ci` in {root}.")
    lock = json.loads(src.read_text(encoding="utf-8"))
    return json.dumps({**lock, "packages": {}}, ensure_ascii=False, separators=(",", ":")).encode()


def _checker_sources(root: pathlib.Path) -> list[tuple[str, pathlib.Path]]:
    base = pathlib.Path(root)
    pkg = base / "checkers"
    if not (pkg / "__init__.py").is_file():
        raise FileNotFoundError(f"{pkg}/__init__.py is missing: the checkers package is not there")
    out = []
    for path in pkg.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(base).as_posix()
        if path.suffix == ".py" or (path.suffix == ".toml" and path.parent == pkg / "rules"):
            out.append((rel, path))
    return sorted(out)


def checkers_zip(root: pathlib.Path) -> bytes:
    """The ``checkers`` package as a deterministic zip (same input, same bytes), members stored."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for rel, path in _checker_sources(root):
            info = zipfile.ZipInfo(rel, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, path.read_bytes())
    return buf.getvalue()


def _with_register_headers(data: bytes) -> bytes:
    """The served zip also holds the register CSV's column names in both scripts (a .json made from the
    sources, which the 繁體 conversion leaves alone), so each edition reads the other's file; its ?v= stays
    the hash of the sources it is made from."""
    from macros.editions.register_headers import with_headers  # here only: checkers_zip imports nothing of the build

    return with_headers(data)


def short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def default_cache(root: pathlib.Path) -> pathlib.Path:
    """The build's cache folder when none is given (Settings.cache_dir's default)."""
    return pathlib.Path(root) / ".cache" / "zhibu"


def stdlib_bytes(root: pathlib.Path, cache_dir: pathlib.Path | None = None) -> bytes:
    """The compiled, trimmed standard library zip (``stdlib_zip.py``)."""
    return stdlib_zip.stdlib_zip(pathlib.Path(root), cache_dir or default_cache(root))


def stdlib_url(root: pathlib.Path, cache_dir: pathlib.Path | None = None) -> str:
    """Site-relative URL of the standard library zip, with its content hash."""
    return f"{STDLIB_ZIP}?v={short_hash(stdlib_bytes(root, cache_dir))}"


def runtime_files(
    root: pathlib.Path, with_pyodide: bool = True, cache_dir: pathlib.Path | None = None
) -> dict[str, pathlib.Path | bytes]:
    """Site-relative output path → source file or bytes, for every runtime file of the site.

    ``with_pyodide=False``: the checkers zip and standard library only (a build that loads another
    build's Pyodide)."""
    root = pathlib.Path(root)
    prefix = pyodide_dir(root)
    files: dict[str, pathlib.Path | bytes] = {}
    for name in PYODIDE_FILES if with_pyodide else ():
        src = _package_dir(root) / name
        if not src.is_file():
            raise RuntimeMissing(f"{src} is missing. Run `npm ci` in {root}.")
        files[prefix + name] = pyodide_lock(root) if name == LOCK_FILE else src
    files[CHECKERS_ZIP] = _with_register_headers(checkers_zip(root))
    files[STDLIB_ZIP] = stdlib_bytes(root, cache_dir)
    return files
