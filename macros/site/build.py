"""Everything generated from flows, as files keyed by site path: pages, SVGs, downloads (no MkDocs here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .checker_citations import citations
from .downloads_html import downloads_html
from .exports import export_files, page_url
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
    flows_dir: Path = config.FLOWS_DIR,
    cache_dir: Path = config.CACHE_DIR,
    with_runtime: bool = True,
    exports: bool = config.EXPORTS,
    site_url: str | None = None,
    date: str | None = None,
    script: str | None = None,
) -> Outputs:
    """Pages and assets; `exports` adds every flow's downloads (QR codes need `site_url`).

    `script` (script_variant.HANT in the Traditional edition): the downloads are made from the converted
    flows. The offline copy is one zip for both editions, published with the Simplified site
    (`config.OFFLINE_FROM` links it from the Traditional one)."""
    site = load_valid_site(flows_dir)
    svgs = render_all(site.flows, cache_dir)
    uses_checkers = any(f.checker for f in site.flows)
    out = Outputs(site, svgs)
    extras = None
    if exports:
        files, downloads = export_files(site.flows, site_url or None, date, cache_dir, script)
        out.assets.update(files)

        def extras(flow, base):
            d = downloads[flow.id]
            attrs = {"data-qr": base + d.files["qr"], "data-url": page_url(site_url, flow)} if "qr" in d.files else None
            return downloads_html(d, base, script), attrs

    if config.offline_zip() and not config.OFFLINE_FROM:
        out.assets[config.OFFLINE_ZIP_URL] = config.offline_zip()
    cites = citations()
    out.pages = site_pages(site, svgs, checker_renderer() if uses_checkers else None, cites, extras)
    out.assets[config.RECORDS_DATA] = records_index(site, cites)
    for flow in site.flows:
        out.assets[f"{config.DIAGRAM_DIR}/{flow.id}.svg"] = standalone(svgs[flow.id])
        out.assets[f"{config.POSTER_DIR}/{flow.id}.html"] = poster_html(flow, svgs[flow.id])
    if with_runtime:
        from .offline import offline_files
        from .runtime_assets import runtime_files

        out.assets.update(runtime_files(config.ROOT, with_pyodide=not config.RUNTIME_FROM))
        out.assets.update(offline_files(config.ROOT))
    return out
