"""Gates: ruff lint and ruff format check are clean, and mypy (strict, for ``checkers/`` and the
flow model ``macros/flows/model.py``) finds nothing; all three configured in pyproject.toml. ESLint
(pinned in package.json, configured in eslint.config.mjs) finds nothing in the browser code.

Seen to fail on planted defects: an unused import in macros/ makes ``ruff check`` report F401;
a line indented with a tab-width change makes ``ruff format --check`` list the file; deleting the
return annotation of ``checkers._inputs.field_error`` makes mypy report ``no-untyped-def``, and
``_rules.in_force(...)["from"]`` in a checker (a value that may be None) reports ``index``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUFF = [sys.executable, "-m", "ruff"]


def test_ruff_check_is_clean():
    proc = subprocess.run(RUFF + ["check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_is_clean():
    proc = subprocess.run(RUFF + ["format", "--check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, "run `.venv/bin/ruff format .`:\n" + proc.stdout + proc.stderr


def test_mypy_strict_is_clean():
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", "/dev/null"], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success" in proc.stdout, proc.stdout  # it checked something (files are set in pyproject.toml)


ESLINT = REPO / "node_modules" / ".bin" / "eslint"


def test_eslint_is_clean():
    """ESLint (pinned in package.json, configured in eslint.config.mjs) over all browser code: the
    site's scripts and modules, the service worker template and the Node tests.

    Planted defect it failed on: ``let unused = 1;`` in checker-url.mjs (no-unused-vars and
    prefer-const, with the file and line in the message)."""
    assert ESLINT.is_file(), "ESLint is not installed: run `npm ci`"
    proc = subprocess.run([str(ESLINT), "--max-warnings", "0", "."], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, "ESLint (`npm run lint`):\n" + proc.stdout + proc.stderr
