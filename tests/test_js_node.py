"""The browser modules that need no DOM, under ``node --test``: the self-check records store over a fake
localStorage, the record kinds and model, the checker form's URL state and its quick format check
(tests/node/*.test.mjs).

Seen to fail on planted defects: queryFor() dropping the parameters that are not the checker's;
the store writing over a document of a newer schema; the store's in-memory fallback forgetting
what was saved.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_node_unit_tests_pass():
    node = shutil.which("node")
    assert node, "Node.js is not installed (scripts/setup-system.sh installs it)"
    tests = sorted(str(p.relative_to(REPO)) for p in (REPO / "tests" / "node").glob("*.test.mjs"))
    assert len(tests) >= 3, tests
    proc = subprocess.run([node, "--test", *tests], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-20000:] + proc.stderr
