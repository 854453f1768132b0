"""Load a folder of flows into a site: the index, every flow, their order, and the checks across files."""

from __future__ import annotations

from pathlib import Path

from macros import config
from macros.flows.flow_loader import load_flow, load_index
from macros.flows.model import Category, Flow, Series, Site
from macros.flows.yaml_source import Problem
from macros.settings import DEFAULTS


def flow_files(paths: list[Path]) -> list[Path]:
    """Expand directories to their flow files (*.yml not starting with '_'), sorted."""
    out = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.glob("*.yml") if not q.name.startswith("_")))
        else:
            out.append(p)
    return out


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_site(flows_dir: Path = DEFAULTS.flows_dir) -> tuple[Site | None, list[Problem]]:
    """Load the index and every flow of a directory, cross-check them, return the site and problems."""
    index_path = flows_dir / config.INDEX_FILE
    cats, series, problems = load_index(index_path, _display(index_path))
    flows = []
    for path in flow_files([flows_dir]):
        flow, found = load_flow(path, _display(path))
        problems.extend(found)
        if flow is not None:
            flows.append(flow)
    problems.extend(cross_check(flows, cats, series))
    if problems:
        return None, problems
    for s in series:
        s.flows = sorted((f for f in flows if f.series == s.id), key=lambda f: f.series_order)
    order = {c.id: i for i, c in enumerate(cats)}
    position = _source_positions()
    flows.sort(key=lambda f: (order[f.category], position.get(f.source, len(position)), f.series_order or 0, f.path))
    return Site(flows, cats, series), problems


def _source_positions() -> dict[str, int]:
    """Title line -> its first line number in the source document (the order the site lists flows)."""
    try:
        lines = config.SOURCE_FILE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    positions: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        positions.setdefault(line.strip(), number)
    return positions


def cross_check(flows: list[Flow], cats: list[Category], series: list[Series]) -> list[Problem]:
    """Checks across files: known category and series, unique series order."""
    problems = []
    cat_ids, series_ids = {c.id for c in cats}, {s.id for s in series}
    orders: dict[tuple, str] = {}
    for flow in flows:
        if flow.category and flow.category not in cat_ids:
            problems.append(
                Problem(
                    flow.path,
                    1,
                    1,
                    f"category '{flow.category}' is not in "
                    f"{config.INDEX_FILE}; use one of: {', '.join(sorted(cat_ids))}",
                )
            )
        if flow.series:
            if flow.series not in series_ids:
                problems.append(
                    Problem(
                        flow.path,
                        1,
                        1,
                        f"series '{flow.series}' is not in "
                        f"{config.INDEX_FILE}; use one of: {', '.join(sorted(series_ids))}",
                    )
                )
            key = (flow.series, flow.series_order)
            if key in orders:
                problems.append(
                    Problem(
                        flow.path,
                        1,
                        1,
                        f"series '{flow.series}' order {flow.series_order} is also used by {orders[key]}",
                    )
                )
            orders[key] = flow.path
    return problems
