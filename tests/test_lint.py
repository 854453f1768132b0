"""Gate: ruff lint and ruff format check are clean (configured in pyproject.toml).

Seen to fail on a planted defect: an unused import in macros/ makes ``ruff check`` report F401,
and a line indented with a tab-width change makes ``ruff format --check`` list the file.
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
