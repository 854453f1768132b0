"""Every test vector runs twice: in this CPython and inside Pyodide under Node.js.

``tests/vectors/<checker>.yml`` holds readable cases, either as a list or as a mapping with a
``cases`` list (and optionally ``checker``, which defaults to the file name). Each case has
``name``, ``input`` and ``expected``; ``expected`` lists only the keys the case is about and is
matched as a subset (mappings: listed keys only; lists: same length, item by item).

The Pyodide side uses the npm ``pyodide`` package pinned in package.json (``npm ci``) with the
compiled, trimmed standard library the site ships (``macros/checker_page/stdlib_zip.py``), unpacks
the same ``checkers.zip`` the site serves, with the same JavaScript the browser worker uses, and has
no network. A checker importing a module that library lacks fails here, naming the module and the
list to add it to (``checkers/stdlib_modules.txt``). The canonical JSON of both results (sorted keys) must be identical, byte for byte.

YAML dates (an unquoted ``2024-05-01``) are turned into ``"2024-05-01"`` strings before either
side sees them, because the form sends strings.
"""

from __future__ import annotations

import ast
import datetime
import importlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest
import yaml

REPO = pathlib.Path(__file__).resolve().parent.parent
# Development only: point at another tree holding a ``checkers`` package and ``tests/vectors``.
ROOT = pathlib.Path(os.environ.get("ZHIBU_CHECKERS_ROOT", REPO))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(REPO / "macros" / "checker_page"))  # these two import nothing of the build

import runtime_assets  # noqa: E402
import stdlib_zip  # noqa: E402

CACHE_DIR = REPO / ".cache" / "zhibu"  # the build's default cache: the zip is compiled once for both

VECTOR_DIR = ROOT / "tests" / "vectors"


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _load_cases():
    cases = []
    for path in sorted(VECTOR_DIR.glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        checker = path.stem
        if isinstance(doc, dict):
            checker = doc.get("checker", checker)
            doc = doc.get("cases")
        assert isinstance(doc, list), f"{path}: expected a list of cases (or a mapping with `cases`)"
        for i, case in enumerate(doc):
            assert isinstance(case, dict) and "input" in case, f"{path}: case {i} has no `input`"
            cases.append(
                {
                    "id": f"{path.stem}:{case.get('name', i)}",
                    "checker": checker,
                    "input": _plain(case["input"]),
                    "expected": _plain(case.get("expected", {})),
                }
            )
    return cases


CASES = _load_cases()


def canonical(result) -> str:
    # Same serialisation as checker-core.mjs uses inside Pyodide.
    return json.dumps(result, ensure_ascii=False, sort_keys=True, allow_nan=False)


def run_cpython(checker: str, data: dict) -> str:
    module = importlib.import_module(f"checkers.{checker}")
    return canonical(module.check(json.loads(json.dumps(data))))


def checker_imports(root: pathlib.Path) -> list[str]:
    """Every module name an ``import`` of the checkers package names, anywhere in its code (sorted)."""
    names = set()
    for path in sorted((root / "checkers").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return sorted(n for n in names if n.split(".")[0] != "checkers")


def missing_module_message(name: str) -> str:
    return (
        f"the checkers import {name!r}, which the site's trimmed standard library lacks "
        f"(a reader's browser could not import it): add {name} to {stdlib_zip.MODULE_LIST} "
        f"(under '# reviewed', with the reason) or re-record it: .venv/bin/python tools/stdlib_modules.py --write"
    )


def run_in_pyodide(tmp: pathlib.Path, root: pathlib.Path, cases: list[dict]) -> dict:
    """Every case in one Pyodide session under Node, with the site's standard library; the harness's output."""
    node = shutil.which("node")
    assert node, "Node.js is required for the Pyodide side of the vectors (apt-get install nodejs)"
    runtime_assets.pyodide_version(REPO)  # clear error if `npm ci` was not run
    zip_path = tmp / "checkers.zip"
    zip_path.write_bytes(runtime_assets.checkers_zip(root))
    stdlib_path = tmp / "python_stdlib.zip"
    stdlib_path.write_bytes(stdlib_zip.stdlib_zip(REPO, CACHE_DIR))
    job = tmp / "job.json"
    job.write_text(
        json.dumps(
            {
                "zip": str(zip_path),
                "stdlib": str(stdlib_path),
                "probe": checker_imports(root),
                "calls": [{"checker": c["checker"], "input": c["input"]} for c in cases],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [node, str(REPO / "tests" / "node" / "run_checkers.mjs"), str(job)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert proc.returncode == 0, f"node run_checkers.mjs failed:\n{proc.stderr}"
    out = json.loads(proc.stdout)
    assert out["python"].startswith("3."), out
    return out


@pytest.fixture(scope="session")
def pyodide_results(tmp_path_factory):
    """Run every case in one Pyodide session under Node; case id → {"ok": json} | {"error": …}."""
    out = run_in_pyodide(tmp_path_factory.mktemp("pyodide"), ROOT, CASES)
    results = {c["id"]: r for c, r in zip(CASES, out["results"])}
    results[REGISTRY_KEY] = out["registry"]
    results[UNIMPORTABLE_KEY] = out["unimportable"]
    return results


REGISTRY_KEY = "checkers.REGISTRY"  # the Pyodide side's list of checkers, beside the case results
UNIMPORTABLE_KEY = "unimportable"  # the modules the checkers' code imports that Pyodide cannot find
_NO_MODULE = re.compile(r"ModuleNotFoundError: No module named '([^']+)'")


def pyodide_error(error: str) -> str:
    """A Pyodide traceback, led by what to do when it is a module the trimmed library lacks."""
    missing = _NO_MODULE.search(error)
    return (missing_module_message(missing.group(1)) + "\n\n" if missing else "") + f"Pyodide raised:\n{error}"


def matches(expected, actual, where="result") -> list[str]:
    """Differences between an `expected` subset and an actual value."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected a mapping, got {actual!r}"]
        out = []
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{where}.{key}: missing")
            else:
                out += matches(value, actual[key], f"{where}.{key}")
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{where}: expected {len(expected)} items, got {actual!r}"]
        out = []
        for i, (e, a) in enumerate(zip(expected, actual)):
            out += matches(e, a, f"{where}[{i}]")
        return out
    if expected != actual:
        return [f"{where}: expected {expected!r}, got {actual!r}"]
    return []


def test_vectors_exist():
    assert CASES, f"no test vectors found in {VECTOR_DIR}"


def test_registry_is_found_the_same_in_pyodide(pyodide_results):
    """``checkers.REGISTRY`` lists the package's folder: in Pyodide that folder is the unpacked
    checkers zip, which must hold the same checkers; every checker has its vectors."""
    import checkers

    assert pyodide_results[REGISTRY_KEY] == checkers.REGISTRY
    # Helpers with a check() of their own (_register, _register_csv) have vectors too; they are not checkers.
    named = {case["checker"] for case in CASES if not case["checker"].startswith("_")}
    assert sorted(named) == checkers.REGISTRY, "a checker without tests/vectors"


def test_every_module_the_checkers_import_is_in_the_shipped_standard_library(pyodide_results):
    """Every ``import`` in the checkers' code, also on paths no vector takes, resolves in Pyodide with
    the trimmed standard library the site ships. Seen to fail, naming the module and the list, with
    ``import xml.dom.minidom`` planted in a checker's function (and see test_stdlib_zip.py)."""
    missing = pyodide_results[UNIMPORTABLE_KEY]
    assert not missing, "\n".join(missing_module_message(name) for name in missing)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_vector_cpython_and_pyodide_agree(case, pyodide_results):
    cpython = run_cpython(case["checker"], case["input"])
    pyodide = pyodide_results[case["id"]]
    assert "error" not in pyodide, pyodide_error(pyodide["error"])
    assert pyodide["ok"] == cpython, f"CPython and Pyodide differ:\nCPython: {cpython}\nPyodide: {pyodide['ok']}"
    problems = matches(case["expected"], json.loads(cpython))
    assert not problems, "\n".join(problems)
