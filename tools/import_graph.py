"""The import graph of the build (macros/) and the checkers (checkers/), and the two rules it keeps.

Usage: .venv/bin/python tools/import_graph.py [--dot] [--root DIR] [--env-edge PATH ...] [PACKAGE ...]

Reads every module's imports with ``ast`` (also those inside functions, and ``importlib.import_module``
with a literal name), keeps the ones between modules of the packages (default: macros and checkers), and
prints each module with what it imports (``--dot``: the graph as Graphviz DOT, a cluster per wing).
Exits 1 when

- the imports make a circle (a module that, through others, imports itself), or
- a module of ``macros/`` other than the two edges reads the environment (``os.environ``, ``os.getenv``):
  settings come from the command line (``macros/cli.py``) and from MkDocs (``macros/site/mkdocs_hooks.py``)
  and are passed down as a ``Settings`` object (``macros/settings.py``).

``--root`` and ``--env-edge`` (paths relative to the root) point it at another tree; the tests use them
on a planted package.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("macros", "checkers")
ENV_EDGES = ("macros/cli.py", "macros/site/mkdocs_hooks.py")
ENV_CHECKED = "macros"  # the package whose modules may not read the environment (checkers/ has its own rules)


def modules(root: Path, packages: list[str]) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the packages (a package is its __init__.py)."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The known module a dotted name refers to: itself, or the nearest known package or module above it."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def _base(module: str, path: Path, level: int, target: str | None) -> str:
    """The absolute name of a relative import (``from ..x import y`` in ``module``)."""
    if not level:
        return target or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    package = package[: len(package) - (level - 1)]
    return ".".join(package + ([target] if target else []))


def imports(module: str, path: Path, known: dict[str, Path]) -> tuple[set[str], list[int]]:
    """(known modules it imports, line numbers where it reads the environment)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    deps: set[str] = set()
    env_lines: list[int] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, path, node.level, node.module)
            # `from pkg import mod` imports the module pkg.mod; `from pkg import name` the package pkg
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
            if base == "os" and any(alias.name in ("environ", "getenv", "environb", "getenvb") for alias in node.names):
                env_lines.append(node.lineno)
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called == "import_module" and node.args and isinstance(node.args[0], ast.Constant):
                names = [str(node.args[0].value)]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os":
            if node.attr in ("environ", "getenv", "environb", "getenvb"):
                env_lines.append(node.lineno)
        for name in names:
            target = _resolve(name, known)
            if target and target != module:
                deps.add(target)
    return deps, sorted(set(env_lines))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (or a module importing itself), as a path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's algorithm; the graph is small, recursion is fine
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in graph.get(v, ()):
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def wing(module: str) -> str:
    """The wing of a module: its package below the top one (macros.render.wrap -> macros.render)."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 else parts[0]


def to_dot(graph: dict[str, set[str]]) -> str:
    lines = [
        "digraph imports {",
        '  graph [rankdir=LR, fontname="sans-serif", fontsize=11];',
        '  node [shape=box, style="rounded", fontname="sans-serif", fontsize=10];',
        "  edge [color=gray40, arrowsize=0.6];",
    ]
    wings: dict[str, list[str]] = {}
    for module in graph:
        wings.setdefault(wing(module), []).append(module)
    for i, (name, members) in enumerate(sorted(wings.items())):
        lines.append(f'  subgraph cluster_{i} {{ label="{name}"; style="rounded"; color=gray60;')
        lines += [f'    "{m}" [label="{m.rpartition(".")[2] or m}"];' for m in sorted(members)]
        lines.append("  }")
    for module in sorted(graph):
        lines += [f'  "{module}" -> "{dep}";' for dep in sorted(graph[module])]
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="*", default=list(PACKAGES))
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--env-edge", action="append", help="a file (from the root) that may read the environment")
    parser.add_argument("--env-checked", default=ENV_CHECKED, help="the package whose modules may not read it")
    parser.add_argument("--dot", action="store_true", help="print the graph as Graphviz DOT")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    edges = {root / p for p in (args.env_edge or ENV_EDGES)}
    known = modules(root, args.packages)
    graph: dict[str, set[str]] = {}
    readers: list[str] = []
    for module, path in known.items():
        graph[module], env_lines = imports(module, path, known)
        checked = module == args.env_checked or module.startswith(args.env_checked + ".")
        if env_lines and checked and path not in edges:
            rel = path.relative_to(root)
            readers += [f"{rel}:{line}: reads the environment" for line in env_lines]
    if args.dot:
        print(to_dot(graph), end="")
    else:
        for module in sorted(graph):
            print(f"{module} -> {', '.join(sorted(graph[module])) or '(nothing)'}")
    circles = cycles(graph)
    for group in circles:
        print(f"import circle: {' <-> '.join(group)}", file=sys.stderr)
    for line in readers:
        print(
            f"{line}; only the edges ({', '.join(str(e.relative_to(root)) for e in sorted(edges))}) may: "
            "pass a Settings value down instead",
            file=sys.stderr,
        )
    if circles or readers:
        return 1
    print(f"{len(graph)} modules, {sum(map(len, graph.values()))} imports, no circle", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
