"""The table record kinds the browser keeps (docs/assets/javascripts/record-tables.mjs) match the checkers whose
forms they are entered in: every row field is a column of the checker's rows input with the same label, type,
choices and bounds, and every head field an input of the same name, type and bounds, so a saved record loads back into the form
and a form's rows save without losing a value.

Seen to fail on planted defects: a choice missing from the ledger's meeting kinds; a row field's type changed.
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SCRIPT = 'import("./docs/assets/javascripts/record-tables.mjs").then((m) => console.log(JSON.stringify(m.TABLES)))'


def _tables() -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "Node.js is not installed (scripts/setup-system.sh installs it)"
    out = subprocess.run([node, "-e", SCRIPT], cwd=REPO, capture_output=True, text=True, timeout=60, check=True)
    tables: dict[str, Any] = json.loads(out.stdout)
    return tables


def _same(field: dict[str, Any], spec: dict[str, Any], label: bool = True) -> None:
    where = field["name"]
    assert not label or field["label"] == spec["label"], where
    assert field["type"] == spec.get("type", "text"), where
    if field["type"] == "choice":
        assert [tuple(o) for o in field["options"]] == [(o["value"], o["label"]) for o in spec["options"]], where
    if field["type"] == "integer":
        assert (field["min"], field["max"]) == (spec.get("min"), spec.get("max")), where


def test_each_table_kind_matches_its_checker_form() -> None:
    tables = _tables()
    assert "ledger" in tables
    for name, kind in tables.items():
        if "input" not in kind:
            continue  # not entered in a checker's form: its page keeps its rows (the register: test_register_page.py)
        checker = importlib.import_module("checkers." + kind["checker"])
        inputs = {spec["name"]: spec for spec in checker.INPUTS}
        rows = inputs[kind["input"]]
        assert rows["type"] == "rows", name
        columns = {c["name"]: c for c in rows["columns"]}
        assert [f["name"] for f in kind["fields"]] == list(columns), name
        for field in kind["fields"]:
            _same(field, columns[field["name"]])
        for field in kind["head"]:
            _same(field, inputs[field["name"]], label=False)  # (a record's words may differ from the form's)
        assert (REPO / "docs" / (kind["page"].rstrip("/") + ".md")).is_file(), name
