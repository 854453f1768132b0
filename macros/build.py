"""Everything generated from flows, as files keyed by site path: pages, SVGs (no MkDocs here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .checker_citations import citations
from .flow_loader import FlowError, load_site
from .model import Site
from .pages import site_pages
from .poster import poster_html
from .records_data import records_index
from .svg_render import render_all, standalone


@dataclass
class Outputs:
    site: Site
    svgs: dict[str, str]  # flow id -> inline SVG
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative .md path -> Markdown
    assets: dict[str, str | bytes | Path] = field(default_factory=dict)  # site path -> content


def load_valid_site(flows_dir: Path = config.FLOWS_DIR) -> Site:
    """The site's flows, or FlowError listing every problem."""
    site, problems = load_site(flows_dir)
    if problems:
        raise FlowError(problems)
    return site


def checker_renderer():
    """render_checker(name, base) from the checker widget module."""
    from .checker_widget import render_checker

    return render_checker


def build_outputs(
    flows_dir: Path = config.FLOWS_DIR, cache_dir: Path = config.CACHE_DIR, with_runtime: bool = True
) -> Outputs:
    site = load_valid_site(flows_dir)
    svgs = render_all(site.flows, cache_dir)
    uses_checkers = any(f.checker for f in site.flows)
    out = Outputs(site, svgs)
    cites = citations()
    out.pages = site_pages(site, svgs, checker_renderer() if uses_checkers else None, cites)
    out.assets[config.RECORDS_DATA] = records_index(site, cites)
    for flow in site.flows:
        out.assets[f"{config.DIAGRAM_DIR}/{flow.id}.svg"] = standalone(svgs[flow.id])
        out.assets[f"{config.POSTER_DIR}/{flow.id}.html"] = poster_html(flow, svgs[flow.id])
    if with_runtime:
        from .offline import offline_files
        from .runtime_assets import runtime_files

        out.assets.update(runtime_files(config.ROOT))
        out.assets.update(offline_files(config.ROOT))
    return out
