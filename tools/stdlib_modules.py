"""Record which standard library modules the checker runtime imports, and rewrite their list.

    .venv/bin/python tools/stdlib_modules.py          # print what the list lacks and holds in excess
    .venv/bin/python tools/stdlib_modules.py --write  # rewrite the list's recorded part

Runs every vector of ``tests/vectors/`` in Pyodide under Node with Pyodide's FULL standard library
(``tests/node/run_checkers.mjs``) and records every module it loaded from the standard library zip:
the runtime's start, the checkers zip's unpacking and every checker on every vector. That set is the
recorded part of ``checkers/stdlib_modules.txt``; the part under its ``# reviewed`` line is kept as
it is (modules a checker may import on a path no vector takes — add them there, with a reason).
The build compiles exactly the list (``macros/checker_page/stdlib_zip.py``).
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parent.parent
LIST = REPO / "checkers" / "stdlib_modules.txt"
REVIEWED = "# reviewed"

HEADER = """\
# The standard library modules the checker runtime ships, compiled (macros/checker_page/stdlib_zip.py).
# A module not listed here cannot be imported in the reader's browser. A checker that needs one
# fails in the tests (tests/test_vectors.py, tests/test_stdlib_zip.py) with its name: add it under
# "# reviewed" below with the reason, or re-record with `.venv/bin/python tools/stdlib_modules.py --write`.
#
# Recorded: what the runtime's start and every vector of tests/vectors/ import in Pyodide.
"""


def recorded() -> list[str]:
    spec = importlib.util.spec_from_file_location("_vectors", REPO / "tests" / "test_vectors.py")
    assert spec and spec.loader
    vectors = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vectors)
    with tempfile.TemporaryDirectory() as tmp:
        zip_path = pathlib.Path(tmp) / "checkers.zip"
        zip_path.write_bytes(vectors.runtime_assets.checkers_zip(vectors.ROOT))
        job = pathlib.Path(tmp) / "job.json"
        calls = [{"checker": c["checker"], "input": c["input"]} for c in vectors.CASES]
        job.write_text(json.dumps({"zip": str(zip_path), "calls": calls}, ensure_ascii=False), encoding="utf-8")
        proc = subprocess.run(
            ["node", str(REPO / "tests" / "node" / "run_checkers.mjs"), str(job)],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=True,
        )
    return sorted(json.loads(proc.stdout)["modules"])


def reviewed_part(text: str) -> str:
    """The list from its ``# reviewed`` line on (a line that starts with it: the header names it too)."""
    lines = text.splitlines(keepends=True)
    for at, line in enumerate(lines):
        if line.startswith(REVIEWED):
            return "".join(lines[at:])
    return REVIEWED + ": modules no vector imports (one a line, with the reason)\n"


def main(argv: list[str]) -> int:
    found = recorded()
    text = LIST.read_text(encoding="utf-8") if LIST.is_file() else ""
    listed = {line.split("#", 1)[0].strip() for line in text.splitlines()} - {""}
    lacking = sorted(set(found) - listed)
    print(f"recorded {len(found)} modules; the list lacks {len(lacking)}: {' '.join(lacking) or '-'}")
    if "--write" in argv:
        LIST.write_text(HEADER + "".join(f"{name}\n" for name in found) + "\n" + reviewed_part(text), encoding="utf-8")
        print(f"wrote {LIST.relative_to(REPO)}")
    return 1 if lacking and "--write" not in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
