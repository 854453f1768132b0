"""The import graph (tools/import_graph.py): no circle in macros/ or checkers/, and no module of macros/
reads the environment except the two edges (the command line and the MkDocs hook).

Seen to fail on main before the wings: the circle checker_widget <-> download_sizes (hidden by an import
inside a function) and the ZHIBU_* reads in config.py, exports.py and script_variant.py; the planted
package below proves each rule is checked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOL = [sys.executable, str(REPO / "tools" / "import_graph.py")]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(TOOL + list(args), cwd=REPO, capture_output=True, text=True, timeout=60)


def test_the_build_has_no_import_circle_and_reads_no_environment_below_its_edges():
    proc = run()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no circle" in proc.stderr
    graph = dict(line.split(" -> ", 1) for line in proc.stdout.splitlines())
    assert "macros.checker_page.download_sizes" in graph["macros.checker_page.checker_widget"]
    assert "macros.checker_page.checker_widget" not in graph["macros.checker_page.download_sizes"]


def test_dot_output_has_a_cluster_per_wing():
    proc = run("--dot")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("digraph imports {") and 'label="macros.render"' in proc.stdout


def _plant(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_planted_circle_is_caught_also_through_an_import_inside_a_function(tmp_path):
    _plant(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/wing/__init__.py": '"""A wing."""\n',
            "pkg/wing/a.py": "from pkg.wing import b\n",
            "pkg/wing/b.py": "def f():\n    from .c import g\n    return g\n",
            "pkg/wing/c.py": "import importlib\nA = importlib.import_module('pkg.wing.a')\n",
            "pkg/d.py": "from pkg.wing.a import b\n",
        },
    )
    proc = run("--root", str(tmp_path), "--env-checked", "pkg", "pkg")
    assert proc.returncode == 1
    assert "import circle: pkg.wing.a <-> pkg.wing.b <-> pkg.wing.c" in proc.stderr
    (tmp_path / "pkg/wing/c.py").write_text("G = 1\n", encoding="utf-8")
    assert run("--root", str(tmp_path), "--env-checked", "pkg", "pkg").returncode == 0


def test_a_planted_environment_read_is_caught_outside_the_edges(tmp_path):
    _plant(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/cli.py": "import os\nX = os.environ.get('X')\n",
            "pkg/deep.py": "from os import getenv\nY = getenv('Y')\n",
        },
    )
    args = ("--root", str(tmp_path), "--env-checked", "pkg", "--env-edge", "pkg/cli.py", "pkg")
    proc = run(*args)
    assert proc.returncode == 1 and "pkg/deep.py:1: reads the environment" in proc.stderr
    assert "pkg/cli.py" not in proc.stderr.split(";")[0]
    (tmp_path / "pkg/deep.py").write_text("Y = 1\n", encoding="utf-8")
    assert run(*args).returncode == 0


def test_the_macros_module_uses_what_the_hook_built_and_loads_no_flows():
    graph = dict(line.split(" -> ", 1) for line in run().stdout.splitlines())
    assert (
        "macros.flows" not in graph["macros.site.main"] and "macros.render.svg_render" not in graph["macros.site.main"]
    )
