"""Which flow steps each checker's rules rest on (from checkers/rules/*.toml), to link steps back."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import Path

from macros import config

RULES_DIR = config.ROOT / "checkers" / "rules"


def citations(rules_dir: Path = RULES_DIR) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(flow id, node id) -> [(checker name, rule description), ...] in file order."""
    out: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for path in sorted(rules_dir.glob("*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for table in data.values():
            # Frequency tables (kind = "frequency") say how often a meeting is held: reference data the
            # meeting checker does not check, so a step is not linked to that checker for them.
            if isinstance(table, dict) and "flow" in table and "node" in table and table.get("kind") != "frequency":
                entry = (path.stem, table.get("description", ""))
                if entry not in out[(table["flow"], table["node"])]:
                    out[(table["flow"], table["node"])].append(entry)
    return dict(out)
